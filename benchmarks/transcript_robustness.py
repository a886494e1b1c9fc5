"""Misconceptions in answers written the way a recogniser writes speech, beside a baseline.

    .venv/bin/python benchmarks/transcript_robustness.py [--baseline-rev REV]

The curators' answers in tests/scoring/data are typed prose. In rehearsal the scorer reads
a Whisper transcript instead, where a pause may come out as "..." and fillers, commas and
capitals come and go. Each answer is rewritten five ways, the same way every run (a fixed
seed per answer):
- as written;
- hesitations: "..." after about one word in twelve ("it's... trained to predict");
- fillers: ", um," or ", uh," after about one word in twelve ("it is, um, an LSTM");
- no commas;
- no punctuation, lower case.
For each, the number of correct answers flagged (curated-correct and expert-correct, 1,109)
and of wrong answers caught (curated, less-common and reworded wrong, 1,855), for this
checkout and for a baseline revision (default 8d982f2, before hesitations were read as
pauses), each scoring with its own code and bank in a fresh interpreter.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from scoring_speed import REPO, export

DATA = REPO / "tests" / "scoring" / "data"
CORRECT = ("curated-correct", "expert-correct")
WRONG = ("curated-wrong", "less-common-wrong", "reworded-wrong")
BASELINE_REV = "8d982f2"
RATE = 1 / 12

# Run inside the checkout being measured: argv = [file of {"question", "text", "wrong"}].
CHILD = r"""
import collections, json, os, sys
import interviewer
assert interviewer.__file__.startswith(os.getcwd()), interviewer.__file__
from interviewer.bank import load_bank
from interviewer.scoring import score_answer
bank = load_bank(None)
counts = collections.Counter()
for r in json.load(open(sys.argv[1], encoding="utf-8")):
    flagged = bool(score_answer(bank.get(r["question"]), r["text"]).misconceptions)
    counts[(r["way"], r["wrong"])] += flagged
print("COUNTS", json.dumps([[w, wrong, n] for (w, wrong), n in counts.items()]))
"""


def _after_words(text: str, seed: int, choices: tuple[str, ...]) -> str:
    """`text` with one of `choices` glued after about one word in twelve."""
    rng = random.Random(seed)
    return " ".join(
        word + rng.choice(choices) if rng.random() < RATE else word for word in text.split(" ")
    )


WAYS: dict[str, Callable[[str, int], str]] = {
    "as written": lambda text, _: text,
    "hesitations": lambda text, seed: _after_words(text, seed, ("...",)),
    "fillers": lambda text, seed: _after_words(text, seed, (", um,", ", uh,")),
    "no commas": lambda text, _: text.replace(",", ""),
    "no punctuation": lambda text, _: re.sub(r"[^\w\s'-]", " ", text).lower(),
}


def rows() -> tuple[list[dict[str, object]], int, int]:
    """Every answer rewritten every way, with the numbers of correct and wrong answers."""
    out: list[dict[str, object]] = []
    sizes = [0, 0]
    for wrong, names in ((False, CORRECT), (True, WRONG)):
        for name in names:
            lines = (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
            for seed, line in enumerate(filter(None, lines)):
                record = json.loads(line)
                sizes[wrong] += 1
                for way, rewrite in WAYS.items():
                    out.append({"question": record["question"], "way": way, "wrong": wrong,
                                "text": rewrite(record["text"], seed)})
    return out, sizes[0], sizes[1]


def measure(root: Path, answers: Path) -> dict[tuple[str, bool], int]:
    """Flagged answers per (way, wrong) with the code and bank under `root`."""
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(answers)],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("COUNTS"))
    return {(way, wrong): n for way, wrong, n in json.loads(line.split(" ", 1)[1])}


def main(argv: list[str] | None = None) -> int:
    """Print flagged-correct and caught-wrong counts per way, both versions side by side."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline-rev", default=BASELINE_REV, help="git revision to compare")
    args = parser.parse_args(argv)
    answers, n_correct, n_wrong = rows()
    with tempfile.TemporaryDirectory(prefix="interviewer-transcripts-") as tmp:
        path = Path(tmp) / "answers.json"
        path.write_text(json.dumps(answers), encoding="utf-8")
        baseline = export(args.baseline_rev, Path(tmp))
        if baseline is None:
            print(f"no baseline: git cannot export {args.baseline_rev}")
            return 1
        results = {"this checkout": measure(REPO, path),
                   f"baseline {args.baseline_rev}": measure(baseline, path)}
    print(f"{'':16}{'correct answers flagged':>50}{'wrong answers caught':>46}")
    print(f"{'':16}" + "".join(f"{name:>25}" for name in results) * 2)
    for way in WAYS:
        cells = [f"{found[(way, wrong)]} of {n}"
                 for wrong, n in ((False, n_correct), (True, n_wrong))
                 for found in results.values()]
        print(f"{way:16}" + "".join(f"{cell:>25}" for cell in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
