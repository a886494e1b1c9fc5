"""Words the question itself uses: a word an answer spells correctly is not a misrecognition.

Fuzzy matching exists for recognition errors and typos. When the answer's word is a real
word of the subject ("retain", "variant", "compete"), it means what it says and must not
count as a near-miss of a concept's different word ("retrain", "variance", "compute").
The vocabulary is the scored question's own: its wording, sample answer and concepts.
It never comes from another file, so a custom bank scores the same with or without the
shipped one, and compiling a question reads nothing from disk.
"""

from __future__ import annotations

from collections.abc import Iterable

from interviewer.scoring.normalize import norms


def words_of(texts: Iterable[str]) -> frozenset[str]:
    """The normalised words of `texts`."""
    return frozenset(norm for text in texts for norm in norms(text))
