"""Claims about another method: a misconception that is true of a neighbouring method (its
`true_of` names) is a correct comparison in a clause whose topic is that method."""

from __future__ import annotations

import pytest

from interviewer.models import Misconception
from interviewer.scoring import score_answer
from tests.scoring.factories import concept, question

NUMBER_OF_NEIGHBOURS = Misconception(
    label="Thinks k is the number of neighbours",
    # The ordered pattern names the question's own subject ("k means"), which then ends a
    # clause about k-NN; the question text names it too.
    patterns=("k is the number of neighbours", "k means ... labels"),
    true_of=("k nn", "k nearest neighbours"),
)


def _kmeans():
    return question(
        concept("k clusters", "number of clusters", misconceptions=(NUMBER_OF_NEIGHBOURS,)),
        concept("centroid", "nearest centroid"),
        sample="K-means groups data into k clusters, k is the number of clusters. Each point "
        "goes to the nearest centroid.",
    )


@pytest.mark.parametrize(
    "text",
    [
        "On the left, k-NN: supervised, k is the number of neighbours. On the right, k-means: "
        "k is the number of clusters.",
        "K-NN is supervised, k is the number of neighbours. K-means has k clusters.",
        "In k-NN, k is the number of neighbours; in k-means it is the number of clusters.",
        "For k-NN, k is the number of neighbours.",
        "And for k nearest neighbours, k is the number of neighbours.",
        "Don't mix it up with k-NN, where k is the number of neighbours.",
    ],
    ids=["colon-layout", "opens-sentence", "in-x", "for-x", "lead-ins", "relative-clause"],
)
def test_a_claim_about_the_other_method_is_not_flagged(text: str) -> None:
    assert score_answer(_kmeans(), text).misconceptions == ()


@pytest.mark.parametrize(
    "text",
    [
        "K-means is basically k-NN: k is the number of neighbours.",
        "K-means, like k-NN, has k is the number of neighbours.",
        "K-NN and k-means are the same, k is the number of neighbours.",
        "K-NN is supervised. In k-means k is the number of neighbours.",
        "K-means is like k-NN, where the clusters are fixed, so k is the number of neighbours.",
        "k is the number of neighbours.",
    ],
    ids=["name-mid-clause", "like-x", "own-name-closer", "other-sentence", "relative-closed",
         "no-other-method"],
)
def test_the_same_claim_about_the_question_subject_is_flagged(text: str) -> None:
    hits = score_answer(_kmeans(), text).misconceptions
    assert [h.misconception.label for h in hits] == ["Thinks k is the number of neighbours"]


def test_a_longer_name_is_the_topic_rather_than_a_name_inside_it() -> None:
    sequential = Misconception(
        label="Thinks the trees are built one after another",
        patterns=("trees sequentially",),
        true_of=("boosting", "gradient boosting"),
    )
    q = question(concept("bagging", "bootstrap samples", misconceptions=(sequential,)))
    text = "Gradient boosting, by contrast, builds shallow trees sequentially."
    assert score_answer(q, text).misconceptions == ()


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("K-NN, unlike k-means, uses labels, and k is the number of neighbours.", False),
        ("K-means, unlike k-NN, has k is the number of neighbours.", True),
    ],
)
def test_a_contrasted_name_is_not_the_topic(text: str, flagged: bool) -> None:
    assert bool(score_answer(_kmeans(), text).misconceptions) is flagged


SQUARES = Misconception(label="Thinks L1 squares the weights", patterns=("l1 ... squares",))


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("L2 punishes big weights more than L1, since the square grows faster.", False),
        ("L2 is harsher than the L1 penalty, since it squares each weight.", False),
        ("L1 squares the weights.", True),
        ("Since L1 squares each weight, it is harsher than L2.", True),
        ("L2 is softer than ridge. L1 squares the weights.", True),  # a new sentence
    ],
)
def test_an_ordered_pattern_does_not_open_on_the_yardstick_of_a_comparison(
    text: str, flagged: bool
) -> None:
    # "than L1" names what L2 is measured against: what follows is said of L2.
    q = question(concept("l1 penalty", "absolute value", misconceptions=(SQUARES,)))
    assert bool(score_answer(q, text).misconceptions) is flagged


def test_without_true_of_the_claim_is_flagged_whatever_the_topic() -> None:
    plain = Misconception(label="x", patterns=("k is the number of neighbours",))
    q = question(concept("k clusters", "number of clusters", misconceptions=(plain,)))
    assert score_answer(q, "On the left, k-NN: k is the number of neighbours.").misconceptions


@pytest.mark.parametrize(
    ("qid", "text"),
    [
        ("advanced-05", "L2 punishes large weights more heavily than L1, since the square "
         "grows faster."),
        ("intermediate-07", "Compare the two side by side. On the left, k-NN: supervised, k is "
         "the number of neighbours, and it predicts by majority vote of the nearest labelled "
         "points. On the right, k-means: unsupervised, k is the number of clusters, it assigns "
         "each point to the nearest centroid and recomputes the centroids until they settle."),
        ("intermediate-07", "For k-NN, k is the number of neighbours; for k-means, k is the "
         "number of clusters, and points go to the nearest centroid."),
        ("intermediate-06", "CNNs slide filters over the image. RNNs: they keep a hidden state "
         "over time steps and read the sequence one step at a time."),
        ("advanced-03", "Numerical differentiation perturbs each weight and measures the change "
         "in loss; backpropagation applies the chain rule backwards instead."),
        ("advanced-03", "Gradient checking perturbs each weight slightly and compares the "
         "result with backprop's gradient."),
        ("advanced-14", "Supervised deep learning can only learn from labelled data, so "
         "labelling is a big cost."),
        ("advanced-14", "In supervised deep learning the model can only learn from labelled "
         "data."),
    ],
    ids=["l2-than-l1", "kmeans-side-by-side", "kmeans-for-x", "cnn-vs-rnn", "numerical-vs-backprop",
         "gradient-checking", "supervised-needs-labels", "in-supervised-deep-learning"],
)
def test_shipped_bank_accepts_side_by_side_comparisons(bank, qid: str, text: str) -> None:
    assert score_answer(bank.get(qid), text).misconceptions == ()


@pytest.mark.parametrize(
    ("qid", "text", "label"),
    [
        ("intermediate-07", "K-means is basically k-NN: k is the number of neighbours.",
         "Thinks k is the number of neighbours"),
        ("intermediate-06", "A CNN is a recurrent network that keeps a hidden state over time "
         "steps.", "Confuses CNNs with recurrent networks"),
        ("advanced-03", "Backpropagation perturbs each weight and measures the loss.",
         "Thinks it nudges each weight to estimate gradients"),
        ("advanced-14", "Deep learning can only learn from labelled data.",
         "Thinks trained deep models cannot be updated, fine-tuned or use unlabelled data"),
    ],
    ids=["kmeans-is-knn", "cnn-is-recurrent", "backprop-perturbs", "deep-learning-needs-labels"],
)
def test_shipped_bank_still_flags_the_confusion(bank, qid: str, text: str, label: str) -> None:
    labels = [h.misconception.label for h in score_answer(bank.get(qid), text).misconceptions]
    assert label in labels


@pytest.mark.parametrize(
    ("lead_in", "flagged"),
    [("", False), ("And for ", False), ("And then for ", False), ("And so then for ", True)],
    ids=["none", "two", "three", "four"],
)
def test_a_topic_may_follow_at_most_three_lead_in_words(lead_in: str, flagged: bool) -> None:
    text = f"K-means has k clusters. {lead_in}k-NN, k is the number of neighbours."
    assert bool(score_answer(_kmeans(), text).misconceptions) is flagged


def _bert():
    fixed = Misconception(
        label="Thinks BERT gives one fixed vector per word",
        patterns=("bert ... fixed vector",),
        true_of=("word2vec", "glove"),
    )
    return question(concept("contextual", "contextual embeddings", misconceptions=(fixed,)))


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # the neighbour opens the second clause, so what follows is said of it
        ("BERT is contextual, word2vec has a fixed vector.", False),
        ("BERT reads context, GloVe has one fixed vector per word.", False),
        # the neighbour as the claim itself, or mid-clause, does not end the claim about BERT
        ("BERT is a bigger word2vec with one fixed vector per word.", True),
        ("BERT works like word2vec: one fixed vector per word.", True),
        ("BERT gives a fixed vector per word.", True),
    ],
)
def test_a_neighbour_opening_a_clause_ends_an_ordered_claim(text: str, flagged: bool) -> None:
    assert bool(score_answer(_bert(), text).misconceptions) is flagged



# A comparison read aloud: "X does A, Y does B", where B would be a mistake about X.
@pytest.mark.parametrize(
    ("qid", "text"),
    [
        ("advanced-06", "BERT is contextual, word2vec has a fixed vector per word."),
        ("advanced-06", "BERT reads both directions, GPT generates text one token at a "
         "time from left to right."),
        ("advanced-06", "BERT uses self-attention, an LSTM reads the sentence one word at"
         " a time with recurrent layers."),
        ("advanced-08", "Attention looks at all positions at once, an LSTM keeps a memory"
         " cell with forget and input gates."),
        ("advanced-13", "ReLU has a kink at zero, GELU is smooth at zero."),
        ("advanced-14", "Deep networks are hard to explain, linear models are easy to "
         "interpret."),
        ("advanced-14", "Deep learning needs lots of data, gradient boosting works well "
         "with little data on tables."),
        ("advanced-15", "Positional encoding carries the order, the token embedding "
         "encodes the meaning of each word."),
        ("advanced-02", "Transfer learning is sequential, multi-task learning trains the "
         "tasks at the same time."),
        ("advanced-09", "GANs generate in one pass, diffusion models remove noise step by"
         " step."),
        ("advanced-15", "Positional encodings are added to the input, layer norm "
         "subtracts the mean and divides by the standard deviation."),
        ("beginner-15", "Feature extraction turns raw data into features, ETL pulls data "
         "from a database into the warehouse."),
    ],
)
def test_shipped_bank_reads_a_comma_spliced_comparison(bank, qid: str, text: str) -> None:
    assert score_answer(bank.get(qid), text).misconceptions == ()


@pytest.mark.parametrize(
    ("qid", "text"),
    [
        ("advanced-06", "BERT is a bigger word2vec with one fixed vector per word."),
        ("advanced-06", "BERT generates text one token at a time from left to right."),
        ("advanced-08", "Attention is the memory cell with forget and input gates that "
         "decides what to remember."),
        ("advanced-13", "ReLU is smooth at zero, so its derivative is defined everywhere."),
        ("advanced-14", "Deep learning models are easy to interpret because you can read "
         "the weights."),
        ("advanced-14", "Deep learning works well with very little data."),
        ("advanced-15", "Positional encoding encodes the meaning of each word."),
        ("advanced-02", "Transfer learning trains many tasks at the same time with a "
         "shared loss."),
        ("advanced-15", "Positional encoding subtracts the mean and divides by the "
         "standard deviation."),
        ("beginner-15", "Feature extraction means pulling data from a database into the "
         "warehouse."),
        # "extract" once opened an ordered pattern, so as a subject it cut every
        # "extraction ... etl" pattern that reached across it.
        ("beginner-15", "Feature extraction is, um, the extract step of ETL."),
    ],
)
def test_shipped_bank_flags_the_same_claim_about_the_subject(bank, qid: str, text: str) -> None:
    assert score_answer(bank.get(qid), text).misconceptions


def test_a_claim_that_ends_on_the_other_method_opening_a_clause_is_not_flagged() -> None:
    etl = Misconception(
        label="Confuses it with ETL", patterns=("extraction ... etl",), true_of=("etl",)
    )
    q = question(concept("features", "new features", misconceptions=(etl,)))
    assert not score_answer(q, "Extraction builds new features, ETL loads data.").misconceptions
    assert score_answer(q, "Extraction is basically ETL.").misconceptions


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # No punctuation at all, as a recogniser may write it: "k nn is" opens a clause.
        ("k means groups points into k clusters k nn is supervised k is the number of "
         "neighbours", False),
        ("k means groups points into k clusters k nn only looks at labels k is the number "
         "of neighbours", False),
        # Full stops without commas leave the clauses as unmarked as no punctuation does.
        ("K-means moves centroids. It groups points k-NN is supervised k is the number of "
         "neighbours.", False),
        ("K-means groups points into k clusters k-NN only looks at labels k is the number "
         "of neighbours.", False),
        # A name with no verb after it does not: the claim is still about k-means.
        ("k means works like k nn k is the number of neighbours", True),
        ("k means k is the number of neighbours", True),
        ("K-means works like k-NN. K is the number of neighbours.", True),
        # A past tense with its object opens one too; a participle does not.
        ("K-means moves centroids. It groups points k-NN used labels k is the number of "
         "neighbours.", False),
        ("K-means moves centroids. It is k-NN trained on labels k is the number of "
         "neighbours.", True),
        # So does a verb without an ending when an object pronoun follows it.
        ("K-means moves centroids k nearest neighbours find them by voting k is the number "
         "of neighbours.", False),
        ("K-means moves centroids like k nearest neighbours because it votes k is the number "
         "of neighbours.", True),
        # A name inside a comparison or a relative clause heads no clause, verb or not.
        ("K-means picks k like k-NN does k is the number of neighbours.", True),
        ("K-means picks k the way k-NN does k is the number of neighbours.", True),
        ("K-means picks k as a k-NN does k is the number of neighbours.", True),
        ("K-means is the method in which k-NN is run k is the number of neighbours.", True),
        # "like" that gives an example keeps its verb: the clause is about k-NN.
        ("K-means moves centroids methods like k-NN only look at labels k is the number of "
         "neighbours.", False),
        # With commas, the commas decide, as before.
        ("K-means is like k-NN is, k is the number of neighbours.", True),
    ],
)
def test_without_commas_a_name_followed_by_its_verb_opens_a_clause(
    text: str, flagged: bool
) -> None:
    assert bool(score_answer(_kmeans(), text).misconceptions) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # "In k-NN" opens its clause when a new subject follows the name: a pronoun, or an
        # article whose noun has a verb.
        ("K-means finds k clusters in k-NN we say k is the number of neighbours", False),
        ("K-means finds k clusters in k-NN the k is the number of neighbours", False),
        ("K-means finds k clusters for k-NN a k is the number of neighbours", False),
        # Without a new subject the phrase belongs to the clause before it.
        ("K-means works in k-NN style k is the number of neighbours", True),
        ("K-means finds k clusters in k-NN the same k is the number of neighbours", True),
        # With commas, the commas decide, as before.
        ("K-means finds k clusters in k-NN we say, k is the number of neighbours", True),
    ],
)
def test_without_commas_a_phrase_with_a_new_subject_opens_a_clause(
    text: str, flagged: bool
) -> None:
    assert bool(score_answer(_kmeans(), text).misconceptions) is flagged


@pytest.mark.parametrize(
    "text",
    [
        # A connective after the name: the phrase goes on, and the pronoun is in a clause of
        # its own, not the subject of the phrase's clause.
        "K-means finds k clusters in k-NN and we say k is the number of neighbours",
        # "you see", "you know": an aside, not a new subject.
        "K-means finds k clusters in k-NN you see k is the number of neighbours",
    ],
)
def test_a_phrase_followed_by_a_connective_or_an_aside_opens_no_clause(text: str) -> None:
    assert score_answer(_kmeans(), text).misconceptions
