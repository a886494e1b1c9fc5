"""The cheap test that rules a phrase out before it is searched for (`phrases.may_occur`).

It only saves time, so it must never rule out a phrase that `find_phrase` would find:
exactly, split or joined, or misrecognised within the phrase's edit budget.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from interviewer.scoring.normalize import matchable, norms, tokenize
from interviewer.scoring.phrases import Doc, compile_phrase, find_phrase, may_occur, reach_of
from tests.scoring.factories import VOCABULARY

QUICK = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_WORDS = VOCABULARY


def _found_and_allowed(phrase_text: str, answer: str, max_edits: int = 3) -> tuple[bool, bool]:
    phrase = compile_phrase(phrase_text, max_edits)
    assert phrase is not None
    doc = Doc(answer, reach_of([phrase]))
    return bool(find_phrase(phrase, doc)), may_occur(phrase, doc)


@pytest.mark.parametrize(
    ("phrase", "answer", "found", "allowed"),
    [
        ("gradient descent", "we use gradient descent to train", True, True),
        ("back propagation", "backpropagation sends the error back", True, True),  # joined
        ("kmeans", "k means groups points", True, True),  # split
        ("roc curve", "the rock curve plots the rates", True, True),  # misrecognised
        ("sequentially", "boosting trains them sequentialy", True, True),
        ("sequentially", "boosting trains them sxquentially", True, True),  # spoils a piece
        ("roc curve", "precision and recall", False, False),
        ("boosting", "bagging averages models", False, False),
        ("gradient descent", "follow the slope of the loss down", False, False),
        # Holds three of the four chunks of "labelleddata" ("lab", "ell", "ata"), one edit
        # may spoil one, so the phrase may be there: a test that only saves time lets it
        # through, and the search then rules it out (the words come in the other order).
        ("labelled data", "the data was labelled by hand", False, True),
        # Holds "lab" and "ell" of it but not "edd" or "ata": two are missing, one too many.
        ("labelled data", "it learns from unlabeled examples only", False, False),
    ],
)
def test_may_occur_passes_every_phrase_that_is_found(
    phrase: str, answer: str, found: bool, allowed: bool
) -> None:
    assert _found_and_allowed(phrase, answer) == (found, allowed)


def _misheard(text: str, edits: list[tuple[int, int, str]]) -> str:
    """`text` with characters substituted (kind 0), deleted (1) or inserted (2)."""
    chars = list(text)
    for kind, at, letter in edits:
        if not chars:
            break
        i = at % len(chars)
        if kind == 0:
            chars[i] = letter
        elif kind == 1:
            del chars[i]
        else:
            chars.insert(i, letter)
    return "".join(chars)


EDITS = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 60), st.sampled_from("abcdeilnorst ")),
    max_size=3,
)


@QUICK
@given(
    phrase=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join),
    before=st.lists(st.sampled_from(_WORDS), max_size=8).map(" ".join),
    after=st.lists(st.sampled_from(_WORDS), max_size=8).map(" ".join),
    edits=EDITS,
    max_edits=st.integers(0, 3),
)
def test_may_occur_never_rules_out_a_misheard_phrase(
    phrase: str, before: str, after: str, edits: list[tuple[int, int, str]], max_edits: int
) -> None:
    # Checked against every stretch of the answer within the edit budget, not against
    # `find_phrase`, which applies the same test first and so could not catch a wrong one.
    compiled = compile_phrase(phrase, max_edits)
    assume(compiled is not None)  # only articles ("the") leave nothing to match
    assert compiled is not None
    doc = Doc(f"{before} {_misheard(phrase, edits)} {after}", reach_of([compiled]))
    near = [
        stretch
        for stretch in doc.compacts
        if Levenshtein.distance(stretch, compiled.compact) <= compiled.max_distance
    ]
    assert may_occur(compiled, doc) or not near
@QUICK
@given(text=st.one_of(st.text(), st.lists(st.sampled_from(_WORDS), max_size=12).map(" ".join)))
def test_norms_are_the_matchable_tokens(text: str) -> None:
    assert norms(text) == [t.norm for t in matchable(tokenize(text))]
