"""The shipped bank's concepts are usable: sized, grounded in the sample answer, scorable."""

from __future__ import annotations

import pytest

from interviewer.bank import load_bank
from interviewer.models import Bank, Question
from interviewer.scoring import match_concept, score_answer
from interviewer.scoring.acronyms import parse_abbreviation

QUESTIONS = load_bank().questions


def _id(q: Question) -> str:
    return q.id


def test_bank_has_all_45_questions(bank: Bank) -> None:
    assert len(bank.questions) == 45


@pytest.mark.parametrize("question", QUESTIONS, ids=_id)
def test_three_to_eight_concepts_with_a_core_one(question: Question) -> None:
    assert 3 <= len(question.concepts) <= 8
    assert question.core_concepts
    labels = [c.label for c in question.concepts]
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize("question", QUESTIONS, ids=_id)
def test_every_concept_is_mentioned_in_the_sample_answer(question: Question) -> None:
    missing = [
        c.label for c in question.concepts if match_concept(c, question.sample_answer) is None
    ]
    assert missing == []


@pytest.mark.parametrize("question", QUESTIONS, ids=_id)
def test_sample_answer_scores_at_least_0_9(question: Question) -> None:
    score = score_answer(question, question.sample_answer)
    assert score.misconceptions == ()
    assert score.coverage >= 0.9


@pytest.mark.parametrize("question", QUESTIONS, ids=_id)
def test_every_misconception_pattern_is_detectable(question: Question) -> None:
    undetectable = []
    for concept in question.concepts:
        for misconception in concept.misconceptions:
            for pattern in misconception.patterns:
                said = _stated(pattern)
                hits = score_answer(question, f"Well. {said}.").misconceptions
                if misconception not in {h.misconception for h in hits}:
                    undetectable.append(pattern)
    assert undetectable == []


def _stated(pattern: str) -> str:
    """A sentence stating the pattern; for "gan != ...", an expansion that spells GAN wrongly."""
    rule = parse_abbreviation(pattern)
    if rule is None:
        return pattern.replace("+", " ").replace("...", " ")
    return f"{rule.short} stands for " + " ".join(f"{letter}xq" for letter in rule.initials)
