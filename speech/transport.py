"""The state a seekable playback shares between the UI thread and the audio callback.

`Transport` holds one clip, where reading from it goes on next, whether it is paused,
and which stretch of the output stream held which part of the clip, so that `position`
can say what is being heard now rather than what was last handed to the device (about a
quarter of a second ahead of it). Every field is read and written under one lock; the
callback holds it only while copying one block.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

import numpy as np

from speech.playback import LATENCY_S, LEAD_IN_S, TAIL_S

_MAX_SEGMENTS = 64  # a segment per seek/pause/resume still queued; the queue holds < 1 s


class Transport:
    """One loaded clip's playback state, shared by the UI thread and the audio callback.

    Every field is read and written under `lock`. Stream frames count what the current
    run's stream was given (lead-in and silences included); clip indices count samples of
    the clip at `rate`.
    """

    def __init__(self, clip: np.ndarray, rate: int, clock: Callable[[], float]) -> None:
        self.lock = threading.Lock()
        self.clip = clip
        self.rate = rate
        self.clock = clock
        self.stopped = threading.Event()
        self.read = 0  # the next clip sample to hand to the device
        self.paused = False
        self.finished = False
        self.running = False
        # Per run:
        self.fed = 0  # stream frames handed over so far
        self.lead_left = 0
        self.tail_left = 0
        self.tail_frames = 0
        # (first stream frame, clip index, clip frames): what a stretch of the stream held;
        # 0 clip frames = silence sitting at that clip index (lead-in, pause, tail).
        self.segments: deque[tuple[int, int, int]] = deque(maxlen=_MAX_SEGMENTS)
        # The last callback: (clock time, stream frame being heard then, frames it asked for).
        self.last_call: tuple[float, int, int] | None = None
        # After a seek or resume the new place is shown at once, until the device plays
        # the first frame of it (`shown_from`, a stream frame; None = not handed over yet).
        self.shown: int | None = None
        self.shown_from: int | None = None

    # --- controls (UI thread) ------------------------------------------------------------

    def begin(self, rate: int, clip: np.ndarray) -> None:
        """Start a run at the device's rate; a run from the very end starts over."""
        with self.lock:
            if rate != self.rate:
                self.read = round(self.read * rate / self.rate)
                self.rate, self.clip = rate, clip
            if self.read >= len(self.clip):
                self.read = 0
            self.running = True
            self.finished = False
            self.fed = 0
            self.lead_left = round(LEAD_IN_S * rate)
            self.tail_frames = round((LATENCY_S + TAIL_S) * rate)
            self.tail_left = self.tail_frames
            self.segments.clear()
            self.last_call = None
            self._show(self.read)

    def end(self, finished: bool) -> None:
        """The run is over: heard to the end (`finished`), or stopped."""
        with self.lock:
            if finished:
                self.finished = True
                self.read = len(self.clip)
            else:
                # Continue later from what was heard, not from what was queued.
                self.read = self._index_now()
            self.running = False
            self.shown = None

    def seek_to(self, seconds: float) -> float:
        """Move to `seconds` (clamped to the clip); the new position in seconds."""
        with self.lock:
            target = min(len(self.clip), max(0, round(seconds * self.rate)))
            self.read = target
            self.finished = False
            self.tail_left = self.tail_frames
            self._show(target)
            return target / self.rate

    def position(self) -> float:
        """Seconds into the clip of what is being heard (or where playback would go on)."""
        with self.lock:
            return self._index_now() / self.rate

    def set_paused(self, paused: bool) -> None:
        """Pause (the stream plays silence) or resume from where it was paused."""
        with self.lock:
            if paused and not self.paused and self.running:
                # What is already queued still plays; resuming goes on from the heard place
                # so nothing is skipped.
                self.read = self._index_now()
            self.paused = paused
            if not paused:
                self._show(self.read)

    def _show(self, index: int) -> None:
        self.shown = index
        self.shown_from = None

    def _index_now(self) -> int:
        if not self.running or self.paused:
            return self.read
        heard = self._heard_frame()
        if self.shown is not None:
            if self.shown_from is None or heard is None or heard < self.shown_from:
                return self.shown
            self.shown = None
        if heard is None:
            return self.read
        return self._clip_index(heard)

    def _heard_frame(self) -> int | None:
        """The stream frame at the speaker now, from the last callback; None before it."""
        if self.last_call is None:
            return None
        at, frame, frames = self.last_call
        # Between callbacks the device plays on; never further than one block, so a stalled
        # or suspended device does not make the position run ahead of the sound.
        ahead = min(frames, max(0, round((self.clock() - at) * self.rate)))
        return frame + ahead

    def _clip_index(self, frame: int) -> int:
        index = self.read
        for start, clip_index, count in self.segments:
            if start > frame:
                break
            index = clip_index + min(count, frame - start)
        return index

    # --- the audio callback --------------------------------------------------------------

    def fill(self, out: np.ndarray, delay_s: float) -> bool:
        """Write the next block into `out` (1-D); False once the clip and tail are done.

        `delay_s`: how long until this block is heard (PortAudio's output time minus now).
        """
        frames = len(out)
        with self.lock:
            delay = round(delay_s * self.rate)
            self.last_call = (self.clock(), max(0, self.fed - delay), frames)
            done = 0
            while done < frames:
                room = frames - done
                if self.lead_left:
                    n = min(room, self.lead_left)
                    self.lead_left -= n
                    self._silence(out, done, n)
                elif self.paused:
                    n = room
                    self._silence(out, done, n)
                elif self.read < len(self.clip):
                    n = min(room, len(self.clip) - self.read)
                    out[done : done + n] = self.clip[self.read : self.read + n]
                    self._note(self.read, n)
                    if self.shown is not None and self.shown_from is None:
                        self.shown_from = self.fed
                    self.read += n
                    self.tail_left = self.tail_frames
                elif self.tail_left:
                    # Silence after the end: PortAudio says "finished" about one latency
                    # before the last samples are heard, and closing then would drop them.
                    n = min(room, self.tail_left)
                    self.tail_left -= n
                    self._silence(out, done, n)
                else:
                    out[done:] = 0
                    return False
                self.fed += n
                done += n
            return True

    def _silence(self, out: np.ndarray, at: int, n: int) -> None:
        out[at : at + n] = 0
        self._note(self.read, 0)

    def _note(self, clip_index: int, count: int) -> None:
        """Record that the stream frames from `fed` on hold the clip from `clip_index`."""
        if self.segments:
            start, last_index, last_count = self.segments[-1]
            contiguous = start + last_count == self.fed and last_index + last_count == clip_index
            if count and last_count and contiguous:
                self.segments[-1] = (start, last_index, last_count + count)
                return
            if not count and not last_count and last_index == clip_index:
                return  # more of the same silence
        self.segments.append((self.fed, clip_index, count))
