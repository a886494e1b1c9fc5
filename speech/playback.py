"""Play mono audio through a sounddevice output stream, blocking and stoppable."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

import numpy as np

from speech.devices import (
    default_device,
    device_label,
    load_sounddevice,
    one_line,
    resolve_device,
)
from speech.errors import AudioDeviceError
from speech.quiet import silence_stderr

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

NO_OUTPUT = (
    "no audio output device found: connect speakers or headphones (see `interviewer devices`)"
)
# Measured over ALSA's PulseAudio plugin (a null sink, recording its monitor):
# - the first ~70 ms written to a new stream can be dropped, which would clip the first
#   syllable of a question: a short silent lead-in absorbs it;
# - PortAudio reports the stream finished about one output latency before the end is
#   heard, and closing then drops the rest: silence after the clip absorbs that;
# - at PortAudio's default ("high" = 35 ms there) latency the callback sometimes runs in
#   an endless underrun and races through the clip in a fraction of its length, heard as
#   nothing at all; 0.2 s of buffering avoided it, and latency does not matter for speech.
LEAD_IN_S = 0.15
LATENCY_S = 0.2
TAIL_S = 0.1
_POLL_S = 0.02  # how often the waiting thread looks at the stop flag
# A stream that has not finished this long after the clip should have ended is stuck
# (sound server gone, device unplugged); give up rather than block the caller forever.
_STALL_GRACE_S = 5.0


class SoundDevicePlayer:
    """speech.interfaces.Player over PortAudio.

    `device` is an index or part of a name ("" = the default output). The device is
    resolved on each play, so a device plugged in later is found.
    """

    def __init__(self, *, device: str = "") -> None:
        self.device = device
        self._stop = threading.Event()

    def play(self, audio: np.ndarray, sample_rate: int) -> bool:
        """Play mono float32 audio until it has been heard to the end, or stop().

        True if it finished, False if stopped. Raises AudioDeviceError (one line) when there
        is no usable output device or it fails.
        """
        self._stop.clear()
        return self.play_until(audio, sample_rate, self._stop)

    def stop(self) -> None:
        """Interrupt the current play() (thread-safe; a no-op when idle)."""
        self._stop.set()

    def play_until(self, audio: np.ndarray, sample_rate: int, stop: threading.Event) -> bool:
        """Like play(), but interrupted by an event the caller owns.

        Lets a caller (the speaker) keep one stop flag across synthesis and playback, so a
        stop() that lands between the two is not lost.
        """
        clip = mono_float32(audio)
        if len(clip) == 0 or stop.is_set():
            return not stop.is_set()
        sd = load_sounddevice()
        index = resolve_device(self.device, "output")
        if index is None and default_device("output") is None:
            raise AudioDeviceError(NO_OUTPUT)
        rate, clip = playable(sd, index, clip, int(sample_rate))
        lead_in = np.zeros(round(LEAD_IN_S * rate), dtype=np.float32)
        tail = np.zeros(round((LATENCY_S + TAIL_S) * rate), dtype=np.float32)
        # ALSA and PortAudio print underrun notices from the audio thread while the stream
        # runs, so fd 2 stays quiet for the whole playback, not just around the open.
        with silence_stderr():
            return _play_stream(sd, index, np.concatenate([lead_in, clip, tail]), rate, stop)


def mono_float32(audio: np.ndarray) -> np.ndarray:
    """A 1-D float32 copy; multi-channel input is averaged down to mono."""
    data = np.array(audio, dtype=np.float32)  # a copy: the caller's array may be read-only
    if data.ndim > 1:
        data = data.mean(axis=1, dtype=np.float32)
    return np.nan_to_num(np.ascontiguousarray(data.reshape(-1)), copy=False)


def playable(
    sd: ModuleType, index: int | None, clip: np.ndarray, rate: int
) -> tuple[int, np.ndarray]:
    """Open at the clip's own rate when the device takes it; otherwise resample to its rate.

    Playing at the clip's rate avoids resampling work and artefacts; hardware devices
    (ALSA hw:) often accept only 44.1/48 kHz, so those get a polyphase resample.
    """
    try:
        with silence_stderr():
            sd.check_output_settings(device=index, channels=1, dtype="float32", samplerate=rate)
        return rate, clip
    except (sd.PortAudioError, ValueError):
        pass
    try:
        with silence_stderr():
            info = sd.query_devices(index, "output")
    except (sd.PortAudioError, ValueError) as exc:
        raise AudioDeviceError(f"no usable output device: {one_line(exc)}") from None
    target = int(info["default_samplerate"])
    return target, resample(clip, rate, target)


def resample(clip: np.ndarray, rate: int, target: int) -> np.ndarray:
    """Band-limited resampling of mono float32 audio from `rate` to `target` Hz."""
    if rate == target:
        return clip
    from math import gcd

    from scipy.signal import resample_poly

    g = gcd(rate, target)
    return resample_poly(clip, target // g, rate // g).astype(np.float32)


def start_output_stream(
    sd: ModuleType,
    index: int | None,
    rate: int,
    callback: Callable[..., None],
    done: threading.Event,
) -> Any:
    """Open and start a mono float32 output stream fed by `callback`; `done` is set once
    what was queued has been heard. AudioDeviceError (one line) when it cannot open."""
    try:
        stream = sd.OutputStream(
            samplerate=rate,
            device=index,
            channels=1,
            dtype="float32",
            latency=LATENCY_S,
            callback=callback,
            finished_callback=done.set,
        )
        stream.start()
    except (sd.PortAudioError, ValueError) as exc:
        label = device_label(index, "output")
        raise AudioDeviceError(f"cannot play on output device {label}: {one_line(exc)}") from None
    return stream


def _play_stream(
    sd: ModuleType, index: int | None, clip: np.ndarray, rate: int, stop: threading.Event
) -> bool:
    """Feed `clip` to an output stream from its callback and wait for it to drain."""
    position = 0
    done = threading.Event()

    def callback(outdata: np.ndarray, frames: int, _time: Any, _status: Any) -> None:
        nonlocal position
        chunk = clip[position : position + frames]
        outdata[: len(chunk), 0] = chunk
        outdata[len(chunk) :] = 0
        position += len(chunk)
        if position >= len(clip):
            # CallbackStop lets the buffers already queued play out; PortAudio then calls
            # finished_callback, so `done` means "heard to the end", not "handed over".
            raise sd.CallbackStop

    with silence_stderr():
        stream = start_output_stream(sd, index, rate, callback, done)
    deadline = time.monotonic() + len(clip) / rate + _STALL_GRACE_S
    try:
        while not done.wait(_POLL_S):
            if stop.is_set():
                return False
            if time.monotonic() > deadline:
                raise AudioDeviceError("the output device stopped playing (is it still there?)")
        return True
    finally:
        _close(sd, stream)


def _close(sd: ModuleType, stream: Any) -> None:
    """Abort (drop queued audio at once) and close; a vanished device must not raise here."""
    try:
        with silence_stderr():
            stream.abort(ignore_errors=True)
            stream.close(ignore_errors=True)
    except sd.PortAudioError:
        pass
