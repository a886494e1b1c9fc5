"""No correct answer the curators wrote is told it holds a misconception.

`data/curated-correct.jsonl` holds 668 correct answers, written from their own knowledge by
the people who curated the bank (strong, short, speech-recogniser style, "unlike X", answers
that name neighbouring ideas, rambling ones). A false alarm tells a correct candidate they
are wrong, the worst thing the scorer can do, so every bank change is checked against them.
Their wrong counterparts (`curated-wrong.jsonl`) are measured, not asserted, by
`benchmarks/misconception_alarms.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

from interviewer.models import Bank
from interviewer.scoring import score_answer

DATA = Path(__file__).parent / "data"

def test_no_curated_correct_answer_is_flagged(bank: Bank) -> None:
    rows = [json.loads(line) for line in (DATA / "curated-correct.jsonl").open(encoding="utf-8")]
    assert len(rows) > 600
    flagged = {
        (r["question"], r["text"]): [h.misconception.label for h in hits]
        for r in rows
        if (hits := score_answer(bank.get(r["question"]), r["text"]).misconceptions)
    }
    assert flagged == {}
