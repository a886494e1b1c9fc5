"""Saved sessions on fixed dates for the progress command and screen tests.

Scores are made by hand from the questions' own concepts (the scorer's judgement is not
under test here), so the figures they lead to are known exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from interviewer.models import ConceptMatch, ConceptMiss, Delivery, Question, Score, Span
from interviewer.session.records import SCHEMA_VERSION, Attempt, SavedSession
from interviewer.session.storage import SessionStore
from interviewer.settings import Settings

# For each session (one every few days): per question, the indexes of the concepts the
# answer covered, or None when it was skipped.
PLAN: tuple[tuple[str, tuple[tuple[int, ...] | None, ...]], ...] = (
    ("2026-03-02T09:30:00+00:00", ((1,), None)),
    ("2026-03-05T18:10:00+00:00", ((1, 2), (0,))),
    ("2026-03-09T08:00:00+00:00", ((0, 1), (0, 2))),
    ("2026-03-14T20:45:00+00:00", ((0, 1, 2), (0, 1))),
)
RECOVERED = {(1, 0): 0}  # (session, question) -> concept a follow-up recovered


def hand_score(question: Question, covered: Sequence[int]) -> Score:
    """A score covering the concepts at `covered`; coverage = share of concepts covered."""
    concepts = question.concepts
    return Score(
        question_id=question.id,
        coverage=len(covered) / len(concepts),
        matched=tuple(
            ConceptMatch(c, Span(0, len(c.label), c.label), c.label, 100.0)
            for i, c in enumerate(concepts) if i in covered
        ),
        missed=tuple(
            ConceptMiss(c, question.sample_answer) for i, c in enumerate(concepts)
            if i not in covered
        ),
        misconceptions=(),
        delivery=Delivery(word_count=12),
    )


def _attempt(question: Question, score: Score, kind: str, when: str,
             concept: str | None = None) -> Attempt:
    return Attempt(
        question_id=question.id, kind=kind, follow_up_concept=concept,  # type: ignore[arg-type]
        mode="typed", text="an answer", transcript=None, score=score, audio_file=None,
        started_at=when, duration_s=None, warning=None,
    )


def planned_session(n: int, questions: Sequence[Question]) -> SavedSession:
    """Session number `n` of PLAN over the first two `questions`."""
    when, answers = PLAN[n]
    attempts: list[Attempt] = []
    skipped: list[str] = []
    for q_index, covered in enumerate(answers):
        question = questions[q_index]
        if covered is None:
            skipped.append(question.id)
            continue
        attempts.append(_attempt(question, hand_score(question, covered), "answer", when))
        recovered = RECOVERED.get((n, q_index))
        if recovered is not None:
            concept = question.concepts[recovered]
            follow = Score(
                question_id=question.id, coverage=1.0,
                matched=(ConceptMatch(concept, Span(0, 1, "x"), concept.label, 100.0),),
                missed=(), misconceptions=(), delivery=Delivery(word_count=5),
            )
            attempts.append(_attempt(question, follow, "follow_up", when, concept.label))
    return SavedSession(
        id=f"session-{n}", folder=Path("/nowhere"), schema_version=SCHEMA_VERSION,
        app_version="0.1.0", created_at=when, updated_at=when, settings={}, model="fake",
        questions=tuple(questions[:2]), attempts=tuple(attempts), skipped=tuple(skipped),
        position=2, finished=True,
    )


def save_planned_sessions(root: Path, questions: Sequence[Question],
                          count: int = len(PLAN)) -> list[SavedSession]:
    """Write the first `count` sessions of PLAN as real folders under `root`."""
    store = SessionStore(root)
    written = []
    for n in range(count):
        built = planned_session(n, questions)
        folder = store.create(Settings(), "fake", built.questions)
        saved = dataclasses.replace(built, id=folder.id, folder=folder.path)
        folder.save(saved)
        written.append(saved)
    return written


def save_damaged_session(root: Path) -> Path:
    """A session folder whose session.json was cut off mid-write."""
    folder = SessionStore(root).create(Settings(), "fake", ())
    folder.json_path.write_text('{"schema_version": 2, "id": "cut', encoding="utf-8")
    return folder.path
