"""`interviewer replay SESSION`: open the app on a saved session's replay.

The session is read before the app opens, so a name that does not exist, a name that
tries to leave the sessions folder, or a damaged folder is one line on stderr (exit 2)
and the terminal is never taken over.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from interviewer.cli.context import CliContext, add_command

if TYPE_CHECKING:
    from interviewer.session.records import SavedSession
    from interviewer.tui.app import InterviewApp


def register(
    subparsers: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]
) -> None:
    """Add the `replay` command."""
    parser = add_command(
        subparsers, parents, "replay",
        "play a saved session back: each answer with its transcript and feedback",
    )
    parser.add_argument(
        "session",
        help="a session name from `interviewer sessions` (or a unique start of one), "
        "or the path of a session folder, e.g. samples/strong",
    )
    parser.set_defaults(func=run_replay)


def load_session(ctx: CliContext, session: str) -> SavedSession:
    """The saved session meant by `session`; SessionError (one line) when it cannot be."""
    from interviewer.session.storage import SessionStore

    return SessionStore(ctx.settings.sessions_dir()).load(session)


def replay_app(ctx: CliContext, saved: SavedSession) -> InterviewApp:
    """The app, opening on `saved`'s replay instead of the home screen."""
    from interviewer.tui.app import InterviewApp
    from interviewer.tui.screens.replay import ReplayScreen

    return InterviewApp(ctx.settings, start_screen=lambda: ReplayScreen(saved))


def run_replay(args: argparse.Namespace, ctx: CliContext) -> int:
    """Load the session, then run the app on it until the user closes it."""
    from interviewer.cli.app_cmd import run_app

    saved = load_session(ctx, args.session)
    return run_app(ctx, replay_app(ctx, saved))
