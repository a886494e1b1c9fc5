"""`interviewer` with no command: open the app.

Set INTERVIEWER_FAKE_SPEECH=1 to run it with the simulated speech parts of speech/fakes.py
(no microphone, speaker or Whisper model needed): a demo, or a way to try the screens.
"""

from __future__ import annotations

from interviewer.cli.context import CliContext


def run_app(ctx: CliContext) -> int:
    """Run the Textual app until the user quits; 0 on a normal exit."""
    from interviewer import paths
    from interviewer.tui.app import InterviewApp
    from interviewer.tui.terminal import own_terminal

    app = InterviewApp(ctx.settings)
    with own_terminal(paths.cache_dir() / "app.log"):
        app.run()
    return int(app.return_code or 0)
