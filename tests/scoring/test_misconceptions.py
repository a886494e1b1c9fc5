"""Misconceptions: detected, excused inside correct aliases, penalised. The framings that
cancel one (negation, retraction, reports, contrasts) are in test_misconception_framing."""

from __future__ import annotations

import pytest

from interviewer.models import Bank, Misconception, Question
from interviewer.scoring import match_concept, score_answer
from interviewer.scoring.coverage import weighted_share

from .factories import concept, kmeans, question

CORRECT = (
    "K-means is unsupervised: it groups points into clusters, assigning each to the nearest "
    "centroid, and iteratively updates the centroids."
)
WRONG_WITH_RIGHT_WORDS = (
    "K-means is unsupervised: it groups points into clusters by finding the nearest neighbours "
    "of each point and taking a majority vote, and iteratively updates the centroids."
)


@pytest.mark.parametrize(
    "answer",
    [
        "It finds the k nearest neighbours and takes a majority vote.",
        "It looks at the nearest neighbors of a point.",
        "Then a majority vote decides.",
        "It is K-NN basically.",
    ],
)
def test_misconception_detected(answer: str) -> None:
    score = score_answer(kmeans(), answer)
    assert [h.misconception.label for h in score.misconceptions] == [
        "Describes k-nearest neighbours classification"
    ]
    hit = score.misconceptions[0]
    assert answer[hit.span.start : hit.span.end] == hit.span.text


def test_wrong_answer_using_the_right_words_ranks_below_the_correct_one() -> None:
    correct = score_answer(kmeans(), CORRECT)
    wrong = score_answer(kmeans(), WRONG_WITH_RIGHT_WORDS)
    # "groups points into clusters" is said, but the k-NN statement is a misconception about
    # that very concept, so it is not covered; "unsupervised" still is.
    assert {m.concept.label for m in wrong.matched} >= {"unsupervised"}
    assert "groups into clusters" in {m.concept.label for m in wrong.missed}
    assert wrong.misconceptions
    assert wrong.penalty > 0
    assert wrong.coverage < correct.coverage
    assert wrong.coverage == pytest.approx(
        max(0.0, weighted_share(wrong.matched, 9) - wrong.penalty),
        abs=1e-4,
    )


def test_a_misconception_weighs_more_than_the_right_words_around_it() -> None:
    # Every other concept named, and one misconception: the answer ranks below one that
    # names fewer concepts and gets none wrong, as an interviewer would rank them.
    wrong = score_answer(
        kmeans(), CORRECT + " Think customer segmentation. It finds nearest neighbours."
    )
    partial = score_answer(kmeans(), "It assigns each point to the nearest centroid.")
    assert len(wrong.matched) > len(partial.matched)
    assert wrong.coverage < partial.coverage


def test_each_misconception_counts_once() -> None:
    once = score_answer(kmeans(), CORRECT + " It finds nearest neighbours.")
    twice = score_answer(kmeans(), CORRECT + " It finds nearest neighbours. Nearest neighbours!")
    assert len(once.misconceptions) == len(twice.misconceptions) == 1
    assert once.coverage == twice.coverage


def test_pattern_inside_a_correct_alias_is_excused() -> None:
    trap = Misconception("Says 'linear model' (misses the non-linearity)", ("linear model",))
    q = question(
        concept("non-linearity", "non linear model", "nonlinear"),
        concept("learns complex relationships", "complex relationships", misconceptions=(trap,)),
    )
    score = score_answer(q, "Activations make it a non linear model.")
    assert score.misconceptions == ()
    assert score_answer(q, "Activations keep it a linear model.").misconceptions


def test_misconception_of_a_plus_pattern_must_be_in_one_sentence() -> None:
    swap = Misconception("Swaps the two", ("regression + categories",))
    q = question(concept("continuous", "continuous value", misconceptions=(swap,)))
    assert score_answer(q, "Regression predicts categories.").misconceptions
    assert not score_answer(q, "We use regression. Others predict categories.").misconceptions


def test_match_concept_refuses_a_mention_that_states_the_misconception() -> None:
    clusters = kmeans().concepts[1]
    assert match_concept(clusters, "it forms clusters") is not None
    assert match_concept(clusters, "it forms clusters by majority vote") is None
    assert match_concept(clusters, "it forms clusters, not by majority vote") is not None


@pytest.mark.parametrize(
    ("qid", "answer"),
    [
        ("intermediate-02", "Feature engineering comes before tuning the hyperparameters: you "
                            "create new features from raw data, like ratios or date parts."),
        ("intermediate-02", "Good features help more than choosing the right algorithm or "
                            "adjusting the hyperparameters; you transform existing features."),
        ("intermediate-03", "Regularization adds a penalty on large weights to the loss. Scaling "
                            "the features first matters for L2, since the penalty is per weight."),
        ("intermediate-03", "Normalizing the data is a separate step; regularization penalises "
                            "complexity to reduce overfitting."),
        ("intermediate-08", "You search over learning rate and depth with cross validation, "
                            "never tuning the weights themselves, which training learns."),
        ("intermediate-12", "An AUC of 0.5 is random guessing and 1 is perfect; an AUC of zero "
                            "means the ranking is perfectly inverted, so flip the predictions."),
        # what the 90 percent are: the textbook reading, not accuracy
        ("intermediate-12", "an auc of zero point nine means ninety percent of the time a "
                            "randomly chosen positive is ranked above a randomly chosen negative"),
        ("beginner-12", "Less regularisation increases variance, and more regularisation "
                        "increases bias, so its strength trades one against the other."),
        ("advanced-07", "a common misconception is that because a dot product is symmetric "
                        "you can swap q and k freely and yes each single score is the same "
                        "number but the whole score matrix gets transposed"),
    ],
)
def test_correct_answers_mentioning_a_pattern_in_passing_are_not_penalised(
    bank: Bank, qid: str, answer: str
) -> None:
    assert score_answer(bank.get(qid), answer).misconceptions == ()


@pytest.mark.parametrize(
    ("qid", "answer"),
    [
        ("intermediate-02", "Feature engineering means tuning the hyperparameters until the "
                            "model is accurate."),
        ("intermediate-03", "Regularization is scaling the features so they are all between zero "
                            "and one."),
        ("intermediate-03", "Regularisation is about normalising the data so it is regular."),
        ("intermediate-12", "An AUC of 0 means perfect predictions because there is no error "
                            "area."),
        ("intermediate-12", "An AUC of zero means the model is as good as random guessing."),
        ("intermediate-12", "An AUC of 0.9 means 90 percent accuracy."),
        ("intermediate-12", "an auc of zero point nine means ninety percent of predictions are "
                            "right"),
        ("intermediate-12", "An AUC of 0.9 means 90% of the predictions are right."),
        ("intermediate-12", "The AUC is simply the average accuracy of the classifier across all "
                            "thresholds."),
    ],
)
def test_stated_misconceptions_are_still_caught(bank: Bank, qid: str, answer: str) -> None:
    assert score_answer(bank.get(qid), answer).misconceptions


def _variance() -> Question:
    underfit = Misconception(
        label="Links high variance to underfitting",
        patterns=("high variance ... too simple",),
    )
    q = question(
        concept("sensitive to training data", "sensitive to the training data"),
        concept("bias trade-off", "too simple", "underfitting", misconceptions=(underfit,)),
    )
    return q


@pytest.mark.parametrize(
    ("answer", "covered"),
    [
        # The concept's words are the wrong statement itself: not covered.
        ("High variance means the model is too simple.", []),
        # Said correctly elsewhere too: the answer contradicts itself, so the concept it
        # states a misconception about is still not covered.
        ("High variance means the model is too simple. High bias is underfitting.", []),
        ("A model that is too simple underfits; high variance means it is sensitive to the "
         "training data.", ["sensitive to training data", "bias trade-off"]),
    ],
)
def test_words_inside_a_stated_misconception_do_not_cover_a_concept(
    answer: str, covered: list[str]
) -> None:
    q = _variance()
    score = score_answer(q, answer)
    assert [m.concept.label for m in score.matched] == covered
    for match in score.matched:
        assert not any(
            h.span.start <= match.span.start and match.span.end <= h.span.end
            for h in score.misconceptions
        )


def _matrix_question() -> Question:
    correlation = Misconception(
        "Confuses it with a correlation matrix", ("it is a correlation matrix",)
    )
    labels = Misconception("Thinks it needs no labels", ("it does not need labels",))
    return question(
        concept("table of predictions", "predicted versus actual", misconceptions=(correlation,)),
        concept("needs the true labels", "true labels", misconceptions=(labels,)),
    )


@pytest.mark.parametrize(
    ("answer", "caught"),
    [
        ("It is a correlation matrix of the features.", ["Confuses it with a correlation matrix"]),
        # a fuzzy match would swallow the "not" as one more edit
        ("It's not a correlation matrix; it counts predicted versus actual labels.", []),
        ("It is never a correlation matrix.", []),
        ("It is a non correlation matrix.", []),
        ("It is a noncorrelation matrix.", []),
        ("It is an uncorrelation matrix.", []),
        # a negation the pattern itself states is part of the misconception
        ("It does not need labels.", ["Thinks it needs no labels"]),
    ],
)
def test_a_negation_inside_the_match_denies_it(answer: str, caught: list[str]) -> None:
    hits = score_answer(_matrix_question(), answer).misconceptions
    assert [h.misconception.label for h in hits] == caught


@pytest.mark.parametrize(
    ("answer", "caught"),
    [
        ("Activation functions are linear functions.", True),
        ("Activation function are linear function.", True),  # two edits: still the claim
        # three edits turn "like" into "linear": an alias may stretch that far, a pattern not
        ("Activation functions are like the functions that decide the output.", False),
    ],
)
def test_a_misconception_pattern_tolerates_at_most_two_edits(answer: str, caught: bool) -> None:
    linear = Misconception(
        "Thinks they are linear", ("activation functions are linear functions",)
    )
    q = question(concept("adds non-linearity", "non linearity", misconceptions=(linear,)))
    assert bool(score_answer(q, answer).misconceptions) is caught


@pytest.mark.parametrize(
    ("answer", "caught"),
    [
        ("Regression predicts classes.", True),
        ("Linear regression predicts classes.", True),  # linear regression is regression
        ("Logistic regression predicts classes.", False),  # a classifier, despite its name
        ("Softmax regression predicts classes.", False),
        ("Logistic, um, regression predicts classes.", False),  # fillers are skipped
        ("Logistic. Regression predicts classes.", True),  # the name is broken
        ("Classification only has two classes.", True),
        ("Binary classification only has two classes.", False),
        ("Multiclass classification only has two classes.", False),
        ("Multi class classification only has two classes.", False),  # written apart
    ],
)
def test_a_claim_about_a_named_method_is_not_a_claim_about_its_last_word(
    answer: str, caught: bool
) -> None:
    swap = Misconception("Swaps them", ("regression predicts classes",))
    binary = Misconception("Thinks it is always binary", ("classification only has two classes",))
    q = question(
        concept("continuous output", "continuous", misconceptions=(swap,)),
        concept("categories", "labels", misconceptions=(binary,)),
    )
    assert bool(score_answer(q, answer).misconceptions) is caught


@pytest.mark.parametrize(
    ("answer", "caught"),
    [
        ("You train the model file by file.", True),
        ("You train the model fyle by fyle.", True),  # one edit in a word: a misrecognition
        ("You train the modl fyle.", True),  # one edit in each of two words
        ("You use it for training the model like a table.", False),  # "like" is not "file"
    ],
)
def test_a_misconception_pattern_takes_at_most_one_edit_per_word(
    answer: str, caught: bool
) -> None:
    storage = Misconception("Thinks it is a file", ("train model file",))
    q = question(concept("examples", "collection of examples", misconceptions=(storage,)))
    assert bool(score_answer(q, answer).misconceptions) is caught


@pytest.mark.parametrize(
    ("answer", "caught"),
    [
        ("Regression is unsupervised.", True),
        ("I'd describe regression as unsupervised.", True),
        # The run-on transcript of "... or regression. In unsupervised learning there are no
        # labels": "in" opens another sentence, it is not a misheard "is".
        ("it does classification or regression in unsupervised learning there are no labels",
         False),
        ("regression if unsupervised", False),
    ],
)
def test_a_pattern_copula_stands_only_for_a_copula_or_as(answer: str, caught: bool) -> None:
    swap = Misconception("Thinks regression is unsupervised", ("regression is unsupervised",))
    q = question(concept("labels", "labelled data", misconceptions=(swap,)))
    assert bool(score_answer(q, answer).misconceptions) is caught


def _l1_l2() -> Question:
    swapped = Misconception(label="Swaps L1 to squared weights", patterns=("l1 ... squared",))
    return question(
        concept("L1 penalises absolute values", "absolute value", misconceptions=(swapped,)),
        concept("L2 penalises squared weights", "l2 ... squared"),
    )


@pytest.mark.parametrize(
    ("answer", "covered", "flagged", "coverage"),
    [
        # Both concepts are mentioned once: 90% of their points.
        ("L1 takes the absolute value. L2 penalises squared weights.",
         ["L1 penalises absolute values", "L2 penalises squared weights"], [], 0.9),
        # The misconception is about the L1 concept, so its right words elsewhere ("absolute
        # value") do not cover it: half the points are left, and the penalty takes them.
        ("L1 is squared, it takes the absolute value. L2 penalises squared weights.",
         ["L2 penalises squared weights"], ["L1 penalises absolute values"], 0.0),
    ],
)
def test_a_concept_the_answer_gets_wrong_is_not_covered(
    answer: str, covered: list[str], flagged: list[str], coverage: float
) -> None:
    score = score_answer(_l1_l2(), answer)
    assert [m.concept.label for m in score.matched] == covered
    assert [h.concept.label for h in score.misconceptions] == flagged
    assert [m.concept.label for m in score.missed] == flagged
    assert score.coverage == coverage


@pytest.mark.parametrize(
    ("answer", "flagged"),
    [
        ("K-means is, um... a supervised method.", True),
        ("K-means is a... supervised method.", True),
        ("K-means is not... a supervised method.", False),
        ("K-means is not supervised... It groups points by distance.", False),
    ],
)
def test_a_hesitation_written_as_an_ellipsis_does_not_split_the_claim(
    answer: str, flagged: bool
) -> None:
    # Spoken answers reach the scorer as transcripts, where "..." marks a pause.
    supervised = Misconception("Thinks it is supervised", ("k means is a supervised",))
    q = question(concept("clusters", "clusters", misconceptions=(supervised,)))
    assert bool(score_answer(q, answer).misconceptions) is flagged


@pytest.mark.parametrize(
    "answer",
    ["BERT is, um, an LSTM.", "BERT is an, um, LSTM.", "BERT is, uh, basically an LSTM."],
)
def test_commas_around_a_filler_do_not_start_a_clause(bank: Bank, answer: str) -> None:
    # Read as a clause break, the comma before "LSTM" made it the topic of what follows.
    assert score_answer(bank.get("advanced-06"), answer).misconceptions
