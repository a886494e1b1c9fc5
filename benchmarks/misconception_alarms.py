"""Misconception detection: false alarms on correct answers and catches on wrong ones.

    .venv/bin/python benchmarks/misconception_alarms.py [--bank BANK.toml]
                                                        [--baseline-rev REV | --baseline BANK.toml]

Data, in tests/scoring/data/: curated-correct.jsonl and curated-wrong.jsonl, answers the
bank's curators wrote from their own knowledge; from round 27, less-common-wrong.jsonl
(ten less common misconceptions per question, one answer each) with rejecting-correct.jsonl
(correct answers that name two of them and reject them); and from round 28,
reworded-wrong.jsonl (five common misconceptions per question, each said two fresh ways: a
pronoun subject, another verb, a description instead of the name) with
reworded-correct.jsonl (correct answers rejecting two of them); and from round 29,
kinds-wrong.jsonl (ten mistakes per question sought by kind: swapped roles, a reversed
effect, a wrong mechanism, purpose or scope) with kinds-correct.jsonl. The bank was tuned on
all of these, so their catch rates are optimistic; the graded sets in scoring_quality.py are
the independent measure. Then spoken-wrong.jsonl and spoken-correct.jsonl (session 24: one
wrong and three correct answers per question, written as a recogniser transcribes speech),
from which no pattern was written. Printed beside a baseline bank, scored by the same
(current) scorer: by default the shipped bank as of git revision 704ac24, before the
abbreviation rules and the recall rounds of November 2026 (`--baseline-rev da92f35` is the
bank just before round 27, `651cb61` the bank just before round 28, `ba22b2a` the bank just
before round 29).
Last, a held-out line: benchmarks/data/kinds-heldout.jsonl, 180 wrong answers (four mistakes
per question, sought by the same kinds as round 29) and 45 correct ones, written blind by
three other people and never tuned on: how far the patterns reach beyond their writers' words.
And benchmarks/data/runon-blind.jsonl (session 25): per question two correct answers and one
wrong one, written blind from the question list as a recogniser transcribes speech without
commas (run-on with full stops, or lower case without any punctuation). Two of its correct
answers were read, to see why they were flagged, and one pattern was narrowed for one of them;
the wrong ones were not read.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from interviewer.bank import load_bank  # noqa: E402
from interviewer.models import Bank  # noqa: E402
from interviewer.scoring import score_answer  # noqa: E402

DATA = REPO / "tests" / "scoring" / "data"
HELD_OUT = REPO / "benchmarks" / "data" / "kinds-heldout.jsonl"
RUN_ON = REPO / "benchmarks" / "data" / "runon-blind.jsonl"
BASELINE_REV = "704ac24"


def flagged(bank: Bank, rows: list[dict[str, str]]) -> int:
    """How many of the answers are scored with at least one misconception."""
    return sum(1 for r in rows if score_answer(bank.get(r["question"]), r["text"]).misconceptions)


def bank_at(rev: str, folder: Path) -> Path | None:
    """The shipped bank file as of a git revision, or None when git cannot give it."""
    try:
        text = subprocess.run(
            ["git", "-C", str(REPO), "show", f"{rev}:content/bank.toml"],
            capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = folder / "baseline-bank.toml"
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Print flagged-correct and caught-wrong counts for the bank and the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bank", type=Path, default=None, help="bank file (default: shipped)")
    parser.add_argument("--baseline-rev", default=BASELINE_REV, help="git revision of the baseline")
    parser.add_argument("--baseline", type=Path, default=None, help="baseline bank file instead")
    args = parser.parse_args(argv)

    sets = {
        title: tuple(_rows(name) for name in names)
        for title, names in (
            ("curated", ("curated-correct", "curated-wrong")),
            ("less common (round 27)", ("rejecting-correct", "less-common-wrong")),
            ("reworded common (round 28)", ("reworded-correct", "reworded-wrong")),
            ("kinds of mistake (round 29)", ("kinds-correct", "kinds-wrong")),
            ("spoken style (session 24)", ("spoken-correct", "spoken-wrong")),
        )
    }
    for title, path in (
        ("held out: kinds of mistake", HELD_OUT),
        ("run-on, blind (session 25)", RUN_ON),
    ):
        rows = _rows_at(path)
        sets[title] = tuple([r for r in rows if r["kind"] == kind] for kind in ("correct", "wrong"))
    with tempfile.TemporaryDirectory() as folder:
        baseline_path = args.baseline or bank_at(args.baseline_rev, Path(folder))
        banks = {"interviewer": load_bank(args.bank)}
        label = f"baseline ({args.baseline or args.baseline_rev})"
        if baseline_path is None:
            print(f"no baseline: git cannot show {args.baseline_rev}:content/bank.toml")
        else:
            banks[label] = load_bank(baseline_path)
    for title, (correct, wrong) in sets.items():
        print(f"{title:32}{'correct answers flagged':>26}{'wrong answers caught':>24}")
        for name, bank in banks.items():
            bad, caught = flagged(bank, correct), flagged(bank, wrong)
            print(f"{'  ' + name:32}{f'{bad} of {len(correct)}':>26}"
                  f"{f'{caught} of {len(wrong)}':>24}")
    return 0


def _rows(name: str) -> list[dict[str, str]]:
    return _rows_at(DATA / f"{name}.jsonl")


def _rows_at(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


if __name__ == "__main__":
    sys.exit(main())
