"""Whole sessions driven through InterviewSession with the shipped fakes.

After every step session.json is read back from disk (raw JSON and through
SessionStore.load) and checked, since "saved as it goes" is the point.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import soundfile

from interviewer.session.flow import NO_SPEECH_WARNING, InterviewSession
from interviewer.session.records import Attempt, FollowUp
from interviewer.session.storage import SessionStore
from interviewer.settings import Settings
from speech.fakes import FakeRecorder, FakeSpeaker, FakeTranscriber
from tests.session.factories import scoring_bank

BANK = scoring_bank()
DESCENT, KMEANS = BANK.questions

# Covers every concept, each named once: 90 %.
FULL = "It minimises the loss by stepping against the gradient, scaled by the learning rate."
PARTIAL = "Um, it just goes downhill, you know, with a step size."  # misses "Minimises the loss"


def _disk(session: InterviewSession) -> dict[str, Any]:
    return json.loads((session.folder / "session.json").read_text(encoding="utf-8"))


class Candidate:
    """Answers like the app would: speak the question, record, transcribe, submit."""

    def __init__(self, session: InterviewSession, mode: str, answers: list[str]) -> None:
        self.session = session
        self.mode = mode
        self.speaker = FakeSpeaker()
        self.recorder = FakeRecorder(speech_s=3.0, pause_s=0.5)
        self.transcriber = FakeTranscriber(answers)
        self.typed = list(answers)

    def _give(self, submit: Callable[..., Attempt], prompt: str) -> Attempt:
        self.speaker.say(prompt)
        if self.mode == "typed":
            return submit(self.typed.pop(0), mode="typed", duration_s=20.0)
        path = self.session.next_audio_path()
        recording = self.recorder.record(spool_path=path)
        transcript = self.transcriber.transcribe(recording.audio)
        return submit(
            transcript.text, mode="voice", transcript=transcript, audio_path=recording.path,
            duration_s=recording.duration_s, warning=recording.warning,
        )

    def answer(self) -> Attempt:
        question = self.session.current
        assert question is not None
        return self._give(self.session.submit_answer, question.text)

    def follow_up(self, follow_up: FollowUp) -> Attempt:
        return self._give(
            lambda *a, **k: self.session.submit_follow_up(follow_up, *a, **k), follow_up.prompt
        )


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "sessions")


def _start(store: SessionStore, **settings: Any) -> InterviewSession:
    return InterviewSession.start(
        BANK, Settings(**settings), list(BANK.questions), model_name="fake", store=store
    )


def _check_voice_attempt(session: InterviewSession, data: dict[str, Any], n: int) -> None:
    audio = session.folder / data["audio_file"]
    assert data["audio_file"] == f"attempt-{n:02d}.wav"
    assert soundfile.info(str(audio)).frames > 0
    assert stat.S_IMODE(audio.stat().st_mode) == 0o600
    words = data["transcript"]["segments"][0]["words"]
    assert words and all(w["end"] > w["start"] for w in words)
    delivery = data["score"]["delivery"]
    assert delivery["duration_s"] == pytest.approx(data["duration_s"])
    assert delivery["words_per_minute"] > 0


@pytest.mark.parametrize("mode", ["voice", "typed"])
def test_answer_retry_follow_up_skip_and_finish(store: SessionStore, mode: str) -> None:
    session = _start(store)
    candidate = Candidate(session, mode, [PARTIAL, FULL, "We minimise the loss function."])
    assert _disk(session)["attempts"] == []
    assert session.current == DESCENT and session.index == 0

    # 1. A partial answer: saved at once, with a follow-up about the missed core concept.
    first = candidate.answer()
    assert 0.0 < first.score.coverage < 1.0
    disk = _disk(session)
    assert len(disk["attempts"]) == 1
    saved_first = disk["attempts"][0]
    assert (saved_first["question_id"], saved_first["kind"], saved_first["mode"]) == (
        DESCENT.id, "answer", mode
    )
    assert saved_first["coverage"] == first.score.coverage
    assert saved_first["score"]["missed"][0]["label"] == "Minimises the loss"
    if mode == "voice":
        _check_voice_attempt(session, saved_first, 1)
    else:
        assert saved_first["audio_file"] is None and saved_first["transcript"] is None
        # Typing time is not speaking pace.
        assert saved_first["score"]["delivery"]["words_per_minute"] is None
        assert saved_first["duration_s"] == 20.0

    follow_up = session.follow_up_for(first)
    assert follow_up is not None
    assert follow_up.concept.label == "Minimises the loss"
    assert "minimises the loss" in follow_up.prompt
    assert session.follow_up_for(first) == follow_up  # asking again: the same follow-up

    # 2. A retry keeps both attempts.
    retry = candidate.answer()
    assert retry.score.coverage == pytest.approx(0.9)
    assert session.attempts_for(DESCENT.id) == [first, retry]
    assert session.follow_up_for(retry) is None  # nothing missed
    assert [a["coverage"] for a in _disk(session)["attempts"]] == [
        first.score.coverage, pytest.approx(0.9)
    ]

    # 3. The follow-up to the first attempt, scored for its concept only.
    answer = candidate.follow_up(follow_up)
    assert (answer.kind, answer.follow_up_concept, answer.score.coverage) == (
        "follow_up", "Minimises the loss", 1.0
    )
    assert [m.concept.label for m in answer.score.matched] == ["Minimises the loss"]
    assert session.follow_up_for(first) is None  # one follow-up per answer attempt
    disk = _disk(session)
    assert [a["kind"] for a in disk["attempts"]] == ["answer", "answer", "follow_up"]
    assert disk["attempts"][2]["follow_up_concept"] == "Minimises the loss"
    if mode == "voice":
        _check_voice_attempt(session, disk["attempts"][2], 3)

    # 4. Next question, then skip it: the session ends.
    session.advance()
    assert (_disk(session)["position"], session.current) == (1, KMEANS)
    session.skip()
    disk = _disk(session)
    assert (disk["position"], disk["skipped"], disk["finished"]) == (2, [KMEANS.id], True)
    assert session.is_finished and session.current is None

    summary = session.finish()
    assert _disk(session)["finished"] is True
    assert [(r.question_id, r.best_coverage, r.attempts, r.skipped) for r in
            summary.per_question] == [
        (DESCENT.id, pytest.approx(0.9), 2, False), (KMEANS.id, None, 0, True)
    ]
    assert summary.overall_coverage == pytest.approx(0.45)  # the skipped question counts 0
    assert summary.folder == session.folder
    if mode == "voice":
        assert summary.delivery.answers == 3
        assert summary.delivery.total_speaking_s == pytest.approx(3 * 3.5)
    else:
        assert summary.delivery.answers == 0

    # What the UI showed is exactly what reads back from disk.
    loaded = store.load(session.id)
    assert loaded.attempts == session.attempts
    assert loaded.skipped == (KMEANS.id,) and loaded.finished
    assert candidate.speaker.spoken == [DESCENT.text, DESCENT.text, follow_up.prompt]


@pytest.mark.parametrize("mode", ["voice", "typed"])
def test_quit_midway_saves_what_was_done(store: SessionStore, mode: str) -> None:
    session = _start(store)
    Candidate(session, mode, [FULL]).answer()
    summary = session.finish()  # quit while still on question 1
    disk = _disk(session)
    assert (disk["finished"], disk["position"], len(disk["attempts"])) == (True, 0, 1)
    assert [r.best_coverage for r in summary.per_question] == [pytest.approx(0.9), None]
    assert [r.skipped for r in summary.per_question] == [False, False]
    # The question never reached is left out.
    assert summary.overall_coverage == pytest.approx(0.9)
    with pytest.raises(RuntimeError, match="finished"):
        session.submit_answer("late", mode="typed")


def test_follow_ups_can_be_switched_off(store: SessionStore) -> None:
    session = _start(store, follow_ups=False)
    attempt = session.submit_answer(PARTIAL, mode="typed")
    assert attempt.score.missed
    assert session.follow_up_for(attempt) is None


def test_a_follow_up_stating_the_misconception_does_not_cover_it(store: SessionStore) -> None:
    session = _start(store)
    follow_up = session.follow_up_for(session.submit_answer(PARTIAL, mode="typed"))
    assert follow_up is not None
    answer = session.submit_follow_up(follow_up, "It maximises the loss.", mode="typed")
    assert answer.score.coverage == 0.0
    assert [m.concept.label for m in answer.score.missed] == ["Minimises the loss"]
    assert [h.misconception.label for h in answer.score.misconceptions] == ["maximises the loss"]
    assert _disk(session)["attempts"][1]["score"]["misconceptions"][0]["label"] == (
        "maximises the loss"
    )


def test_a_follow_up_is_scored_for_its_concept_only(store: SessionStore) -> None:
    session = _start(store)
    follow_up = session.follow_up_for(session.submit_answer(PARTIAL, mode="typed"))
    assert follow_up is not None
    # Mentions the other concepts but not the one asked about.
    answer = session.submit_follow_up(
        follow_up, "Against the gradient with a learning rate.", mode="typed"
    )
    assert answer.score.coverage == 0.0
    assert answer.score.matched == ()


def test_silence_is_kept_with_a_warning_and_no_follow_up(store: SessionStore) -> None:
    session = _start(store)
    candidate = Candidate(session, "voice", [""])
    attempt = candidate.answer()
    assert attempt.warning == NO_SPEECH_WARNING
    assert attempt.transcript is not None and attempt.transcript.no_speech
    assert session.follow_up_for(attempt) is None
    assert _disk(session)["attempts"][0]["warning"] == NO_SPEECH_WARNING
    assert (session.folder / "attempt-01.wav").exists()


def test_a_microphone_failure_keeps_the_audio_and_the_warning(store: SessionStore) -> None:
    session = _start(store)
    candidate = Candidate(session, "voice", [PARTIAL])
    candidate.recorder = FakeRecorder(speech_s=3.0, fail_after_s=1.0)
    attempt = candidate.answer()
    assert attempt.warning and "microphone" in attempt.warning
    assert attempt.duration_s is not None and attempt.duration_s < 3.0  # cut short
    saved = _disk(session)["attempts"][0]
    assert saved["warning"] == attempt.warning
    assert soundfile.info(str(session.folder / saved["audio_file"])).frames > 0


def test_audio_recorded_elsewhere_is_copied_into_the_folder(
    store: SessionStore, tmp_path: Path
) -> None:
    session = _start(store)
    outside = tmp_path / "elsewhere.wav"
    recording = FakeRecorder(speech_s=1.0, pause_s=0.2).record(spool_path=outside)
    attempt = session.submit_answer(
        FULL, mode="voice", audio_path=recording.path, duration_s=recording.duration_s
    )
    assert attempt.audio_file == "attempt-01.wav"
    copied = session.folder / "attempt-01.wav"
    assert copied.read_bytes() == outside.read_bytes()


def test_next_audio_path_counts_attempts(store: SessionStore) -> None:
    session = _start(store)
    assert session.next_audio_path() == session.folder / "attempt-01.wav"
    session.submit_answer(FULL, mode="typed")
    assert session.next_audio_path() == session.folder / "attempt-02.wav"


def test_advancing_past_the_end_finishes(store: SessionStore) -> None:
    session = _start(store)
    session.advance()
    session.advance()
    assert session.is_finished and session.current is None
    assert _disk(session)["finished"] is True
    with pytest.raises(RuntimeError):
        session.advance()


def test_bad_mode_is_rejected_and_nothing_is_saved(store: SessionStore) -> None:
    session = _start(store)
    with pytest.raises(ValueError, match="mode"):
        session.submit_answer("text", mode="shouted")
    assert _disk(session)["attempts"] == []
