"""Re-scoring saved attempts with the current bank, as the live session would score them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from interviewer.models import Bank
from interviewer.session.flow import InterviewSession
from interviewer.session.records import SavedSession
from interviewer.session.rescore import rescore_session, with_new_scores
from interviewer.session.storage import SessionStore
from interviewer.settings import Settings
from speech.fakes import timed_transcript
from tests.session.factories import scoring_bank

BANK = scoring_bank()
DESCENT, KMEANS = BANK.questions
PARTIAL = "Um, it just goes downhill, you know, with a step size."


@pytest.fixture
def saved(tmp_path: Path) -> SavedSession:
    session = InterviewSession.start(
        BANK, Settings(), [DESCENT], model_name="fake", store=SessionStore(tmp_path)
    )
    transcript = timed_transcript(PARTIAL, 5.0)
    attempt = session.submit_answer(PARTIAL, mode="voice", transcript=transcript, duration_s=5.0)
    follow_up = session.follow_up_for(attempt)
    assert follow_up is not None
    session.submit_follow_up(follow_up, "It reduces the error.", mode="typed")
    return session.snapshot()


def test_the_same_bank_gives_the_same_scores(saved: SavedSession) -> None:
    results = rescore_session(BANK, saved)
    assert [r.new for r in results] == [a.score for a in saved.attempts]
    assert [r.position for r in results] == [1, 2]


def test_an_edited_bank_changes_the_scores(saved: SavedSession) -> None:
    loss = dataclasses.replace(DESCENT.concepts[0], aliases=("step size",))
    edited = dataclasses.replace(DESCENT, concepts=(loss, *DESCENT.concepts[1:]))
    bank = Bank(questions=(edited,))
    results = rescore_session(bank, saved)
    answer, follow_up = results
    assert (saved.attempts[0].score.coverage, answer.new.coverage) == (0.6, 1.0)
    # Timing comes from the saved transcript, as when it was first scored.
    assert answer.new.delivery == saved.attempts[0].score.delivery
    # The follow-up is still scored for its concept only: "reduce the error" no longer counts.
    assert follow_up.new.coverage == 0.0
    updated = with_new_scores(saved, results)
    assert [a.score.coverage for a in updated.attempts] == [1.0, 0.0]
    assert [a.text for a in updated.attempts] == [a.text for a in saved.attempts]


@pytest.mark.parametrize(
    ("bank", "reasons"),
    [
        (Bank(questions=(KMEANS,)), ["not in this bank", "not in this bank"]),
        (
            Bank(questions=(dataclasses.replace(DESCENT, concepts=DESCENT.concepts[1:]),)),
            [None, "no longer in the bank"],
        ),
    ],
    ids=["question-removed", "concept-removed"],
)
def test_attempts_the_bank_cannot_score_are_kept(
    saved: SavedSession, bank: Bank, reasons: list[str | None]
) -> None:
    results = rescore_session(bank, saved)
    for result, want in zip(results, reasons, strict=True):
        if want is None:
            assert result.new is not None and result.reason is None
        else:
            assert result.new is None and result.reason is not None and want in result.reason
    kept = with_new_scores(saved, results)
    for result, before, after in zip(results, saved.attempts, kept.attempts, strict=True):
        if result.new is None:
            assert after.score == before.score
