"""Hand-built domain objects for session tests that must not depend on the scorer's judgement."""

from __future__ import annotations

from pathlib import Path

from interviewer.models import (
    Bank,
    Concept,
    ConceptMatch,
    ConceptMiss,
    Delivery,
    Level,
    Misconception,
    Question,
    Score,
    Span,
    Weight,
)
from interviewer.session.records import SCHEMA_VERSION, Attempt, SavedSession


def concept(label: str, weight: Weight = Weight.CORE) -> Concept:
    """A concept whose only alias is its label."""
    return Concept(label=label, weight=weight, aliases=(label,))


def question(qid: str, *concepts: Concept) -> Question:
    """A question with an id like 'beginner-03'."""
    level, number = qid.rsplit("-", 1)
    return Question(
        id=qid,
        level=Level(level),
        number=int(number),
        text=f"Question {qid}?",
        sample_answer="A sample answer.",
        concepts=concepts or (concept("idea"),),
    )


def small_bank() -> Bank:
    """Three questions per level, ids in bank order."""
    questions = tuple(
        question(f"{level.value}-{n:02d}") for level in Level for n in range(1, 4)
    )
    return Bank(questions=questions)


def score(
    qid: str,
    coverage: float,
    *,
    matched: tuple[str, ...] = (),
    missed: tuple[str | Concept, ...] = (),
    delivery: Delivery | None = None,
) -> Score:
    """A Score with the given coverage and concept labels."""
    return Score(
        question_id=qid,
        coverage=coverage,
        matched=tuple(
            ConceptMatch(concept(label), Span(0, len(label), label), label, 100.0)
            for label in matched
        ),
        missed=tuple(
            ConceptMiss(c if isinstance(c, Concept) else concept(c), "Sample sentence.")
            for c in missed
        ),
        misconceptions=(),
        delivery=delivery or Delivery(word_count=3),
    )


def attempt(
    qid: str,
    coverage: float,
    *,
    kind: str = "answer",
    mode: str = "typed",
    text: str = "some answer text",
    missed: tuple[str | Concept, ...] = (),
    delivery: Delivery | None = None,
    duration_s: float | None = None,
) -> Attempt:
    """An Attempt with a hand-made score."""
    return Attempt(
        question_id=qid,
        kind=kind,  # type: ignore[arg-type]
        follow_up_concept="idea" if kind == "follow_up" else None,
        mode=mode,  # type: ignore[arg-type]
        text=text,
        transcript=None,
        score=score(qid, coverage, missed=missed, delivery=delivery),
        audio_file=None,
        started_at="2026-01-01T10:00:00+00:00",
        duration_s=duration_s,
        warning=None,
    )


def saved(
    qids: tuple[str, ...],
    attempts: tuple[Attempt, ...] = (),
    *,
    skipped: tuple[str, ...] = (),
    created_at: str = "2026-01-01T10:00:00+00:00",
    session_id: str = "s1",
    finished: bool = True,
) -> SavedSession:
    """A SavedSession of those questions and attempts."""
    return SavedSession(
        id=session_id,
        folder=Path("/nowhere") / session_id,
        schema_version=SCHEMA_VERSION,
        app_version="0.1.0",
        created_at=created_at,
        updated_at=created_at,
        settings={},
        model="fake",
        questions=tuple(question(q) for q in qids),
        attempts=attempts,
        skipped=skipped,
        position=len(qids),
        finished=finished,
    )


def scoring_bank() -> Bank:
    """Two small questions for the real scorer: known concepts, aliases and a misconception."""
    descent = Question(
        id="beginner-05",
        level=Level.BEGINNER,
        number=5,
        text="What is gradient descent?",
        sample_answer=(
            "Gradient descent minimises a loss function. It repeatedly steps the parameters "
            "against the gradient. The learning rate sets the size of each step."
        ),
        concepts=(
            Concept(
                "Minimises the loss",
                Weight.CORE,
                ("minimise the loss", "minimises the loss", "reduce the error"),
                (Misconception("maximises the loss", ("maximises the loss", "maximize the loss")),),
            ),
            Concept(
                "Steps against the gradient", Weight.CORE, ("against the gradient", "downhill")
            ),
            Concept("Learning rate", Weight.SUPPORTING, ("learning rate", "step size")),
        ),
    )
    kmeans = Question(
        id="intermediate-07",
        level=Level.INTERMEDIATE,
        number=7,
        text="Explain k-means clustering.",
        sample_answer=(
            "K-means groups unlabelled data into k clusters. Each point joins its nearest "
            "centroid, and centroids move to the mean of their points."
        ),
        concepts=(
            Concept("Groups data into k clusters", Weight.CORE, ("k clusters", "clusters")),
            Concept("Nearest centroid", Weight.CORE, ("nearest centroid", "closest centroid")),
        ),
    )
    return Bank(questions=(descent, kmeans))
