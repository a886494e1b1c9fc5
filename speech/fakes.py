"""Fake speaker, player, recorder and transcriber: real, reusable test doubles.

Like httpx's MockTransport they implement the same interfaces as the real parts and behave
plausibly (blocking, stoppable, emitting levels and utterances, writing the spool file), so
tests and demos run the whole product with no sound card and no model.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from speech.errors import AudioDeviceError, TTSUnavailable
from speech.fake_seekable import FakeSeekablePlayer  # noqa: F401  (one place for all fakes)
from speech.interfaces import ProgressCallback
from speech.types import (
    SAMPLE_RATE,
    AudioLevel,
    Recording,
    Segment,
    SpeechRegion,
    StopReason,
    Transcript,
    Utterance,
    Word,
)

_BLOCK_S = 0.1


class FakeSpeaker:
    """Remembers what it was asked to say; optionally takes time or fails like the real one."""

    def __init__(self, *, seconds_per_call: float = 0.0, fail_with: str | None = None) -> None:
        self.spoken: list[str] = []
        self.seconds_per_call = seconds_per_call
        self.fail_with = fail_with
        self._stop = threading.Event()

    def say(self, text: str) -> bool:
        """Record `text` as spoken; wait `seconds_per_call` unless stopped."""
        if self.fail_with:
            raise TTSUnavailable(self.fail_with)
        self._stop.clear()
        self.spoken.append(text)
        return not self._stop.wait(self.seconds_per_call)

    def stop(self) -> None:
        """Interrupt the current say()."""
        self._stop.set()


class FakePlayer:
    """Remembers what it played; playback takes `seconds_per_call` unless stopped."""

    def __init__(self, *, seconds_per_call: float = 0.0) -> None:
        self.played: list[tuple[int, int]] = []  # (samples, sample_rate)
        self.seconds_per_call = seconds_per_call
        self._stop = threading.Event()

    def play(self, audio: np.ndarray, sample_rate: int) -> bool:
        """Record the clip; wait unless stopped."""
        self._stop.clear()
        self.played.append((len(audio), sample_rate))
        return not self._stop.wait(self.seconds_per_call)

    def stop(self) -> None:
        """Interrupt the current play()."""
        self._stop.set()


def synthetic_speech(seconds: float, *, seed: int = 0) -> np.ndarray:
    """A voice-like test signal: a 150 Hz buzz with harmonics, syllable-rate amplitude."""
    n = max(0, round(seconds * SAMPLE_RATE))
    t = np.arange(n, dtype=np.float32) / SAMPLE_RATE
    rng = np.random.default_rng(seed)
    buzz = sum(np.sin(2 * np.pi * 150 * k * t) / k for k in range(1, 6))
    envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 4 * t)  # ~4 syllables a second
    signal = 0.2 * buzz * envelope + 0.01 * rng.standard_normal(n)
    return signal.astype(np.float32)


class FakeRecorder:
    """Produces a synthetic answer: `speech_s` of speech, then the pause that ends it.

    `realtime` scales how long recording really takes (0 = instantly, 1 = real time).
    `wait_for_stop` keeps recording (emitting silence-level blocks) until stop() is called,
    as a real recorder does while the candidate thinks. `fail_after_s` simulates the
    microphone disappearing mid-answer. `no_device` simulates having no microphone at all.
    """

    def __init__(
        self,
        *,
        speech_s: float = 2.0,
        pause_s: float = 3.0,
        realtime: float = 0.0,
        wait_for_stop: bool = False,
        fail_after_s: float | None = None,
        no_device: bool = False,
    ) -> None:
        self.speech_s = speech_s
        self.pause_s = pause_s
        self.realtime = realtime
        self.wait_for_stop = wait_for_stop
        self.fail_after_s = fail_after_s
        self.no_device = no_device
        self.recordings = 0
        self._stop = threading.Event()

    def stop(self) -> None:
        """End the recording now."""
        self._stop.set()

    def record(
        self,
        *,
        spool_path: Path | None = None,
        on_level: Callable[[AudioLevel], None] | None = None,
        on_utterance: Callable[[Utterance], None] | None = None,
    ) -> Recording:
        """Emit blocks of synthetic audio until stop, pause, or the simulated failure."""
        if self.no_device:
            raise AudioDeviceError("no microphone found (connect one, or answer in typed mode)")
        self._stop.clear()
        self.recordings += 1
        voice = synthetic_speech(self.speech_s, seed=self.recordings)
        block = round(_BLOCK_S * SAMPLE_RATE)
        chunks: list[np.ndarray] = []
        reason = StopReason.PAUSE
        warning: str | None = None
        writer = _open_spool(spool_path)
        try:
            elapsed = 0.0
            while True:
                if self._stop.is_set():
                    reason = StopReason.KEY
                    break
                if self.fail_after_s is not None and elapsed >= self.fail_after_s:
                    reason = StopReason.DEVICE_ERROR
                    warning = "the microphone stopped working; what was recorded is kept"
                    break
                done = sum(len(c) for c in chunks)
                if done < len(voice):
                    chunk = voice[done : done + block]
                else:
                    silent_s = (done - len(voice)) / SAMPLE_RATE
                    if not self.wait_for_stop and silent_s >= self.pause_s:
                        break
                    chunk = np.zeros(block, dtype=np.float32)
                chunks.append(chunk)
                if writer is not None:
                    writer.write(chunk)
                if on_level is not None:
                    on_level(_level(chunk))
                elapsed += _BLOCK_S
                if self.realtime:
                    time.sleep(_BLOCK_S * self.realtime)
        finally:
            if writer is not None:
                writer.close()
        audio = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
        end = min(self.speech_s, len(audio) / SAMPLE_RATE)
        regions = (SpeechRegion(0.0, end),) if end > 0 else ()
        if on_utterance is not None and end > 0:
            on_utterance(Utterance(audio=audio[: round(end * SAMPLE_RATE)], start=0.0, end=end))
        return Recording(
            audio=audio, regions=regions, stop_reason=reason, path=spool_path, warning=warning
        )


def _open_spool(path: Path | None):
    if path is None:
        return None
    import soundfile

    path.parent.mkdir(parents=True, exist_ok=True)
    return soundfile.SoundFile(
        str(path), mode="w", samplerate=SAMPLE_RATE, channels=1, subtype="PCM_16"
    )


def _level(chunk: np.ndarray) -> AudioLevel:
    if len(chunk) == 0:
        return AudioLevel(0.0, 0.0)
    return AudioLevel(
        rms=float(np.sqrt(np.mean(chunk.astype(np.float64) ** 2))),
        peak=float(np.max(np.abs(chunk))),
    )


class FakeTranscriber:
    """Returns scripted answers in order (or from a handler), with evenly spread word times.

    `answers` is consumed one per transcribe() call; when it runs out, `default` is used.
    A handler `(audio, prompt_terms) -> str` can be given instead for full control.
    Audio with no signal gives the 'no speech detected' transcript, as the real one does.
    """

    def __init__(
        self,
        answers: Iterable[str] = (),
        *,
        default: str = "",
        handler: Callable[[np.ndarray, Sequence[str]], str] | None = None,
        load_s: float = 0.0,
        model_name: str = "fake",
    ) -> None:
        self._answers = deque(answers)
        self.default = default
        self.handler = handler
        self.load_s = load_s
        self._model_name = model_name
        self.loaded = False
        self.calls: list[tuple[float, tuple[str, ...]]] = []  # (seconds of audio, prompt terms)

    @property
    def model_name(self) -> str:
        """The fake's name, recorded in sessions like a real model name."""
        return self._model_name

    def load(self, progress: ProgressCallback | None = None) -> None:
        """Pretend to download and load, reporting progress in ten steps."""
        if self.loaded:
            return
        total = 10_000_000
        for step in range(1, 11):
            if self.load_s:
                time.sleep(self.load_s / 10)
            if progress is not None:
                progress(step * total // 10, total)
        self.loaded = True

    def transcribe(
        self,
        audio: np.ndarray,
        *,
        prompt_terms: Sequence[str] = (),
        offset_s: float = 0.0,
    ) -> Transcript:
        """Return the next scripted answer, timed across the audio's voiced part."""
        self.load()
        duration = len(audio) / SAMPLE_RATE
        self.calls.append((duration, tuple(prompt_terms)))
        if self.handler is not None:
            text = self.handler(audio, prompt_terms)
        else:
            text = self._answers.popleft() if self._answers else self.default
        if not text.strip() or not np.any(np.abs(audio) > 1e-3):
            return Transcript.empty(self.model_name, duration)
        return timed_transcript(text, duration, model=self.model_name, offset_s=offset_s)


def timed_transcript(
    text: str, duration_s: float, *, model: str = "fake", offset_s: float = 0.0
) -> Transcript:
    """A one-segment transcript whose words are spread evenly over `duration_s`."""
    tokens = text.split()
    step = duration_s / max(len(tokens), 1)
    words = tuple(
        Word(tok, offset_s + i * step, offset_s + (i + 1) * step) for i, tok in enumerate(tokens)
    )
    segment = Segment(text=text, start=offset_s, end=offset_s + duration_s, words=words)
    return Transcript(
        text=text, segments=(segment,), no_speech=False, model=model, duration_s=duration_s
    )
