"""`interviewer sessions [--json]`: the saved sessions, oldest first, damaged ones included.

The table shows each session's name (give it to `replay`, `rescore` or `export`), start
date, level, questions answered out of asked, mean coverage and status.

`--json` prints one array, one object per session folder:

- `id` (string): the session name, i.e. its folder name
- `folder` (string): the folder's full path
- `started_at` (string or null): ISO 8601 start time; for a damaged folder, the time in
  its name if it has one
- `level` (string or null): "beginner", "intermediate", "advanced" or "mixed"
- `question_count`, `answered` (integer or null): questions asked, and answered at least once
- `mean_coverage` (number 0..1 or null): mean best coverage over the questions answered or
  skipped (skips count 0); null when none was
- `finished` (boolean or null): false for a session that was quit or is still running
- `status` (string): "finished", "unfinished" or "damaged"
- `damaged` (string or null): why a damaged folder cannot be read

Every field but `id`, `folder`, `status` and `damaged` is null for a damaged folder
(`started_at` may not be).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from interviewer.cli.context import CliContext, add_command
from interviewer.session.listing import ListedSession
from interviewer.session.storage import SessionStore

_EPILOG = (
    "--json prints an array of objects with the fields id, folder, started_at, level, "
    "question_count, answered, mean_coverage (0..1), finished, status "
    "(finished|unfinished|damaged) and damaged (the reason, else null)."
)


def register(
    subparsers: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]
) -> None:
    """Add the `sessions` command."""
    parser = add_command(subparsers, parents, "sessions", "list saved sessions, oldest first")
    parser.epilog = _EPILOG
    parser.add_argument(
        "--json", action="store_true", help="print a JSON array instead of a table"
    )
    parser.set_defaults(func=run_sessions)


def run_sessions(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the table (or JSON) of every session folder in the sessions folder."""
    store = SessionStore(ctx.settings.sessions_dir())
    listed = store.list()
    if args.json:
        print(json.dumps([listed_to_dict(s) for s in listed], indent=1), file=ctx.stdout)
        return 0
    if not listed:
        print(f"no saved sessions in {store.root}", file=ctx.stdout)
        return 0
    for line in format_table(listed):
        print(line, file=ctx.stdout)
    return 0


def status(session: ListedSession) -> str:
    """"finished", "unfinished" or "damaged"."""
    if session.damaged is not None:
        return "damaged"
    return "finished" if session.finished else "unfinished"


def listed_to_dict(session: ListedSession) -> dict[str, object]:
    """One `--json` object (fields in the module docstring)."""
    data: dict[str, object] = asdict(session)
    data["folder"] = str(session.folder)
    data["status"] = status(session)
    return data


def format_table(listed: list[ListedSession]) -> list[str]:
    """A header line, then one line per session; columns fit the longest name."""
    width = max(len("SESSION"), *(len(s.id) for s in listed))
    lines = [f"{'SESSION':<{width}}  {'DATE':<16}  {'LEVEL':<12}  {'ANSWERED':>8}  "
             f"{'COVERAGE':>8}  STATUS"]
    for s in listed:
        date = "-" if s.started_at is None else s.started_at[:16].replace("T", " ")
        answered = (
            "-" if s.answered is None or s.question_count is None
            else f"{s.answered}/{s.question_count}"
        )
        coverage = "-" if s.mean_coverage is None else f"{s.mean_coverage:.0%}"
        state = f"damaged: {s.damaged}" if s.damaged is not None else status(s)
        lines.append(
            f"{s.id:<{width}}  {date:<16}  {s.level or '-':<12}  {answered:>8}  "
            f"{coverage:>8}  {state}"
        )
    return lines
