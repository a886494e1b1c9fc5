"""Progress figures across sessions: per question, per concept, over time, and weakness."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from interviewer.models import Weight
from interviewer.session.progress import (
    UNSEEN_WEAKNESS,
    ConceptProgress,
    Progress,
    QuestionPoint,
    QuestionProgress,
    build_progress,
    load_progress,
    missed_text,
    progress_to_dict,
    slope,
    trend_arrow,
    trend_text,
)
from interviewer.session.records import Attempt, OriginalAnswer
from interviewer.session.storage import SessionStore
from interviewer.settings import Settings
from tests.session.factories import attempt, concept, question, saved, score

Q1, Q2, Q3 = "beginner-01", "beginner-02", "intermediate-01"
CONCEPTS = (concept("Loss"), concept("Gradient"), concept("Step size", Weight.SUPPORTING))
LABELS = tuple(c.label for c in CONCEPTS)


def answer(qid: str, coverage: float, *, matched: tuple[str, ...] = (),
           missed: tuple[str, ...] = ()) -> Attempt:
    """An answer attempt whose score names the covered and missed concepts."""
    return dataclasses.replace(
        attempt(qid, coverage), score=score(qid, coverage, matched=matched, missed=missed)
    )


def follow_up(qid: str, label: str, *, covered: bool) -> Attempt:
    """A follow-up about `label`, scored as the live session scores one (1.0 or 0.0)."""
    result = score(qid, 1.0 if covered else 0.0, matched=(label,) if covered else (),
                   missed=() if covered else (label,))
    return dataclasses.replace(
        attempt(qid, result.coverage, kind="follow_up"), follow_up_concept=label, score=result
    )


def session(day: int, attempts: tuple[Attempt, ...] = (), *, qids: tuple[str, ...] = (Q1, Q2),
            skipped: tuple[str, ...] = ()) -> object:
    """A session on 2026-03-<day> over questions that have the three CONCEPTS."""
    base = saved(qids, attempts, skipped=skipped, created_at=f"2026-03-{day:02d}T09:00:00+00:00",
                 session_id=f"s{day:02d}")
    return dataclasses.replace(base, questions=tuple(question(q, *CONCEPTS) for q in qids))


def three_sessions() -> list:
    # Given out of order on purpose: figures follow creation time.
    return [
        session(5, (answer(Q1, 0.8, matched=("Loss", "Gradient"), missed=("Step size",)),
                    answer(Q2, 0.4, matched=("Loss",), missed=("Gradient", "Step size")))),
        session(1, (answer(Q1, 0.2, missed=LABELS), answer(Q1, 0.4, matched=("Loss",),
                                                           missed=("Gradient", "Step size"))),
                skipped=(Q2,)),
        session(3, (answer(Q1, 0.6, matched=("Loss", "Step size"), missed=("Gradient",)),
                    follow_up(Q1, "Gradient", covered=True))),
    ]


def test_per_question_best_latest_and_trend() -> None:
    progress = build_progress(three_sessions())
    q1 = progress.question(Q1)
    assert q1 is not None
    assert [p.session_id for p in q1.points] == ["s01", "s03", "s05"]
    assert [p.coverage for p in q1.points] == pytest.approx([0.4, 0.6, 0.8])
    assert (q1.sessions, q1.best, q1.latest) == (3, pytest.approx(0.8), pytest.approx(0.8))
    assert q1.change == pytest.approx(0.4)
    assert q1.slope == pytest.approx(0.2)
    assert q1.question_text == "Question beginner-01?"
    q2 = progress.question(Q2)
    assert q2 is not None
    # Skipped in s01 (counts 0), never reached in s03 (left out), 40 % in s05.
    assert [(p.session_id, p.coverage, p.skipped) for p in q2.points] == [
        ("s01", 0.0, True), ("s05", 0.4, False)
    ]
    assert progress.question(Q3) is None


def test_questions_come_in_bank_order() -> None:
    progress = build_progress(
        [session(1, (answer(Q3, 0.5), answer(Q2, 0.5), answer(Q1, 0.5)), qids=(Q3, Q2, Q1))]
    )
    assert [q.question_id for q in progress.questions] == [Q1, Q2, Q3]


def test_overall_coverage_per_session_over_time() -> None:
    sessions = [*three_sessions(), session(7, ())]  # s07 reached nothing: no point for it
    progress = build_progress(sessions)
    assert [(p.session_id, p.reached) for p in progress.sessions] == [
        ("s01", 2), ("s03", 1), ("s05", 2)
    ]
    # s01: Q1 40 %, Q2 skipped (0) -> 20 %; s03: Q1 only; s05: (80 + 40) / 2.
    assert [p.coverage for p in progress.sessions] == pytest.approx([0.2, 0.6, 0.6])
    assert progress.sessions[0].started_at == "2026-03-01T09:00:00+00:00"


def test_concepts_count_the_answer_that_gives_the_coverage() -> None:
    progress = build_progress(three_sessions())
    q1 = {c.label: c for c in progress.concepts_of(Q1)}
    # s01's best answer (the retry) covered Loss; s03 missed Gradient but said it once a
    # follow-up asked; s05 missed Step size.
    assert q1["Loss"] == ConceptProgress(Q1, "Loss", True, asked=3, missed=0, recovered=0)
    assert q1["Gradient"] == ConceptProgress(Q1, "Gradient", True, asked=3, missed=2,
                                             recovered=1)
    assert q1["Step size"] == ConceptProgress(Q1, "Step size", False, asked=3, missed=2,
                                              recovered=0)
    q2 = {c.label: c for c in progress.concepts_of(Q2)}
    # A skip misses every concept of the question.
    assert {label: (c.asked, c.missed) for label, c in q2.items()} == {
        "Loss": (2, 1), "Gradient": (2, 2), "Step size": (2, 2)
    }


def test_most_missed_ranks_by_count_then_rate_and_leaves_out_never_missed() -> None:
    progress = build_progress(three_sessions())
    ranked = [(c.question_id, c.label, c.missed, c.asked) for c in progress.most_missed(10)]
    assert ranked == [
        (Q2, "Gradient", 2, 2), (Q2, "Step size", 2, 2),  # 2 of 2 before 2 of 3
        (Q1, "Gradient", 2, 3), (Q1, "Step size", 2, 3),
        (Q2, "Loss", 1, 2),
    ]
    assert len(progress.most_missed(2)) == 2
    assert progress.concepts[-1].missed == 0  # never-missed concepts are listed last


@pytest.mark.parametrize(
    ("coverages", "expected_best"),
    [((0.5, 0.5), "second"), ((0.7, 0.5), "first"), ((0.3, 0.6), "second")],
)
def test_the_counting_answer_is_the_best_and_the_later_on_a_tie(
    coverages: tuple[float, float], expected_best: str
) -> None:
    first = answer(Q1, coverages[0], matched=("Loss",), missed=("Gradient",))
    second = answer(Q1, coverages[1], matched=("Gradient",), missed=("Loss",))
    progress = build_progress([session(1, (first, second), qids=(Q1,))])
    missed = {c.label for c in progress.concepts_of(Q1) if c.missed}
    assert missed == ({"Loss"} if expected_best == "second" else {"Gradient"})


def test_follow_ups_do_not_raise_question_coverage() -> None:
    progress = build_progress(
        [session(1, (answer(Q1, 0.25, missed=("Loss",)), follow_up(Q1, "Loss", covered=True)),
                 qids=(Q1,))]
    )
    q1 = progress.question(Q1)
    assert q1 is not None and q1.latest == pytest.approx(0.25)


def test_a_rescored_attempt_counts_with_its_current_score() -> None:
    live = answer(Q1, 0.2, missed=LABELS)
    rescored = dataclasses.replace(
        answer(Q1, 0.9, matched=LABELS),
        original=OriginalAnswer(live.text, None, live.score, None),
        rescored_at="2026-03-02T10:00:00+00:00",
    )
    progress = build_progress([session(1, (rescored,), qids=(Q1,))])
    q1 = progress.question(Q1)
    assert q1 is not None and q1.best == pytest.approx(0.9)
    assert not progress.most_missed()


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], 0.0),
        ([0.5], 0.0),
        ([0.2, 0.4], 0.2),
        ([0.5, 0.5, 0.5], 0.0),
        ([0.9, 0.6, 0.3], -0.3),
        ([0.0, 1.0, 0.0, 1.0], 0.2),
    ],
)
def test_slope(values: list[float], expected: float) -> None:
    assert slope(values) == pytest.approx(expected)


def _question(*coverages: float) -> QuestionProgress:
    points = tuple(
        QuestionPoint(f"2026-03-{n:02d}", c, f"s{n}", False) for n, c in enumerate(coverages, 1)
    )
    return QuestionProgress(Q1, "?", points)


@pytest.mark.parametrize(
    ("coverages", "arrow", "text"),
    [
        ((0.5,), "·", "first time"),
        ((0.2, 0.45), "↑", "↑ +25 pts"),
        ((0.8, 0.4), "↓", "↓ -40 pts"),
        ((0.5, 0.52), "→", "→ +2 pts"),
        ((0.5, 0.9, 0.5), "→", "→ 0 pts"),
    ],
)
def test_trend_arrow_and_text(coverages: tuple[float, ...], arrow: str, text: str) -> None:
    q = _question(*coverages)
    assert trend_arrow(q) == arrow
    assert trend_text(q) == text


@pytest.mark.parametrize(
    ("missed", "recovered", "expected"),
    [(0, 0, "missed 0 of 4"), (3, 0, "missed 3 of 4"), (3, 2, "missed 3 of 4, 2 only when asked")],
)
def test_missed_text(missed: int, recovered: int, expected: str) -> None:
    assert missed_text(ConceptProgress(Q1, "Loss", True, 4, missed, recovered)) == expected


def test_weakness_and_priority_for_weakest_first() -> None:
    progress = build_progress(
        [session(1, (answer(Q1, 0.9), answer(Q2, 0.4)), qids=(Q1, Q2)),
         session(2, (answer(Q1, 0.4),), qids=(Q1,))]
    )
    assert progress.weakness(Q1) == pytest.approx(0.6)
    assert progress.weakness(Q2) == pytest.approx(0.6)
    assert progress.weakness(Q3) == UNSEEN_WEAKNESS
    # Same latest coverage: Q2 never did better, so it comes before Q1 (best 90 %).
    assert progress.priority(Q2) > progress.priority(Q1)
    assert progress.priority(Q3) == (UNSEEN_WEAKNESS, UNSEEN_WEAKNESS)


def test_no_sessions() -> None:
    progress = build_progress([])
    assert progress == Progress((), (), (), ())
    assert progress.is_empty
    assert progress.most_missed() == ()
    assert progress_to_dict(progress) == {
        "sessions": [], "questions": [], "concepts": [], "damaged_sessions": 0
    }


def test_figures_as_json() -> None:
    data = json.loads(json.dumps(progress_to_dict(build_progress(three_sessions()))))
    assert [s["session"] for s in data["sessions"]] == ["s01", "s03", "s05"]
    q1 = data["questions"][0]
    assert q1["question"] == Q1
    assert (q1["sessions"], q1["best"], q1["latest"]) == (3, 0.8, 0.8)
    assert q1["change"] == pytest.approx(0.4)
    assert [p["coverage"] for p in q1["series"]] == [0.4, 0.6, 0.8]
    gradient = next(c for c in data["concepts"] if c["concept"] == "Gradient"
                    and c["question"] == Q1)
    assert gradient == {
        "question": Q1, "concept": "Gradient", "core": True, "asked": 3, "missed": 2,
        "recovered_in_follow_up": 1, "miss_rate": pytest.approx(2 / 3),
    }


def test_load_progress_reads_saved_folders_and_counts_damaged_ones(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    for built in three_sessions():
        folder = store.create(Settings(), "fake", built.questions)
        folder.save(dataclasses.replace(built, id=folder.id, folder=folder.path))
    broken = store.create(Settings(), "fake", ())
    broken.json_path.write_text('{"schema_version": 2, "questi', encoding="utf-8")
    progress = load_progress(store)
    assert len(progress.damaged) == 1
    assert "corrupt or truncated" in progress.damaged[0]
    assert progress == dataclasses.replace(
        build_progress(store.load_all()), damaged=progress.damaged
    )
    q1 = progress.question(Q1)
    assert q1 is not None and [p.coverage for p in q1.points] == pytest.approx([0.4, 0.6, 0.8])
