"""A fake seekable player (replay without a sound card), on a clock the caller controls.

Re-exported by speech.fakes with the other fakes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import numpy as np

from speech.errors import AudioDeviceError


class FakeSeekablePlayer:
    """speech.interfaces.SeekablePlayer without a sound card: the position advances on
    `clock` while running and not paused, so a test that moves the clock by hand (or keeps
    it still, for snapshots) decides exactly where playback is.

    `fail_with` makes run() fail as a missing output device does. `loaded` keeps the
    (samples, sample_rate) of every clip loaded.
    """

    def __init__(
        self, *, clock: Callable[[], float] = time.monotonic, fail_with: str | None = None
    ) -> None:
        self.clock = clock
        self.fail_with = fail_with
        self.loaded: list[tuple[int, int]] = []
        self.runs = 0
        self._lock = threading.Lock()
        self._duration = 0.0
        self._at = 0.0  # the position when `_since` was read from the clock
        self._since = 0.0
        self._paused = False
        self._running = False
        self._finished = False
        self._stop = threading.Event()

    def load(self, audio: np.ndarray, sample_rate: int) -> None:
        """Take the clip's length; 0:00, not paused; a run of the previous clip stops."""
        with self._lock:
            self._stop.set()
            self._stop = threading.Event()
            self.loaded.append((len(audio), sample_rate))
            self._duration = len(audio) / sample_rate if sample_rate else 0.0
            self._at, self._paused, self._finished = 0.0, False, False

    def run(self) -> bool:
        """Block until the clock has moved past the end (True) or stop() (False)."""
        if self.fail_with:
            raise AudioDeviceError(self.fail_with)
        with self._lock:
            stop = self._stop
            if stop.is_set():
                return False
            self.runs += 1
            if self._at >= self._duration:
                self._at = 0.0
            self._since = self.clock()
            self._running, self._finished = True, False
        try:
            while not stop.wait(0.005):
                with self._lock:
                    if self._now() >= self._duration:
                        self._at, self._finished = self._duration, True
                        return True
            return False
        finally:
            with self._lock:
                self._at = self._now()
                self._running = False

    def _now(self) -> float:
        if not self._running or self._paused:
            return self._at
        return min(self._duration, self._at + max(0.0, self.clock() - self._since))

    def _restart(self, at: float) -> None:
        self._at, self._since = at, self.clock()

    def pause(self) -> None:
        """Hold the position."""
        with self._lock:
            if not self._paused:
                self._restart(self._now())
                self._paused = True

    def resume(self) -> None:
        """Let the position advance again."""
        with self._lock:
            if self._paused:
                self._paused = False
                self._restart(self._at)

    def seek(self, delta_s: float) -> float:
        """Move by `delta_s`, clamped to the clip."""
        with self._lock:
            return self._seek_to(self._now() + delta_s)

    def seek_to(self, seconds: float) -> float:
        """Move to `seconds`, clamped to the clip."""
        with self._lock:
            return self._seek_to(seconds)

    def _seek_to(self, seconds: float) -> float:
        self._restart(min(self._duration, max(0.0, seconds)))
        self._finished = False
        return self._at

    def stop(self) -> None:
        """End the run; runs of this clip return False until the next load()."""
        with self._lock:
            self._stop.set()

    def close(self) -> None:
        """Stop and forget the clip."""
        with self._lock:
            self._stop.set()
            self._duration = self._at = 0.0

    @property
    def position(self) -> float:
        """Where the clock says playback is."""
        with self._lock:
            return self._now()

    @property
    def duration(self) -> float:
        """The loaded clip's length."""
        return self._duration

    @property
    def paused(self) -> bool:
        """True while paused."""
        return self._paused

    @property
    def running(self) -> bool:
        """True while run() blocks."""
        return self._running

    @property
    def finished(self) -> bool:
        """True once run() reached the end."""
        return self._finished
