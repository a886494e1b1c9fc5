"""Telling a verb after a method's name, for answers without commas."""

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
    ("word", "after", "verb"),
    [
        # a past tense takes an object ...
        ("used", "lstm", True),  # "ELMo used LSTM layers"
        ("learned", "a", True),  # "word2vec learned a fixed vector"
        # ... a participle describing the name takes a preposition, or ends the sentence
        ("stacked", "in", False),  # "LSTMs stacked in both directions"
        ("trained", "on", False),  # "a CNN trained on images"
        ("used", None, False),
        # half of a compound adjective, whatever follows
        ("based", "model", False),  # "an LSTM based model"
        ("weighted", "sum", False),
    ],
)
def test_a_past_tense_is_told_by_what_follows(word: str, after: str | None, verb: bool) -> None:
    assert is_verb(word, after) is verb


@pytest.mark.parametrize(
    ("word", "after", "verb"),
    [
        ("estimate", "them", True),  # "finite differences estimate them numerically"
        ("make", "it", True),  # "transformers make it parallel"
        ("estimate", "gradients", False),  # a base form alone is not told from a noun
        ("like", "them", False),  # "methods like them"
        ("because", "it", False),  # "RNNs because it needs"
        ("for", "us", False),
    ],
)
def test_a_word_before_an_object_pronoun_is_a_verb(word: str, after: str, verb: bool) -> None:
    assert is_verb(word, after) is verb


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
