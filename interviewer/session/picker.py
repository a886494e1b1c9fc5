"""Choosing a session's questions: by level, how many, and in which order."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from interviewer.models import Bank, Level, Question
from interviewer.settings import LEVEL_CHOICES, ORDERS

if TYPE_CHECKING:
    from interviewer.session.history import History
    from interviewer.session.progress import Progress

NO_HISTORY_REASON = "no saved answers yet, so questions come in random order"


def pick_questions(
    bank: Bank,
    *,
    level: str,
    count: int,
    order: str,
    history: History | Progress | None = None,
    rng: random.Random | None = None,
) -> list[Question]:
    """Up to `count` questions of `level` ("mixed" = all levels), in `order`.

    "in-order" takes the bank's order (beginner-01 first); "random" samples with `rng`;
    "weakest-first" sorts by `history.priority` (the progress figures: weakness, i.e. 1 -
    latest coverage, then 1 - best coverage; highest first, remaining ties in random order)
    and falls back to random when there is no history (see `fallback_reason`). Asking for
    more questions than the level holds gives all of them.
    """
    if level not in LEVEL_CHOICES:
        raise ValueError(f"level must be one of {LEVEL_CHOICES}, not {level!r}")
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}, not {order!r}")
    if count < 1:
        raise ValueError(f"count must be at least 1, not {count}")
    rng = rng or random.Random()
    pool = list(bank.by_level(None if level == "mixed" else Level(level)))
    count = min(count, len(pool))
    if order == "in-order":
        return pool[:count]
    if order == "weakest-first" and fallback_reason(order, history) is None:
        assert history is not None
        # Shuffle first so the stable sort breaks ties (e.g. all unseen questions) at random.
        rng.shuffle(pool)
        pool.sort(key=lambda q: history.priority(q.id), reverse=True)
        return pool[:count]
    return rng.sample(pool, count)


def fallback_reason(order: str, history: History | Progress | None) -> str | None:
    """Why `order` cannot be honoured (weakest-first with no history), or None when it can."""
    if order == "weakest-first" and (history is None or history.is_empty):
        return NO_HISTORY_REASON
    return None
