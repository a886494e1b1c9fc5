"""Keep native libraries' chatter off the terminal.

ALSA ("ALSA lib pcm.c: Unknown PCM ..."), PortAudio and espeak write straight to file
descriptor 2 from C, so `contextlib.redirect_stderr` (which swaps the Python object only)
cannot catch them: fd 2 itself has to point at /dev/null while they run.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# fd 2 is process-wide, so nested or concurrent users share one redirection: the first one
# in swaps /dev/null onto fd 2 and the last one out puts the saved descriptor back. Without
# the count, an inner exit (or another thread's) would restore stderr while an outer noisy
# call is still running, or restore the /dev/null copy for good.
_lock = threading.Lock()
_depth = 0
_saved_fd: int | None = None


@contextmanager
def silence_stderr() -> Iterator[None]:
    """Point file descriptor 2 at /dev/null for the duration of the block.

    Safe to nest and to use from several threads at once. While any block is active, every
    thread's writes to fd 2 are discarded, so keep the blocks around the noisy native calls
    only. If fd 2 cannot be redirected (no /dev/null, closed fd), the block runs unchanged.
    """
    _enter()
    try:
        yield
    finally:
        _exit()


def _enter() -> None:
    global _depth, _saved_fd
    with _lock:
        _depth += 1
        if _depth > 1:
            return
        # Python-level text already written must reach the real stderr first.
        with contextlib.suppress(AttributeError, OSError, ValueError):
            sys.stderr.flush()
        try:
            saved = os.dup(2)
        except OSError:
            return  # no fd 2 to protect
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
        except OSError:
            os.close(saved)
            return
        try:
            os.dup2(devnull, 2)
        except OSError:
            os.close(saved)
            return
        finally:
            os.close(devnull)
        _saved_fd = saved


def _exit() -> None:
    global _depth, _saved_fd
    with _lock:
        _depth -= 1
        if _depth > 0 or _saved_fd is None:
            return
        saved, _saved_fd = _saved_fd, None
        try:
            os.dup2(saved, 2)
        finally:
            os.close(saved)
