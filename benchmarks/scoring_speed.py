"""Time to score 1,000 answers, this checkout beside a baseline git revision.

    .venv/bin/python benchmarks/scoring_speed.py [--baseline-rev REV] [--runs 5] [--spoken]

`scoring_quality.py` prints one timing of this checkout; one timing moves by 5 to 10% with
whatever else the machine is doing, which hides the change a speed-up makes. Here both
versions run in fresh interpreters, taking turns, and each figure is the median (and the
best) of `--runs` runs. The baseline's code is exported with `git archive` into a
temporary folder; both score the same answers (the dev set, cycled to 1,000; with
`--spoken`, the spoken-length correct answers of tests/scoring/data/spoken-correct.jsonl,
median 102 words, which is how long a candidate talks) with their own shipped bank, timed
by the same code below:
- empty caches: every question compiled on first use, and the word cache empty;
- warm: the same 1,000 answers again.
Target: well under 1 s with empty caches. The default baseline, 14ef63c, is the scorer
before the answer-side prefilter (`phrases.may_occur`).
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev-answers.jsonl"
SPOKEN = REPO / "tests" / "scoring" / "data" / "spoken-correct.jsonl"
BASELINE_REV = "14ef63c"

# Run in a fresh interpreter inside the checkout being timed: argv = [answers file].
CHILD = r"""
import itertools, json, os, sys, time
import interviewer
# The checkout's own package, not the one installed in the virtual environment.
assert interviewer.__file__.startswith(os.getcwd()), interviewer.__file__
from interviewer.bank import load_bank
from interviewer.scoring import score_answer
from interviewer.scoring.compiled import clear_caches

bank = load_bank(None)
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
answers = [(bank.get(r["question"]), r["text"]) for r in rows]
answers = list(itertools.islice(itertools.cycle(answers), 1000))
clear_caches()
timings = []
for _ in range(2):
    start = time.perf_counter()
    for question, text in answers:
        score_answer(question, text)
    timings.append(time.perf_counter() - start)
print("TIMES", *timings)
"""


def export(rev: str, into: Path) -> Path | None:
    """The repository as of `rev`, unpacked under `into`; None when git cannot give it."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", "--format=tar", rev],
            capture_output=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    root = into / rev
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(root, filter="data")
    return root


def time_once(root: Path, answers: Path) -> tuple[float, float]:
    """(empty caches, warm) seconds for 1,000 `answers` with the code and bank under `root`."""
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(answers)],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("TIMES"))
    cold, warm = (float(x) for x in line.split()[1:])
    return cold, warm


def main(argv: list[str] | None = None) -> int:
    """Print both versions' timings side by side."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline-rev", default=BASELINE_REV, help="git revision to compare")
    parser.add_argument("--runs", type=int, default=5, help="runs of each version")
    parser.add_argument(
        "--spoken", action="store_true", help="spoken-length answers instead of the dev set"
    )
    args = parser.parse_args(argv)
    answers = SPOKEN if args.spoken else DEV
    if not answers.is_file():
        print(f"no answers at {answers}")
        return 1
    with tempfile.TemporaryDirectory(prefix="interviewer-speed-") as tmp:
        baseline = export(args.baseline_rev, Path(tmp))
        if baseline is None:
            print(f"no baseline: git cannot export {args.baseline_rev}")
            return 1
        versions = {"this checkout": REPO, f"baseline {args.baseline_rev}": baseline}
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in versions}
        for _ in range(args.runs):  # taking turns, so a busy spell hits both alike
            for name, root in versions.items():
                results[name].append(time_once(root, answers))
    print(f"time to score 1,000 answers ({answers.name}), median (best) of {args.runs} runs")
    print(f"{'':24}{'empty caches':>18}{'warm':>18}")
    for name, runs in results.items():
        cells = [
            f"{statistics.median(col):.3f} s ({min(col):.3f})" for col in zip(*runs, strict=True)
        ]
        print(f"{name:24}{cells[0]:>18}{cells[1]:>18}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
