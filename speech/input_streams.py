"""Where the recorder's audio comes from: a real PortAudio input stream, or an array.

Both are opened the same way, `factory(callback, block_s) -> (stream, sample_rate)`, and
both call `callback(indata, frames, time, status)` from their own thread exactly as
sounddevice does, so the recorder runs the same code either way. `ArrayInput` lets tests
and benchmarks drive the real recorder faster than real time and simulate failures.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

import numpy as np

from speech.errors import AudioDeviceError
from speech.types import SAMPLE_RATE

StreamCallback = Callable[[np.ndarray, int, Any, Any], None]

NO_MICROPHONE = "no microphone found: connect one, or answer in typed mode (--answer-mode typed)"


class InputStreamLike(Protocol):
    """The part of sounddevice.InputStream the recorder uses."""

    @property
    def active(self) -> bool:
        """Whether the stream is running."""
        ...

    def start(self) -> None:
        """Begin calling back."""
        ...

    def stop(self) -> None:
        """Stop calling back."""
        ...

    def close(self) -> None:
        """Release the device."""
        ...


StreamFactory = Callable[[StreamCallback, float], tuple[InputStreamLike, int]]


class SoundDeviceInput:
    """Opens the chosen microphone with PortAudio: 16 kHz if it can, else its own rate."""

    def __init__(self, device: str = "") -> None:
        self.device = device

    def __call__(self, callback: StreamCallback, block_s: float) -> tuple[InputStreamLike, int]:
        """Open (not start) a mono float32 input stream; AudioDeviceError if impossible."""
        from speech.devices import default_device, load_sounddevice, one_line, resolve_device
        from speech.quiet import silence_stderr

        sd = load_sounddevice()
        index = resolve_device(self.device, "input")
        if index is None and default_device("input") is None:
            raise AudioDeviceError(NO_MICROPHONE)
        rate = _supported_rate(sd, index)
        try:
            with silence_stderr():
                stream = sd.InputStream(
                    device=index,
                    samplerate=rate,
                    channels=1,
                    dtype="float32",
                    blocksize=max(1, round(rate * block_s)),
                    callback=callback,
                )
        except (sd.PortAudioError, ValueError) as exc:
            raise AudioDeviceError(
                f"cannot open the microphone ({one_line(exc)}); "
                "see `interviewer devices`, or answer in typed mode"
            ) from None
        return _QuietStream(stream), rate


def _supported_rate(sd: Any, index: int | None) -> int:
    """16 kHz when the device takes it (PulseAudio does), else the device's own rate."""
    from speech.quiet import silence_stderr

    try:
        with silence_stderr():
            sd.check_input_settings(
                device=index, channels=1, dtype="float32", samplerate=SAMPLE_RATE
            )
        return SAMPLE_RATE
    except (sd.PortAudioError, ValueError):
        info = sd.query_devices(index, "input")
        return int(info["default_samplerate"])


class _QuietStream:
    """A sounddevice stream whose start/stop/close keep ALSA's chatter off the terminal."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    @property
    def active(self) -> bool:
        return bool(self._stream.active)

    def start(self) -> None:
        from speech.quiet import silence_stderr

        with silence_stderr():
            self._stream.start()

    def stop(self) -> None:
        from speech.quiet import silence_stderr

        with silence_stderr():
            self._stream.stop()

    def close(self) -> None:
        from speech.quiet import silence_stderr

        with silence_stderr():
            self._stream.close()


class SimulatedFlags:
    """Stands in for sounddevice.CallbackFlags: falsy when all is well."""

    def __init__(self, text: str = "") -> None:
        self.text = text

    def __bool__(self) -> bool:
        return bool(self.text)

    def __str__(self) -> str:
        return self.text


class ArrayInput:
    """A pretend microphone that plays back an array through the stream callback protocol.

    `speed`: how many times faster than real time blocks are delivered. After the array,
    silence follows (a candidate who has stopped talking) until the stream is stopped.
    `stall_after_s`: stop delivering at that point in the audio, as an unplugged device does.
    `flags_after_s`: from that point every block carries an error status flag.
    """

    def __init__(
        self,
        audio: np.ndarray,
        *,
        rate: int = SAMPLE_RATE,
        speed: float = 1.0,
        stall_after_s: float | None = None,
        flags_after_s: float | None = None,
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.audio = np.asarray(audio, dtype=np.float32).reshape(-1)
        self.rate = rate
        self.speed = speed
        self.stall_after_s = stall_after_s
        self.flags_after_s = flags_after_s
        self.blocks_delivered = 0

    def __call__(self, callback: StreamCallback, block_s: float) -> tuple[InputStreamLike, int]:
        """Open a stream over the array (the StreamFactory signature)."""
        return _ArrayStream(self, callback, max(1, round(self.rate * block_s))), self.rate


class _ArrayStream:
    def __init__(self, source: ArrayInput, callback: StreamCallback, block: int) -> None:
        self._src = source
        self._callback = callback
        self._block = block
        self._halt = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def active(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="array-input", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._halt.set()
        if self._thread is not None:
            self._thread.join()

    def close(self) -> None:
        self.stop()

    def _run(self) -> None:
        src, n = self._src, self._block
        period = n / src.rate / src.speed
        t0 = time.monotonic()
        i = 0
        while not self._halt.is_set():
            at_s = i * n / src.rate
            if src.stall_after_s is not None and at_s >= src.stall_after_s:
                self._halt.wait()  # stays "active" but silent, like a vanished USB mic
                return
            block = src.audio[i * n : (i + 1) * n]
            if len(block) < n:
                block = np.concatenate([block, np.zeros(n - len(block), dtype=np.float32)])
            failing = src.flags_after_s is not None and at_s >= src.flags_after_s
            flags = SimulatedFlags("input overflow" if failing else "")
            self._callback(block.reshape(-1, 1), n, None, flags)
            src.blocks_delivered += 1
            i += 1
            delay = t0 + i * period - time.monotonic()
            if delay > 0:
                self._halt.wait(delay)
