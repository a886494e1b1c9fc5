"""What past sessions say about each question: how weak it is, and coverage over time.

A thin view over interviewer.session.progress, which computes every figure (so weakest-first,
`interviewer progress` and the Progress screen cannot disagree). Weakness of a question is 1
minus its best answer coverage in the most recent session that reached it (a skip there
counts as coverage 0, so weakness 1). A question never answered or skipped has weakness
UNSEEN_WEAKNESS = 0.5: weakest-first then asks known weak questions (coverage under 50 %)
first, then unseen ones, then those already answered well.
"""

from __future__ import annotations

from collections.abc import Iterable

from interviewer.session.progress import (
    UNSEEN_WEAKNESS,
    Progress,
    QuestionPoint,
    build_progress,
)
from interviewer.session.records import SavedSession
from interviewer.session.storage import SessionStore

__all__ = ["UNSEEN_WEAKNESS", "History", "TrendPoint"]

TrendPoint = QuestionPoint  # the name callers used before progress.py existed


class History:
    """Per-question results across saved sessions, oldest session first."""

    def __init__(self, sessions: Iterable[SavedSession] = ()) -> None:
        """Compute the progress figures of `sessions` (ordered by creation time)."""
        self.progress = build_progress(sessions)

    @classmethod
    def from_progress(cls, progress: Progress) -> History:
        """Wrap figures already computed (e.g. by the Progress screen's loader)."""
        history = cls()
        history.progress = progress
        return history

    @classmethod
    def load(cls, store: SessionStore, problems: list[str] | None = None) -> History:
        """Read every readable session in `store`; unreadable folders go to `problems`."""
        return cls(store.load_all(problems=problems))

    @property
    def is_empty(self) -> bool:
        """True when no saved session answered or skipped any question."""
        return self.progress.is_empty

    def question_ids(self) -> list[str]:
        """Questions with at least one result, sorted by id."""
        return sorted(q.question_id for q in self.progress.questions)

    def weakness(self, question_id: str) -> float:
        """1 - latest best coverage; UNSEEN_WEAKNESS for a question with no result yet."""
        return self.progress.weakness(question_id)

    def priority(self, question_id: str) -> tuple[float, float]:
        """Weakest-first sort key (highest first): weakness, then 1 - best coverage."""
        return self.progress.priority(question_id)

    def coverage_trend(self, question_id: str) -> list[tuple[str, float]]:
        """(session start time, best coverage) for each session that reached the question."""
        return [(p.started_at, p.coverage) for p in self.trend_points(question_id)]

    def trend_points(self, question_id: str) -> list[TrendPoint]:
        """Like coverage_trend, with the session id and whether it was skipped."""
        found = self.progress.question(question_id)
        return list(found.points) if found is not None else []
