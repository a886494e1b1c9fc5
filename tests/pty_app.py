"""Run `python -m interviewer ...` in a real terminal (a pty) and read what it draws."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

WAIT_S = 30.0  # generous: the machine is shared; nothing here measures speed


@dataclass
class PtyApp:
    """A running interviewer process on a pty, and every byte it has drawn so far."""

    child: subprocess.Popen[bytes]
    master: int
    seen: bytearray = field(default_factory=bytearray)

    def read_until(self, needle: bytes, wait_s: float = WAIT_S) -> bool:
        """Read the screen output until `needle` appears (True) or `wait_s` passes."""
        deadline = time.monotonic() + wait_s
        while needle not in self.seen and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:  # the child closed the terminal
                    return needle in self.seen
        return needle in self.seen

    def press(self, keys: bytes) -> None:
        """Type `keys` into the terminal."""
        os.write(self.master, keys)

    def wait_exit(self, wait_s: float = WAIT_S) -> int:
        """The exit status, reading on meanwhile: a child whose last screen update fills
        the pty would otherwise block on writing and never exit."""
        deadline = time.monotonic() + wait_s
        while self.child.poll() is None and time.monotonic() < deadline:
            self.read_until(b"\0never", wait_s=0.2)
        return self.child.wait(timeout=1)


@contextmanager
def pty_app(args: Sequence[str], env: dict[str, str]) -> Iterator[PtyApp]:
    """Start `python -m interviewer *args` on a 100x30 pty; kill it if still running after."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    child = subprocess.Popen(
        [sys.executable, "-m", "interviewer", *args],
        stdin=slave, stdout=slave, stderr=slave, env={**env, "TERM": "xterm-256color"},
        close_fds=True, start_new_session=True,
    )
    os.close(slave)
    app = PtyApp(child, master)
    try:
        yield app
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
