"""Sessions, banks and a CLI runner shared by the `interviewer rescore` tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import soundfile

from interviewer.bank.writer import bank_to_toml
from interviewer.cli import main
from interviewer.models import Bank
from interviewer.session.flow import InterviewSession
from interviewer.session.records import SavedSession
from interviewer.session.storage import SessionStore
from interviewer.settings import Settings
from speech.fakes import timed_transcript
from tests.session.factories import scoring_bank

BANK = scoring_bank()
DESCENT, KMEANS = BANK.questions
LOSS = DESCENT.concepts[0]
# 54 %: misses the loss, names the other two (3 of 5 points) once each: 0.9 * 3 / 5.
PARTIAL = "Um, it just goes downhill, you know, with a step size."
KMEANS_ANSWER = "It makes k clusters."  # 45 %: one of two core concepts, named once
REPO = Path(__file__).resolve().parents[2]
SPEECH = REPO / "samples" / "overfitting-8k-stereo.wav"
# "step size" now also counts as minimising the loss: the partial answer covers every
# concept, each named once (90 %).
GENEROUS = Bank(questions=(
    dataclasses.replace(
        DESCENT, concepts=(dataclasses.replace(LOSS, aliases=(*LOSS.aliases, "step size")),
                           *DESCENT.concepts[1:]),
    ),
    KMEANS,
))




def bank_file(tmp_path: Path, bank: Bank, name: str) -> Path:
    """`bank` written as a bank file."""
    path = tmp_path / name
    path.write_text(bank_to_toml(bank), encoding="utf-8")
    return path


def run_cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    """Run the CLI against `data_dir`: (exit status, stdout, stderr)."""
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def typed_session(data_dir: Path, bank: Bank = BANK) -> SavedSession:
    """Descent answered (54 %) with its follow-up answered, then k-means answered (45 %)."""
    descent, kmeans = bank.questions[:2]
    session = InterviewSession.start(
        bank, Settings(), [descent, kmeans], model_name="base.en", store=SessionStore(data_dir)
    )
    for question in (descent, kmeans):
        text = PARTIAL if question is descent else KMEANS_ANSWER
        if bank is not BANK:
            text = question.sample_answer
        attempt = session.submit_answer(text, mode="typed")
        follow_up = session.follow_up_for(attempt)
        if follow_up is not None and question is descent:
            session.submit_follow_up(follow_up, "It reduces the error.", mode="typed")
        session.advance()
    session.finish()
    return SessionStore(data_dir).load(session.id)


def spoken_session(data_dir: Path, audio: Path) -> SavedSession:
    """Descent and k-means answered out loud (the same recording), then one typed retry."""
    session = InterviewSession.start(
        BANK, Settings(follow_ups=False), [DESCENT, KMEANS], model_name="live",
        store=SessionStore(data_dir),
    )
    seconds = soundfile.info(str(audio)).duration
    for number, text in enumerate((PARTIAL, KMEANS_ANSWER)):
        if number:
            session.advance()
        session.submit_answer(
            text, mode="voice", transcript=timed_transcript(text, seconds, model="live"),
            audio_path=audio, duration_s=seconds,
        )
    session.submit_answer("k clusters and the nearest centroid", mode="typed")
    session.finish()
    return SessionStore(data_dir).load(session.id)


def session_json(saved: SavedSession) -> Path:
    """The session's session.json."""
    return saved.folder / "session.json"


def leftovers(saved: SavedSession) -> list[str]:
    """Temporary files an interrupted write left in the session folder."""
    return sorted(p.name for p in saved.folder.iterdir() if p.name.endswith(".tmp"))


