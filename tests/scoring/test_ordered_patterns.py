"""Ordered misconception patterns ("bagging ... sequentially"): any phrasing of the claim,
kept inside its clause, and stopped by a rival subject but not by the same subject."""

from __future__ import annotations

import pytest

from interviewer.models import Misconception, Question
from interviewer.scoring import score_answer

from .factories import concept, question


def _swap_question():
    sequential = Misconception("Thinks bagging is sequential", ("bagging ... sequentially",))
    parallel = Misconception("Thinks boosting is parallel", ("boosting ... in parallel",))
    return question(
        concept("bagging in parallel", "bagging + parallel", misconceptions=(sequential,)),
        concept("boosting in sequence", "boosting + sequentially", misconceptions=(parallel,)),
    )


@pytest.mark.parametrize(
    "answer",
    [
        "Bagging trains the models sequentially.",
        "In bagging, um, every model is built sequentially on the errors.",
        "bagging builds lots of small trees sequentially",
        "Boosting is the one where bagging gets trained sequentially.",
    ],
)
def test_ordered_pattern_finds_the_statement_however_it_is_phrased(answer: str) -> None:
    labels = [h.misconception.label for h in score_answer(_swap_question(), answer).misconceptions]
    assert labels == ["Thinks bagging is sequential"]


@pytest.mark.parametrize(
    "answer",
    [
        "Bagging trains models in parallel and boosting trains them sequentially.",
        "Bagging trains in parallel, boosting sequentially.",
        "Bagging trains in parallel while boosting works sequentially.",
        "Bagging does not train them sequentially.",
        "Bagging trains them in parallel rather than sequentially.",
        "Sequentially is how boosting works; bagging is parallel.",
        "Bagging trains them. Boosting trains them sequentially.",
        "Bagging differs from methods that train sequentially.",
        # a verdict on the relation denies it: "a confusion matrix is invalid for regression"
        "For bagging it is pointless to train the models sequentially.",
        "Bagging would be useless if trained sequentially.",
        "Bagging trains many independent models on bootstrap samples of the data and then "
        "averages them sequentially.",
    ],
)
def test_ordered_pattern_stays_inside_its_clause(answer: str) -> None:
    assert score_answer(_swap_question(), answer).misconceptions == ()


def _search_question() -> Question:
    grid = Misconception("Thinks grid search samples at random", ("grid search ... random",))
    rival = Misconception("Thinks random search is exhaustive", ("random search ... every",))
    return question(
        concept("grid search", "grid search", misconceptions=(grid,)),
        concept("random search", "random search", misconceptions=(rival,)),
    )


@pytest.mark.parametrize(
    ("answer", "caught"),
    [
        ("Grid search just picks random values.", True),
        ("You can use grid search or random search to try values.", False),
        ("Grid search, random search and Bayesian optimisation all work.", False),
    ],
)
def test_a_later_part_is_not_the_start_of_a_rival_subject(answer: str, caught: bool) -> None:
    assert bool(score_answer(_search_question(), answer).misconceptions) is caught


def _dropout_question() -> Question:
    rows = Misconception(
        "Thinks dropout removes data", ("dropout is ... data cleaning", "dropout ... removes rows")
    )
    noise = Misconception("Thinks augmentation removes data", ("augmentation ... removes",))
    slow = Misconception("Thinks it is slow", ("using dropout is ... slow",))
    return question(
        concept("drops neurons", "drops neurons", misconceptions=(rows, slow)),
        concept("augmentation adds data", "augmentation", misconceptions=(noise,)),
    )


@pytest.mark.parametrize(
    ("answer", "caught"),
    [
        # "dropout is" (the first part of another pattern) is the same subject, not a rival.
        ("Dropout is a step that removes rows from the data.", ["Thinks dropout removes data"]),
        ("Dropout removes rows from the data.", ["Thinks dropout removes data"]),
        # ... nor is "using dropout is", which starts a word earlier: the same mention.
        ("Using dropout is a step that removes rows.", ["Thinks dropout removes data"]),
        # A different subject in between still ends the claim about dropout.
        ("Dropout drops neurons, augmentation removes rows.",
         ["Thinks augmentation removes data"]),
    ],
)
def test_a_longer_name_of_the_same_subject_is_not_a_rival(
    answer: str, caught: list[str]
) -> None:
    hits = score_answer(_dropout_question(), answer).misconceptions
    assert [h.misconception.label for h in hits] == caught


def test_ordered_pattern_is_an_alias_operator_too() -> None:
    q = question(concept("b after a", "alpha ... beta"))
    assert score_answer(q, "alpha then beta").matched
    assert score_answer(q, "beta then alpha").coverage == 0.0


@pytest.mark.parametrize(
    ("answer", "flagged"),
    [
        ("Huber is used for classification tasks.", True),
        ("huber works well for classification problems", True),
        ("Huber is great, for classification you know it works too", True),  # an aside
        # "for classification you would use" opens a clause: its name is not said of Huber.
        ("Both MSE and Huber are regression losses, for classification you would use "
         "cross entropy.", False),
        ("both mse and huber are regression losses for classification you would use cross "
         "entropy", False),
        ("huber is a regression loss for classification the loss is cross entropy", False),
        # The price of reading run-on speech: a phrase that could close either clause is
        # read as opening the second.
        ("huber loss is used for classification we use it every day", False),
    ],
)
def test_a_later_part_that_names_an_opening_phrase_ends_the_claim(
    answer: str, flagged: bool
) -> None:
    classification = Misconception(
        "Thinks Huber is a classification loss", ("huber ... classification",)
    )
    q = question(concept("robust to outliers", "outliers", misconceptions=(classification,)))
    assert bool(score_answer(q, answer).misconceptions) is flagged


@pytest.mark.parametrize(
    ("answer", "flagged"),
    [
        ("feature selection is basically pca", True),
        ("feature selection is pca by design", True),
        # A contrast marker after the name: what follows is said of PCA.
        ("feature selection keeps a subset of the original columns pca by contrast combines "
         "features into new ones", False),
        ("feature selection keeps columns pca however combines them", False),
        ("feature selection keeps columns pca on the other hand combines them", False),
    ],
)
def test_a_later_part_followed_by_a_contrast_marker_ends_the_claim(
    answer: str, flagged: bool
) -> None:
    selection = Misconception("Thinks PCA is feature selection", ("feature selection ... pca",))
    q = question(concept("new axes", "new features", misconceptions=(selection,)))
    assert bool(score_answer(q, answer).misconceptions) is flagged
