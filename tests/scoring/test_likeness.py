"""A list of things the subject is not ("not the same thing as unfairness or the bias term,
the intercept"), a list of a term's senses ("'bias' is overloaded: there's the intercept")
and a claim about a longer name that opens with the term ("the bias term, the intercept")
are distinctions the speaker draws, not misconceptions."""

from __future__ import annotations

import pytest

from interviewer.bank import load_bank
from interviewer.models import Misconception, Question
from interviewer.scoring import score_answer

from .factories import concept, kmeans, question

INTERCEPT = "Describes the bias term (intercept) instead"


def _bias_question() -> Question:
    intercept = Misconception(INTERCEPT, ("bias ... intercept", "bias is the constant term"))
    return question(
        concept("too simple", "too simple", "simplifying assumptions", misconceptions=(intercept,)),
        concept("underfitting", "underfit", "underfitting"),
    )


@pytest.mark.parametrize(
    "answer",
    [
        # every item of the denied list, however far from the "not"
        "Statistical bias is not the same thing as societal unfairness or the bias term, the "
        "intercept, in a neuron.",
        "It isn't the same as unfairness, noise, variance or the bias term, the intercept.",
        "It is different from fairness, from noise and from the bias term, the intercept.",
        "Don't get it confused with variance, noise or the bias intercept.",
        # a term's senses, listed
        "'Bias' is overloaded: there's the intercept term and there's statistical bias.",
        "Bias is ambiguous, the intercept is one sense of it.",
        "Bias has two meanings: the intercept, and error from simplifying assumptions.",
    ],
)
def test_a_distinction_drawn_is_not_a_misconception(answer: str) -> None:
    assert score_answer(_bias_question(), answer).misconceptions == ()


@pytest.mark.parametrize(
    "answer",
    [
        "Bias is the intercept.",
        # a likeness asserted, not denied
        "Bias is the same thing as the intercept.",
        # a new statement of its own after the list
        "It is different from variance because bias is the constant term.",
        "Not the same as variance; bias is the intercept.",
        "It is not the same as variance. Bias is the intercept.",
        # a denial too far back for the list to reach
        "Bias is not the same as one two three four five six seven eight nine ten eleven "
        "twelve thirteen or the bias intercept.",
    ],
)
def test_a_claim_outside_the_list_is_still_a_misconception(answer: str) -> None:
    labels = [h.misconception.label for h in score_answer(_bias_question(), answer).misconceptions]
    assert labels == [INTERCEPT]


@pytest.mark.parametrize(
    ("answer", "flagged"),
    [
        ("K-means is different from classification or taking a majority vote.", False),
        ("K-means is mistaken for nearest neighbours sometimes.", False),
        ("K-means is not the same as k-NN, it takes a majority vote.", True),
        ("K-means is the same as nearest neighbours.", True),
    ],
)
def test_the_list_ends_where_a_statement_starts(answer: str, flagged: bool) -> None:
    assert bool(score_answer(kmeans(), answer).misconceptions) is flagged


def test_the_shipped_bank_keeps_a_strong_bias_answer_unflagged() -> None:
    answer = (
        "Bias is the systematic error a model makes because its assumptions are too simple, so "
        "it underfits. Watch the wording: statistical bias is not the same thing as societal "
        "unfairness or the bias term, the intercept, in a neuron."
    )
    score = score_answer(load_bank().get("beginner-11"), answer)
    assert score.misconceptions == ()
    assert score.coverage >= 0.5


@pytest.mark.parametrize(
    ("answer", "flagged"),
    [
        # said of the bias term, a parameter, not of bias
        ("There's the bias term, the intercept, which just shifts the output.", False),
        ("The bias parameter of a neuron acts as an intercept.", False),
        # said of bias itself
        ("Bias is basically the intercept of the line.", True),
        ("The bias, the intercept, shifts the line.", True),
    ],
)
def test_a_claim_about_the_bias_term_is_not_about_bias(answer: str, flagged: bool) -> None:
    assert bool(score_answer(_bias_question(), answer).misconceptions) is flagged


def test_a_pattern_naming_the_longer_term_still_matches_it() -> None:
    term = Misconception("Blames the bias term", ("bias term ... underfitting",))
    q = question(concept("too simple", "too simple", misconceptions=(term,)))
    assert score_answer(q, "The bias term causes underfitting.").misconceptions
