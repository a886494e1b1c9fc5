"""Give the app the terminal to itself while native libraries write to fd 1 and fd 2.

Textual's Linux driver draws on `sys.__stderr__`, i.e. file descriptor 2. ALSA, PortAudio,
espeak and tqdm write to fd 2 (and sometimes fd 1) from C or from threads, which would
garble the screen, and `speech.quiet.silence_stderr` points fd 2 at /dev/null around
noisy calls, which would swallow the app's own frames. So while the app runs, Textual
draws on a private duplicate of the terminal and fds 1 and 2 go to a log file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


@contextmanager
def own_terminal(log_path: Path) -> Iterator[Path | None]:
    """Route fds 1 and 2 to `log_path` and point sys.__stdout__/__stderr__ at the terminal.

    Yields the log path, or None when stderr is not a terminal (tests, pipes), in which
    case nothing is changed. Everything is put back on exit, even after an exception.
    """
    try:
        interactive = os.isatty(2)
    except (OSError, ValueError):
        interactive = False
    if not interactive:
        yield None
        return
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    saved = {fd: os.dup(fd) for fd in (1, 2)}
    original = (sys.__stdout__, sys.__stderr__, sys.stdout, sys.stderr)
    for stream in original:
        if stream is not None:
            stream.flush()
    terminal_out = os.fdopen(os.dup(saved[1]), "w", buffering=1, encoding="utf-8")
    terminal_err = os.fdopen(os.dup(saved[2]), "w", buffering=1, encoding="utf-8")
    try:
        os.dup2(log_fd, 1)
        os.dup2(log_fd, 2)
        sys.__stdout__, sys.__stderr__ = terminal_out, terminal_err  # type: ignore[misc]
        sys.stdout, sys.stderr = terminal_out, terminal_err
        yield log_path
    finally:
        for stream in (terminal_out, terminal_err):
            with suppress(OSError, ValueError):
                stream.flush()
        sys.__stdout__, sys.__stderr__, sys.stdout, sys.stderr = original  # type: ignore[misc]
        for fd, copy in saved.items():
            os.dup2(copy, fd)
            os.close(copy)
        os.close(log_fd)
        terminal_out.close()
        terminal_err.close()
