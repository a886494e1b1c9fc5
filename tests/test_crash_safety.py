"""A session process killed mid-answer leaves every finished answer readable.

A real subprocess runs a scripted session with the shipped fakes (spoken answers through
FakeRecorder + FakeTranscriber, then typed ones), then starts recording one more answer
in real time and announces it. The test waits until that answer's audio is on disk, kills
the process with SIGKILL (no cleanup, no atexit, like a power cut) and reads the folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import soundfile

from interviewer.session.storage import SessionStore

REPO = Path(__file__).resolve().parents[1]

_SCRIPT = r"""
import sys, time
from interviewer.bank import load_bank
from interviewer.settings import Settings
from interviewer.session.flow import InterviewSession
from interviewer.session.picker import pick_questions
from interviewer.session.storage import SessionStore
from speech.fakes import FakeRecorder, FakeTranscriber

root, spoken, typed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
bank = load_bank()
settings = Settings(follow_ups=False)
questions = pick_questions(bank, level="mixed", count=spoken + typed + 1, order="in-order")
store = SessionStore(root)
transcriber = FakeTranscriber(default="gradient descent updates the weights step by step")
session = InterviewSession.start(
    bank, settings, questions, model_name=transcriber.model_name, store=store
)
print("FOLDER", session.folder, flush=True)
recorder = FakeRecorder(speech_s=0.5, pause_s=0.3)
for _ in range(spoken):
    path = session.next_audio_path()
    recording = recorder.record(spool_path=path)
    transcript = transcriber.transcribe(recording.audio)
    session.submit_answer(transcript.text, mode="voice", transcript=transcript,
                          audio_path=path, duration_s=recording.duration_s)
    session.advance()
    print("ANSWERED", flush=True)
for n in range(typed):
    session.submit_answer(f"typed answer number {n} about overfitting", mode="typed")
    session.advance()
    print("ANSWERED", flush=True)
    time.sleep(0.05)
# The answer in progress: recorded in real time until someone stops it (nobody will).
in_progress = session.next_audio_path()
print("RECORDING", in_progress, flush=True)
FakeRecorder(speech_s=60, realtime=1.0, wait_for_stop=True).record(spool_path=in_progress)
print("NOT KILLED", flush=True)
"""


def _read_line(proc: subprocess.Popen[str], prefix: str) -> str:
    line = proc.stdout.readline() if proc.stdout else ""
    assert line.startswith(prefix), f"expected {prefix!r}, got {line!r}: {_stderr(proc)}"
    return line[len(prefix) :].strip()


def _stderr(proc: subprocess.Popen[str]) -> str:
    if proc.poll() is None or proc.stderr is None:
        return ""
    return proc.stderr.read()


def _wait_for_audio(path: Path, proc: subprocess.Popen[str]) -> None:
    """Poll until the spool file holds some audio past its header (a generous deadline)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_size > 4_000:
            return
        assert proc.poll() is None, f"the session process died early: {_stderr(proc)}"
        time.sleep(0.05)
    raise AssertionError(f"{path} never received audio")


@pytest.mark.parametrize(("spoken", "typed"), [(2, 1), (0, 2), (1, 0)])
def test_sigkill_mid_answer_keeps_every_finished_answer(
    tmp_path: Path, spoken: int, typed: int
) -> None:
    root = tmp_path / "sessions"
    proc = subprocess.Popen(
        [sys.executable, "-c", _SCRIPT, str(root), str(spoken), str(typed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        folder = Path(_read_line(proc, "FOLDER"))
        for _ in range(spoken + typed):
            _read_line(proc, "ANSWERED")
        in_progress = Path(_read_line(proc, "RECORDING"))
        _wait_for_audio(in_progress, proc)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    saved = SessionStore(root).load(folder.name)
    assert not saved.finished
    assert len(saved.attempts) == spoken + typed
    assert saved.position == spoken + typed  # every advance was saved too
    assert [a.mode for a in saved.attempts] == ["voice"] * spoken + ["typed"] * typed
    for attempt in saved.attempts:
        assert attempt.text.strip()
        assert 0.0 <= attempt.score.coverage <= 1.0
    for attempt in saved.attempts[:spoken]:
        assert attempt.transcript is not None and attempt.transcript.words
        assert attempt.audio_file is not None
        info = soundfile.info(str(folder / attempt.audio_file))
        assert info.frames > 0
    # The answer in progress: its audio is on disk, named as the next attempt, not lost.
    assert in_progress.parent == folder
    assert in_progress.stat().st_size > 4_000
    assert saved.unreferenced_audio == (in_progress.name,)
    # Nothing half-written was left behind by the atomic writer.
    assert not list(folder.glob(".session.json.*"))
