"""Alias matching: exact, split/joined words, misrecognitions, short aliases, "a + b"."""

from __future__ import annotations

import pytest

from interviewer.scoring import match_concept, score_answer
from interviewer.scoring.phrases import Doc, Reach, allowed_distance, compile_phrase, find_phrase

from .factories import concept, question


@pytest.mark.parametrize(
    ("alias", "answer"),
    [
        ("backpropagation", "we use back propagation to get gradients"),
        ("back propagation", "backpropagation computes the gradients"),
        ("k means", "kmeans groups points"),
        ("k-means", "k means groups points"),
        ("kmeans", "K-Means groups points"),
        ("AUC", "the a u c summarises it"),
        ("PCA", "p c a reduces dimensions"),
        ("PCA", "P.C.A. reduces dimensions"),
        ("L1 regularization", "l one regularisation adds the absolute values"),
        ("ROC curve", "the rock curve plots it"),
        ("discriminator", "the discriminate or tells real from fake"),
        ("principal component analysis", "principle component analysis finds axes"),
        ("non-linearity", "it adds nonlinearity"),
        ("nonlinearity", "it adds non-linearity"),
        ("min-max scaling", "min max scaling to zero and one"),
        ("between 0 and 1", "scaled between zero and one"),
        ("zero mean", "inputs get 0 mean"),
        ("labels", "it needs labeled examples"),
        ("neighbours", "the nearest neighbors vote"),
        ("normalisation", "batch normalization"),
        ("labelled data", "labeled data"),
        ("cluster centre", "the cluster center"),
        ("artificial intelligence", "artificial inteligence"),  # a typo
        ("convolutional", "convolution all layers"),
        ("the values on the diagonal of the matrix", "the values on the diagonal of the matrics"),
    ],
)
def test_alias_found(alias: str, answer: str) -> None:
    match = match_concept(concept("c", alias), answer)
    assert match is not None
    assert match.alias == alias or match.alias == "c"


@pytest.mark.parametrize(
    ("alias", "answer"),
    [
        ("ai", "they said it again"),  # short aliases match whole tokens only
        ("ai", "the chair is here"),
        ("l1", "l2 is different"),
        ("l1", "level one"),
        ("k", "kernel trick"),
        ("relu", "really"),
        ("bias", "bass"),
        ("tanh", "tan h"),  # short: joining is only for spelled letters
        ("regression", "progression of the disease"),  # first letter differs
        ("generator", "generated images"),  # two edits is too many at this length
        ("gradients flow", "gradients for each weight"),
        ("compute", "they compete"),
        ("compared against", "compete against each other"),
        ("representative", "learned representations"),
        ("discriminator", "better discrimination"),
        ("try different", "go to different places"),
        ("supervised", "unsupervised learning"),
        ("auc", "a u"),
        ("centroid", ""),
        # A number never takes an edit, however long the phrase around it.
        ("l1 regularization penalty", "l2 regularization penalty"),
        ("top 5 accuracy on imagenet", "top 1 accuracy on imagenet"),
        # Nor goes missing when the words around it are split or joined differently.
        ("for big errors the gradient is 0", "for big errors the gradient is capped"),
        ("auc of 0.5", "an auc of 0.92"),
        ("fixes the errors of the previous one", "fixes the errors of the previous trees"),
        # Nor does a short word become its opposite.
        ("the values on the diagonal of the matrix", "the values off the diagonal of the matrix"),
        ("the error goes up over the epochs", "the error goes down over the epochs"),
        ("it needs more labelled training data", "it needs less labelled training data"),
    ],
)
def test_alias_not_found(alias: str, answer: str) -> None:
    assert match_concept(concept("zzzz", alias), answer) is None


@pytest.mark.parametrize(
    ("length", "edits"),
    [(1, 0), (4, 0), (6, 0), (7, 1), (13, 1), (14, 2), (20, 2), (21, 3), (60, 3)],
)
def test_tolerance_grows_with_length(length: int, edits: int) -> None:
    assert allowed_distance(length) == edits


def test_label_counts_as_alias() -> None:
    match = match_concept(concept("gradient descent", "optimiser"), "we run gradient descent")
    assert match is not None
    assert match.alias == "gradient descent"


def test_match_span_indexes_the_text_as_given() -> None:
    text = "Well — it’s  Back-Propagation, really."
    match = match_concept(concept("backprop", "backpropagation"), text)
    assert match is not None
    assert text[match.span.start : match.span.end] == match.span.text == "Back-Propagation"


def test_exact_match_preferred_over_earlier_fuzzy_one() -> None:
    text = "the rock curve, I mean the ROC curve"
    match = match_concept(concept("x", "roc curve"), text)
    assert match is not None
    assert match.span.text == "ROC curve"
    assert match.similarity == 1.0


def test_fuzzy_match_reports_similarity_below_one() -> None:
    match = match_concept(concept("x", "roc curve"), "the rock curve")
    assert match is not None
    assert 0.8 < match.similarity < 1.0


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ("it adds a penalty to the loss", True),
        ("the loss gets a penalty term", True),  # any order
        ("penalty. Much later, after very many other words in other sentences, a loss", False),
        ("penalty " + "word " * 9 + "loss", True),  # 11 tokens apart: inside the window
        ("penalty " + "word " * 11 + "loss", False),  # 13 tokens: outside
        ("only a penalty here", False),
    ],
)
def test_plus_alias_needs_all_parts_close_together(answer: str, found: bool) -> None:
    match = match_concept(concept("regularization", "penalty + loss"), answer)
    assert (match is not None) is found


def test_plus_alias_span_covers_all_parts() -> None:
    text = "the loss gets a penalty term"
    match = match_concept(concept("regularization", "penalty + loss"), text)
    assert match is not None
    assert match.span.text == "loss gets a penalty"


def test_plus_alias_parts_may_be_fuzzy() -> None:
    match = match_concept(concept("x", "discriminator + generator"), "generater vs discriminater")
    assert match is not None


def test_alias_of_only_articles_never_matches() -> None:
    assert match_concept(concept("the", "the"), "the the the") is None


@pytest.mark.parametrize(("known", "found"), [(frozenset(), True), (frozenset({"retain"}), False)])
def test_a_known_word_is_not_a_misrecognition_of_a_single_word_alias(
    known: frozenset[str], found: bool
) -> None:
    phrase = compile_phrase("retrain")
    assert phrase is not None
    doc = Doc("we retain the features", Reach(3, 20), known)
    assert bool(find_phrase(phrase, doc)) is found


def test_words_of_the_question_count_as_known() -> None:
    q = question(
        concept("fine-tune", "retrain", "fine tune"),
        sample="You retrain the last layers and retain the rest.",
    )
    assert score_answer(q, "It can retain what it learned.").matched == ()
    assert score_answer(q, "You retrane the head.").matched  # a typo is still caught


def test_known_words_do_not_block_multi_word_aliases() -> None:
    q = question(concept("roc", "roc curve"), sample="The rock curve? No: the ROC curve.")
    assert score_answer(q, "the rock curve plots it").matched


def test_a_custom_question_scores_without_the_shipped_bank(monkeypatch: pytest.MonkeyPatch) -> None:
    import interviewer.bank as bank_module
    from interviewer.scoring.compiled import clear_caches

    def unavailable(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("scoring read the shipped bank")

    monkeypatch.setattr(bank_module, "load_bank", unavailable)
    clear_caches()
    q = question(
        concept("fine-tune", "retrain", "fine tune"),
        sample="You retrain the last layers and retain the rest.",
        qid="beginner-14",
    )
    assert [m.concept.label for m in score_answer(q, "we retrane the head").matched] == [
        "fine-tune"
    ]
    assert score_answer(q, "it can retain what it learned").matched == ()


@pytest.mark.parametrize(
    ("alias", "answer"),
    [
        ("gradient descent", "we use gradient um descent to train"),
        ("mean squared error", "the loss is mean uh squared error"),
        ("random forest", "a random you know forest of trees"),
        ("learning rate", "set the learning, like, rate first"),
        ("cross validation", "do cross um val idation on five folds"),
        ("batch normalization", "batch uh normalisation per layer"),
        ("decision boundary", "the decision erm boundry between classes"),
    ],
)
def test_fillers_inside_a_phrase_are_skipped(alias: str, answer: str) -> None:
    assert match_concept(concept("zzzz", alias), answer) is not None


@pytest.mark.parametrize(
    ("alias", "answer"),
    [
        ("looks like a tree", "the model looks like a tree"),
        ("know the labels", "it only works if you know the labels"),
        ("kind of model", "it is a kind of model"),
    ],
)
def test_words_that_only_sound_like_fillers_still_match(alias: str, answer: str) -> None:
    assert match_concept(concept("zzzz", alias), answer) is not None


@pytest.mark.parametrize(
    ("alias", "answer"),
    [
        ("examples", "a dataset is, for example, a table of customers"),
        ("learns + examples", "it is a function that learns. For example, it spots digits"),
        ("instances", "for instance a spreadsheet of sales"),
        ("train + examples", "we train it on images, for example cats and dogs"),
    ],
)
def test_for_example_introduces_an_example_and_names_none(alias: str, answer: str) -> None:
    assert match_concept(concept("zzzz", alias), answer) is None


@pytest.mark.parametrize(
    ("alias", "answer"),
    [
        ("examples", "a dataset is a collection of examples"),
        ("learns + examples", "it learns from labelled examples, for example photos"),
        ("training example", "the loss for each training example"),
        ("gradient descent", "gradient, for example, descent"),  # the words around it join up
    ],
)
def test_examples_named_as_such_still_match(alias: str, answer: str) -> None:
    assert match_concept(concept("zzzz", alias), answer) is not None


@pytest.mark.parametrize(
    ("text", "left", "right", "marks"),
    [
        ("BERT is, um, an LSTM", "is", "lstm", ""),  # the filler's commas go
        ("BERT is, like, an LSTM", "is", "lstm", ""),
        ("Dropout is pruning., uh, Then", "pruning", "then", "."),  # the full stop stays
        ("It is fast, k-NN is slow", "fast", "k", ","),  # a comma of its own stays
    ],
)
def test_between_leaves_out_the_commas_around_a_filler(
    text: str, left: str, right: str, marks: str
) -> None:
    doc = Doc(text, Reach(3, 20))
    words = [t.lower for t in doc.tokens]
    gap = doc.between(words.index(left), words.index(right))
    assert "".join(c for c in gap if c in ",.") == marks


@pytest.mark.parametrize(
    ("pattern", "answer", "found"),
    [
        ("bert is a type of rnn", "BERT is a type of RNN.", True),
        ("bert is a type of rnn", "BERT is a type of rnm.", True),  # misheard: still caught
        ("bert is a type of rnn", "BERT is a type of CNN.", False),  # another term
        ("huber is just mae with", "Huber is just MSE with a cap.", False),
        ("precision on y axis", "Precision on one axis, recall on the other.", False),
        ("gradients is a vector", "Gradients it's a vector.", True),  # short words blur
    ],
)
def test_a_short_term_of_the_subject_is_not_a_misheard_other_term(
    pattern: str, answer: str, found: bool
) -> None:
    # "cnn" and "mse" are words of the question here, so the answer means them.
    phrase = compile_phrase(pattern)
    known = frozenset({"cnn", "rnn", "mse", "mae", "1", "y"})
    doc = Doc(answer, Reach(8, 40), known)
    assert bool(find_phrase(phrase, doc)) is found
