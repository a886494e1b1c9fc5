"""`interviewer` opens the app in a real terminal (a pty) and quits cleanly on `q`.

Runs with the fake speech parts (INTERVIEWER_FAKE_SPEECH=1), as a demo would.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

WAIT_S = 30.0


def _read_until(fd: int, needle: bytes, seen: bytearray) -> bool:
    deadline = time.monotonic() + WAIT_S
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                return needle in seen
    return needle in seen


def test_interviewer_opens_the_app_and_q_quits(tmp_path: Path) -> None:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = dict(
        os.environ,
        INTERVIEWER_FAKE_SPEECH="1",
        INTERVIEWER_HOME=str(tmp_path),
        TERM="xterm-256color",
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "interviewer"],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    seen = bytearray()
    try:
        assert _read_until(master, b"Your interview", seen), seen[-2000:]
        assert _read_until(master, b"simulated microphone", seen), "readiness shown"
        os.write(master, b"q")
        assert child.wait(timeout=WAIT_S) == 0
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    assert b"Traceback" not in seen
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
