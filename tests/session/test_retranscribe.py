"""Transcribing a saved session's recordings again: prompts, bad audio, progress, laziness."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import soundfile

from interviewer.models import Bank
from interviewer.session.flow import InterviewSession
from interviewer.session.records import SavedSession
from interviewer.session.retranscribe import retranscribe_session, spoken_attempts
from interviewer.session.storage import SessionStore
from interviewer.settings import Settings
from speech.fakes import FakeTranscriber, timed_transcript
from speech.interfaces import ProgressCallback
from speech.prompt import prompt_terms_for
from tests.session.factories import scoring_bank

BANK = scoring_bank()
DESCENT, KMEANS = BANK.questions
RATE = 16_000


def _tone(path: Path, seconds: float) -> Path:
    t = np.arange(int(seconds * RATE)) / RATE
    soundfile.write(str(path), (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), RATE)
    return path


@pytest.fixture
def saved(tmp_path: Path) -> SavedSession:
    """Attempt 1 spoken (2 s), 2 typed, 3 spoken (1 s), 4 spoken with no recording kept."""
    session = InterviewSession.start(
        BANK, Settings(follow_ups=False), [DESCENT, KMEANS], model_name="live",
        store=SessionStore(tmp_path / "sessions"),
    )
    for text, seconds in (("it goes downhill", 2.0), (None, 0), ("k clusters", 1.0)):
        if text is None:
            session.submit_answer("typed text", mode="typed")
            session.advance()
            continue
        audio = _tone(tmp_path / f"take-{seconds}.wav", seconds)
        session.submit_answer(
            text, mode="voice", transcript=timed_transcript(text, seconds, model="live"),
            audio_path=audio, duration_s=seconds,
        )
    session.submit_answer("", mode="voice", duration_s=1.0)
    return SessionStore(tmp_path / "sessions").load(session.id)


class Recorded:
    """A RetranscribeProgress that writes down what it is told."""

    def __init__(self) -> None:
        self.events: list[tuple[object, ...]] = []

    def loading(self, model: str) -> ProgressCallback:
        self.events.append(("loading", model))
        return lambda done, total: self.events.append(("bytes", done, total))

    def transcribing(self, done: int, total: int) -> None:
        self.events.append(("transcribing", done, total))


def test_spoken_attempts_are_transcribed_with_the_live_prompt(saved: SavedSession) -> None:
    fake = FakeTranscriber(["new one", "new three"], model_name="better")
    progress = Recorded()
    new = retranscribe_session(saved, BANK, fake, progress=progress)
    assert sorted(new.transcripts) == [1, 3]
    assert new.transcripts[1].text == "new one" and new.transcripts[1].model == "better"
    assert new.transcripts[3].duration_s == pytest.approx(1.0)
    assert new.problems == {4: "no recording was saved with it"}
    assert fake.calls == [
        (pytest.approx(2.0), tuple(prompt_terms_for(DESCENT))),
        (pytest.approx(1.0), tuple(prompt_terms_for(KMEANS))),
    ]
    assert progress.events[0] == ("loading", "better")
    assert progress.events[-2:] == [("transcribing", 0, 3), ("transcribing", 1, 3)]
    assert len([e for e in progress.events if e[0] == "bytes"]) == 10  # the fake's load steps


def test_the_prompt_comes_from_the_bank_given(saved: SavedSession) -> None:
    concept = dataclasses.replace(DESCENT.concepts[0], label="SGD and Adam")
    edited = dataclasses.replace(DESCENT, concepts=(concept, *DESCENT.concepts[1:]))
    fake = FakeTranscriber(default="x")
    retranscribe_session(saved, Bank(questions=(edited, KMEANS)), fake)
    assert "SGD and Adam" in fake.calls[0][1]


def _damage(folder: Path, how: str) -> None:
    wav = folder / "attempt-01.wav"
    if how == "missing":
        wav.unlink()
    elif how == "empty":
        wav.write_bytes(b"")
    elif how == "not audio":
        wav.write_text("these are notes, not a recording\n")
    elif how == "truncated header":
        wav.write_bytes(wav.read_bytes()[:20])


@pytest.mark.parametrize(
    ("how", "reason"),
    [
        ("missing", "no such audio file"),
        ("empty", "is empty (0 bytes)"),
        ("not audio", "attempt-01.wav"),
        ("truncated header", "attempt-01.wav"),
    ],
)
def test_bad_audio_is_reported_and_the_rest_carry_on(
    saved: SavedSession, how: str, reason: str
) -> None:
    _damage(saved.folder, how)
    fake = FakeTranscriber(default="fresh")
    new = retranscribe_session(saved, BANK, fake)
    assert sorted(new.transcripts) == [3]
    assert reason in new.problems[1] and "\n" not in new.problems[1]


def test_an_audio_name_outside_the_folder_is_not_opened(saved: SavedSession) -> None:
    outside = dataclasses.replace(saved.attempts[0], audio_file="../../take-2.0.wav")
    saved = dataclasses.replace(saved, attempts=(outside, *saved.attempts[1:]))
    new = retranscribe_session(saved, BANK, FakeTranscriber(default="x"))
    assert "points outside the session folder" in new.problems[1]
    assert 1 not in new.transcripts


def test_no_readable_audio_means_the_model_is_never_loaded(saved: SavedSession) -> None:
    for name in ("attempt-01.wav", "attempt-03.wav"):
        (saved.folder / name).unlink()
    fake = FakeTranscriber(default="x")
    progress = Recorded()
    new = retranscribe_session(saved, BANK, fake, progress=progress)
    assert not fake.loaded and progress.events == [] and new.transcripts == {}
    assert sorted(new.problems) == [1, 3, 4]


def test_questions_the_bank_lacks_are_not_transcribed(saved: SavedSession) -> None:
    assert [p for p, _ in spoken_attempts(saved, Bank(questions=(KMEANS,)))] == [3, 4]
    fake = FakeTranscriber(default="x")
    new = retranscribe_session(saved, Bank(questions=(KMEANS,)), fake)
    assert sorted(new.transcripts) == [3] and len(fake.calls) == 1


def test_a_failing_clip_does_not_stop_the_others(saved: SavedSession) -> None:
    def handler(audio: np.ndarray, terms: object) -> str:
        if len(audio) > RATE * 1.5:
            raise RuntimeError("decoder blew up\nwith details")
        return "fine"

    new = retranscribe_session(saved, BANK, FakeTranscriber(handler=handler))
    assert new.problems[1] == "transcription failed (decoder blew up)"
    assert new.transcripts[3].text == "fine"
