"""A small fixed bank and app builders for the UI tests.

The shipped bank's concepts are still being curated, so screens are tested (and
snapshotted) against this bank, which only changes when these tests do.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import soundfile

from interviewer.models import Bank, Concept, Level, Question, Tip, Weight
from interviewer.services import Services, fake_services
from interviewer.settings import Settings
from interviewer.tui.app import InterviewApp
from speech.fakes import synthetic_speech
from speech.types import SAMPLE_RATE, AudioLevel, Recording, SpeechRegion, StopReason, Utterance


def _concept(label: str, *aliases: str, weight: Weight = Weight.CORE) -> Concept:
    return Concept(label=label, weight=weight, aliases=aliases or (label.lower(),))


DESCENT = Question(
    id="beginner-01",
    level=Level.BEGINNER,
    number=1,
    text="What is gradient descent?",
    sample_answer=(
        "Gradient descent minimises a loss function. It computes the gradient of the loss "
        "and takes a step in the opposite direction. The learning rate sets the step size."
    ),
    concepts=(
        _concept("Minimises the loss", "minimise the loss", "minimises the loss"),
        _concept("Gradient", "gradient"),
        _concept("Learning rate", "learning rate", "step size", weight=Weight.SUPPORTING),
    ),
)
KMEANS = Question(
    id="beginner-02",
    level=Level.BEGINNER,
    number=2,
    text="How does k-means clustering work?",
    sample_answer=(
        "K-means picks k centroids. It assigns each point to the nearest centroid. "
        "Then it moves each centroid to the mean of its points and repeats until stable."
    ),
    concepts=(
        _concept("Centroids", "centroid", "centroids"),
        _concept("Nearest centroid", "nearest centroid", "closest centroid"),
        _concept("Mean of points", "mean", "average", weight=Weight.SUPPORTING),
    ),
)
TIPS = (
    Tip("How do I prepare?", "Say your answers out loud, then compare them with the sample."),
    Tip("What should I ask?", "Ask how the team measures success."),
)
BANK = Bank(questions=(DESCENT, KMEANS), tips=TIPS, source="tests")

FULL_DESCENT = "It minimises the loss by following the gradient, um, with a learning rate."
PARTIAL_DESCENT = "Um, it goes downhill using the gradient, you know."  # misses the core loss
FOLLOW_UP_ANSWER = "It is there to minimise the loss."
FULL_KMEANS = "It moves centroids to the mean and assigns points to the nearest centroid."


def settings(tmp_path: Path, **changes: Any) -> Settings:
    """Deterministic settings: in-order questions, sessions saved under tmp_path."""
    base = Settings(
        data_dir=str(tmp_path / "sessions"),
        order="in-order",
        level="beginner",
        question_count=2,
    )
    return base.replace(**changes)


def make_app(
    tmp_path: Path,
    services: Services | None = None,
    *,
    answers: tuple[str, ...] = (),
    clock: Callable[[], float] = time.monotonic,
    config_path: Path | None = None,
    **changes: Any,
) -> InterviewApp:
    """An app over the test bank and the fakes; `clock` drives the elapsed-time display."""
    services = services or fake_services(answers=answers)
    return InterviewApp(
        settings(tmp_path, **changes),
        services_factory=lambda _settings: services,
        bank=BANK,
        rng=random.Random(7),
        clock=clock,
        config_path=config_path or tmp_path / "config.toml",
    )


class HeldRecorder:
    """A recorder for still pictures: one fixed utterance, a steady level, then it holds
    until stop(), like a candidate who has paused mid-answer. Same interface as the fakes."""

    LEVEL = AudioLevel(rms=0.08, peak=0.4)

    def __init__(self) -> None:
        self._stop = threading.Event()
        self.recordings = 0

    def stop(self) -> None:
        """End the recording."""
        self._stop.set()

    def record(
        self,
        *,
        spool_path: Path | None = None,
        on_level: Callable[[AudioLevel], None] | None = None,
        on_utterance: Callable[[Utterance], None] | None = None,
    ) -> Recording:
        """Emit the utterance at once, then the steady level every 20 ms until stop()."""
        self._stop.clear()
        self.recordings += 1
        audio = synthetic_speech(1.5)
        if on_utterance is not None:
            on_utterance(Utterance(audio=audio, start=0.0, end=1.5))
        while not self._stop.wait(0.02):
            if on_level is not None:
                on_level(self.LEVEL)
        if spool_path is not None:
            soundfile.write(str(spool_path), audio, SAMPLE_RATE)
        return Recording(
            audio=audio, regions=(SpeechRegion(0.0, 1.5),), stop_reason=StopReason.KEY,
            path=spool_path,
        )


class SteppingClock:
    """A clock the test moves by hand, so elapsed times on screen are fixed."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        """The time the test last set."""
        return self.now
