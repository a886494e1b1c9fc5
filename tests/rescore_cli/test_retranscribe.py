"""`interviewer rescore SESSION --retranscribe`: Whisper again on the stored audio, with a fake
and with the tiny random-weight checkpoint; missing audio, progress, a model that cannot load."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile

import speech.transcriber
from interviewer.cli import build_parser, main, rescore_cmd
from interviewer.cli.context import CliContext
from interviewer.session.storage import SessionStore
from speech.fakes import FakeTranscriber
from tests.rescore_cli.helpers import (
    PARTIAL,
    SPEECH,
    run_cli,
    session_json,
    spoken_session,
)
from tests.whisper_fixture import TEST_SAMPLE_LEN


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
    saved = spoken_session(data_dir, _tone(tmp_path / "take.wav"))
    better = "It minimises the loss by going downhill with a step size."
    fake = FakeTranscriber([better, "k clusters, nearest centroid"], model_name="better.en")
    code, out, err = _call(data_dir, live_bank, fake, saved.id, "--retranscribe")
    assert (code, err) == (0, "")
    assert out.splitlines()[:5] == [
        f"session {saved.id}: 2 recorded answers transcribed again with better.en,"
        f" all scored again with {live_bank}",
        "coverage: as given -> before this re-score -> now",
        # Both new transcripts cover every concept, each named once: 90 %.
        "  beginner-05      54% ->  54% ->  90%  +36 points",
        "      newly covered: Minimises the loss",
        "  intermediate-07  90% ->  90% ->  90%  \u00b10 points",
    ]
    reloaded = SessionStore(data_dir).load(saved.id)
    first, second, typed = reloaded.attempts
    assert first.text == better and first.transcript is not None
    assert first.transcript.model == "better.en" and first.score.coverage == pytest.approx(0.9)
    assert first.original is not None and first.original.model == "live"
    assert first.original.text == PARTIAL and first.original.score.coverage == pytest.approx(0.54)
    assert second.transcript is not None and second.transcript.model == "better.en"
    assert typed == saved.attempts[2]  # typed answers have nothing to transcribe
    assert fake.calls[0][1][0] == "Minimises the loss"  # the live prompt's first term


def test_retranscribe_carries_on_past_missing_audio(
    data_dir: Path, tmp_path: Path, live_bank: Path
) -> None:
    saved = spoken_session(data_dir, _tone(tmp_path / "take.wav"))
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

    saved = spoken_session(data_dir, _tone(tmp_path / "take.wav"))
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
    saved = spoken_session(data_dir, audio)
    code, out, err = run_cli(
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
    saved = spoken_session(data_dir, _tone(tmp_path / "take.wav"))
    before = session_json(saved).read_bytes()
    code, out, err = run_cli(
        capsys, data_dir, "--bank", str(live_bank), "--model", "/no/such/model.pt",
        "rescore", saved.id, "--retranscribe",
    )
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "no Whisper checkpoint file at /no/such/model.pt" in err
    assert session_json(saved).read_bytes() == before
