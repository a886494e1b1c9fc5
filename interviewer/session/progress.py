"""Progress across saved sessions: the one place its figures are computed.

`interviewer progress`, the app's Progress screen and weakest-first practice (through
history.History) all read these figures. Scores are each attempt's current score, so a
re-scored session counts with its new scores. The rules:

- Per session and question, coverage is the question's best *answer* coverage in that
  session (as in the session summary): follow-ups do not change it, a skip counts 0, and a
  question the session never reached says nothing and is left out.
- Per question: best and latest coverage over the sessions that reached it, how many those
  were, `change` (latest minus first) and `slope` (the least-squares change per session,
  which one lucky or bad session moves less than `change`).
- Per concept, by label within its question: `asked` counts the sessions that reached the
  question; `missed` those where the answer that counts (the best answer attempt, the one
  behind the question's coverage) did not cover it, plus every concept of a skipped
  question. A follow-up does not undo a miss, since the candidate needed the prompt; when
  it covered the concept it asked about, that session counts in `recovered`.
- Over time: each session's overall coverage (mean over the questions it reached, skips
  counting 0), for sessions that reached at least one question.
- Weakness, for weakest-first: 1 minus the latest coverage, ties broken by the lower best
  coverage. A question never reached has weakness UNSEEN_WEAKNESS = 0.5, so known weak
  questions (under 50 %) come first, then unseen ones, then those answered well.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import TYPE_CHECKING, Any

from interviewer.models import Level, Weight
from interviewer.session.records import Attempt, SavedSession
from interviewer.session.storage import chronological
from interviewer.session.summary import overall_coverage, question_results

if TYPE_CHECKING:
    from interviewer.session.storage import SessionStore

UNSEEN_WEAKNESS = 0.5
# A change of less than this (in coverage, 0-1) across sessions is shown as steady.
STEADY_BAND = 0.05
_LEVEL_ORDER = {level.value: n for n, level in enumerate(Level)}


@dataclass(frozen=True)
class QuestionPoint:
    """A question's best coverage in one session (0.0 when it was skipped there)."""

    started_at: str
    coverage: float
    session_id: str
    skipped: bool


@dataclass(frozen=True)
class SessionPoint:
    """One session's overall coverage and how many questions it reached."""

    session_id: str
    started_at: str
    coverage: float
    reached: int


@dataclass(frozen=True)
class QuestionProgress:
    """One question across the sessions that reached it, oldest first (never empty)."""

    question_id: str
    question_text: str  # as last asked
    points: tuple[QuestionPoint, ...]

    @property
    def sessions(self) -> int:
        """How many sessions reached the question."""
        return len(self.points)

    @property
    def best(self) -> float:
        """The best coverage in any session."""
        return max(p.coverage for p in self.points)

    @property
    def latest(self) -> float:
        """The coverage in the most recent session."""
        return self.points[-1].coverage

    @property
    def change(self) -> float:
        """Latest minus first coverage (0.0 with one session)."""
        return self.points[-1].coverage - self.points[0].coverage

    @property
    def slope(self) -> float:
        """Least-squares change in coverage per session (0.0 with one session)."""
        return slope([p.coverage for p in self.points])

    @property
    def weakness(self) -> float:
        """1 - latest coverage: what weakest-first sorts by."""
        return 1.0 - self.latest


@dataclass(frozen=True)
class ConceptProgress:
    """How often one concept of one question was missed, over the sessions that reached it."""

    question_id: str
    label: str
    core: bool
    asked: int
    missed: int
    recovered: int  # of the misses, sessions where a follow-up about it then covered it

    @property
    def miss_rate(self) -> float:
        """missed / asked."""
        return self.missed / self.asked if self.asked else 0.0


@dataclass(frozen=True)
class Progress:
    """Every progress figure; `damaged` lists the session folders that could not be read."""

    sessions: tuple[SessionPoint, ...]
    questions: tuple[QuestionProgress, ...]  # in bank order (level, then number)
    concepts: tuple[ConceptProgress, ...]  # most missed first; never-missed ones last
    damaged: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        """True when no saved session answered or skipped any question."""
        return not self.questions

    def question(self, question_id: str) -> QuestionProgress | None:
        """The figures for one question, or None if no session reached it."""
        return next((q for q in self.questions if q.question_id == question_id), None)

    def concepts_of(self, question_id: str) -> tuple[ConceptProgress, ...]:
        """One question's concepts, most missed first."""
        return tuple(c for c in self.concepts if c.question_id == question_id)

    def most_missed(self, limit: int = 5) -> tuple[ConceptProgress, ...]:
        """The concepts missed most often (at least once), at most `limit` of them."""
        return tuple(c for c in self.concepts if c.missed)[:limit]

    def weakness(self, question_id: str) -> float:
        """1 - latest coverage; UNSEEN_WEAKNESS for a question no session reached."""
        found = self.question(question_id)
        return UNSEEN_WEAKNESS if found is None else found.weakness

    def priority(self, question_id: str) -> tuple[float, float]:
        """Weakest-first sort key, highest first: weakness, then 1 - best coverage."""
        found = self.question(question_id)
        if found is None:
            return UNSEEN_WEAKNESS, UNSEEN_WEAKNESS
        return found.weakness, 1.0 - found.best


def build_progress(
    sessions: Iterable[SavedSession], damaged: Sequence[str] = ()
) -> Progress:
    """The figures for `sessions` (any order; they are sorted by creation time)."""
    points: dict[str, list[QuestionPoint]] = {}
    texts: dict[str, str] = {}
    order: dict[str, tuple[int, int, str]] = {}
    tallies: dict[tuple[str, str], _Tally] = {}
    overall: list[SessionPoint] = []
    for saved in sorted(sessions, key=chronological):
        results = question_results(saved)
        reached = [r for r in results if r.skipped or r.best_coverage is not None]
        if not reached:
            continue
        overall.append(
            SessionPoint(saved.id, saved.created_at, overall_coverage(results), len(reached))
        )
        for result in reached:
            qid = result.question_id
            question = saved.question(qid)
            texts[qid] = question.text
            order[qid] = (_LEVEL_ORDER.get(question.level.value, 99), question.number, qid)
            points.setdefault(qid, []).append(
                QuestionPoint(saved.created_at, result.best_coverage or 0.0, saved.id,
                              result.skipped)
            )
            _count_concepts(saved, qid, tallies)
    questions = tuple(
        QuestionProgress(qid, texts[qid], tuple(points[qid]))
        for qid in sorted(points, key=lambda q: order[q])
    )
    concepts = tuple(
        sorted(
            (t.freeze(qid, label) for (qid, label), t in tallies.items()),
            key=lambda c: (-c.missed, -c.miss_rate, order[c.question_id], c.label),
        )
    )
    return Progress(tuple(overall), questions, concepts, tuple(damaged))


def load_progress(store: SessionStore) -> Progress:
    """The figures of every readable session in `store`; unreadable ones go to `damaged`."""
    problems: list[str] = []
    sessions = store.load_all(problems=problems)
    return build_progress(sessions, problems)


@dataclass
class _Tally:
    core: bool = False
    asked: int = 0
    missed: int = 0
    recovered: int = 0

    def freeze(self, question_id: str, label: str) -> ConceptProgress:
        return ConceptProgress(
            question_id, label, self.core, self.asked, self.missed, self.recovered
        )


def _count_concepts(
    saved: SavedSession, question_id: str, tallies: dict[tuple[str, str], _Tally]
) -> None:
    """Add one session's asked/missed/recovered counts for one reached question."""
    attempts = saved.attempts_for(question_id)
    best = _counting_answer(attempts)
    if best is None:  # skipped: every concept of the question as it was asked is missed
        concepts = [(c, False) for c in saved.question(question_id).concepts]
    else:
        concepts = [(m.concept, True) for m in best.score.matched]
        concepts += [(m.concept, False) for m in best.score.missed]
    recovered = {a.follow_up_concept for a in attempts if a.kind == "follow_up" and a.score.matched}
    # The weight as the question was asked in that session.
    weights = {c.label: c.weight for c in saved.question(question_id).concepts}
    for concept, covered in concepts:
        tally = tallies.setdefault((question_id, concept.label), _Tally())
        tally.core = tally.core or weights.get(concept.label, concept.weight) is Weight.CORE
        tally.asked += 1
        if not covered:
            tally.missed += 1
            tally.recovered += concept.label in recovered


def _counting_answer(attempts: list[Attempt]) -> Attempt | None:
    """The answer attempt behind the question's coverage: the best, the later on a tie."""
    best: Attempt | None = None
    for attempt in attempts:
        if attempt.kind != "answer":
            continue
        if best is None or attempt.score.coverage >= best.score.coverage:
            best = attempt
    return best


def slope(values: Sequence[float]) -> float:
    """Least-squares slope of `values` against their index (0.0 for fewer than two)."""
    n = len(values)
    if n < 2:
        return 0.0
    mean_x = (n - 1) / 2
    mean_y = fmean(values)
    num = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values))
    den = sum((x - mean_x) ** 2 for x in range(n))
    return num / den


def trend_arrow(question: QuestionProgress) -> str:
    """'↑', '↓' or '→' for the change from first to latest; '·' with one session."""
    if question.sessions < 2:
        return "·"
    if question.change >= STEADY_BAND:
        return "↑"
    if question.change <= -STEADY_BAND:
        return "↓"
    return "→"


def trend_text(question: QuestionProgress) -> str:
    """The trend as people read it: '↑ +25 pts', '→ 0 pts', or 'first time'."""
    if question.sessions < 2:
        return "first time"
    points = round(question.change * 100)
    return f"{trend_arrow(question)} {points:+d} pts" if points else "→ 0 pts"


def missed_text(concept: ConceptProgress) -> str:
    """'missed 3 of 4' plus how many of those it was said only when a follow-up asked."""
    text = f"missed {concept.missed} of {concept.asked}"
    return text + (f", {concept.recovered} only when asked" if concept.recovered else "")


def progress_to_dict(progress: Progress) -> dict[str, Any]:
    """Every figure as JSON-ready values (coverage as fractions 0-1, times as saved)."""
    return {
        "sessions": [session_point_to_dict(p) for p in progress.sessions],
        "questions": [question_to_dict(q) for q in progress.questions],
        "concepts": [concept_to_dict(c) for c in progress.concepts],
        "damaged_sessions": len(progress.damaged),
    }


def session_point_to_dict(point: SessionPoint) -> dict[str, Any]:
    """One session's overall coverage."""
    return {
        "session": point.session_id,
        "started_at": point.started_at,
        "coverage": point.coverage,
        "questions_reached": point.reached,
    }


def question_to_dict(question: QuestionProgress) -> dict[str, Any]:
    """One question's figures and its series of sessions."""
    return {
        "question": question.question_id,
        "text": question.question_text,
        "sessions": question.sessions,
        "best": question.best,
        "latest": question.latest,
        "change": question.change,
        "slope": question.slope,
        "series": [
            {"session": p.session_id, "started_at": p.started_at, "coverage": p.coverage,
             "skipped": p.skipped}
            for p in question.points
        ],
    }


def concept_to_dict(concept: ConceptProgress) -> dict[str, Any]:
    """One concept's counts."""
    return {
        "question": concept.question_id,
        "concept": concept.label,
        "core": concept.core,
        "asked": concept.asked,
        "missed": concept.missed,
        "recovered_in_follow_up": concept.recovered,
        "miss_rate": concept.miss_rate,
    }
