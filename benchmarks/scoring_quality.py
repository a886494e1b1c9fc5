"""How well coverage ranks graded answers, beside two simple baselines, and how fast it is.

    .venv/bin/python benchmarks/scoring_quality.py [--dev FILE.jsonl] [--heldout FILE.jsonl ...]
                                                   [--bank BANK.toml] [-v]

Data: ../shared/eval/dev-answers.jsonl (answers graded 0 wrong, 1 vague, 2 partial, 3 strong)
and the six held-out sets in benchmarks/data (each written by people who never saw the
concepts, the scorer or the dev set; see benchmarks/data/README.md), reported side by side.
They are for measuring only: concepts are never written from their wording.
Metric: within each question, the share of differently graded answer pairs that the score
orders the same way as the grade (a tie counts half), pooled over all pairs of all questions.
Baselines, computed here: content-word overlap with the sample answer, and rapidfuzz
token_set_ratio against the sample answer. The pairs the project's coverage loses are then
counted by cause (counts only, so a held-out set stays unread), beside the best figure a set
allows without a floor score for answers that name no concept. Speed: seconds to score 1,000
answers once the bank is loaded, first with empty caches (each question compiled on first
use), then warm: the dev answers (short: median 13 words), then spoken-length ones (the 135
correct answers of tests/scoring/data/spoken-correct.jsonl, median 102 words). One timing
moves with the machine's load; `scoring_speed.py` compares two versions' speed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz, utils

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from interviewer.bank import load_bank  # noqa: E402
from interviewer.models import Bank, Question  # noqa: E402
from interviewer.scoring import score_answer  # noqa: E402
from interviewer.scoring.compiled import clear_caches  # noqa: E402

DEV = REPO.parent / "shared" / "eval" / "dev-answers.jsonl"
HELDOUT = tuple(
    REPO / "benchmarks" / "data" / name
    for name in (
        "heldout-answers.jsonl",
        "heldout2-answers.jsonl",
        "heldout3-answers.jsonl",
        "heldout4-answers.jsonl",
        "heldout5-answers.jsonl",
        "heldout6-answers.jsonl",
    )
)
TARGET = 0.95
# Correct answers written as a recogniser transcribes speech, for a timing at their length.
SPOKEN = REPO / "tests" / "scoring" / "data" / "spoken-correct.jsonl"

_STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its it's this that these those there their they them we you your our i he she his her
    can could would should will may might must do does did done so such than then too very
    not no nor only own same just about into over under again further once here when where why
    how all any both each few more most other some what which who whom while during before
    after above below up down out off also like make makes made using used use way ways""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[a-z0-9]+")

Scorer = Callable[[Question, str], float]
Row = tuple[Question, int, str, str]  # question, grade, kind, text


def content_words(text: str) -> set[str]:
    """Lower-case words that are not stop words."""
    return {w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS}


def overlap_baseline(question: Question, text: str) -> float:
    """Share of the sample answer's content words that the answer uses."""
    sample = content_words(question.sample_answer)
    return len(sample & content_words(text)) / len(sample) if sample else 0.0


def token_set_baseline(question: Question, text: str) -> float:
    """rapidfuzz token_set_ratio of answer and sample answer (default preprocessing)."""
    return fuzz.token_set_ratio(text, question.sample_answer, processor=utils.default_process)


def project_scorer(question: Question, text: str) -> float:
    """The project's coverage."""
    return score_answer(question, text).coverage


class Agreement:
    """Concordant pairs (ties half) and pair counts, pooled and by question and kind pair."""

    def __init__(self) -> None:
        self.by_question: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        self.by_kinds: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])

    def add(self, qid: str, kinds: str, hit: float) -> None:
        """Count one differently graded pair."""
        for bucket in (self.by_question[qid], self.by_kinds[kinds]):
            bucket[0] += hit
            bucket[1] += 1

    @property
    def figure(self) -> float:
        """The pooled share."""
        hits = sum(h for h, _ in self.by_question.values())
        pairs = sum(p for _, p in self.by_question.values())
        return hits / pairs if pairs else 0.0

    def kinds(self, key: str) -> str:
        """The share for one kind pair, or '-' when it has no pairs."""
        hits, pairs = self.by_kinds.get(key, (0.0, 0.0))
        return f"{hits / pairs:.3f} ({pairs:.0f})" if pairs else "-"


def pair_agreement(rows: list[Row], scorer: Scorer) -> Agreement:
    """Within each question, how often the scorer orders differently graded pairs rightly."""
    by_question: dict[str, list[tuple[int, str, float]]] = defaultdict(list)
    for question, grade, kind, text in rows:
        by_question[question.id].append((grade, kind, scorer(question, text)))
    result = Agreement()
    for qid, graded in by_question.items():
        for a, b in itertools.combinations(graded, 2):
            if a[0] == b[0]:
                continue
            high, low = (a, b) if a[0] > b[0] else (b, a)
            hit = 0.5 if high[2] == low[2] else float(high[2] > low[2])
            result.add(qid, f"{high[1]} > {low[1]}", hit)
    return result


# Why a pair is lost, in pair units (a tie costs half). A vague answer that names no concept
# ties a flagged wrong answer at 0% by design (saying nothing earns nothing, and there is no
# floor score), so that share stays whatever the bank does; the other causes are what
# curation or the scorer could still win. Counts only: no answer's text is shown.
LOSS_CAUSES = (
    "both at 0%",
    "unflagged wrong answer level or above",
    "flagged wrong answer level or above",
    "graded 1-3 answers out of order",
)


def lost_by_cause(rows: list[Row]) -> tuple[Counter[str], float]:
    """Lost pair units by `LOSS_CAUSES`, and the best figure reachable without a floor score:
    every pair ordered rightly except a wrong answer beside a better one that scores 0%."""
    scored: dict[str, list[tuple[int, float, bool]]] = defaultdict(list)
    for question, grade, _, text in rows:
        score = score_answer(question, text)
        scored[question.id].append((grade, score.coverage, bool(score.misconceptions)))
    lost: Counter[str] = Counter()
    pairs = ties_at_zero = 0
    for graded in scored.values():
        for a, b in itertools.combinations(graded, 2):
            if a[0] == b[0]:
                continue
            high, low = (a, b) if a[0] > b[0] else (b, a)
            pairs += 1
            ties_at_zero += low[0] == 0 and high[1] == 0
            if high[1] > low[1]:
                continue
            if high[1] == low[1] == 0:
                cause = LOSS_CAUSES[0]
            elif low[0] == 0:
                cause = LOSS_CAUSES[2] if low[2] else LOSS_CAUSES[1]
            else:
                cause = LOSS_CAUSES[3]
            lost[cause] += 0.5 if high[1] == low[1] else 1.0
    return lost, 1 - 0.5 * ties_at_zero / pairs if pairs else 0.0


def time_thousand(answers: list[tuple[Question, str]]) -> tuple[float, float]:
    """Seconds to score 1,000 answers (cycling `answers`): once with empty caches (every
    question compiled on first use), then warm (best of three runs, as timeit does)."""
    thousand = list(itertools.islice(itertools.cycle(answers), 1000))
    clear_caches()
    timings = []
    for _ in range(4):
        start = time.perf_counter()
        for question, text in thousand:
            score_answer(question, text)
        timings.append(time.perf_counter() - start)
    return timings[0], min(timings[1:])


def read_rows(path: Path, bank: Bank) -> list[Row]:
    """The graded answers of a JSON-lines file."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            rows.append((bank.get(record["question"]), int(record["grade"]),
                         record.get("kind", "?"), record["text"]))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the figures on every set, the baselines, a per-kind breakdown and the timing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV, help="graded answers (JSON lines)")
    parser.add_argument("--heldout", type=Path, action="append", default=None,
                        help="held-out graded answers (JSON lines); repeat for several "
                             "(default: the five in benchmarks/data)")
    parser.add_argument("--bank", type=Path, default=None, help="bank file (default: shipped)")
    parser.add_argument("-v", "--verbose", action="store_true", help="per-answer detail")
    args = parser.parse_args(argv)
    bank = load_bank(args.bank)
    heldout = args.heldout or list(HELDOUT)
    sets = {"dev": read_rows(args.dev, bank)}
    for number, path in enumerate(heldout, start=1):
        sets["held-out" if number == 1 else f"held-out {number}"] = read_rows(path, bank)

    scorers = {
        "interviewer coverage": project_scorer,
        "baseline: content-word overlap": overlap_baseline,
        "baseline: rapidfuzz token_set_ratio": token_set_baseline,
    }
    results = {
        (name, set_name): pair_agreement(rows, scorer)
        for name, scorer in scorers.items() for set_name, rows in sets.items()
    }
    for set_name, rows in sets.items():
        pairs = sum(p for _, p in results["interviewer coverage", set_name].by_question.values())
        print(f"{set_name}: {len(rows)} answers to {len({r[0].id for r in rows})} questions, "
              f"{pairs:.0f} differently graded pairs")
    header = "".join(f" {name:>11}" for name in sets)
    print(f"\n{'pair agreement':<38}{header}")
    for name in scorers:
        figures = "".join(f" {results[name, s].figure:>11.3f}" for s in sets)
        print(f"{name:<38}{figures}")
    lowest = min(results["interviewer coverage", s].figure for s in sets)
    met = "met" if lowest >= TARGET else "NOT met"
    print(f"target >= {TARGET:.2f} on every set: {met}")

    print(f"\n{'interviewer coverage by kind pair':<34}{''.join(f' {n:>13}' for n in sets)}")
    project = {s: results["interviewer coverage", s] for s in sets}
    keys = sorted({k for r in project.values() for k in r.by_kinds})
    for key in keys:
        print(f"{key:<34}{''.join(f' {project[s].kinds(key):>13}' for s in sets)}")

    causes = {s: lost_by_cause(rows) for s, rows in sets.items()}
    print(f"\n{'pairs lost (ties half), by cause':<38}{header}")
    for cause in LOSS_CAUSES:
        print(f"{cause:<38}{''.join(f' {causes[s][0][cause]:>11.1f}' for s in sets)}")
    print(f"{'best reachable without a floor score':<38}"
          f"{''.join(f' {causes[s][1]:>11.3f}' for s in sets)}")

    cold, warm = time_thousand([(question, text) for question, _, _, text in sets["dev"]])
    print(f"\ntime to score 1,000 answers: {cold:.3f} s with empty caches, "
          f"{warm:.3f} s warm (best of 3)")
    # The dev answers are short (median 13 words); a spoken answer runs to about a hundred,
    # and the time grows with its length.
    spoken = [
        (bank.get(record["question"]), record["text"])
        for record in map(json.loads, SPOKEN.read_text(encoding="utf-8").splitlines())
    ]
    cold, warm = time_thousand(spoken)
    words = statistics.median(len(text.split()) for _, text in spoken)
    print(f"the same for spoken-length answers ({SPOKEN.name}, median {words:.0f} words): "
          f"{cold:.3f} s with empty caches, {warm:.3f} s warm")

    if args.verbose:
        for set_name, rows in sets.items():
            print(f"\n{set_name}")
            for qid, (hits, total) in sorted(project[set_name].by_question.items()):
                print(f"{qid:<16} {hits:>4.1f}/{total:<3.0f}")
            for question, grade, kind, text in rows:
                score = score_answer(question, text)
                labels = ", ".join(m.concept.label for m in score.matched)
                wrong = ", ".join(h.misconception.label for h in score.misconceptions)
                print(f"{question.id:<16} g{grade} {kind:<9} {score.coverage:.3f}  [{labels}]"
                      + (f"  !! {wrong}" if wrong else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
