"""Choosing the follow-up concept and wording the spoken follow-up question."""

from __future__ import annotations

import pytest

from interviewer.models import Weight
from interviewer.session.followup import (
    follow_up_prompt,
    make_follow_up,
    missed_core_concept,
    spoken_label,
)
from tests.session.factories import attempt, concept

CORE_A = concept("chain rule")
CORE_B = concept("gradients")
SUPPORTING = concept("learning rate", Weight.SUPPORTING)


@pytest.mark.parametrize(
    ("missed", "kind", "text", "expected"),
    [
        ((CORE_A, CORE_B), "answer", "an answer", CORE_A),
        ((CORE_B, CORE_A), "answer", "an answer", CORE_B),
        # Supporting concepts are not worth a follow-up; the first *core* one is asked.
        ((SUPPORTING, CORE_B), "answer", "an answer", CORE_B),
        ((SUPPORTING,), "answer", "an answer", None),
        ((), "answer", "an answer", None),
        # Nothing said: retry rather than a follow-up.
        ((CORE_A,), "answer", "   ", None),
        # Never a follow-up to a follow-up.
        ((CORE_A,), "follow_up", "an answer", None),
    ],
)
def test_missed_core_concept(missed: tuple, kind: str, text: str, expected) -> None:
    got = missed_core_concept(attempt("beginner-01", 0.3, kind=kind, text=text, missed=missed))
    assert got == expected


@pytest.mark.parametrize(
    ("label", "spoken"),
    [
        ("Chain rule", "chain rule"),
        ("chain rule", "chain rule"),
        ("ReLU activation", "ReLU activation"),
        ("AUC", "AUC"),
        ("k-NN", "k-NN"),
        ("Adam optimizer", "adam optimizer"),
        ("  Gradient   descent ", "gradient descent"),
        ("A", "a"),
        ("ML is a subset of AI", "ML is a subset of AI"),
        ("L1 penalises absolute values", "L1 penalises absolute values"),
        ("Classification: categories/labels", "classification, categories or labels"),
        ("Introduce non-linearity (ReLU, sigmoid…)", "introduce non-linearity (ReLU, sigmoid)"),
        ("Higher AUC = better separation", "higher AUC means better separation"),
        ("K-fold: each fold tests once", "k-fold, each fold tests once"),
    ],
)
def test_spoken_label(label: str, spoken: str) -> None:
    assert spoken_label(label) == spoken


@pytest.mark.parametrize(
    "label", ["Chain rule", "ML learns from data", "ReLU", "Regression: continuous output"]
)
@pytest.mark.parametrize("qid", ["beginner-01", "advanced-15", "intermediate-07"])
def test_prompt_is_short_names_the_concept_and_is_stable(label: str, qid: str) -> None:
    prompt = follow_up_prompt(qid, concept(label))
    assert spoken_label(label) in prompt
    assert prompt.endswith("?")
    assert len(prompt.split()) <= len(label.split()) + 10
    assert prompt == follow_up_prompt(qid, concept(label))


def test_every_shipped_core_concept_gets_a_clean_prompt(bank) -> None:
    for question in bank.questions:
        for core in question.core_concepts:
            prompt = follow_up_prompt(question.id, core)
            assert not any(mark in prompt for mark in ("/", "…", " = ", "  ")), prompt
            assert prompt.count("?") == 1 and prompt.endswith("?"), prompt


def test_prompts_vary_between_concepts() -> None:
    labels = [f"concept {n}" for n in range(20)]
    prompts = {
        follow_up_prompt("beginner-01", concept(label)).replace(label, "X") for label in labels
    }
    assert len(prompts) > 1


def test_make_follow_up() -> None:
    follow_up = make_follow_up("beginner-04", CORE_A)
    assert (follow_up.question_id, follow_up.concept) == ("beginner-04", CORE_A)
    assert "chain rule" in follow_up.prompt
