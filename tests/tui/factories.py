"""A small fixed bank and app builders for the UI tests.

The shipped bank's concepts are still being curated, so screens are tested (and
snapshotted) against this bank, which only changes when these tests do.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

from interviewer.models import Bank, Concept, Level, Question, Tip, Weight
from interviewer.services import Services, fake_services
from interviewer.settings import Settings
from interviewer.tui.app import InterviewApp


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
    clock: float | None = None,
    **changes: Any,
) -> InterviewApp:
    """An app over the test bank and the fakes; `clock` freezes the elapsed-time display."""
    services = services or fake_services(answers=answers)
    return InterviewApp(
        settings(tmp_path, **changes),
        services_factory=lambda _settings: services,
        bank=BANK,
        rng=random.Random(7),
        clock=(lambda: clock) if clock is not None else time.monotonic,
        config_path=tmp_path / "config.toml",
    )
