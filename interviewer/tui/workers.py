"""Which blocking jobs are still running in Textual's worker threads.

Thread workers cannot be interrupted, and Python waits for them at exit. A model load
(importing torch, reading weights) may still be running when the user quits; the app
uses this count to leave without waiting for work nobody needs any more.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class BusyCount:
    """A thread-safe count of jobs in progress, with a wait for it to reach zero."""

    def __init__(self) -> None:
        """Nothing running."""
        self._count = 0
        self._changed = threading.Condition()

    @property
    def count(self) -> int:
        """Jobs running now."""
        with self._changed:
            return self._count

    def add(self, delta: int) -> None:
        """A job started (+1) or ended (-1)."""
        with self._changed:
            self._count += delta
            self._changed.notify_all()

    def wait_idle(self, timeout_s: float) -> bool:
        """Block until no job runs, at most `timeout_s`; True if idle."""
        with self._changed:
            return self._changed.wait_for(lambda: self._count == 0, timeout_s)


BUSY = BusyCount()


def tracked(function: Callable[P, R]) -> Callable[P, R]:
    """Count the function as busy while it runs (put it under `@work(thread=True)`)."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        BUSY.add(1)
        try:
            return function(*args, **kwargs)
        finally:
            BUSY.add(-1)

    return wrapper
