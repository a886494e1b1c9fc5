"""Play one clip with transport controls: pause, resume, seek, and where playback is.

For replaying recorded answers: `run()` blocks on a worker thread while the UI thread calls
the controls. The output stream stays open for the whole run; its callback reads the clip
from a position the controls move (under a lock), so pausing and seeking take effect one
buffer later (about 0.25 s) without reopening the device, which would drop the first
~70 ms again. While paused the stream plays silence.

`position` is what is being *heard*, not what was last handed to the device: the callback
notes which stream frame is at the speaker (from PortAudio's output time, the buffer's
delay) and speech/transport.py which part of the clip each stretch of stream frames held.
A suspended sound server can take over a second to start consuming a new stream; the
position waits for it instead of running ahead of the sound.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from speech.devices import default_device, load_sounddevice, resolve_device
from speech.errors import AudioDeviceError
from speech.playback import (
    LATENCY_S,
    NO_OUTPUT,
    mono_float32,
    playable,
    start_output_stream,
)
from speech.quiet import silence_stderr
from speech.transport import Transport

if TYPE_CHECKING:
    from types import ModuleType

_POLL_S = 0.02  # how often run() looks at the stop flag
# No callback for this long (paused or not: a paused stream still asks for silence) means
# the device is gone. Generous: a suspended PulseAudio sink took 1.7 s to resume (measured).
_STALL_S = 5.0


class SoundDeviceSeekablePlayer:
    """speech.interfaces.SeekablePlayer over PortAudio.

    `device` is an index or part of a name ("" = the default output), resolved on each
    run. `clock` times the position between audio callbacks (injectable for tests).
    """

    def __init__(self, *, device: str = "", clock: Callable[[], float] = time.monotonic) -> None:
        self.device = device
        self._clock = clock
        self._lock = threading.Lock()
        self._transport: Transport | None = None

    def _current(self) -> Transport | None:
        with self._lock:
            return self._transport

    def load(self, audio: np.ndarray, sample_rate: int) -> None:
        """Use this clip from now on, at 0:00, not paused; a run of the previous one stops."""
        transport = Transport(mono_float32(audio), int(sample_rate), self._clock)
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
        rate, clip = playable(sd, index, transport.clip, transport.rate)
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


def _run_stream(sd: ModuleType, index: int | None, transport: Transport) -> bool:
    """Open the stream, feed it from `transport` and wait until it drains or is stopped."""
    done = threading.Event()
    called = [time.monotonic()]

    def callback(outdata: np.ndarray, _frames: int, when: Any, _status: Any) -> None:
        called[0] = time.monotonic()
        delay = when.outputBufferDacTime - when.currentTime
        if not 0.0 < delay < 2.0:
            # Some host APIs report no times; assume the buffer we asked for is full,
            # except while it is first being filled.
            delay = min(LATENCY_S, transport.fed / transport.rate)
        if not transport.fill(outdata[:, 0], delay):
            # CallbackStop lets the buffers already queued play out; PortAudio then calls
            # finished_callback, so `done` means "heard to the end".
            raise sd.CallbackStop

    stream = start_output_stream(sd, index, transport.rate, callback, done)
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
