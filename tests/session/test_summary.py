"""Summary arithmetic: best coverage, skips, overall coverage, most missed, delivery."""

from __future__ import annotations

import pytest

from interviewer.models import Delivery
from interviewer.session.summary import (
    delivery_overview,
    most_missed,
    overall_coverage,
    question_results,
    summarise,
)
from tests.session.factories import attempt, saved

Q = ("beginner-01", "beginner-02", "beginner-03")


@pytest.mark.parametrize(
    ("attempts", "skipped", "expected_overall"),
    [
        ((attempt(Q[0], 0.5), attempt(Q[1], 1.0), attempt(Q[2], 0.0)), (), 0.5),
        # Best attempt counts, not the latest.
        ((attempt(Q[0], 0.8), attempt(Q[0], 0.4), attempt(Q[1], 0.6), attempt(Q[2], 0.4)), (), 0.6),
        # A skipped question counts 0.
        ((attempt(Q[0], 0.9), attempt(Q[1], 0.6)), (Q[2],), 0.5),
        # Questions never reached (quit early) are left out.
        ((attempt(Q[0], 0.7),), (), 0.7),
        # Nothing reached at all.
        ((), (), 0.0),
        # Everything skipped.
        ((), Q, 0.0),
        # Follow-ups do not change a question's coverage.
        ((attempt(Q[0], 0.4), attempt(Q[0], 1.0, kind="follow_up")), (), 0.4),
        # Answered and then skipped: still answered.
        ((attempt(Q[0], 0.6),), (Q[0],), 0.6),
    ],
)
def test_overall_coverage(attempts: tuple, skipped: tuple, expected_overall: float) -> None:
    summary = summarise(saved(Q, attempts, skipped=skipped))
    assert summary.overall_coverage == pytest.approx(expected_overall)


def test_per_question_results_mark_skips_and_count_answer_attempts() -> None:
    results = question_results(
        saved(
            Q,
            (attempt(Q[0], 0.3), attempt(Q[0], 0.6), attempt(Q[0], 1.0, kind="follow_up")),
            skipped=(Q[1],),
        )
    )
    assert [(r.question_id, r.best_coverage, r.attempts, r.skipped) for r in results] == [
        (Q[0], 0.6, 2, False),
        (Q[1], None, 0, True),
        (Q[2], None, 0, False),
    ]
    assert results[0].question_text == f"Question {Q[0]}?"
    assert overall_coverage(results) == pytest.approx(0.3)


def test_most_missed_counts_attempts_and_breaks_ties_alphabetically() -> None:
    attempts = (
        attempt(Q[0], 0.0, missed=("chain rule", "gradients")),
        attempt(Q[0], 0.5, missed=("chain rule",)),
        attempt(Q[1], 0.5, missed=("bias", "variance")),
        attempt(Q[0], 0.0, kind="follow_up", missed=("chain rule",)),
    )
    assert most_missed(attempts) == (
        ("chain rule", 3), ("bias", 1), ("gradients", 1), ("variance", 1)
    )
    assert most_missed(attempts, limit=2) == (("chain rule", 3), ("bias", 1))
    assert most_missed(()) == ()


def _timed(
    wpm: float | None, fpm: float | None, pause: float | None, dur: float | None
) -> Delivery:
    return Delivery(
        word_count=10,
        duration_s=dur,
        words_per_minute=wpm,
        fillers_per_minute=fpm,
        longest_pause_s=pause,
    )


def test_delivery_overview_over_spoken_attempts_with_speech() -> None:
    attempts = (
        attempt(Q[0], 0.5, mode="voice", delivery=_timed(120, 2.0, 1.5, 30.0), duration_s=31.0),
        attempt(Q[1], 0.5, mode="voice", delivery=_timed(150, 4.0, 3.0, 20.0)),
        # Typed answers have no speaking pace; silent attempts have no speech.
        attempt(Q[2], 0.5, mode="typed", delivery=_timed(400, 0.0, 9.0, 10.0)),
        attempt(Q[2], 0.0, mode="voice", text="  ", delivery=_timed(None, None, None, 5.0)),
    )
    overview = delivery_overview(attempts)
    assert overview.answers == 2
    assert overview.words_per_minute == pytest.approx(135)
    assert overview.fillers_per_minute == pytest.approx(3.0)
    assert overview.longest_pause_s == pytest.approx(3.0)
    # The attempt's own duration wins over the scorer's when both exist.
    assert overview.total_speaking_s == pytest.approx(51.0)


@pytest.mark.parametrize("mode", ["typed", "voice"])
def test_delivery_overview_without_timing_is_none(mode: str) -> None:
    text = "typed words" if mode == "typed" else ""
    overview = delivery_overview((attempt(Q[0], 0.5, mode=mode, text=text),))
    assert overview.answers == 0
    assert (
        overview.words_per_minute, overview.fillers_per_minute,
        overview.longest_pause_s, overview.total_speaking_s,
    ) == (None, None, None, None)


def test_summary_names_the_folder() -> None:
    session = saved(Q, session_id="2026-01-01T10-00-00-ab12")
    assert summarise(session).folder == session.folder
