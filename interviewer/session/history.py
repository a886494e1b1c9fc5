"""What past sessions say about each question: how weak it is, and coverage over time.

Weakness of a question is 1 minus its best answer coverage in the most recent session
that reached it (a skip there counts as coverage 0, so weakness 1). A question never
answered or skipped has weakness UNSEEN_WEAKNESS = 0.5: weakest-first then asks known weak
questions (coverage under 50 %) first, then unseen ones, then those already answered well.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from interviewer.session.records import SavedSession
from interviewer.session.storage import SessionStore, chronological
from interviewer.session.summary import question_results

UNSEEN_WEAKNESS = 0.5


@dataclass(frozen=True)
class TrendPoint:
    """A question's best coverage in one session (0.0 when it was skipped there)."""

    started_at: str
    coverage: float
    session_id: str
    skipped: bool


class History:
    """Per-question results across saved sessions, oldest session first."""

    def __init__(self, sessions: Iterable[SavedSession] = ()) -> None:
        """Index the sessions' results by question (sessions are ordered by creation time)."""
        self._trends: dict[str, list[TrendPoint]] = {}
        for saved in sorted(sessions, key=chronological):
            for result in question_results(saved):
                if result.best_coverage is None and not result.skipped:
                    continue  # never reached in that session: says nothing about it
                point = TrendPoint(
                    started_at=saved.created_at,
                    coverage=result.best_coverage or 0.0,
                    session_id=saved.id,
                    skipped=result.skipped,
                )
                self._trends.setdefault(result.question_id, []).append(point)

    @classmethod
    def load(cls, store: SessionStore, problems: list[str] | None = None) -> History:
        """Read every readable session in `store`; unreadable folders go to `problems`."""
        return cls(store.load_all(problems=problems))

    @property
    def is_empty(self) -> bool:
        """True when no saved session answered or skipped any question."""
        return not self._trends

    def question_ids(self) -> list[str]:
        """Questions with at least one result, sorted by id."""
        return sorted(self._trends)

    def weakness(self, question_id: str) -> float:
        """1 - latest best coverage; UNSEEN_WEAKNESS for a question with no result yet."""
        points = self._trends.get(question_id)
        if not points:
            return UNSEEN_WEAKNESS
        return 1.0 - points[-1].coverage

    def coverage_trend(self, question_id: str) -> list[tuple[str, float]]:
        """(session start time, best coverage) for each session that reached the question."""
        return [(p.started_at, p.coverage) for p in self._trends.get(question_id, [])]

    def trend_points(self, question_id: str) -> list[TrendPoint]:
        """Like coverage_trend, with the session id and whether it was skipped."""
        return list(self._trends.get(question_id, []))
