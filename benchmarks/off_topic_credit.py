"""Credit for answering another question: each correct answer scored against every other one.

    .venv/bin/python benchmarks/off_topic_credit.py [--bank BANK.toml]
                                                    [--baseline-rev REV | --baseline BANK.toml]
                                                    [--top 25]

A loose alias credits words that mean something else ("trial and error" once gave an answer
about reinforcement learning boosting's "fixes previous errors"), and the graded sets show it
only where a graded answer happens to use those words. Here no grade is needed: the answers
are the bank's sample answers and the correct answers in tests/scoring/data (curated,
expert and spoken), each scored against the 44 questions it does not answer. Some credit is
earned, since neighbouring questions share concepts (regularisation names overfitting; a
decision-tree answer says "supervised"), so the figures are for comparing two banks, scored
by the same scorer, and the list below them is for review:
- how many (answer, other question) pairs earn any concept, and how many 25% or more;
- the mean coverage over all pairs;
- the aliases that most often credit another question's answer, among those where a loose
  one hides: aliases of several parts ("learn from + errors") and fuzzy matches, each with
  one example of the words credited. An exact match of one shared term ("overfitting") is
  nearly always a concept the two questions share, so those are left out of the list.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from misconception_alarms import DATA, bank_at

from interviewer.bank import load_bank
from interviewer.models import Bank
from interviewer.scoring import score_answer

BASELINE_REV = "ad0f222"  # before beginner-08's "trial and error" aliases were narrowed
ANSWER_SETS = ("curated-correct", "expert-correct", "spoken-correct")


def correct_answers(bank: Bank) -> list[tuple[str, str]]:
    """(question id, text) of every sample answer and every curated correct answer."""
    answers = [(q.id, q.sample_answer) for q in bank.questions]
    for name in ANSWER_SETS:
        with (DATA / f"{name}.jsonl").open(encoding="utf-8") as lines:
            answers += [(r["question"], r["text"]) for r in map(json.loads, lines) if r]
    return answers


class Credit:
    """What one bank credits to answers of other questions."""

    def __init__(self, bank: Bank, answers: list[tuple[str, str]]) -> None:
        self.pairs = self.credited = self.quarter = 0
        self.total = 0.0
        self.aliases: Counter[tuple[str, str, bool]] = Counter()
        self.example: dict[tuple[str, str, bool], str] = {}
        for own, text in answers:
            for question in bank.questions:
                if question.id == own:
                    continue
                score = score_answer(question, text)
                self.pairs += 1
                self.total += score.coverage
                self.credited += bool(score.matched)
                self.quarter += score.coverage >= 0.25
                for match in score.matched:
                    key = (question.id, match.alias, match.similarity < 1)
                    self.aliases[key] += 1
                    self.example.setdefault(key, f"{own}: {match.span.text!r}")

    def row(self, name: str) -> str:
        """The figures as one line of the table (counts, so a change of a few shows)."""
        return (f"{name:<32}{self.credited:>14,}{self.quarter:>14,}"
                f"{self.total / self.pairs:>14.4f}")


def main(argv: list[str] | None = None) -> int:
    """Print the credit the bank and the baseline give to other questions' answers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bank", type=Path, default=None, help="bank file (default: shipped)")
    parser.add_argument("--baseline-rev", default=BASELINE_REV, help="git revision of the baseline")
    parser.add_argument("--baseline", type=Path, default=None, help="baseline bank file instead")
    parser.add_argument("--top", type=int, default=25, help="aliases to list")
    args = parser.parse_args(argv)

    banks = {"interviewer": load_bank(args.bank)}
    with tempfile.TemporaryDirectory() as folder:
        baseline_path = args.baseline or bank_at(args.baseline_rev, Path(folder))
        if baseline_path is None:
            print(f"no baseline: git cannot show {args.baseline_rev}:content/bank.toml")
        else:
            banks[f"baseline ({args.baseline or args.baseline_rev})"] = load_bank(baseline_path)
    answers = correct_answers(banks["interviewer"])
    credit = {name: Credit(bank, answers) for name, bank in banks.items()}
    pairs = credit["interviewer"].pairs
    print(f"{len(answers)} correct answers, each scored against the other 44 questions "
          f"({pairs:,} pairs)\n")
    print(f"{'':<32}{'pairs credited':>14}{'25% or more':>14}{'mean':>14}")
    for name, figures in credit.items():
        print(figures.row(name))

    mine = credit["interviewer"]
    print("\naliases of several parts, and fuzzy matches, that most often credit another "
          "question's answer")
    listed = [(key, count) for key, count in mine.aliases.most_common()
              if key[2] or "+" in key[1] or "..." in key[1]]
    for (qid, alias, fuzzy), count in listed[: args.top]:
        kind = "fuzzy" if fuzzy else "exact"
        print(f"{count:>5}  {qid:<16} {kind}  {alias!r:<32} e.g. {mine.example[qid, alias, fuzzy]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
