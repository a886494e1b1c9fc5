"""Re-scoring saved attempts: same scoring as live, originals kept, diffs, saving safely."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from interviewer.errors import SessionError
from interviewer.models import Bank, Concept, Misconception, Weight
from interviewer.scoring import score_answer
from interviewer.scoring.serialize import score_to_dict
from interviewer.session.flow import NO_SPEECH_WARNING, InterviewSession
from interviewer.session.records import OriginalAnswer, SavedSession
from interviewer.session.rescore import (
    RescoreResult,
    file_stamp,
    merged_question,
    overall_change,
    question_changes,
    rescore_session,
    save_rescored,
)
from interviewer.session.storage import SessionStore
from interviewer.settings import Settings
from speech.fakes import timed_transcript
from speech.types import Transcript
from tests.session.factories import scoring_bank

BANK = scoring_bank()
DESCENT, KMEANS = BANK.questions
LOSS, GRADIENT, RATE = DESCENT.concepts
# Covers "Steps against the gradient" (downhill) and "Learning rate" (step size), 3 of 5
# points, each named once: 0.9 * 3 / 5 = 54 %.
PARTIAL = "Um, it just goes downhill, you know, with a step size."
STAMP = "2026-11-26T10:00:00+01:00"
LATER = "2026-11-27T09:00:00+01:00"


def _bank(*descent_concepts: Concept) -> Bank:
    return Bank(questions=(dataclasses.replace(DESCENT, concepts=descent_concepts), KMEANS))


# "step size" now also counts as minimising the loss: the partial answer covers every
# concept, each named once (90 %).
GENEROUS = _bank(dataclasses.replace(LOSS, aliases=(*LOSS.aliases, "step size")), GRADIENT, RATE)
# Only "downhill" still counts for the gradient step; "step size" no longer for anything
# (36 %: one core concept named once, 0.9 * 2 / 5).
STRICT = _bank(LOSS, GRADIENT, dataclasses.replace(RATE, aliases=("learning rate",)))


@pytest.fixture
def saved(tmp_path: Path) -> SavedSession:
    """A spoken answer (54 %) with a typed follow-up, then a typed k-means answer (45 %: one
    of two core concepts, named once)."""
    session = InterviewSession.start(
        BANK, Settings(), [DESCENT, KMEANS], model_name="fake", store=SessionStore(tmp_path)
    )
    transcript = timed_transcript(PARTIAL, 5.0, model="live-model")
    attempt = session.submit_answer(PARTIAL, mode="voice", transcript=transcript, duration_s=5.0)
    follow_up = session.follow_up_for(attempt)
    assert follow_up is not None
    session.submit_follow_up(follow_up, "It reduces the error.", mode="typed")
    session.advance()
    session.submit_answer("It makes k clusters.", mode="typed")
    session.finish()
    return SessionStore(tmp_path).load(session.id)


def _stored(original: OriginalAnswer | None) -> tuple[object, ...]:
    """An original as session.json holds it: concepts by label (their objects are resolved
    against the question stored with the session, which re-scoring may update)."""
    assert original is not None
    return original.text, original.transcript, original.model, score_to_dict(original.score)


def _reloaded(result: RescoreResult) -> SavedSession:
    save_rescored(result)
    return SessionStore(result.after.folder.parent).load(result.after.folder)


def test_the_same_bank_changes_nothing(saved: SavedSession) -> None:
    result = rescore_session(BANK, saved, now=STAMP)
    assert not result.changed
    assert all(r.after is r.before for r in result.attempts)
    assert result.after.attempts == saved.attempts and result.after.questions == saved.questions
    assert [r.position for r in result.attempts] == [1, 2, 3]


def test_an_alias_edit_rescores_and_keeps_the_live_score(saved: SavedSession) -> None:
    result = rescore_session(GENEROUS, saved, now=STAMP)
    answer, follow_up, kmeans = result.attempts
    assert result.changed and answer.changed
    assert not follow_up.changed and not kmeans.changed  # both score as they did
    assert (answer.before.score.coverage, answer.after.score.coverage) == pytest.approx(
        (0.54, 0.9)
    )
    # Timing comes from the saved transcript, as when it was first scored.
    assert answer.after.score.delivery == answer.before.score.delivery
    assert answer.after.text == PARTIAL and answer.after.rescored_at == STAMP
    assert answer.after.original == answer.before.as_given
    assert answer.after.original.model == "live-model"
    assert answer.after.as_given.score.coverage == pytest.approx(0.54)
    assert follow_up.after.original is None and follow_up.after.rescored_at is None

    reloaded = _reloaded(result)
    first = reloaded.attempts[0]
    assert (first.score.coverage, first.as_given.score.coverage) == pytest.approx((0.9, 0.54))
    assert first.rescored_at == STAMP and _stored(first.original) == _stored(answer.after.original)


def test_a_second_rescore_keeps_the_first_original(saved: SavedSession) -> None:
    once = _reloaded(rescore_session(GENEROUS, saved, now=STAMP))
    twice = rescore_session(STRICT, once, now=LATER)
    answer = twice.attempts[0]
    assert answer.changed
    assert _stored(answer.after.original) == _stored(once.attempts[0].original)  # as given live
    assert answer.after.original.score.coverage == pytest.approx(0.54)
    assert answer.before.score.coverage == pytest.approx(0.9)
    assert answer.after.score.coverage == pytest.approx(0.36)
    assert answer.after.rescored_at == LATER
    # Back to the live bank: the current score equals the original again, which stays.
    back = rescore_session(BANK, _reloaded(twice), now=LATER).attempts[0]
    assert back.after.score.coverage == back.after.original.score.coverage
    assert back.after.score.coverage == pytest.approx(0.54)
    assert _stored(back.after.original) == _stored(answer.after.original)


def test_rescoring_an_unchanged_result_again_changes_nothing(saved: SavedSession) -> None:
    once = _reloaded(rescore_session(GENEROUS, saved, now=STAMP))
    again = rescore_session(GENEROUS, once, now=LATER)
    assert not again.changed and again.after.attempts == once.attempts


@pytest.mark.parametrize(
    ("bank", "kept"),
    [
        (Bank(questions=(KMEANS,)), {1: "question beginner-05 is not in this bank",
                                     2: "question beginner-05 is not in this bank"}),
        (_bank(dataclasses.replace(GRADIENT, aliases=("downhill", "step size")), RATE),
         {2: "concept 'Minimises the loss' is no longer in the bank"}),
    ],
    ids=["question-removed", "concept-removed"],
)
def test_attempts_the_bank_cannot_score_are_kept_with_a_reason(
    saved: SavedSession, bank: Bank, kept: dict[int, str]
) -> None:
    result = rescore_session(bank, saved, now=STAMP)
    for r in result.attempts:
        assert r.kept == kept.get(r.position)
        if r.kept:
            assert r.after is r.before
    # Whatever stays must still read back: the follow-up's concept is kept in the question.
    reloaded = _reloaded(result) if result.changed else saved
    # The follow-up covers its concept (1.0); k-means as saved (45 %).
    assert [a.score.coverage for a in reloaded.attempts[1:]] == pytest.approx([1.0, 0.45])
    changes = {c.question_id: c for c in question_changes(result)}
    assert [n for n, _ in changes["beginner-05"].kept] == sorted(kept)


def test_a_question_gains_a_concept_and_the_file_still_reads(saved: SavedSession) -> None:
    iterative = Concept("Iterative", Weight.SUPPORTING, ("goes downhill",))
    result = rescore_session(_bank(LOSS, GRADIENT, RATE, iterative), saved, now=STAMP)
    change = question_changes(result)[0]
    assert change.newly_covered == ("Iterative",) and change.newly_missed == ()
    reloaded = _reloaded(result)
    labels = [c.label for c in reloaded.question("beginner-05").concepts]
    assert labels == ["Minimises the loss", "Steps against the gradient", "Learning rate",
                      "Iterative"]
    # The original was scored without that concept and still resolves.
    assert "Iterative" not in [m.concept.label for m in reloaded.attempts[0].as_given.score.matched]


def test_per_question_figures(saved: SavedSession) -> None:
    once = _reloaded(rescore_session(GENEROUS, saved, now=STAMP))
    result = rescore_session(STRICT, once, now=LATER)
    descent, kmeans = question_changes(result)
    assert (descent.question_id, descent.as_given, descent.before, descent.now) == (
        "beginner-05", pytest.approx(0.54), pytest.approx(0.9), pytest.approx(0.36)
    )
    assert descent.changed
    assert descent.newly_covered == ()
    assert descent.newly_missed == ("Minimises the loss", "Learning rate")  # bank order
    # The follow-up ("It reduces the error.") still covers its concept: no line for it.
    assert descent.follow_ups == ()
    assert (kmeans.as_given, kmeans.before, kmeans.now, kmeans.changed) == (
        pytest.approx(0.45), pytest.approx(0.45), pytest.approx(0.45), False
    )
    # The means of the two questions: (54 + 45) / 2, (90 + 45) / 2, (36 + 45) / 2.
    assert overall_change(result) == pytest.approx((0.495, 0.675, 0.405))


def test_a_changed_follow_up_is_listed(saved: SavedSession) -> None:
    loss = dataclasses.replace(LOSS, aliases=("minimise the loss",))
    result = rescore_session(_bank(loss, GRADIENT, RATE), saved, now=STAMP)
    descent = question_changes(result)[0]
    assert descent.follow_ups == ((2, "Minimises the loss", 1.0, 0.0),)
    assert (descent.before, descent.now, descent.changed) == (
        pytest.approx(0.54), pytest.approx(0.54), True
    )


def test_new_transcripts_replace_text_and_timing(saved: SavedSession) -> None:
    better = timed_transcript(
        "It minimises the loss going downhill with a step size.", 4.0, model="better-model"
    )
    result = rescore_session(BANK, saved, transcripts={1: better}, notes={3: "why"}, now=STAMP)
    answer = result.attempts[0].after
    assert answer.text == better.text and answer.transcript == better
    assert answer.score.coverage == pytest.approx(0.9)  # every concept, each named once
    assert answer.original.text == PARTIAL and answer.original.model == "live-model"
    assert result.attempts[2].note == "why" and not result.attempts[2].changed


@pytest.mark.parametrize(
    ("live_warning", "new_text", "warning"),
    [
        (None, "", NO_SPEECH_WARNING),
        (NO_SPEECH_WARNING, "It goes downhill.", None),
        ("the microphone clipped", "", "the microphone clipped"),
        ("the microphone clipped", "It goes downhill.", "the microphone clipped"),
    ],
)
def test_the_no_speech_warning_follows_the_new_transcript(
    saved: SavedSession, live_warning: str | None, new_text: str, warning: str | None
) -> None:
    first = dataclasses.replace(saved.attempts[0], warning=live_warning)
    saved = dataclasses.replace(saved, attempts=(first, *saved.attempts[1:]))
    new = timed_transcript(new_text, 3.0) if new_text else Transcript.empty("m", 3.0)
    result = rescore_session(BANK, saved, transcripts={1: new}, now=STAMP)
    assert result.attempts[0].after.warning == warning


def test_merged_question_keeps_what_old_scores_name() -> None:
    wrong = Misconception("maximises the loss", ("maximises the loss",))
    old_loss = dataclasses.replace(LOSS, misconceptions=(wrong,))
    previous = dataclasses.replace(DESCENT, concepts=(old_loss, GRADIENT, RATE))
    # The bank dropped the learning rate and the misconception, and added a concept.
    iterative = Concept("Iterative", Weight.SUPPORTING, ("repeatedly",))
    current = dataclasses.replace(
        DESCENT, text="What does gradient descent do?",
        concepts=(dataclasses.replace(LOSS, misconceptions=()), GRADIENT, iterative),
    )
    old_score = score_answer(previous, "It maximises the loss with a learning rate.")
    assert old_score.misconceptions
    merged = merged_question(current, previous, [old_score])
    assert merged.text == current.text
    assert [c.label for c in merged.concepts] == [
        "Minimises the loss", "Steps against the gradient", "Iterative", "Learning rate"
    ]
    assert merged.concepts[0].misconceptions == (wrong,)
    assert merged.concepts[3] is RATE
    # Nothing named by the scores: the bank's question as it is.
    assert merged_question(current, previous, []) == current


def _session_json(saved: SavedSession) -> Path:
    return saved.folder / "session.json"


def _temp_files(saved: SavedSession) -> list[str]:
    return sorted(p.name for p in saved.folder.iterdir() if p.name.endswith(".tmp"))


def test_save_writes_atomically_and_reads_back(saved: SavedSession) -> None:
    stamp = file_stamp(saved.folder)
    result = rescore_session(GENEROUS, saved, now=STAMP)
    save_rescored(result, stamp=stamp)
    data = json.loads(_session_json(saved).read_text(encoding="utf-8"))
    assert data["attempts"][0]["coverage"] == pytest.approx(0.9)
    assert data["attempts"][0]["original"]["coverage"] == pytest.approx(0.54)
    assert data["updated_at"] != saved.updated_at
    assert _temp_files(saved) == []
    assert os.stat(_session_json(saved)).st_mode & 0o777 == 0o600


def test_a_file_changed_meanwhile_is_not_overwritten(saved: SavedSession) -> None:
    stamp = file_stamp(saved.folder)
    result = rescore_session(GENEROUS, saved, now=STAMP)
    SessionStore(saved.folder.parent).save(saved)  # e.g. the app saving that session
    after_app = _session_json(saved).read_bytes()
    with pytest.raises(SessionError, match="changed while it was being re-scored"):
        save_rescored(result, stamp=stamp)
    assert _session_json(saved).read_bytes() == after_app


@pytest.mark.parametrize(
    ("fail", "error"),
    [("replace", OSError(28, "No space left on device")), ("fsync", KeyboardInterrupt())],
)
def test_a_failed_or_interrupted_write_leaves_the_old_file(
    saved: SavedSession, monkeypatch: pytest.MonkeyPatch, fail: str, error: BaseException
) -> None:
    before = _session_json(saved).read_bytes()
    result = rescore_session(GENEROUS, saved, now=STAMP)

    def broken(*args: object) -> None:
        raise error

    monkeypatch.setattr(os, fail, broken)
    expected = SessionError if isinstance(error, OSError) else KeyboardInterrupt
    with pytest.raises(expected) as caught:
        save_rescored(result)
    monkeypatch.undo()
    if expected is SessionError:
        assert str(caught.value).endswith("(No space left on device); the file is unchanged")
    assert _session_json(saved).read_bytes() == before
    assert _temp_files(saved) == []
