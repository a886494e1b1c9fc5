"""The format-neutral report: statuses, attempt numbering, best answers, re-scored attempts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from interviewer.models import Span
from interviewer.reports.build import build_report, scored_text
from interviewer.scoring import score_answer
from interviewer.session.summary import summarise
from tests.reports.sessions import (
    BEST,
    DESCENT,
    RESCORED_AT,
    RETRANSCRIBED,
    SORRY,
    WEAK,
    played,
    rescored,
    start,
)
from tests.session.factories import attempt, saved


def test_questions_attempts_and_summary(tmp_path: Path) -> None:
    snapshot = played(tmp_path).snapshot()
    report = build_report(snapshot)
    first, second = report.questions
    # BEST covers all three concepts but names each once (90%).
    assert (first.number, first.id, first.status, first.best_coverage) == (
        1, "beginner-05", "answered", pytest.approx(0.9)
    )
    assert [a.number for a in first.answers] == [1, 2]
    assert [a.best for a in first.answers] == [False, True]
    assert [a.current.text for a in first.answers] == [WEAK, BEST]
    assert first.follow_ups == ()
    assert first.sample_answer == DESCENT.sample_answer
    assert [a.number for a in second.answers] == [3]
    [follow_up] = second.follow_ups
    assert (follow_up.number, follow_up.kind, follow_up.best) == (4, "follow_up", False)
    assert follow_up.follow_up_concept == "Nearest centroid"
    assert follow_up.current.text == SORRY
    assert report.summary == summarise(snapshot)
    assert report.finished and report.count("answered") == 2
    assert not report.rescored
    # CLUSTERS names one of two core concepts, once: 0.9 * 2 / 4.
    assert [q.live_best_coverage for q in report.questions] == pytest.approx([0.9, 0.45])


def test_findings_are_located_in_the_text(tmp_path: Path) -> None:
    weak = build_report(played(tmp_path).snapshot()).questions[0].answers[0].current
    [covered] = weak.covered
    assert (covered.label, covered.where.quote) == ("Steps against the gradient", "downhill")
    assert WEAK[covered.where.start:covered.where.end] == "downhill"
    [wrong] = weak.misconceptions
    assert (wrong.concept, wrong.label) == ("Minimises the loss", "maximises the loss")
    assert [m.label for m in weak.missed] == ["Minimises the loss", "Learning rate"]
    assert [f.quote for f in weak.fillers] == ["um"]
    assert weak.penalty > 0 and weak.coverage == 0.0
    highlighted = {p.text: p.kinds for p in weak.pieces if p.kinds}
    assert highlighted == {
        "maximises the loss": {"misconception"}, "downhill": {"concept"}
    }


def test_a_rescored_attempt_keeps_what_was_given_live(tmp_path: Path) -> None:
    report = build_report(rescored(played(tmp_path).snapshot()))
    first = report.questions[0].answers[0]
    assert first.rescored and first.rescored_at == RESCORED_AT
    assert first.current.text == RETRANSCRIBED
    assert first.current.coverage == score_answer(DESCENT, RETRANSCRIBED).coverage
    assert first.original is not None
    assert first.original.text == WEAK and first.original.coverage == 0.0
    assert first.original_model is None  # typed live
    assert not report.questions[0].answers[1].rescored
    assert report.rescored


def test_live_best_coverage(tmp_path: Path) -> None:
    session = start(tmp_path)
    session.submit_answer(WEAK, mode="typed")
    report = build_report(rescored(session.snapshot()))
    first, second = report.questions
    assert first.live_best_coverage == 0.0
    assert first.best_coverage == score_answer(DESCENT, RETRANSCRIBED).coverage > 0.0
    assert second.live_best_coverage is None and second.best_coverage is None


@pytest.mark.parametrize(
    ("skipped", "answered", "expected"),
    [
        ((), (), ("not_reached", "not_reached")),
        (("beginner-01",), (), ("skipped", "not_reached")),
        ((), ("beginner-01",), ("answered", "not_reached")),
        # An answer counts even when the question was later skipped.
        (("beginner-01",), ("beginner-01",), ("answered", "not_reached")),
    ],
)
def test_question_status(
    skipped: tuple[str, ...], answered: tuple[str, ...], expected: tuple[str, str]
) -> None:
    attempts = tuple(attempt(qid, 0.5) for qid in answered)
    session = saved(("beginner-01", "beginner-02"), attempts, skipped=skipped)
    report = build_report(session)
    assert tuple(q.status for q in report.questions) == expected
    assert [q.best_coverage for q in report.questions] == [
        0.5 if "beginner-01" in answered else None, None
    ]


def test_the_first_of_equal_answers_is_the_best() -> None:
    session = saved(("beginner-01",), (attempt("beginner-01", 0.5), attempt("beginner-01", 0.5)))
    assert [a.best for a in build_report(session).questions[0].answers] == [True, False]


def test_a_running_session_reports_its_snapshot(tmp_path: Path) -> None:
    session = start(tmp_path)
    session.submit_answer(BEST, mode="typed")
    report = build_report(session.snapshot())
    assert not report.finished
    assert [q.status for q in report.questions] == ["answered", "not_reached"]


def test_spans_of_older_files_index_the_attempt_text() -> None:
    score = replace(score_answer(DESCENT, BEST), text="")  # files before Score.text existed
    scored = scored_text(BEST, score)
    assert scored.text == BEST
    assert all(c.where.start is not None for c in scored.covered)


def test_a_span_that_fits_nowhere_is_listed_but_not_highlighted() -> None:
    score = score_answer(DESCENT, BEST)
    match = replace(score.matched[0], span=Span(0, 5, "not in the answer"))
    scored = scored_text(BEST, replace(score, matched=(match, *score.matched[1:])))
    assert scored.covered[0].where.start is None
    assert scored.covered[0].label not in {label for p in scored.pieces for label in p.labels}
    assert "".join(p.text for p in scored.pieces) == BEST
