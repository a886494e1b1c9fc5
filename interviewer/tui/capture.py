"""The blocking halves of answering, run on Textual thread workers; no textual here.

Each function takes plain callbacks so the screen decides how results reach the UI
thread (post_message), and tests can drive them without an app.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from interviewer.models import Question
from speech.interfaces import Recorder, Transcriber
from speech.types import AudioLevel, Recording, StopReason, Transcript

LEVELS_PER_SECOND = 15.0  # the meter needs no more; the recorder calls back per 10-100 ms block


@dataclass(frozen=True, eq=False)
class VoiceAnswer:
    """A finished recording and, when transcription worked, its transcript."""

    recording: Recording
    transcript: Transcript | None
    error: str | None = None  # why transcription failed; the audio is still on disk

    @property
    def device_failed(self) -> bool:
        """True when the microphone gave out mid-answer (the audio so far is kept)."""
        return self.recording.stop_reason is StopReason.DEVICE_ERROR


class Throttle:
    """Let a call through at most `per_second` times a second (thread-safe)."""

    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic) -> None:
        """`clock` is injectable so the rate can be tested without sleeping."""
        self._interval = 1.0 / per_second
        self._clock = clock
        self._last = float("-inf")
        self._lock = threading.Lock()

    def ready(self) -> bool:
        """True if enough time has passed since the last call that was let through."""
        now = self._clock()
        with self._lock:
            if now - self._last < self._interval:
                return False
            self._last = now
            return True


class Capture:
    """Control of one recording from the UI thread: stop it, or stop and throw it away.

    A recorder's stop() that lands before its record() has started is lost (record()
    clears the flag), so the request is kept here and re-applied from the level callback,
    which runs inside record() once per audio block.

    The recorder is shared by every question, so stop() reaches it only while this
    capture's own record() runs. A late request (a screen being unmounted after the next
    question began recording) must not end the next question's answer.
    """

    def __init__(self) -> None:
        """Nothing requested yet."""
        self.stop_requested = threading.Event()
        self.discarded = threading.Event()
        self._lock = threading.Lock()
        self._recording = False

    def stop(self, recorder: Recorder) -> None:
        """End the answer now (the 'I'm done' key)."""
        self.stop_requested.set()
        with self._lock:
            if self._recording:
                recorder.stop()

    def discard(self, recorder: Recorder) -> None:
        """End the recording and drop it (re-record, repeat, skip, quit)."""
        self.discarded.set()
        self.stop(recorder)

    @contextmanager
    def recording(self) -> Iterator[None]:
        """Mark this capture's record() as running, so stop() may reach the recorder."""
        with self._lock:
            self._recording = True
        try:
            yield
        finally:
            with self._lock:
                self._recording = False


def prompt_terms(question: Question) -> list[str]:
    """Jargon to bias recognition towards (may import whisper's tokenizer: call off the UI)."""
    from speech.prompt import prompt_terms_for

    return list(prompt_terms_for(question))


def record_voice_answer(
    recorder: Recorder,
    transcriber: Transcriber,
    capture: Capture,
    *,
    spool_path: Path,
    terms: Sequence[str],
    on_level: Callable[[AudioLevel], None],
    on_partial: Callable[[str], None],
    on_stopped: Callable[[Recording], None],
) -> VoiceAnswer | None:
    """Record one answer, transcribing utterances as they complete, then the whole of it.

    Returns None when the capture was discarded. Raises speech.errors.AudioDeviceError when
    there is no microphone at all. A failure while transcribing comes back as `error` with
    the recording, so the caller can keep the audio and offer a retry or typed mode.
    """
    from speech.live import LiveTranscriber

    if capture.discarded.is_set():
        return None
    throttle = Throttle(LEVELS_PER_SECOND)

    def level(value: AudioLevel) -> None:
        if capture.stop_requested.is_set():
            recorder.stop()
        if throttle.ready():
            on_level(value)

    live = LiveTranscriber(
        transcriber, prompt_terms=list(terms), on_update=lambda t: on_partial(t.text)
    )
    try:
        with capture.recording():
            recording = recorder.record(
                spool_path=spool_path, on_level=level, on_utterance=live.submit
            )
    except BaseException:
        live.cancel()
        raise
    if capture.discarded.is_set():
        live.cancel()
        return None
    on_stopped(recording)
    try:
        transcript = live.finish(recording.duration_s)
    except Exception as exc:
        return VoiceAnswer(recording=recording, transcript=None, error=one_line(exc))
    return VoiceAnswer(recording=recording, transcript=transcript)


def load_audio(path: Path) -> tuple[object, int]:
    """Read an answer's WAV for playback as mono float32; AudioFileError if unreadable."""
    import soundfile

    from speech.errors import AudioFileError

    try:
        audio, rate = soundfile.read(str(path), dtype="float32", always_2d=False)
    except (OSError, RuntimeError) as exc:
        raise AudioFileError(f"{path}: cannot read the recording ({one_line(exc)})") from None
    if getattr(audio, "ndim", 1) > 1:
        audio = audio.mean(axis=1)
    return audio, int(rate)


def one_line(exc: BaseException) -> str:
    """The first line of an exception's message (its type name if it has none)."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
