"""The shipped bank's concepts are usable: sized, grounded in the sample answer, scorable."""

from __future__ import annotations

import pytest

from interviewer.bank import load_bank
from interviewer.models import Bank, Question
from interviewer.scoring import score_answer
from interviewer.scoring.bank_checks import check_question

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
def test_sample_answer_scores_at_least_0_9(question: Question) -> None:
    score = score_answer(question, question.sample_answer)
    assert score.misconceptions == ()
    assert score.coverage >= 0.9


@pytest.mark.parametrize("question", QUESTIONS, ids=_id)
def test_bank_check_finds_nothing_to_fix(question: Question) -> None:
    """Every concept is mentioned in its sample answer, which states no misconception, and
    every alias and misconception pattern can match (what `interviewer bank check` runs)."""
    assert [str(problem) for problem in check_question(question)] == []
