"""Play one clip with transport controls: pause, resume, seek, and where playback is.

For replaying recorded answers: `run()` blocks on a worker thread while the UI thread calls
the controls. The output stream stays open for the whole run; its callback reads the clip
from a position the controls move (under a lock), so pausing and seeking take effect one
buffer later (about 0.25 s) without reopening the device, which would drop the first
~70 ms again. While paused the stream plays silence.

`position` is what is being *heard*, not what was last handed to the device: the callback
notes which stream frame is at the speaker (from PortAudio's output time, the buffer's
delay) and which part of the clip each stretch of stream frames held. A suspended sound
server can take over a second to start consuming a new stream; the position waits for it
instead of running ahead of the sound.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from speech.devices import default_device, device_label, load_sounddevice, one_line, resolve_device
from speech.errors import AudioDeviceError
from speech.playback import _LATENCY_S, _LEAD_IN_S, _TAIL_S, NO_OUTPUT, _mono_float32, _playable
from speech.quiet import silence_stderr

if TYPE_CHECKING:
    from types import ModuleType

_POLL_S = 0.02  # how often run() looks at the stop flag
# No callback for this long (paused or not: a paused stream still asks for silence) means
# the device is gone. Generous: a suspended PulseAudio sink took 1.7 s to resume (measured).
_STALL_S = 5.0
_MAX_SEGMENTS = 64  # a segment per seek/pause/resume still queued; the queue holds < 1 s


class _Transport:
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
            self.lead_left = round(_LEAD_IN_S * rate)
            self.tail_frames = round((_LATENCY_S + _TAIL_S) * rate)
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


class SoundDeviceSeekablePlayer:
    """speech.interfaces.SeekablePlayer over PortAudio.

    `device` is an index or part of a name ("" = the default output), resolved on each
    run. `clock` times the position between audio callbacks (injectable for tests).
    """

    def __init__(self, *, device: str = "", clock: Callable[[], float] = time.monotonic) -> None:
        self.device = device
        self._clock = clock
        self._lock = threading.Lock()
        self._transport: _Transport | None = None

    def _current(self) -> _Transport | None:
        with self._lock:
            return self._transport

    def load(self, audio: np.ndarray, sample_rate: int) -> None:
        """Use this clip from now on, at 0:00, not paused; a run of the previous one stops."""
        transport = _Transport(_mono_float32(audio), int(sample_rate), self._clock)
        with self._lock:
            old, self._transport = self._transport, transport
        if old is not None:
            old.stopped.set()

    def run(self) -> bool:
        """Play the loaded clip from the current position, blocking, until it has been heard
        to the end (True) or stop() (False). Pausing keeps it running.

        Run again after the end and it starts over. Raises AudioDeviceError (one line) when
        there is no usable output device or it stops working.
        """
        transport = self._current()
        if transport is None or transport.stopped.is_set():
            return False
        if len(transport.clip) == 0:
            transport.end(True)
            return True
        sd = load_sounddevice()
        index = resolve_device(self.device, "output")
        if index is None and default_device("output") is None:
            raise AudioDeviceError(NO_OUTPUT)
        rate, clip = _playable(sd, index, transport.clip, transport.rate)
        transport.begin(rate, clip)
        finished = False
        try:
            # ALSA and PortAudio print underrun notices from the audio thread while the
            # stream runs, so fd 2 stays quiet for the whole run.
            with silence_stderr():
                finished = _run_stream(sd, index, transport)
        finally:
            transport.end(finished)
        return finished

    def pause(self) -> None:
        """Pause a run (it keeps blocking, playing silence); a no-op with nothing loaded."""
        transport = self._current()
        if transport is not None:
            transport.set_paused(True)

    def resume(self) -> None:
        """Go on from where it was paused."""
        transport = self._current()
        if transport is not None:
            transport.set_paused(False)

    def seek(self, delta_s: float) -> float:
        """Move by `delta_s` seconds from what is heard now, clamped to the clip; the new
        position. Works while running, paused or idle."""
        transport = self._current()
        if transport is None:
            return 0.0
        return transport.seek_to(transport.position() + delta_s)

    def seek_to(self, seconds: float) -> float:
        """Move to `seconds` into the clip (clamped); the new position."""
        transport = self._current()
        return 0.0 if transport is None else transport.seek_to(seconds)

    def stop(self) -> None:
        """End the current run now (thread-safe). Runs of this clip return False at once
        until the next load(), so a stop that lands before run() starts is not lost."""
        transport = self._current()
        if transport is not None:
            transport.stopped.set()

    def close(self) -> None:
        """Stop and forget the clip."""
        with self._lock:
            transport, self._transport = self._transport, None
        if transport is not None:
            transport.stopped.set()

    @property
    def position(self) -> float:
        """Seconds into the clip of what is being heard (thread-safe, cheap)."""
        transport = self._current()
        return 0.0 if transport is None else transport.position()

    @property
    def duration(self) -> float:
        """The clip's length in seconds (0 with nothing loaded)."""
        transport = self._current()
        if transport is None:
            return 0.0
        with transport.lock:
            return len(transport.clip) / transport.rate

    @property
    def paused(self) -> bool:
        """True while paused."""
        transport = self._current()
        return transport is not None and transport.paused

    @property
    def running(self) -> bool:
        """True while run() is playing (paused or not)."""
        transport = self._current()
        return transport is not None and transport.running

    @property
    def finished(self) -> bool:
        """True once the clip was heard to the end (until a seek or another run)."""
        transport = self._current()
        return transport is not None and transport.finished


def _run_stream(sd: ModuleType, index: int | None, transport: _Transport) -> bool:
    """Open the stream, feed it from `transport` and wait until it drains or is stopped."""
    done = threading.Event()
    called = [time.monotonic()]

    def callback(outdata: np.ndarray, _frames: int, when: Any, _status: Any) -> None:
        called[0] = time.monotonic()
        delay = when.outputBufferDacTime - when.currentTime
        if not 0.0 < delay < 2.0:
            # Some host APIs report no times; assume the buffer we asked for is full,
            # except while it is first being filled.
            delay = min(_LATENCY_S, transport.fed / transport.rate)
        if not transport.fill(outdata[:, 0], delay):
            # CallbackStop lets the buffers already queued play out; PortAudio then calls
            # finished_callback, so `done` means "heard to the end".
            raise sd.CallbackStop

    try:
        stream = sd.OutputStream(
            samplerate=transport.rate,
            device=index,
            channels=1,
            dtype="float32",
            latency=_LATENCY_S,
            callback=callback,
            finished_callback=done.set,
        )
        stream.start()
    except (sd.PortAudioError, ValueError) as exc:
        label = device_label(index, "output")
        raise AudioDeviceError(f"cannot play on output device {label}: {one_line(exc)}") from None
    try:
        while not done.wait(_POLL_S):
            if transport.stopped.is_set():
                return False
            if time.monotonic() - called[0] > _STALL_S:
                raise AudioDeviceError("the output device stopped playing (is it still there?)")
        return True
    finally:
        try:
            stream.abort(ignore_errors=True)
            stream.close(ignore_errors=True)
        except sd.PortAudioError:
            pass
