"""How well coverage ranks graded answers, beside two simple baselines, and how fast it is.

    .venv/bin/python benchmarks/scoring_quality.py [--dev FILE.jsonl] [--bank BANK.toml] [-v]

Data: ../shared/eval/dev-answers.jsonl (answers graded 0 wrong, 1 vague, 2 partial, 3 strong).
Metric: within each question, the share of differently graded answer pairs that the score
orders the same way as the grade (a tie counts half), pooled over all pairs of all questions.
Baselines, computed here: content-word overlap with the sample answer, and rapidfuzz
token_set_ratio against the sample answer. Speed: seconds to score 1,000 answers once the
bank is loaded, first with empty caches (each question compiled on first use), then warm.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz, utils

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from interviewer.bank import load_bank  # noqa: E402
from interviewer.models import Question  # noqa: E402
from interviewer.scoring import score_answer  # noqa: E402
from interviewer.scoring.compiled import clear_caches  # noqa: E402

DEV = REPO.parent / "shared" / "eval" / "dev-answers.jsonl"
TARGET = 0.95

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


def pair_agreement(rows: list[tuple[Question, int, str]], scorer: Scorer) -> tuple[float, dict]:
    """Pooled share of concordant differently graded pairs; also per question (hits, pairs)."""
    by_question: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for question, grade, text in rows:
        by_question[question.id].append((grade, scorer(question, text)))
    per_question = {}
    for qid, graded in by_question.items():
        hits = pairs = 0.0
        for (ga, sa), (gb, sb) in itertools.combinations(graded, 2):
            if ga == gb:
                continue
            pairs += 1
            if sa == sb:
                hits += 0.5
            elif (sa > sb) == (ga > gb):
                hits += 1
        per_question[qid] = (hits, pairs)
    total_hits = sum(h for h, _ in per_question.values())
    total_pairs = sum(p for _, p in per_question.values())
    return (total_hits / total_pairs if total_pairs else 0.0), per_question


def time_thousand(rows: list[tuple[Question, int, str]]) -> tuple[float, float]:
    """Seconds to score 1,000 answers (cycling the dev set): once with empty caches (every
    question compiled on first use), then warm (best of three runs, as timeit does)."""
    answers = list(itertools.islice(itertools.cycle(rows), 1000))
    clear_caches()
    timings = []
    for _ in range(4):
        start = time.perf_counter()
        for question, _, text in answers:
            score_answer(question, text)
        timings.append(time.perf_counter() - start)
    return timings[0], min(timings[1:])


def main(argv: list[str] | None = None) -> int:
    """Print the figure, the baselines and the timing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV, help="graded answers (JSON lines)")
    parser.add_argument("--bank", type=Path, default=None, help="bank file (default: shipped)")
    parser.add_argument("-v", "--verbose", action="store_true", help="per-question detail")
    args = parser.parse_args(argv)
    bank = load_bank(args.bank)
    rows = []
    for line in args.dev.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            rows.append((bank.get(record["question"]), int(record["grade"]), record["text"]))

    scorers = {
        "interviewer coverage": project_scorer,
        "baseline: content-word overlap": overlap_baseline,
        "baseline: rapidfuzz token_set_ratio": token_set_baseline,
    }
    results = {name: pair_agreement(rows, scorer) for name, scorer in scorers.items()}
    pairs = int(sum(p for _, p in results["interviewer coverage"][1].values()))
    print(f"dev set: {len(rows)} answers to {len({q.id for q, _, _ in rows})} questions, "
          f"{pairs} differently graded pairs")
    print(f"{'scorer':<38} pair agreement")
    for name, (figure, _) in results.items():
        print(f"{name:<38} {figure:.3f}")
    project = results["interviewer coverage"][0]
    print(f"target >= {TARGET:.2f}: {'met' if project >= TARGET else 'NOT met'}")
    cold, warm = time_thousand(rows)
    print(f"time to score 1,000 answers: {cold:.3f} s with empty caches, "
          f"{warm:.3f} s warm (best of 3)")

    if args.verbose:
        print()
        for qid, (hits, total) in sorted(results["interviewer coverage"][1].items()):
            print(f"{qid:<16} {hits:>4.1f}/{total:<3.0f}")
        for question, grade, text in rows:
            score = score_answer(question, text)
            labels = ", ".join(m.concept.label for m in score.matched)
            wrong = ", ".join(h.misconception.label for h in score.misconceptions)
            print(f"{question.id:<16} g{grade} {score.coverage:.2f}  [{labels}]"
                  + (f"  !! {wrong}" if wrong else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
