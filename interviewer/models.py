"""Typed domain models shared by the bank, the scorer, sessions and the UI.

Everything here is a frozen dataclass of plain values so it can cross threads and be
serialised without surprises. Nothing here imports textual, torch or whisper.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from interviewer.errors import UnknownQuestion


class Level(StrEnum):
    """Question difficulty, as the seed article groups them."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Weight(StrEnum):
    """How much a concept counts towards coverage."""

    CORE = "core"
    SUPPORTING = "supporting"

    @property
    def value_points(self) -> float:
        """Points the concept is worth: core concepts count twice as much as supporting ones."""
        return 2.0 if self is Weight.CORE else 1.0


@dataclass(frozen=True)
class Misconception:
    """A statement that reveals a wrong answer, e.g. describing k-NN when asked about k-means.

    `patterns` are phrases; one of them occurring (not negated) in an answer flags it.
    `true_of` names the other methods the statement is true of ("k-NN" for "k is the number
    of neighbours"): said in a clause about one of them, it is a correct comparison.
    """

    label: str
    patterns: tuple[str, ...]
    true_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concept:
    """A key idea an interviewer listens for in an answer.

    `aliases` are phrases that count as mentioning it. An alias written "a + b" means
    both parts must occur near each other, in any order.
    """

    label: str
    weight: Weight
    aliases: tuple[str, ...]
    misconceptions: tuple[Misconception, ...] = ()


@dataclass(frozen=True)
class Question:
    """One bank question with its verbatim sample answer and curated concepts."""

    id: str
    level: Level
    number: int
    text: str
    sample_answer: str
    concepts: tuple[Concept, ...]

    @property
    def core_concepts(self) -> tuple[Concept, ...]:
        """Concepts weighted core, the ones a follow-up asks about."""
        return tuple(c for c in self.concepts if c.weight is Weight.CORE)


@dataclass(frozen=True)
class Tip:
    """A preparation tip (the seed's FAQ entries): shown, never scored."""

    title: str
    text: str


@dataclass(frozen=True)
class Bank:
    """The question bank: questions in id order plus preparation tips."""

    questions: tuple[Question, ...]
    tips: tuple[Tip, ...] = ()
    source: str = ""

    def get(self, question_id: str) -> Question:
        """Return the question with this id, or raise UnknownQuestion naming it."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise UnknownQuestion(
            f"unknown question id {question_id!r} (see `interviewer questions` for the ids)"
        )

    def by_level(self, level: Level | None) -> tuple[Question, ...]:
        """Questions of one level, or all of them for None."""
        if level is None:
            return self.questions
        return tuple(q for q in self.questions if q.level is level)


# --- scoring results -------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A stretch of the answer transcript: character offsets into the text as given."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ConceptMatch:
    """A concept the answer covered, with where and how it was said.

    `named_once`: the answer brings the concept up in one place only, naming it without
    coming back to it (to explain, restate or illustrate it). Files saved before this was
    recorded read as False.
    """

    concept: Concept
    span: Span
    alias: str
    similarity: float
    named_once: bool = False


@dataclass(frozen=True)
class ConceptMiss:
    """A concept the answer did not cover, with the sample-answer sentence that explains it."""

    concept: Concept
    sample_sentence: str


@dataclass(frozen=True)
class MisconceptionHit:
    """A misconception found in the answer."""

    concept: Concept
    misconception: Misconception
    span: Span


@dataclass(frozen=True)
class Delivery:
    """How the answer was said. Time-based figures are None when no timing was given."""

    word_count: int
    duration_s: float | None = None
    words_per_minute: float | None = None
    filler_count: int = 0
    fillers_per_minute: float | None = None
    filler_rate: float = 0.0  # fillers per 100 words; needs no timing
    fillers: tuple[Span, ...] = ()
    longest_pause_s: float | None = None
    time_to_first_word_s: float | None = None


@dataclass(frozen=True)
class Score:
    """The full feedback for one answer to one question."""

    question_id: str
    coverage: float
    matched: tuple[ConceptMatch, ...]
    missed: tuple[ConceptMiss, ...]
    misconceptions: tuple[MisconceptionHit, ...]
    delivery: Delivery
    text: str = ""
    penalty: float = 0.0  # coverage taken off for misconceptions
