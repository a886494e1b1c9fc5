"""The `interviewer` command: with no subcommand it opens the app; subcommands do one job.

Every subcommand lives in its own `<name>_cmd.py` module exposing
`register(subparsers, parents) -> None`, which adds its parser and sets `func` to a
`(args, ctx) -> int` handler. UserErrors become one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from interviewer import __version__
from interviewer.cli.context import CliContext, settings_parent
from interviewer.errors import UserError

COMMANDS = (  # in the order `interviewer --help` lists them
    "questions",
    "score",
    "sessions",
    "replay",
    "rescore",
    "export",
    "progress",
    "bank",
    "devices",
    "say",
    "record",
    "transcribe",
    "doctor",
)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, every subcommand registered."""
    parent = settings_parent()
    parser = argparse.ArgumentParser(
        prog="interviewer",
        description="Rehearse AI/ML interviews out loud, offline. "
        "With no command, opens the app.",
        parents=[parent],
    )
    parser.add_argument("--version", action="version", version=f"interviewer {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"interviewer.cli.{name}_cmd")
        # A fresh parent each time: "resolve" conflicts edit the shared actions in place.
        module.register(subparsers, [settings_parent()])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for the console script and `python -m interviewer`."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        ctx = CliContext.from_args(args)
        if args.command is None:
            from interviewer.cli.app_cmd import run_app

            return run_app(ctx)
        return int(args.func(args, ctx) or 0)
    except UserError as exc:
        print(f"interviewer: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interviewer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `interviewer questions | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return 0
