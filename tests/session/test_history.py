"""History across sessions: weakness per question and coverage trends."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from interviewer.session.history import UNSEEN_WEAKNESS, History
from tests.session.factories import attempt, saved

Q1, Q2, Q3 = "beginner-01", "beginner-02", "beginner-03"


def _sessions() -> list:
    # Given out of order on purpose: History orders by creation time.
    return [
        saved((Q1, Q2), (attempt(Q1, 0.8), attempt(Q2, 0.5)),
              created_at="2026-01-03T09:00:00+00:00", session_id="c"),
        saved((Q1, Q2, Q3), (attempt(Q1, 0.2), attempt(Q1, 0.4)), skipped=(Q2,),
              created_at="2026-01-01T09:00:00+00:00", session_id="a"),
        saved((Q3,), (), created_at="2026-01-02T09:00:00+00:00", session_id="b",
              finished=False),
    ]


@pytest.mark.parametrize(
    ("qid", "expected"),
    [
        (Q1, pytest.approx(0.2)),  # latest best coverage 0.8
        (Q2, pytest.approx(0.5)),  # skipped first (1.0), then 0.5 coverage
        (Q3, UNSEEN_WEAKNESS),  # only ever in sessions that never reached it
        ("advanced-09", UNSEEN_WEAKNESS),
    ],
)
def test_weakness_uses_the_latest_result(qid: str, expected: float) -> None:
    assert History(_sessions()).weakness(qid) == expected


def test_coverage_trend_is_in_time_order_with_skips_as_zero() -> None:
    history = History(_sessions())
    assert history.coverage_trend(Q1) == [
        ("2026-01-01T09:00:00+00:00", pytest.approx(0.4)),
        ("2026-01-03T09:00:00+00:00", pytest.approx(0.8)),
    ]
    points = history.trend_points(Q2)
    assert [(p.session_id, p.coverage, p.skipped) for p in points] == [
        ("a", 0.0, True), ("c", 0.5, False)
    ]
    assert history.coverage_trend(Q3) == []
    assert history.question_ids() == [Q1, Q2]


def test_empty_history() -> None:
    assert History().is_empty
    assert History([saved((Q1,), ())]).is_empty
    assert not History(_sessions()).is_empty


def test_follow_ups_do_not_count_towards_weakness() -> None:
    history = History([saved((Q1,), (attempt(Q1, 0.25), attempt(Q1, 1.0, kind="follow_up")))])
    assert history.weakness(Q1) == pytest.approx(0.75)


def test_sessions_are_ordered_by_instant_not_by_text() -> None:
    # 03:10 at +02:00 is 01:10 UTC: earlier than 01:30 UTC although it sorts later as text.
    history = History(
        [
            saved((Q1,), (attempt(Q1, 0.3),), created_at="2026-03-29T01:30:00+00:00",
                  session_id="later"),
            saved((Q1,), (attempt(Q1, 0.9),), created_at="2026-03-29T03:10:00+02:00",
                  session_id="earlier"),
            saved((Q1,), (attempt(Q1, 0.5),), created_at="2026-03-29T01:30:00.000002+00:00",
                  session_id="a-latest"),
        ]
    )
    assert [p.session_id for p in history.trend_points(Q1)] == ["earlier", "later", "a-latest"]
    assert history.weakness(Q1) == pytest.approx(0.5)


def test_history_is_a_view_of_the_progress_figures() -> None:
    from interviewer.session.progress import build_progress

    sessions = _sessions()
    history = History(sessions)
    progress = build_progress(sessions)
    assert history.progress == progress
    for qid in (Q1, Q2, Q3, "advanced-09"):
        assert history.weakness(qid) == progress.weakness(qid)
        assert history.priority(qid) == progress.priority(qid)
        found = progress.question(qid)
        assert history.trend_points(qid) == (list(found.points) if found else [])
    wrapped = History.from_progress(progress)
    assert wrapped.question_ids() == history.question_ids()
    assert wrapped.weakness(Q1) == history.weakness(Q1)


def test_load_reports_unreadable_folders(tmp_path: Path) -> None:
    from interviewer.session.storage import SessionStore
    from interviewer.settings import Settings

    store = SessionStore(tmp_path)
    for built in _sessions():
        folder = store.create(Settings(), "fake", built.questions)
        folder.save(dataclasses.replace(built, id=folder.id, folder=folder.path))
    store.create(Settings(), "fake", ()).json_path.write_text("{", encoding="utf-8")
    problems: list[str] = []
    history = History.load(store, problems)
    assert len(problems) == 1 and "corrupt" in problems[0]
    assert history.weakness(Q1) == pytest.approx(0.2)
    assert [c for _, c in history.coverage_trend(Q2)] == [0.0, pytest.approx(0.5)]
