"""Question picking: level filter, count, order, weakest-first with and without history."""

from __future__ import annotations

import random

import pytest

from interviewer.session.history import History
from interviewer.session.picker import NO_HISTORY_REASON, fallback_reason, pick_questions
from tests.session.factories import attempt, saved, small_bank

BANK = small_bank()


@pytest.mark.parametrize(
    ("level", "expected_prefixes"),
    [
        ("beginner", {"beginner"}),
        ("intermediate", {"intermediate"}),
        ("advanced", {"advanced"}),
        ("mixed", {"beginner", "intermediate", "advanced"}),
    ],
)
def test_level_filters_questions(level: str, expected_prefixes: set[str]) -> None:
    picked = pick_questions(BANK, level=level, count=9, order="random", rng=random.Random(1))
    assert {q.id.rsplit("-", 1)[0] for q in picked} == expected_prefixes
    assert len({q.id for q in picked}) == len(picked)


@pytest.mark.parametrize(
    ("level", "count", "expected"),
    [
        ("beginner", 1, 1),
        ("beginner", 3, 3),
        ("beginner", 10, 3),
        ("mixed", 5, 5),
        ("mixed", 45, 9),
    ],
)
@pytest.mark.parametrize("order", ["random", "in-order", "weakest-first"])
def test_count_is_capped_by_what_the_level_holds(
    level: str, count: int, expected: int, order: str
) -> None:
    picked = pick_questions(BANK, level=level, count=count, order=order, rng=random.Random(0))
    assert len(picked) == expected
    assert len({q.id for q in picked}) == expected


def test_in_order_follows_the_bank() -> None:
    picked = pick_questions(BANK, level="mixed", count=4, order="in-order")
    assert [q.id for q in picked] == [
        "beginner-01", "beginner-02", "beginner-03", "intermediate-01"
    ]


def test_random_order_depends_on_the_rng_and_is_reproducible() -> None:
    orders = {
        tuple(
            q.id
            for q in pick_questions(
                BANK, level="mixed", count=9, order="random", rng=random.Random(seed)
            )
        )
        for seed in range(10)
    }
    assert len(orders) > 1
    first = pick_questions(BANK, level="mixed", count=4, order="random", rng=random.Random(7))
    again = pick_questions(BANK, level="mixed", count=4, order="random", rng=random.Random(7))
    assert first == again


@pytest.mark.parametrize("history", [None, History()])
def test_weakest_first_without_history_falls_back_to_random(history: History | None) -> None:
    assert fallback_reason("weakest-first", history) == NO_HISTORY_REASON
    got = pick_questions(
        BANK, level="mixed", count=9, order="weakest-first", history=history,
        rng=random.Random(3),
    )
    expected = pick_questions(BANK, level="mixed", count=9, order="random", rng=random.Random(3))
    assert got == expected


@pytest.mark.parametrize("order", ["random", "in-order"])
def test_other_orders_need_no_history(order: str) -> None:
    assert fallback_reason(order, None) is None


def test_weakest_first_asks_known_weak_then_unseen_then_strong() -> None:
    history = History(
        [
            saved(
                ("beginner-01", "beginner-02", "beginner-03"),
                (attempt("beginner-01", 0.9), attempt("beginner-02", 0.2)),
                skipped=("beginner-03",),
            )
        ]
    )
    assert fallback_reason("weakest-first", history) is None
    picked = pick_questions(
        BANK, level="mixed", count=9, order="weakest-first", history=history,
        rng=random.Random(0),
    )
    ids = [q.id for q in picked]
    # Skipped (weakness 1.0), then 0.2 coverage (0.8), then the six unseen (0.5), then 0.9.
    assert ids[:2] == ["beginner-03", "beginner-02"]
    unseen = {f"{lv}-{n:02d}" for lv in ("intermediate", "advanced") for n in (1, 2, 3)}
    assert set(ids[2:8]) == unseen
    assert ids[8] == "beginner-01"


def test_weakest_first_with_a_small_count_takes_the_weakest() -> None:
    history = History(
        [
            saved(
                ("advanced-02", "advanced-03"),
                (attempt("advanced-02", 0.1), attempt("advanced-03", 0.3)),
            )
        ]
    )
    picked = pick_questions(BANK, level="advanced", count=2, order="weakest-first", history=history)
    assert [q.id for q in picked] == ["advanced-02", "advanced-03"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"level": "expert", "count": 3, "order": "random"}, "level"),
        ({"level": "mixed", "count": 0, "order": "random"}, "count"),
        ({"level": "mixed", "count": 3, "order": "sideways"}, "order"),
    ],
)
def test_bad_arguments_are_rejected(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pick_questions(BANK, **kwargs)


def test_weakest_first_breaks_ties_by_the_lower_best_coverage() -> None:
    # Both were at 40 % last time; beginner-01 once reached 90 %, beginner-02 never did.
    history = History(
        [
            saved(("beginner-01", "beginner-02"),
                  (attempt("beginner-01", 0.9), attempt("beginner-02", 0.4)),
                  created_at="2026-01-01T10:00:00+00:00", session_id="a"),
            saved(("beginner-01",), (attempt("beginner-01", 0.4),),
                  created_at="2026-01-02T10:00:00+00:00", session_id="b"),
        ]
    )
    for seed in range(5):
        picked = pick_questions(
            BANK, level="beginner", count=3, order="weakest-first", history=history,
            rng=random.Random(seed),
        )
        # 0.6 weakness for both, the unseen beginner-03 (0.5) last.
        assert [q.id for q in picked] == ["beginner-02", "beginner-01", "beginner-03"]


def test_weakest_first_takes_the_progress_figures_directly() -> None:
    from interviewer.session.progress import build_progress

    sessions = [saved(("advanced-01", "advanced-02"),
                      (attempt("advanced-01", 0.7), attempt("advanced-02", 0.1)))]
    by_history = pick_questions(BANK, level="advanced", count=3, order="weakest-first",
                                history=History(sessions), rng=random.Random(1))
    by_progress = pick_questions(BANK, level="advanced", count=3, order="weakest-first",
                                 history=build_progress(sessions), rng=random.Random(1))
    assert by_history == by_progress
    assert [q.id for q in by_progress] == ["advanced-02", "advanced-03", "advanced-01"]
    assert fallback_reason("weakest-first", build_progress([])) == NO_HISTORY_REASON
