"""Which sentence of the sample answer explains a concept, shown beside a missed concept."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from interviewer.scoring.matching import best_occurrence
from interviewer.scoring.phrases import Doc, Reach

if TYPE_CHECKING:
    from interviewer.scoring.compiled import CompiledConcept

# A sentence ends at . ! or ? followed by space and a capital/digit/quote, or at a line break;
# "e.g. the" and "0.5" stay inside their sentence.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])|\s*\n\s*")


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, stripped, empty ones dropped."""
    return [s.strip() for s in _SENTENCE_BREAK.split(text) if s.strip()]


def explaining_sentences(
    sample_answer: str, concepts: Sequence[CompiledConcept], reach: Reach
) -> tuple[str, ...]:
    """For each concept, the sample-answer sentence that best explains it.

    The sentence where one of the concept's aliases matches best (fewest edits, then
    earliest) wins; failing that, the sentence sharing most words with the concept's label
    and aliases; failing that, the first sentence.
    """
    sentences = split_sentences(sample_answer) or [sample_answer.strip()]
    docs = [Doc(s, reach) for s in sentences]
    return tuple(sentences[_best_index(c, docs)] for c in concepts)


def _best_index(concept: CompiledConcept, docs: list[Doc]) -> int:
    best: tuple[int, int] | None = None
    for index, doc in enumerate(docs):
        found = best_occurrence(concept.aliases, doc)
        if found is not None:
            key = (found[1].distance, index)
            if best is None or key < best:
                best = key
    if best is not None:
        return best[1]
    words = {t for a in concept.aliases for p in a.parts for t in p.tokens}
    overlaps = [len(words.intersection(t.norm for t in doc.tokens)) for doc in docs]
    return max(range(len(docs)), key=lambda i: (overlaps[i], -i))
