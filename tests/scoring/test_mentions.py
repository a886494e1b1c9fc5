"""A concept mentioned once earns less than one the answer comes back to."""

from __future__ import annotations

import pytest

from interviewer.models import Span, Weight
from interviewer.scoring import score_answer
from interviewer.scoring.compiled import compile_concept
from interviewer.scoring.coverage import NAMED_ONCE_SHARE, concept_match, weighted_share
from interviewer.scoring.phrases import Doc

from .factories import concept, question

PENALTY = concept("adds a penalty", "penalty", "penalty on large weights", "l1", "l2",
                  "regularization term")


def _match(answer: str, wrong: tuple[Span, ...] = ()):
    compiled = compile_concept(PENALTY)
    match = concept_match(compiled, Doc(answer, compiled.reach), wrong)
    assert match is not None
    return match


@pytest.mark.parametrize(
    ("answer", "named_once"),
    [
        ("It adds a penalty.", True),
        # Two aliases over the same words are one mention.
        ("It adds a penalty on large weights.", True),
        ("It adds a penalty. The penalty grows with the weights.", False),
        ("For example L1 or L2.", False),
        ("A penalty, for example L2.", False),
        # A misrecognised repeat is found by the fuzzy search.
        ("Add a regularization term. The regularizaton term keeps weights small.", False),
    ],
)
def test_a_concept_is_named_once_unless_the_answer_comes_back_to_it(
    answer: str, named_once: bool
) -> None:
    assert _match(answer).named_once is named_once


def test_a_mention_inside_a_stated_misconception_does_not_count_as_coming_back() -> None:
    answer = "It adds a penalty. Wrongly, some say a penalty is a reward."
    start = answer.index("a penalty is")
    wrong = (Span(start, len(answer) - 1, answer[start:-1]),)
    assert _match(answer).named_once is False
    assert _match(answer, wrong).named_once is True


@pytest.mark.parametrize(
    ("answer", "coverage"),
    [
        ("alpha", NAMED_ONCE_SHARE * 2 / 3),
        ("alpha, and again alpha", 2 / 3),
        ("alpha and beta", NAMED_ONCE_SHARE),
        ("alpha and beta; alpha, beta", 1.0),
        ("alpha, alpha and beta", (2 + NAMED_ONCE_SHARE) / 3),
    ],
)
def test_a_concept_mentioned_once_earns_a_share_of_its_points(
    answer: str, coverage: float
) -> None:
    q = question(concept("core idea", "alpha"), concept("side", "beta", weight=Weight.SUPPORTING))
    score = score_answer(q, answer)
    assert score.coverage == pytest.approx(coverage, abs=1e-4)
    assert weighted_share(score.matched, 3) == pytest.approx(coverage, abs=1e-4)


def test_explaining_the_concepts_ranks_above_naming_them() -> None:
    q = question(PENALTY, concept("prevents overfitting", "overfitting", "generalise"))
    named = score_answer(q, "It reduces overfitting, for example L1.")
    explained = score_answer(
        q,
        "It adds a penalty to the loss, L1 or L2, so the model stays simple. "
        "That stops it overfitting the training data, so it generalises better.",
    )
    assert [m.concept for m in named.matched] == [m.concept for m in explained.matched]
    assert all(m.named_once for m in named.matched)
    assert not any(m.named_once for m in explained.matched)
    assert named.coverage == pytest.approx(NAMED_ONCE_SHARE)
    assert explained.coverage == 1.0
