"""The small interfaces the rest of the product talks to. Real and fake implementations
both satisfy them, so the session flow and the UI never know which they have.

Every blocking call here is meant to run on a worker thread; `stop()` methods are the only
ones that may be called from another thread while the blocking call runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from speech.types import AudioLevel, Recording, Transcript, Utterance

if TYPE_CHECKING:
    import numpy as np

ProgressCallback = Callable[[int, int], None]  # (bytes done, bytes total)


@runtime_checkable
class Speaker(Protocol):
    """Speaks text aloud."""

    def say(self, text: str) -> bool:
        """Speak `text`, blocking until playback ends. True if it finished, False if stopped.

        Raises speech.errors.SpeechError (TTSUnavailable / AudioDeviceError) with a one-line
        message when speech is impossible; callers show it and carry on with text.
        """
        ...

    def stop(self) -> None:
        """Interrupt the current `say` (thread-safe). A no-op when nothing is playing."""
        ...


@runtime_checkable
class Player(Protocol):
    """Plays recorded audio back (listen to my answer)."""

    def play(self, audio: np.ndarray, sample_rate: int) -> bool:
        """Play mono float32 audio, blocking. True if it finished, False if stopped."""
        ...

    def stop(self) -> None:
        """Interrupt playback (thread-safe)."""
        ...


@runtime_checkable
class SeekablePlayer(Protocol):
    """Plays one loaded clip with transport controls (replaying a recorded answer).

    `run()` blocks on a worker thread; every other method and property may be called from
    the UI thread meanwhile, and is cheap (safe to poll several times a second).
    """

    def load(self, audio: np.ndarray, sample_rate: int) -> None:
        """Use this mono float32 clip from now on, at 0:00 and not paused; a run of the
        previous clip stops."""
        ...

    def run(self) -> bool:
        """Play from the current position until heard to the end (True) or stop() (False).

        Pausing keeps it blocking. A run from the end starts over. Raises
        speech.errors.AudioDeviceError (one line) when there is no usable output device.
        """
        ...

    def pause(self) -> None:
        """Pause the run (thread-safe)."""
        ...

    def resume(self) -> None:
        """Go on from where it was paused (thread-safe)."""
        ...

    def seek(self, delta_s: float) -> float:
        """Move by `delta_s` seconds, clamped to the clip; returns the new position."""
        ...

    def seek_to(self, seconds: float) -> float:
        """Move to `seconds` into the clip, clamped; returns the new position."""
        ...

    def stop(self) -> None:
        """End the run; later runs of this clip return False until the next load()."""
        ...

    def close(self) -> None:
        """Stop and forget the clip."""
        ...

    @property
    def position(self) -> float:
        """Seconds into the clip of what is being heard."""
        ...

    @property
    def duration(self) -> float:
        """The clip's length in seconds (0 with nothing loaded)."""
        ...

    @property
    def paused(self) -> bool:
        """True while paused."""
        ...

    @property
    def running(self) -> bool:
        """True while run() is playing (paused or not)."""
        ...

    @property
    def finished(self) -> bool:
        """True once the clip was heard to the end (until a seek or another run)."""
        ...


@runtime_checkable
class Recorder(Protocol):
    """Captures one spoken answer from a microphone."""

    def record(
        self,
        *,
        spool_path: Path | None = None,
        on_level: Callable[[AudioLevel], None] | None = None,
        on_utterance: Callable[[Utterance], None] | None = None,
    ) -> Recording:
        """Record until stop(), a pause after speech, or the maximum length, blocking.

        `spool_path`: a WAV written as audio arrives, so a crash loses nothing said.
        `on_level`: called per block with the live level (from the audio thread; be quick).
        `on_utterance`: called with each completed utterance (cut at voice-activity pauses,
        at most 30 s) so it can be transcribed while the answer goes on.
        If the device fails mid-answer the recording returns with stop_reason DEVICE_ERROR,
        the audio so far and a warning. With no usable device at all it raises
        speech.errors.AudioDeviceError.
        """
        ...

    def stop(self) -> None:
        """End the recording now (thread-safe): the explicit 'I'm done' key."""
        ...


@runtime_checkable
class Transcriber(Protocol):
    """Turns 16 kHz mono float32 audio into a Transcript."""

    @property
    def model_name(self) -> str:
        """The model name or checkpoint path, for the record."""
        ...

    def load(self, progress: ProgressCallback | None = None) -> None:
        """Load the model now (downloading it on first use), once. Safe to call again."""
        ...

    def transcribe(
        self,
        audio: np.ndarray,
        *,
        prompt_terms: Sequence[str] = (),
        offset_s: float = 0.0,
    ) -> Transcript:
        """Transcribe `audio`; `prompt_terms` are jargon to bias recognition towards.

        `offset_s` shifts every timestamp, for utterances cut from a longer answer.
        Loads the model first if needed. No speech means Transcript.empty(...).
        """
        ...
