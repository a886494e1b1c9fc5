"""While the app runs, native chatter on fds 1 and 2 goes to a log, not over the screen."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

CHILD = """
import os, sys
from pathlib import Path
from interviewer.tui.terminal import own_terminal

with own_terminal(Path(sys.argv[1])) as log:
    os.write(2, b"ALSA lib pcm.c: noise on fd 2\\n")  # what C libraries do
    os.write(1, b"espeak noise on fd 1\\n")
    sys.__stderr__.write(f"FRAME drawn by the app, log={log is not None}\\n")
    sys.__stderr__.flush()
sys.stderr.write("AFTER restored\\n")
sys.stderr.flush()
"""


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:  # the pty closes with EIO when the child is gone
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks).decode()


def test_native_writes_go_to_the_log_and_the_app_keeps_the_terminal(tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    master, slave = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(log)], stdout=slave, stderr=slave, close_fds=True
    )
    os.close(slave)
    screen = _read_all(master)
    child.wait(timeout=30)
    os.close(master)
    assert child.returncode == 0
    assert "FRAME drawn by the app, log=True" in screen
    assert "AFTER restored" in screen
    assert "noise" not in screen
    logged = log.read_text()
    assert "ALSA lib pcm.c: noise on fd 2" in logged
    assert "espeak noise on fd 1" in logged
    assert oct(log.stat().st_mode & 0o777) == "0o600"


def test_without_a_terminal_nothing_changes(tmp_path: Path) -> None:
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from interviewer.tui.terminal import own_terminal\n"
        "before = (sys.__stderr__, sys.stderr)\n"
        "with own_terminal(Path(sys.argv[1])) as log:\n"
        "    os.write(2, b'plain stderr\\n')\n"
        "    print(log, (sys.__stderr__, sys.stderr) == before)\n"
    )
    log = tmp_path / "app.log"
    done = subprocess.run(
        [sys.executable, "-c", code, str(log)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "None True"
    assert done.stderr == "plain stderr\n"  # a pipe is left alone: nothing to protect
    assert not log.exists()
