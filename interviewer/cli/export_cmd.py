"""`interviewer export SESSION [--format md|html|json] [-o FILE] [--force]`: a shareable report."""

from __future__ import annotations

import argparse
from pathlib import Path

from interviewer.cli.context import CliContext, add_command

STDOUT = "-"


def register(
    subparsers: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]
) -> None:
    """Add the `export` command."""
    from interviewer.reports.formats import FORMATS

    parser = add_command(
        subparsers, parents, "export",
        "write a readable report of a session as Markdown, HTML or JSON",
    )
    parser.add_argument(
        "session", help="session id from `interviewer sessions` (or a unique prefix) or a folder"
    )
    parser.add_argument(
        "--format", choices=FORMATS, default=None,
        help="report format (default: from the -o file name's extension, else md)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", default=None,
        help="file to write, or - for standard output (default: SESSION-ID.FORMAT here)",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace the output file if it already exists"
    )
    parser.set_defaults(func=run_export)


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    """Render the session's report and write it where asked; say where on stdout."""
    from interviewer.reports.formats import format_for
    from interviewer.reports.write import default_name, render, write_report
    from interviewer.session.storage import SessionStore

    output = args.output
    chosen = None if output in (None, STDOUT) else Path(output)
    fmt = args.format or format_for(chosen)
    saved = SessionStore(ctx.settings.sessions_dir()).load(args.session)
    if output == STDOUT:
        ctx.stdout.write(render(saved, fmt))
        ctx.stdout.flush()
        return 0
    path = write_report(saved, fmt, chosen or default_name(saved, fmt), force=args.force)
    print(f"wrote {path}", file=ctx.stdout)
    return 0
