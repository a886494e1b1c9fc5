"""Typed results that leave the speech package. Whisper's dicts never get past speech/."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

SAMPLE_RATE = 16_000  # Whisper and silero-vad both want 16 kHz mono float32.


@dataclass(frozen=True)
class Word:
    """One recognised word with its time in seconds from the start of the answer."""

    text: str
    start: float
    end: float
    probability: float | None = None


@dataclass(frozen=True)
class Segment:
    """A stretch of recognised speech; `words` is empty when word timing was not computed."""

    text: str
    start: float
    end: float
    words: tuple[Word, ...] = ()


@dataclass(frozen=True)
class Transcript:
    """What was said: text, timed segments (and words), and whether any speech was found."""

    text: str
    segments: tuple[Segment, ...]
    no_speech: bool
    model: str
    duration_s: float

    @property
    def words(self) -> tuple[Word, ...]:
        """All timed words across segments, in order."""
        return tuple(w for s in self.segments for w in s.words)

    @classmethod
    def empty(cls, model: str, duration_s: float) -> Transcript:
        """The 'no speech detected' transcript."""
        return cls(text="", segments=(), no_speech=True, model=model, duration_s=duration_s)


@dataclass(frozen=True)
class SpeechRegion:
    """Where voice activity detection found speech, in seconds."""

    start: float
    end: float


@dataclass(frozen=True)
class AudioLevel:
    """Input level of the latest block, both in 0..1 full scale, for a meter."""

    rms: float
    peak: float


class StopReason(StrEnum):
    """Why a recording ended."""

    KEY = "key"  # the user asked (space/enter, or stop())
    PAUSE = "pause"  # silence after speech lasted the configured pause
    MAX_LENGTH = "max_length"  # hit the maximum answer length
    DEVICE_ERROR = "device_error"  # the input device failed; audio so far is kept


@dataclass(frozen=True, eq=False)
class Utterance:
    """A completed stretch of speech, cut at a voice-activity pause, ready to transcribe."""

    audio: np.ndarray  # float32 mono at SAMPLE_RATE
    start: float  # seconds from the start of the recording
    end: float


@dataclass(frozen=True, eq=False)
class Recording:
    """A finished (or interrupted) answer recording."""

    audio: np.ndarray  # float32 mono at SAMPLE_RATE
    regions: tuple[SpeechRegion, ...]
    stop_reason: StopReason
    path: Path | None = None  # the WAV streamed to disk while recording, when one was asked for
    warning: str | None = None  # e.g. the max length was hit, or the device failed mid-answer

    @property
    def duration_s(self) -> float:
        """Length of the captured audio in seconds."""
        return len(self.audio) / SAMPLE_RATE
