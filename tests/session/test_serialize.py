"""session.json round trips: transcripts with word timings, attempts with full scores."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from interviewer.scoring import score_answer
from interviewer.session.records import SCHEMA_VERSION, Attempt, OriginalAnswer
from interviewer.session.serialize import (
    attempt_from_dict,
    attempt_to_dict,
    session_from_dict,
    session_to_dict,
    transcript_from_dict,
    transcript_to_dict,
)
from speech.fakes import timed_transcript
from speech.types import Segment, Transcript, Word
from tests.session.factories import saved, scoring_bank

BANK = scoring_bank()
DESCENT = BANK.questions[0]
QUESTIONS = {q.id: q for q in BANK.questions}


def _json_trip(data: dict) -> dict:
    """Through real JSON text, as storage does."""
    return json.loads(json.dumps(data, ensure_ascii=False))


TRANSCRIPTS = [
    timed_transcript("it minimises the loss step by step", 4.5, model="base.en"),
    Transcript(
        text=" Um, gradients. Then downhill…",
        segments=(
            Segment(" Um, gradients.", 0.32, 1.9, (
                Word(" Um,", 0.32, 0.6, 0.41), Word(" gradients.", 0.9, 1.9, 0.97),
            )),
            Segment(" Then downhill…", 4.0, 5.25, (
                Word(" Then", 4.0, 4.3, None), Word(" downhill…", 4.3, 5.25, 0.5),
            )),
        ),
        no_speech=False,
        model="/models/custom.pt",
        duration_s=6.0,
    ),
    Transcript(text="no words timed", segments=(Segment("no words timed", 0.0, 2.0),),
               no_speech=False, model="tiny", duration_s=2.0),
    Transcript.empty("base.en", 3.2),
]


@pytest.mark.parametrize("transcript", TRANSCRIPTS)
def test_transcript_round_trip(transcript: Transcript) -> None:
    back = transcript_from_dict(_json_trip(transcript_to_dict(transcript)))
    assert back == transcript
    assert back.words == transcript.words


def _attempt(text: str, transcript: Transcript | None, **changes) -> Attempt:
    fields = {
        "question_id": DESCENT.id,
        "kind": "answer",
        "follow_up_concept": None,
        "mode": "voice" if transcript else "typed",
        "text": text,
        "transcript": transcript,
        "score": score_answer(DESCENT, text, transcript=transcript),
        "audio_file": "attempt-01.wav" if transcript else None,
        "started_at": "2026-11-25T14:30:05+01:00",
        "duration_s": transcript.duration_s if transcript else None,
        "warning": None,
    }
    return Attempt(**{**fields, **changes})


_GIVEN = _attempt("It maximises the loss", TRANSCRIPTS[1])
ATTEMPTS = [
    _attempt("It minimises the loss, um, by going downhill", TRANSCRIPTS[0]),
    _attempt("It maximises the loss, like, with a step size", None),
    _attempt("", Transcript.empty("base.en", 3.0), warning="no speech detected"),
    _attempt("It reduces the error", None, kind="follow_up",
             follow_up_concept="Minimises the loss"),
    # Re-scored: what was given live is kept beside the new score.
    replace(
        _GIVEN,
        text="It minimises the loss",
        score=score_answer(DESCENT, "It minimises the loss"),
        original=OriginalAnswer(_GIVEN.text, _GIVEN.transcript, _GIVEN.score, "tiny"),
        rescored_at="2026-11-26T10:00:00+01:00",
    ),
]


@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_attempt_round_trip_keeps_the_whole_score(attempt: Attempt) -> None:
    data = _json_trip(attempt_to_dict(attempt))
    assert data["coverage"] == attempt.score.coverage
    assert data["score"]["delivery"]["word_count"] == attempt.score.delivery.word_count
    assert attempt_from_dict(data, QUESTIONS) == attempt


def test_the_misconception_survives_the_round_trip() -> None:
    attempt = ATTEMPTS[1]
    assert [h.misconception.label for h in attempt.score.misconceptions] == ["maximises the loss"]
    back = attempt_from_dict(_json_trip(attempt_to_dict(attempt)), QUESTIONS)
    assert back.score.misconceptions == attempt.score.misconceptions


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "retry"}, "kind"),
        ({"mode": "telepathy"}, "mode"),
        ({"question_id": "advanced-09"}, "advanced-09"),
    ],
)
def test_bad_attempt_fields_are_rejected(change: dict, message: str) -> None:
    data = {**attempt_to_dict(ATTEMPTS[0]), **change}
    with pytest.raises(ValueError, match=message):
        attempt_from_dict(data, QUESTIONS)


def test_session_round_trip_keeps_questions_with_their_concepts() -> None:
    session = replace(
        saved((DESCENT.id,), tuple(ATTEMPTS), skipped=(DESCENT.id,), finished=False),
        questions=BANK.questions,
    )
    data = _json_trip(session_to_dict(session))
    assert data["schema_version"] == SCHEMA_VERSION
    assert [q["id"] for q in data["questions"]] == [q.id for q in BANK.questions]
    assert session_from_dict(data, session.folder) == session


def test_an_attempt_not_rescored_was_given_as_it_stands() -> None:
    attempt = ATTEMPTS[0]
    given = attempt.as_given
    assert (given.text, given.score, given.model) == (
        attempt.text, attempt.score, TRANSCRIPTS[0].model
    )
    assert ATTEMPTS[-1].as_given.text == "It maximises the loss"


def test_a_version_1_attempt_without_original_still_reads() -> None:
    data = attempt_to_dict(ATTEMPTS[0])
    del data["original"], data["rescored_at"]
    back = attempt_from_dict(_json_trip(data), QUESTIONS)
    assert back.original is None and back.rescored_at is None
