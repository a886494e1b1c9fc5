"""`interviewer` with no command: open the app.

Set INTERVIEWER_FAKE_SPEECH=1 to run it with the simulated speech parts of speech/fakes.py
(no microphone, speaker or Whisper model needed): a demo, or a way to try the screens.
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import TYPE_CHECKING

from interviewer.cli.context import CliContext

if TYPE_CHECKING:
    from interviewer.tui.app import InterviewApp

# After the app closes, how long worker threads may take to finish before the process
# leaves without them (a model load or device check cannot be interrupted).
EXIT_GRACE_S = 1.0


def run_app(ctx: CliContext, app: InterviewApp | None = None) -> int:
    """Run the Textual app (`app`, or one on the home screen) until the user quits; 0 on
    a normal exit."""
    from interviewer import paths
    from interviewer.tui.app import InterviewApp
    from interviewer.tui.terminal import own_terminal
    from interviewer.tui.workers import BUSY

    if app is None:
        app = InterviewApp(ctx.settings)
    # Our own loop: asyncio.run() would wait, after the screen is gone, for every worker
    # thread (e.g. a half-done import of torch) before returning.
    loop = asyncio.new_event_loop()
    with own_terminal(paths.cache_dir() / "app.log"):
        app.run(loop=loop)
    code = int(app.return_code or 0)
    if not BUSY.wait_idle(EXIT_GRACE_S):
        # Every answer is saved and the terminal is restored: nothing is lost by not
        # waiting for a model load nobody needs any more.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    loop.run_until_complete(loop.shutdown_default_executor())
    loop.close()
    return code
