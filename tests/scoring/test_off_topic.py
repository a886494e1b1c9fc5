"""The shipped bank's aliases do not credit another subject's idioms, yet still find the
wordings they were written for."""

from __future__ import annotations

import pytest

from interviewer.bank import load_bank
from interviewer.scoring import score_answer

BANK = load_bank()


def _covered(question_id: str, answer: str) -> set[str]:
    return {m.concept.label for m in score_answer(BANK.get(question_id), answer).matched}


@pytest.mark.parametrize(
    ("question_id", "answer", "label"),
    [
        # Reinforcement learning's "trial and error" is no model correcting another's errors
        # (an off-topic answer typed into the app earned this boosting concept).
        ("beginner-08",
         "In reinforcement learning an agent learns from rewards and penalties by trial and "
         "error.", "Boosting fixes previous errors"),
        ("beginner-08",
         "The agent finds the correct action by trial and error.",
         "Boosting fixes previous errors"),
    ],
)
def test_another_subjects_idiom_earns_no_concept(question_id: str, answer: str, label: str) -> None:
    assert label not in _covered(question_id, answer)


@pytest.mark.parametrize(
    "answer",
    [
        "Boosting trains models one after another and each one learns from its errors.",
        "Each new tree learns from the errors of the ensemble so far.",
        "Boosting adds models that correct the errors of the earlier ones.",
        "Each stage corrects previous errors.",
        "The errors are corrected by the next weak learner.",
    ],
)
def test_boosting_correcting_errors_is_still_found(answer: str) -> None:
    assert "Boosting fixes previous errors" in _covered("beginner-08", answer)
