"""`interviewer` opens the app in a real terminal (a pty) and quits cleanly on `q`.

Runs with the fake speech parts (INTERVIEWER_FAKE_SPEECH=1), as a demo would.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.pty_app import pty_app


def test_interviewer_opens_the_app_and_q_quits(tmp_path: Path) -> None:
    env = dict(os.environ, INTERVIEWER_FAKE_SPEECH="1", INTERVIEWER_HOME=str(tmp_path))
    with pty_app([], env) as app:
        assert app.read_until(b"Your interview"), app.seen[-2000:]
        assert app.read_until(b"simulated microphone"), "readiness shown"
        app.press(b"q")
        assert app.wait_exit() == 0
    assert b"Traceback" not in app.seen
    assert (tmp_path / "cache" / "app.log").exists()  # native output went there


def test_busy_count_tracks_jobs_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    import interviewer.tui.workers as workers

    count = workers.BusyCount()
    monkeypatch.setattr(workers, "BUSY", count)
    release = threading.Event()
    started = threading.Event()

    def job() -> str:
        started.set()
        release.wait()
        return "done"

    thread = threading.Thread(target=workers.tracked(job))
    thread.start()
    assert started.wait(5)
    assert count.count == 1
    assert count.wait_idle(0.05) is False
    release.set()
    assert count.wait_idle(5) is True
    thread.join()
