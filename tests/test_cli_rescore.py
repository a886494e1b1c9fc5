"""`interviewer rescore SESSION [--retranscribe] [--dry-run]` on real saved session folders:
by id and by path, an edited bank, dry runs, unchanged sessions left alone, re-transcription
with a fake and with the tiny random-weight Whisper checkpoint, bad input, interruptions."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile

import interviewer.session.rescore as rescore_mod
import speech.transcriber
from interviewer.bank.writer import bank_to_toml
from interviewer.cli import build_parser, main, rescore_cmd
from interviewer.cli.context import CliContext
from interviewer.models import Bank
from interviewer.session.flow import InterviewSession
from interviewer.session.records import SavedSession
from interviewer.session.storage import SessionStore
from interviewer.settings import Settings
from speech.fakes import FakeTranscriber, timed_transcript
from tests.session.factories import scoring_bank
from tests.whisper_fixture import TEST_SAMPLE_LEN

BANK = scoring_bank()
DESCENT, KMEANS = BANK.questions
LOSS = DESCENT.concepts[0]
PARTIAL = "Um, it just goes downhill, you know, with a step size."  # 60 %: misses the loss
KMEANS_ANSWER = "It makes k clusters."  # 50 %
REPO = Path(__file__).resolve().parents[1]
SPEECH = REPO / "samples" / "overfitting-8k-stereo.wav"
# "step size" now also counts as minimising the loss: the partial answer covers everything.
GENEROUS = Bank(questions=(
    dataclasses.replace(
        DESCENT, concepts=(dataclasses.replace(LOSS, aliases=(*LOSS.aliases, "step size")),
                           *DESCENT.concepts[1:]),
    ),
    KMEANS,
))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _bank_file(tmp_path: Path, bank: Bank, name: str) -> Path:
    path = tmp_path / name
    path.write_text(bank_to_toml(bank), encoding="utf-8")
    return path


@pytest.fixture
def live_bank(tmp_path: Path) -> Path:
    """The bank the sessions were played with, as a file."""
    return _bank_file(tmp_path, BANK, "live.toml")


@pytest.fixture
def generous_bank(tmp_path: Path) -> Path:
    return _bank_file(tmp_path, GENEROUS, "generous.toml")


def _run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _typed_session(data_dir: Path, bank: Bank = BANK) -> SavedSession:
    """Descent answered (60 %) with its follow-up answered, then k-means answered (50 %)."""
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


def _spoken_session(data_dir: Path, audio: Path) -> SavedSession:
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


def _json(saved: SavedSession) -> Path:
    return saved.folder / "session.json"


def _leftovers(saved: SavedSession) -> list[str]:
    return sorted(p.name for p in saved.folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("how", ["id", "prefix", "folder"])
def test_an_edited_bank_rescores_and_shows_the_difference(
    capsys: pytest.CaptureFixture[str], data_dir: Path, generous_bank: Path, how: str
) -> None:
    saved = _typed_session(data_dir)
    stored = json.loads(_json(saved).read_text(encoding="utf-8"))
    given = {"id": saved.id, "prefix": saved.id[:-2], "folder": str(saved.folder)}[how]
    code, out, err = _run(capsys, data_dir, "--bank", str(generous_bank), "rescore", given)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"session {saved.id}: scored again with {generous_bank}",
        "coverage: as given -> before this re-score -> now",
        "  beginner-05      60% ->  60% -> 100%  +40 points",
        "      newly covered: Minimises the loss",
        "  intermediate-07  50% ->  50% ->  50%  no change",
        "overall coverage: 55% -> 55% -> 75% (+20 points)",
        f"saved in {saved.folder} (the scores given live are kept as the originals)",
    ]
    reloaded = SessionStore(data_dir).load(saved.id)
    answer = reloaded.attempts[0]
    assert (answer.score.coverage, answer.as_given.score.coverage) == (1.0, 0.6)
    assert answer.original is not None and answer.rescored_at is not None
    data = json.loads(_json(saved).read_text(encoding="utf-8"))
    assert data["attempts"][0]["original"]["coverage"] == 0.6
    assert data["attempts"][1:] == stored["attempts"][1:]  # unchanged ones stay as they were
    # The question is stored as the bank has it now.
    assert "step size" in data["questions"][0]["concepts"][0]["aliases"]


def test_rescoring_again_changes_nothing_and_leaves_the_file_alone(
    capsys: pytest.CaptureFixture[str], data_dir: Path, generous_bank: Path
) -> None:
    saved = _typed_session(data_dir)
    assert _run(capsys, data_dir, "--bank", str(generous_bank), "rescore", saved.id)[0] == 0
    before = _json(saved).read_bytes()
    stat = os.stat(_json(saved))
    code, out, _ = _run(capsys, data_dir, "--bank", str(generous_bank), "rescore", saved.id)
    assert code == 0
    assert "  beginner-05      60% -> 100% -> 100%  no change" in out.splitlines()
    assert out.splitlines()[-2:] == [
        "overall coverage: 55% -> 75% -> 75% (+0 points)".replace("+0", "\u00b10"),
        "nothing changed: every attempt scores as saved; the session was not rewritten",
    ]
    assert _json(saved).read_bytes() == before
    assert os.stat(_json(saved)).st_mtime_ns == stat.st_mtime_ns


def test_a_session_scored_with_the_shipped_bank_is_left_byte_identical(
    capsys: pytest.CaptureFixture[str], data_dir: Path, bank: Bank
) -> None:
    # What rescoring a tracked sample folder in a fresh clone does: nothing to write.
    saved = _typed_session(data_dir, bank)
    before = _json(saved).read_bytes()
    code, out, err = _run(capsys, data_dir, "rescore", str(saved.folder))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"session {saved.id}: scored again with the shipped bank"
    assert out.rstrip().endswith("the session was not rewritten")
    assert _json(saved).read_bytes() == before and _leftovers(saved) == []


def test_dry_run_shows_without_writing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, generous_bank: Path
) -> None:
    saved = _typed_session(data_dir)
    before = _json(saved).read_bytes()
    code, out, _ = _run(
        capsys, data_dir, "--bank", str(generous_bank), "rescore", saved.id, "--dry-run"
    )
    assert code == 0
    assert "  beginner-05      60% ->  60% -> 100%  +40 points" in out.splitlines()
    assert out.splitlines()[-1] == "dry run: nothing was saved"
    assert _json(saved).read_bytes() == before


def test_attempts_the_bank_cannot_score_are_kept_with_the_reason(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    saved = _typed_session(data_dir)
    before = _json(saved).read_bytes()
    only_kmeans = _bank_file(tmp_path, Bank(questions=(KMEANS,)), "kmeans.toml")
    code, out, _ = _run(capsys, data_dir, "--bank", str(only_kmeans), "rescore", saved.id)
    assert code == 0
    lines = out.splitlines()
    assert lines[2:5] == [
        "  beginner-05      60% ->  60% ->  60%  no change",
        "      attempt 1 kept as saved: question beginner-05 is not in this bank",
        "      attempt 2 kept as saved: question beginner-05 is not in this bank",
    ]
    assert _json(saved).read_bytes() == before


def test_a_follow_up_that_scores_differently_is_listed(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    saved = _typed_session(data_dir)
    strict_loss = dataclasses.replace(LOSS, aliases=("minimise the loss",))
    strict = Bank(questions=(
        dataclasses.replace(DESCENT, concepts=(strict_loss, *DESCENT.concepts[1:])), KMEANS,
    ))
    path = _bank_file(tmp_path, strict, "strict.toml")
    code, out, _ = _run(capsys, data_dir, "--bank", str(path), "rescore", saved.id)
    assert code == 0
    assert out.splitlines()[2:4] == [
        "  beginner-05      60% ->  60% ->  60%  \u00b10 points",
        "      follow-up about Minimises the loss: 100% -> 0%",
    ]


def test_a_session_without_answers(
    capsys: pytest.CaptureFixture[str], data_dir: Path, live_bank: Path
) -> None:
    session = InterviewSession.start(
        BANK, Settings(), [DESCENT], model_name="base.en", store=SessionStore(data_dir)
    )
    session.skip()
    code, out, _ = _run(capsys, data_dir, "--bank", str(live_bank), "rescore", session.id)
    assert (code, out) == (0, f"session {session.id} has no answers to re-score\n")


@pytest.mark.parametrize(
    ("damage", "needle"),
    [
        ("truncated", "corrupt or truncated"),
        ("newer", "saved by a newer interviewer"),
        ("no-file", "not a session folder"),
        ("unknown-id", "no saved session 'nothing-like-this'"),
    ],
)
def test_a_damaged_or_unknown_session_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path, live_bank: Path, damage: str,
    needle: str,
) -> None:
    saved = _typed_session(data_dir)
    target = str(saved.folder)
    if damage == "truncated":
        _json(saved).write_bytes(_json(saved).read_bytes()[:200])
    elif damage == "newer":
        data = json.loads(_json(saved).read_text(encoding="utf-8"))
        _json(saved).write_text(json.dumps({**data, "schema_version": 99}), encoding="utf-8")
    elif damage == "no-file":
        _json(saved).unlink()
    else:
        target = "nothing-like-this"
    before = _json(saved).read_bytes() if _json(saved).exists() else None
    code, out, err = _run(capsys, data_dir, "--bank", str(live_bank), "rescore", target)
    assert (code, out) == (2, "")
    assert err.startswith("interviewer: error: ") and err.count("\n") == 1 and needle in err
    assert (_json(saved).read_bytes() if _json(saved).exists() else None) == before


def test_an_interrupt_while_scoring_leaves_the_session_intact(
    capsys: pytest.CaptureFixture[str], data_dir: Path, generous_bank: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    saved = _typed_session(data_dir)
    before = _json(saved).read_bytes()
    real = rescore_mod.rescore_attempt
    calls = []

    def interrupted_on_the_third(*args: object, **kwargs: object) -> object:
        # The first attempt has a new score by then; it must not reach the file.
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(rescore_mod, "rescore_attempt", interrupted_on_the_third)
    code, out, err = _run(capsys, data_dir, "--bank", str(generous_bank), "rescore", saved.id)
    assert (code, out, err) == (130, "", "interviewer: interrupted\n")
    assert len(calls) == 3
    assert _json(saved).read_bytes() == before and _leftovers(saved) == []


@pytest.mark.parametrize(
    ("fail", "error", "exit_code"),
    [
        ("replace", OSError(28, "No space left on device"), 2),
        ("fsync", KeyboardInterrupt(), 130),
    ],
)
def test_a_failed_or_interrupted_write_leaves_the_session_intact(
    capsys: pytest.CaptureFixture[str], data_dir: Path, generous_bank: Path,
    monkeypatch: pytest.MonkeyPatch, fail: str, error: BaseException, exit_code: int,
) -> None:
    saved = _typed_session(data_dir)
    before = _json(saved).read_bytes()

    def broken(*args: object) -> None:
        raise error

    monkeypatch.setattr(os, fail, broken)
    code, _, err = _run(capsys, data_dir, "--bank", str(generous_bank), "rescore", saved.id)
    monkeypatch.undo()
    assert code == exit_code and err.count("\n") == 1
    if exit_code == 2:
        assert "cannot save the new scores (No space left on device)" in err
    assert _json(saved).read_bytes() == before and _leftovers(saved) == []


def _tone(path: Path, seconds: float = 1.5) -> Path:
    t = np.arange(int(seconds * 16_000)) / 16_000
    soundfile.write(str(path), (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), 16_000)
    return path


def _call(
    data_dir: Path, bank_file: Path, transcriber: FakeTranscriber, *argv: str,
    stderr: io.StringIO | None = None,
) -> tuple[int, str, str]:
    """rescore_cmd.run with an injected transcriber; (exit code, stdout, stderr)."""
    args = build_parser().parse_args(
        ["--data-dir", str(data_dir), "--bank", str(bank_file), "rescore", *argv]
    )
    ctx = CliContext.from_args(args)
    ctx.stdout, ctx.stderr = io.StringIO(), stderr or io.StringIO()
    code = rescore_cmd.run(args, ctx, transcriber=transcriber)
    return code, ctx.stdout.getvalue(), ctx.stderr.getvalue()


def test_retranscribe_with_a_fake_transcriber(
    data_dir: Path, tmp_path: Path, live_bank: Path
) -> None:
    saved = _spoken_session(data_dir, _tone(tmp_path / "take.wav"))
    better = "It minimises the loss by going downhill with a step size."
    fake = FakeTranscriber([better, "k clusters, nearest centroid"], model_name="better.en")
    code, out, err = _call(data_dir, live_bank, fake, saved.id, "--retranscribe")
    assert (code, err) == (0, "")
    assert out.splitlines()[:5] == [
        f"session {saved.id}: 2 recorded answers transcribed again with better.en,"
        f" all scored again with {live_bank}",
        "coverage: as given -> before this re-score -> now",
        "  beginner-05      60% ->  60% -> 100%  +40 points",
        "      newly covered: Minimises the loss",
        "  intermediate-07 100% -> 100% -> 100%  \u00b10 points",
    ]
    reloaded = SessionStore(data_dir).load(saved.id)
    first, second, typed = reloaded.attempts
    assert first.text == better and first.transcript is not None
    assert first.transcript.model == "better.en" and first.score.coverage == 1.0
    assert first.original is not None and first.original.model == "live"
    assert first.original.text == PARTIAL and first.original.score.coverage == 0.6
    assert second.transcript is not None and second.transcript.model == "better.en"
    assert typed == saved.attempts[2]  # typed answers have nothing to transcribe
    assert fake.calls[0][1][0] == "Minimises the loss"  # the live prompt's first term


def test_retranscribe_carries_on_past_missing_audio(
    data_dir: Path, tmp_path: Path, live_bank: Path
) -> None:
    saved = _spoken_session(data_dir, _tone(tmp_path / "take.wav"))
    missing = saved.folder / saved.attempts[0].audio_file
    missing.unlink()
    fake = FakeTranscriber(["k clusters"], model_name="better.en")
    code, out, _ = _call(data_dir, live_bank, fake, saved.id, "--retranscribe")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"session {saved.id}: 1 recorded answer transcribed again")
    assert f"      attempt 1 not transcribed again: no such audio file: {missing}" in lines
    reloaded = SessionStore(data_dir).load(saved.id)
    assert reloaded.attempts[0] == saved.attempts[0]  # scored again from its saved transcript
    assert reloaded.attempts[1].transcript.model == "better.en"


def test_retranscribe_draws_progress_on_a_terminal_only(
    data_dir: Path, tmp_path: Path, live_bank: Path
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    saved = _spoken_session(data_dir, _tone(tmp_path / "take.wav"))
    terminal = Terminal()
    code, _, err = _call(
        data_dir, live_bank, FakeTranscriber(default="same"), saved.id, "--retranscribe",
        "--dry-run", stderr=terminal,
    )
    assert code == 0
    assert err == (
        "\rloading speech model fake\x1b[K"
        + "".join(f"\rdownloading fake: {p:3d}% of 10 MB" for p in range(10, 101, 10))
        + "\rtranscribing recorded answer 1 of 2\x1b[K"
        + "\rtranscribing recorded answer 2 of 2\x1b[K\n"
    )


@pytest.mark.whisper
@pytest.mark.usefixtures("one_torch_thread")
def test_retranscribe_with_the_tiny_whisper_checkpoint(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, live_bank: Path,
    tiny_whisper_checkpoint: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Random weights never end a window by themselves: cap decoding as the CLI tests do.
    monkeypatch.setattr(speech.transcriber, "DEFAULT_SAMPLE_LEN", TEST_SAMPLE_LEN)
    audio = shutil.copyfile(SPEECH, tmp_path / "answer.wav")
    saved = _spoken_session(data_dir, audio)
    code, out, err = _run(
        capsys, data_dir, "--bank", str(live_bank), "--model", str(tiny_whisper_checkpoint),
        "rescore", saved.id, "--retranscribe",
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        f"session {saved.id}: 2 recorded answers transcribed again with"
        f" {tiny_whisper_checkpoint}, all scored again with {live_bank}"
    )
    reloaded = SessionStore(data_dir).load(saved.id)
    for before, after in zip(saved.attempts[:2], reloaded.attempts[:2], strict=True):
        assert after.transcript is not None
        assert after.transcript.model == str(tiny_whisper_checkpoint)
        assert after.transcript != before.transcript and after.text == after.transcript.text
        assert after.original is not None and after.original.model == "live"
        assert after.original.text == before.text and after.rescored_at is not None
    assert reloaded.attempts[2] == saved.attempts[2]


def test_help_names_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["rescore", "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert "--retranscribe" in out and "--dry-run" in out and "SESSION" in out


def test_a_model_that_cannot_load_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, live_bank: Path
) -> None:
    saved = _spoken_session(data_dir, _tone(tmp_path / "take.wav"))
    before = _json(saved).read_bytes()
    code, out, err = _run(
        capsys, data_dir, "--bank", str(live_bank), "--model", "/no/such/model.pt",
        "rescore", saved.id, "--retranscribe",
    )
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "no Whisper checkpoint file at /no/such/model.pt" in err
    assert _json(saved).read_bytes() == before
