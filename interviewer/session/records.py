"""What a session is made of: attempts, follow-ups, saved sessions and their summaries.

Frozen dataclasses of plain values, shared by the session flow, storage, the CLI and the
app. Nothing here imports textual, torch or whisper.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from interviewer.models import Concept, Question, Score
from speech.types import Transcript

AttemptKind = Literal["answer", "follow_up"]
AnswerMode = Literal["voice", "typed"]
ATTEMPT_KINDS: tuple[str, ...] = ("answer", "follow_up")
ANSWER_MODES: tuple[str, ...] = ("voice", "typed")
# of session.json; bump when a reader of the old one would misread it. Version 2 added
# `original` (what was given live) to attempts that were re-scored or re-transcribed.
SCHEMA_VERSION = 2


@dataclass(frozen=True)
class OriginalAnswer:
    """An attempt as it was first scored, kept when it is re-scored or re-transcribed.

    `model` is the speech model that made `transcript` (None for typed answers).
    """

    text: str
    transcript: Transcript | None
    score: Score
    model: str | None


@dataclass(frozen=True)
class Attempt:
    """One scored answer (or follow-up answer) to one question.

    `text` is what was scored: the transcript text in voice mode, the typed text otherwise.
    `audio_file` is a file name inside the session folder (None for typed answers).
    `follow_up_concept` is the concept label a follow-up asked about (None for answers).
    `started_at` is an ISO 8601 time with offset; `duration_s` the answer's length when known.
    `original` holds the text, transcript and score given live once the attempt has been
    re-scored (None until then); `rescored_at` says when the current score was made.
    """

    question_id: str
    kind: AttemptKind
    follow_up_concept: str | None
    mode: AnswerMode
    text: str
    transcript: Transcript | None
    score: Score
    audio_file: str | None
    started_at: str
    duration_s: float | None
    warning: str | None
    original: OriginalAnswer | None = None
    rescored_at: str | None = None

    @property
    def as_given(self) -> OriginalAnswer:
        """The text, transcript and score the candidate saw when answering."""
        if self.original is not None:
            return self.original
        model = self.transcript.model if self.transcript is not None else None
        return OriginalAnswer(self.text, self.transcript, self.score, model)


@dataclass(frozen=True)
class FollowUp:
    """A short spoken follow-up about one core concept the answer missed."""

    question_id: str
    concept: Concept
    prompt: str


@dataclass(frozen=True)
class SavedSession:
    """A session folder read back from disk (or a snapshot of a running session).

    `questions` are the questions as they were asked, concepts included, so a folder
    reads (and its scores resolve) without the bank, even after the bank was edited.
    `position` is the index of the question the candidate was on; `skipped` holds the ids
    of questions skipped; `finished` is False for a session that was quit by a crash or is
    still running. `unreferenced_audio` lists audio files in the folder that no attempt
    names: the answer that was being recorded when the process died.
    """

    id: str
    folder: Path
    schema_version: int
    app_version: str
    created_at: str
    updated_at: str
    settings: dict[str, object]
    model: str
    questions: tuple[Question, ...]
    attempts: tuple[Attempt, ...]
    skipped: tuple[str, ...]
    position: int
    finished: bool
    unreferenced_audio: tuple[str, ...] = ()

    @property
    def question_ids(self) -> tuple[str, ...]:
        """The ids of the session's questions, in the order asked."""
        return tuple(q.id for q in self.questions)

    def attempts_for(self, question_id: str) -> list[Attempt]:
        """Every attempt at one question (answers and follow-ups), in order."""
        return [a for a in self.attempts if a.question_id == question_id]

    def question(self, question_id: str) -> Question:
        """The session's question with this id (KeyError if it has none)."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


@dataclass(frozen=True)
class QuestionResult:
    """How one question of a session went. `best_coverage` is None when it was skipped."""

    question_id: str
    question_text: str
    best_coverage: float | None
    attempts: int  # answer attempts; follow-ups are not counted
    skipped: bool


@dataclass(frozen=True)
class DeliveryOverview:
    """Delivery across the spoken answers of a session; None where nothing was timed."""

    words_per_minute: float | None
    fillers_per_minute: float | None
    longest_pause_s: float | None
    total_speaking_s: float | None
    answers: int  # spoken attempts (answers and follow-ups) with speech in them


@dataclass(frozen=True)
class SessionSummary:
    """The end-of-session overview shown on the summary screen and in exports."""

    folder: Path
    per_question: tuple[QuestionResult, ...]
    overall_coverage: float
    most_missed: tuple[tuple[str, int], ...]  # (concept label, times missed), most first
    delivery: DeliveryOverview
