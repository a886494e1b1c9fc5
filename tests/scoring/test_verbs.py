"""Telling a verb after a method's name, for answers with no punctuation."""

from __future__ import annotations

import pytest

from interviewer.scoring.verbs import is_verb, no_clause_marks


@pytest.mark.parametrize(
    ("word", "verb"),
    [
        ("is", True),
        ("does", True),
        ("randomly", True),  # "dropout randomly sets ..."
        ("maps", True),  # "word2vec maps ..."
        ("normalizes", True),
        ("weights", False),  # "attention weights"
        ("layers", False),  # "LSTM layers"
        ("loss", False),
        ("analysis", False),
        ("uses", True),
        ("the", False),
        ("its", False),  # too short to be a verb in -s
    ],
)
def test_is_verb(word: str, verb: bool) -> None:
    assert is_verb(word) is verb


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("k nn is supervised k means is not", True),
        ("k-NN is supervised, k-means is not", False),
        ("k-NN: supervised", False),
        ("k-NN is supervised; k-means is not", False),
        # full stops alone do not mark where a sentence's clauses meet
        ("It is supervised.", True),
        ("what is it? k nn is supervised k means is not.", True),
        ("", True),
    ],
)
def test_no_clause_marks(text: str, expected: bool) -> None:
    assert no_clause_marks(text) is expected
