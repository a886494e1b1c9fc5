"""A session report as plain data, the same for every output format.

Built once from a SavedSession (reports.build) and rendered by reports.markdown,
reports.html and reports.json_report, so the three formats cannot disagree on a figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from interviewer.models import Delivery
from interviewer.session.records import SessionSummary

HighlightKind = Literal["concept", "misconception"]
QuestionStatus = Literal["answered", "skipped", "not_reached"]


@dataclass(frozen=True)
class Piece:
    """A stretch of an answer's text and what is highlighted there.

    `kinds` is empty for plain text; `labels` names the concepts or misconceptions that
    were found in this stretch, in the order the scorer reported them.
    """

    text: str
    kinds: frozenset[HighlightKind]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Located:
    """Where something was found in the text: offsets that index it exactly, or None.

    `start`/`end` are None when the saved span no longer fits the text (a hand-edited or
    damaged session): the finding is still listed, just not highlighted.
    """

    start: int | None
    end: int | None
    quote: str


@dataclass(frozen=True)
class CoveredConcept:
    """A concept the answer covered: its label, weight, the alias heard and where, and
    whether the answer only named it once (see `ConceptMatch.named_once`)."""

    label: str
    weight: str
    alias: str
    similarity: float
    where: Located
    named_once: bool = False


@dataclass(frozen=True)
class MissedConcept:
    """A concept the answer missed, with the sample-answer sentence that explains it."""

    label: str
    weight: str
    sample_sentence: str


@dataclass(frozen=True)
class FoundMisconception:
    """A misconception heard in the answer, under the concept it contradicts."""

    concept: str
    label: str
    where: Located


@dataclass(frozen=True)
class ScoredText:
    """One text and its feedback: coverage, concepts, misconceptions, delivery, highlights.

    `fillers` are the filler words of `delivery.fillers`, located in `text` the same way.
    """

    text: str
    pieces: tuple[Piece, ...]
    coverage: float
    penalty: float
    covered: tuple[CoveredConcept, ...]
    missed: tuple[MissedConcept, ...]
    misconceptions: tuple[FoundMisconception, ...]
    delivery: Delivery
    fillers: tuple[Located, ...]


@dataclass(frozen=True)
class AttemptReport:
    """One answer or follow-up answer as the report shows it.

    `number` counts attempts across the whole session (1-based), as session.json orders
    them. `original` is the feedback given live when the attempt has since been re-scored
    (None otherwise); `original_model` the speech model that made that transcript.
    """

    number: int
    kind: Literal["answer", "follow_up"]
    follow_up_concept: str | None
    mode: Literal["voice", "typed"]
    started_at: str
    duration_s: float | None
    audio_file: str | None
    warning: str | None
    best: bool
    current: ScoredText
    original: ScoredText | None
    original_model: str | None
    rescored_at: str | None

    @property
    def rescored(self) -> bool:
        """True when the current score is not the one given live."""
        return self.original is not None


@dataclass(frozen=True)
class QuestionReport:
    """One question of the session: what was asked, every attempt, and the sample answer.

    `best_coverage` is the best current coverage of the answers (None unless answered);
    `live_best_coverage` the best as given live, which differs once answers are re-scored.
    """

    number: int
    id: str
    level: str
    text: str
    sample_answer: str
    status: QuestionStatus
    best_coverage: float | None
    live_best_coverage: float | None
    answers: tuple[AttemptReport, ...]
    follow_ups: tuple[AttemptReport, ...]


@dataclass(frozen=True)
class Report:
    """The whole report: the session's facts, each question, and the summary figures."""

    session_id: str
    folder: Path
    created_at: str
    updated_at: str
    finished: bool
    model: str
    app_version: str
    schema_version: int
    unreferenced_audio: tuple[str, ...]
    questions: tuple[QuestionReport, ...]
    summary: SessionSummary

    @property
    def rescored(self) -> bool:
        """True when any attempt's current score is not the one given live."""
        return any(a.rescored for q in self.questions for a in (*q.answers, *q.follow_ups))

    def count(self, status: QuestionStatus) -> int:
        """How many questions have this status."""
        return sum(1 for q in self.questions if q.status == status)
