"""Wrong expansions of an abbreviation ("ROC is rate of change"), stated as `x != expansion`."""

from __future__ import annotations

import pytest

from interviewer.models import Misconception, Question
from interviewer.scoring import score_answer
from interviewer.scoring.acronyms import Abbreviation, parse_abbreviation

from .factories import concept, question


def _question(*rules: str) -> Question:
    wrong = Misconception("Wrong expansion", rules)
    return question(
        concept("what it is", "evaluation plot", misconceptions=(wrong,)),
        concept("something else", "threshold"),
    )


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("gan != generative adversarial network",
         Abbreviation("gan", ("generative", "adversarial", "network"))),
        ("ReLU != rectified linear unit", Abbreviation("relu", ("rectified", "linear", "unit"))),
        ("LSTM != long short-term memory",
         Abbreviation("lstm", ("long", "short", "term", "memory"))),
        ("a u c", None),
        ("gan != ", None),
    ],
)
def test_parse_abbreviation(pattern: str, expected: Abbreviation | None) -> None:
    assert parse_abbreviation(pattern) == expected


def test_initials_skip_small_words() -> None:
    rule = parse_abbreviation("bert != bidirectional encoder representations from transformers")
    assert rule is not None and rule.initials == "bert"


@pytest.mark.parametrize(
    ("rules", "answer", "caught"),
    [
        (("gan != generative adversarial network",),
         "A GAN is a global area network that connects data centres.",
         "GAN is a global area network"),
        (("roc != receiver operating characteristic",),
         "ROC is rate of change, it tells you how fast the loss goes down.",
         "ROC is rate of change"),
        (("ai != artificial intelligence",),
         "AI stands for adaptive interface.", "AI stands for adaptive interface"),
        (("ml != machine learning",),
         "And ML is markup language used to describe web pages.", "ML is markup language"),
        (("ai != artificial intelligence",),
         "a i stands for automated intelligence", "a i stands for automated intelligence"),
        (("relu != rectified linear unit",),
         "ReLU is short for regular linear unit.", "ReLU is short for regular linear unit"),
        (("cnn != convolutional neural network",),
         "A CNN is a computer neural network.", "CNN is a computer neural network"),
        # a guess set off beside the letters, as a name is glossed, in either order
        (("roc != receiver operating characteristic",),
         "You draw the ROC (rate of change) curve.", "ROC (rate of change"),
        (("roc != receiver operating characteristic",),
         "The rate of change (ROC) curve shows how fast it learns.", "rate of change (ROC"),
        (("gan != generative adversarial network",),
         "A GAN, or generic artificial network, makes images.",
         "GAN, or generic artificial network"),
    ],
)
def test_a_wrong_expansion_is_a_misconception(
    rules: tuple[str, ...], answer: str, caught: str
) -> None:
    hits = score_answer(_question(*rules), answer).misconceptions
    assert [h.span.text for h in hits] == [caught]


@pytest.mark.parametrize(
    ("rules", "answer"),
    [
        # the right expansion, however it is introduced or misheard
        (("gan != generative adversarial network",),
         "GAN stands for generative adversarial network."),
        (("gan != generative adversarial network",),
         "GAN stands for generative adversary network."),
        (("gan != generative adversarial network",),
         "A GAN, or generative adversarial network, pits two networks against each other."),
        (("cnn != convolutional neural network",), "A CNN is a convolutional neural net."),
        (("roc != receiver operating characteristic",),
         "ROC, the receiver operating characteristic, plots the true positive rate."),
        (("lstm != long short-term memory",), "LSTM stands for long short term memory."),
        (("bert != bidirectional encoder representations from transformers",),
         "BERT stands for bidirectional encoder representations from transformers."),
        (("roc != receiver operating characteristic",),
         "The receiver operating characteristic (ROC) curve plots two rates."),
        (("roc != receiver operating characteristic",),
         "The ROC (receiver operating characteristic) curve plots two rates."),
        (("auc != area under the curve",), "The area under the ROC curve (AUC) sums it up."),
        # a gloss that describes instead of naming, and an "or" that offers another thing
        (("gan != generative adversarial network",), "A GAN (two networks that compete)."),
        (("ml != machine learning",), "It uses ML (mostly linear) models."),
        (("rl != reinforcement learning",), "We tried RL, or really long training."),
        # descriptions that happen to spell the letters after a bare "is"
        (("ai != artificial intelligence", "ml != machine learning"),
         "AI is about intelligence in machines, ML is mostly learning from data."),
        # no cue: the letters are followed by what the thing does
        (("ml != machine learning",), "ML models learn from data."),
        # no linking word: "for" alone expands nothing
        (("rl != reinforcement learning",), "RL for robot locomotion is popular."),
        # a denial
        (("roc != receiver operating characteristic",),
         "ROC does not stand for rate of change."),
        # the letters never spelled
        (("roc != receiver operating characteristic",), "ROC is a curve of two rates."),
    ],
)
def test_right_expansions_and_other_sentences_are_not_misconceptions(
    rules: tuple[str, ...], answer: str
) -> None:
    assert score_answer(_question(*rules), answer).misconceptions == ()


def test_a_rule_is_not_matched_as_a_phrase() -> None:
    """Saying the rule's own words is the right expansion, not the misconception."""
    rule = "gan != generative adversarial network"
    answer = "GAN generative adversarial network"
    assert score_answer(_question(rule), answer).misconceptions == ()
