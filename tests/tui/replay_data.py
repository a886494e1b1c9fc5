"""Saved sessions on disk for the replay and sessions-screen tests, fixed to the byte.

Fixed folder names and times, the UI tests' bank, the real scorer, synthetic speech in
the WAV files and evenly timed transcripts (what the fake transcriber produces), so
screens drawn from them are the same on every run.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import soundfile

from interviewer.models import Concept, Level, Question, Weight
from interviewer.scoring import score_answer
from interviewer.services import fake_services
from interviewer.session.followup import score_follow_up
from interviewer.session.records import SCHEMA_VERSION, Attempt, OriginalAnswer, SavedSession
from interviewer.session.storage import SessionFolder
from interviewer.tui.app import InterviewApp
from interviewer.tui.screens.replay import ReplayScreen
from speech.fakes import FakeSeekablePlayer, synthetic_speech, timed_transcript
from speech.types import SAMPLE_RATE
from tests.tui.factories import (
    BANK,
    DESCENT,
    FOLLOW_UP_ANSWER,
    FULL_DESCENT,
    FULL_KMEANS,
    KMEANS,
    PARTIAL_DESCENT,
    settings,
)

NAME = "2026-03-02T09-30-00-ab12"
CREATED = "2026-03-02T09:30:00+00:00"
OVERFITTING = Question(
    id="beginner-03",
    level=Level.BEGINNER,
    number=3,
    text="What is overfitting?",
    sample_answer="Overfitting is when a model learns the noise in its training data.",
    concepts=(Concept("Learns the noise", Weight.CORE, ("noise",)),),
)
ANSWER_S = 8.0  # the first answer's length: 9 words, about 0.89 s each
FOLLOW_UP_S = 3.0
RETRY_S = 6.0


def _voice(
    folder: Path, n: int, question: Question, text: str, seconds: float, *,
    follow_up: Concept | None = None, write_audio: bool = True,
) -> Attempt:
    """A spoken attempt: its WAV (attempt-0n.wav), a timed transcript, the real score."""
    name = f"attempt-{n:02d}.wav"
    if write_audio:
        soundfile.write(str(folder / name), synthetic_speech(seconds, seed=n), SAMPLE_RATE)
    transcript = timed_transcript(text, seconds, model="base.en")
    if follow_up is None:
        score = score_answer(question, text, transcript=transcript, duration_s=seconds)
    else:
        score = score_follow_up(question, follow_up, text, transcript=transcript,
                                duration_s=seconds)
    return Attempt(
        question_id=question.id,
        kind="follow_up" if follow_up else "answer",
        follow_up_concept=follow_up.label if follow_up else None,
        mode="voice",
        text=text,
        transcript=transcript,
        score=score,
        audio_file=name,
        started_at=f"2026-03-02T09:3{n}:00+00:00",
        duration_s=seconds,
        warning=None,
    )


def _typed(question: Question, text: str) -> Attempt:
    return Attempt(
        question_id=question.id, kind="answer", follow_up_concept=None, mode="typed",
        text=text, transcript=None, score=score_answer(question, text), audio_file=None,
        started_at="2026-03-02T09:38:00+00:00", duration_s=41.0, warning=None,
    )


def write_session(
    root: Path, *, name: str = NAME, created_at: str = CREATED, missing_audio: bool = False,
    rescored: bool = False, finished: bool = True,
) -> SavedSession:
    """A session of three questions, saved under `root/name`:

    1. gradient descent: an answer (8 s), a follow-up (3 s), a retry (6 s), all spoken;
    2. k-means: typed; 3. overfitting: skipped.
    `missing_audio` leaves out the follow-up's attempt-02.wav; `rescored` marks the first
    answer as re-scored later, against a bank that accepts more of what it said.
    """
    folder = root / name
    folder.mkdir(parents=True)
    concept = DESCENT.concepts[0]
    first = _voice(folder, 1, DESCENT, PARTIAL_DESCENT, ANSWER_S)
    attempts = [
        first,
        _voice(folder, 2, DESCENT, FOLLOW_UP_ANSWER, FOLLOW_UP_S, follow_up=concept,
               write_audio=not missing_audio),
        _voice(folder, 3, DESCENT, FULL_DESCENT, RETRY_S),
        _typed(KMEANS, FULL_KMEANS),
    ]
    if rescored:
        # The bank learnt that "goes downhill" also says the loss is being minimised.
        loss = dataclasses.replace(concept, aliases=(*concept.aliases, "goes downhill"))
        newer = dataclasses.replace(DESCENT, concepts=(loss, *DESCENT.concepts[1:]))
        attempts[0] = dataclasses.replace(
            first,
            score=score_answer(newer, first.text, transcript=first.transcript,
                               duration_s=ANSWER_S),
            original=OriginalAnswer(first.text, first.transcript, first.score, "base.en"),
            rescored_at="2026-03-09T18:00:00+00:00",
        )
    saved = SavedSession(
        id=name, folder=folder, schema_version=SCHEMA_VERSION, app_version="0.1.0",
        created_at=created_at, updated_at=created_at,
        settings={"level": "beginner", "question_count": 3}, model="base.en",
        questions=(DESCENT, KMEANS, OVERFITTING), attempts=tuple(attempts),
        skipped=(OVERFITTING.id,), position=3, finished=finished,
    )
    SessionFolder(folder).save(saved)
    return SessionFolder(folder).load()


def write_damaged(root: Path, name: str = "2026-02-27T18-05-00-beef") -> Path:
    """A session folder whose session.json was cut off mid-write."""
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "session.json").write_text('{"schema_version": 2, "attem', encoding="utf-8")
    return folder


def replay_app(
    tmp_path: Path, saved: SavedSession, player: FakeSeekablePlayer
) -> InterviewApp:
    """The app opened straight on the replay screen, as `interviewer replay` does."""
    services = fake_services(seekable=player)
    return InterviewApp(
        settings(tmp_path),
        services_factory=lambda _settings: services,
        bank=BANK,
        rng=random.Random(7),
        config_path=tmp_path / "config.toml",
        start_screen=lambda: ReplayScreen(saved, poll_s=0.02),
    )


LONG_S = 150.0


def write_long_answer(root: Path, name: str = "2026-03-03T10-00-00-cd34") -> SavedSession:
    """One spoken answer of 400 words over LONG_S seconds: longer than any screen."""
    folder = root / name
    folder.mkdir(parents=True)
    text = " ".join(f"step{i} goes downhill along the gradient." for i in range(80))
    saved = SavedSession(
        id=name, folder=folder, schema_version=SCHEMA_VERSION, app_version="0.1.0",
        created_at=CREATED, updated_at=CREATED, settings={"level": "beginner"},
        model="base.en", questions=(DESCENT,),
        attempts=(_voice(folder, 1, DESCENT, text, LONG_S),), skipped=(), position=1,
        finished=True,
    )
    SessionFolder(folder).save(saved)
    return SessionFolder(folder).load()
