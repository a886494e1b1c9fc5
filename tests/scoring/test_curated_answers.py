"""No correct answer the curators wrote is told it holds a misconception.

`data/curated-correct.jsonl` holds 668 correct answers, written from their own knowledge by
the people who curated the bank (strong, short, speech-recogniser style, "unlike X", answers
that name neighbouring ideas, rambling ones). A false alarm tells a correct candidate they
are wrong, the worst thing the scorer can do, so every bank change is checked against them.
Their wrong counterparts (`curated-wrong.jsonl`) are measured, not asserted, by
`benchmarks/misconception_alarms.py`.

`data/expert-correct.jsonl` holds the correct answers of a later false-alarm hunt (round 26),
written blind as experienced candidates talk: side-by-side comparisons, myth-busters in
their own words, disambiguations of overloaded terms, caveats, worked numbers.

`data/rejecting-correct.jsonl` holds the correct answers of round 27, each of which names
two of the less common misconceptions that round wrote patterns for and rejects or
contrasts them in its own words ("it is not X; it is Y", "unlike Z", "people sometimes say").
`data/reworded-correct.jsonl` does the same for round 28, whose patterns catch common
misconceptions said in fresh words, and `data/kinds-correct.jsonl` for round 29, whose
patterns catch mistakes sought by kind (swapped roles, a reversed effect, a wrong mechanism,
purpose or scope).

`data/spoken-correct.jsonl` holds 135 correct answers written in session 24 as a recogniser
transcribes a candidate speaking: punctuated with fillers and restarts, run-on with few or
no commas, and lower case without punctuation, three per question, most of them comparing,
rejecting a myth or saying what more or less of something does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interviewer.models import Bank
from interviewer.scoring import score_answer

DATA = Path(__file__).parent / "data"

@pytest.mark.parametrize(
    ("name", "at_least"), [("curated-correct.jsonl", 600), ("expert-correct.jsonl", 400),
                           ("rejecting-correct.jsonl", 80), ("reworded-correct.jsonl", 80),
                           ("kinds-correct.jsonl", 80), ("spoken-correct.jsonl", 120)]
)
def test_no_curated_correct_answer_is_flagged(bank: Bank, name: str, at_least: int) -> None:
    rows = [json.loads(line) for line in (DATA / name).open(encoding="utf-8")]
    assert len(rows) > at_least
    flagged = {
        (r["question"], r["text"]): [h.misconception.label for h in hits]
        for r in rows
        if (hits := score_answer(bank.get(r["question"]), r["text"]).misconceptions)
    }
    assert flagged == {}
