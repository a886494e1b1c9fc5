"""Normalisation: case, punctuation, hyphens, contractions, quotes, numbers, inflections."""

from __future__ import annotations

import pytest

from interviewer.scoring.normalize import matchable, normalize, norms, stem, tokenize
from interviewer.scoring.numbers import digit_tokens, number_word


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("ReLU", "relu"),
        ("Non-linearity", "non linearity"),
        ("non‑linear!", "non linear"),
        ("isn't", "is not"),
        ("isn’t", "is not"),  # curly apostrophe
        ("doesn't", "does not"),
        ("can't", "can not"),
        ("cannot", "can not"),  # one word in writing, the same words as "can't"
        ("won't", "will not"),
        ("they're", "they are"),
        ("we've", "we have"),
        ("it's", "it"),
        ("the model's weights", "model weights"),
        ("L1", "l one"),
        ("L2 regularization", "l two regularization"),
        ("0 and 1", "zero and one"),
        ("0.5", "zero point five"),
        ("1,000 trees", "1000 tree"),
        ("90%", "ninety percent"),  # how a recogniser writes "ninety percent"
        ("20 % as a test set", "twenty percent as a test set"),
        ("007", "seven"),
        ("labels", "labeled"),
        ("predicts", "predicting"),
        ("classes", "class"),
        ("biases", "bias"),
        ("probabilities", "probability"),
        ("encoding", "encode"),
        ("Naïve Bayes", "naive bayes"),
        ("normalisation", "normalization"),
        ("regularised", "regularized"),
        ("neighbours", "neighbors"),
        ("centre", "center"),
        ("analyse", "analyze"),
        ("labelled", "labeled"),
        ("modelling", "modeling"),
        ("“Quoted” words", "quoted word"),
        ("the area under the curve", "area under curve"),
        # everyday synonyms, with their inflections
        ("a technique for", "a method for"),
        ("approaches", "algorithm"),
        ("avoids overfitting", "prevents overfitting"),
        ("picking the features", "selected features"),
        ("calculated", "computing"),
        ("a huge dataset", "a large dataset"),
        ("it requires labels", "it needs labels"),
        ("utilizes", "uses"),
        ("it uses", "it use"),
    ],
)
def test_spellings_normalise_alike(left: str, right: str) -> None:
    assert normalize(left) == normalize(right)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Isn't L1 sparse?", "is not l 1 spars"),
        ("zero point five", "0 point 5"),
        ("K-Means", "k mean"),
        ("", ""),
        ("...!!!", ""),
        ("ʼ", ""),  # a modifier apostrophe is a Unicode letter that folds to nothing
        ("\u0301", ""),
    ],
)
def test_normalize_output(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("word", "digits"),
    [("zero", "0"), ("one", "1"), ("twelve", "12"), ("ninety", "90"), ("hundred", "100")],
)
def test_number_words(word: str, digits: str) -> None:
    assert number_word(word) == digits


@pytest.mark.parametrize("word", ["once", "none", "tone", "point", "a"])
def test_non_number_words(word: str) -> None:
    assert number_word(word) is None


@pytest.mark.parametrize(
    ("raw", "tokens"),
    [
        ("0", ["0"]),
        ("007", ["7"]),
        ("1,000", ["1000"]),
        ("0.50", ["0", "point", "50"]),
        ("٣", ["3"]),  # any Unicode decimal digit
        ("9" * 5000, ["9" * 5000]),  # longer than int() accepts
    ],
)
def test_digit_tokens(raw: str, tokens: list[str]) -> None:
    assert digit_tokens(raw) == tokens


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [("bias", "bias"), ("loss", "loss"), ("analysis", "analysis"), ("trees", "tree"),
     ("running", "run"), ("trained", "train"), ("ai", "ai"), ("use", "use")],
)
def test_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_tokens_keep_spans_into_the_original_text() -> None:
    text = "It isn’t  L1—it's L2."
    for token in tokenize(text):
        assert text[token.start : token.end].strip()
    assert [text[t.start : t.end] for t in tokenize(text)] == [
        "It", "isn’t", "isn’t", "L", "1", "it's", "L", "2",
    ]


def test_sentences_are_numbered_at_sentence_punctuation_not_decimals() -> None:
    tokens = tokenize("AUC of 0.5 is random. One is perfect; fine")
    sentences = {t.lower: t.sentence for t in tokens}
    assert sentences["auc"] == sentences["random"] == 0
    assert sentences["perfect"] == 1
    assert sentences["fine"] == 2


@pytest.mark.parametrize(
    ("text", "same_sentence"),
    [
        ("It's... trained to predict", True),  # a hesitation, as a recogniser writes it
        ("It's ... trained to predict", True),
        ("It's, uh... trained to predict", True),
        ("It's wrong,... trained to predict", True),
        ("BERT is an... LSTM", True),  # an acronym does not start a sentence
        ("it is… trained to predict", True),
        ("It's done... Then it is trained", False),  # a capitalised word does
        ("It's done.... trained", False),  # a full stop and an ellipsis
        ("It's done. trained", False),
    ],
)
def test_an_ellipsis_before_a_lower_case_word_is_a_hesitation(
    text: str, same_sentence: bool
) -> None:
    tokens = tokenize(text)
    assert (tokens[0].sentence == tokens[-1].sentence) is same_sentence


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("boost", "improve"),  # boosting is a method of its own
        ("drop", "remove"),  # dropout
        ("key", "important"),  # query, key and value
        ("kind of", "type of"),  # a hedge, not a category
        ("the same shape", "an identical shape"),
        ("selection", "choice"),  # "feature selection" is a term; only the verb folds
    ],
)
def test_words_with_a_meaning_of_their_own_stay_apart(left: str, right: str) -> None:
    assert normalize(left) != normalize(right)


@pytest.mark.parametrize(
    "text",
    [
        "Back Propagation",  # plain words: split at the spaces
        "the area under  the curve",  # articles dropped, double space
        "normalisation of the neighbours",  # British spellings
        "isn't it",  # a contraction: read by the word pattern
        "l1 and l2",  # letters and digits
        "k-means",  # a hyphen
        "ninety percent",
        "90%",
        "",
    ],
)
def test_norms_are_what_tokenize_gives_for_plain_words_and_others(text: str) -> None:
    assert norms(text) == [t.norm for t in matchable(tokenize(text))]
