"""`interviewer transcribe`: real files, the tiny random-weight Whisper checkpoint via --model,
text and JSON output, the question's prompt, download progress, and bad input."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile
from whisper.model import Whisper

import speech.transcriber
from interviewer.cli import main
from interviewer.cli.transcribe_cmd import DownloadProgress
from speech.whisper_model import URL_BASE_ENV
from tests.whisper_fixture import TEST_SAMPLE_LEN, ModelServer, catalogue_tiny_model

pytestmark = [pytest.mark.whisper, pytest.mark.usefixtures("one_torch_thread")]

REPO = Path(__file__).resolve().parents[1]
STEREO_8K = REPO / "samples" / "overfitting-8k-stereo.wav"


@pytest.fixture(autouse=True)
def short_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI builds its own transcriber; cap its decoding because random weights never
    end a window by themselves."""
    monkeypatch.setattr(speech.transcriber, "DEFAULT_SAMPLE_LEN", TEST_SAMPLE_LEN)


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The initial_prompt of every Whisper run (which still happens)."""
    seen: list[str | None] = []
    real = Whisper.transcribe

    def recording(model: Whisper, audio: Any, **kwargs: Any) -> dict[str, Any]:
        seen.append(kwargs.get("initial_prompt"))
        return real(model, audio, **kwargs)

    monkeypatch.setattr(Whisper, "transcribe", recording)
    return seen


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the CLI; (exit code, stdout, stderr)."""
    code = main(["transcribe", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_and_segment_times(
    capsys: pytest.CaptureFixture[str], tiny_whisper_checkpoint: Path, prompts: list[str | None]
) -> None:
    code, out, err = run(capsys, str(STEREO_8K), "--model", str(tiny_whisper_checkpoint))
    assert (code, err) == (0, "")
    text, _, segments = out.partition("\n\n")
    assert text.strip()
    lines = segments.splitlines()
    assert lines and all(re.fullmatch(r"\[ *\d+\.\d\d - +\d+\.\d\d\]  .+", ln) for ln in lines)
    assert prompts == [None]


def test_json_with_question_prompt(
    capsys: pytest.CaptureFixture[str], tiny_whisper_checkpoint: Path, prompts: list[str | None]
) -> None:
    code, out, err = run(
        capsys, str(STEREO_8K), "--json", "--question", "advanced-13",
        "--model", str(tiny_whisper_checkpoint),
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["file"] == str(STEREO_8K)
    assert data["model"] == str(tiny_whisper_checkpoint)
    assert data["no_speech"] is False
    assert data["duration_s"] == pytest.approx(soundfile.info(str(STEREO_8K)).duration, abs=1e-3)
    assert data["segments"] and data["text"] == " ".join(s["text"] for s in data["segments"])
    words = [w for s in data["segments"] for w in s["words"]]
    assert words and all(0 <= w["start"] <= w["end"] <= data["duration_s"] for w in words)
    (prompt,) = prompts
    assert prompt is not None and "ReLU" in prompt


def test_silence_says_no_speech(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tiny_whisper_checkpoint: Path,
    prompts: list[str | None],
) -> None:
    wav = tmp_path / "silence.wav"
    soundfile.write(str(wav), np.zeros(32_000, dtype=np.float32), 16_000)
    code, out, err = run(capsys, str(wav), "--model", str(tiny_whisper_checkpoint))
    assert (code, out, err) == (0, "(no speech detected in 2.0 s of audio)\n", "")
    code, out, _ = run(capsys, str(wav), "--json", "--model", str(tiny_whisper_checkpoint))
    assert json.loads(out)["no_speech"] is True and json.loads(out)["segments"] == []
    assert prompts == [], "Whisper never runs on silence"


def _bad_files(tmp: Path) -> dict[str, Path]:
    (tmp / "text.wav").write_text("not audio, just notes\n")
    (tmp / "empty.wav").touch()
    (tmp / "folder.wav").mkdir()
    soundfile.write(str(tmp / "zero.wav"), np.zeros(0, dtype=np.float32), 16_000)
    return {name: tmp / name for name in ("text.wav", "empty.wav", "folder.wav", "zero.wav",
                                         "missing.wav")}


@pytest.mark.parametrize("name", ["text.wav", "empty.wav", "folder.wav", "zero.wav", "missing.wav"])
def test_bad_file_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tiny_whisper_checkpoint: Path,
    name: str
) -> None:
    path = _bad_files(tmp_path)[name]
    code, out, err = run(capsys, str(path), "--model", str(tiny_whisper_checkpoint))
    assert (code, out) == (2, "")
    assert err.startswith("interviewer: error: ") and err.count("\n") == 1
    assert str(path) in err


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--model", "base.english"], "unknown Whisper model 'base.english'"),
        (["--model", "/no/such/model.pt"], "no Whisper checkpoint file at /no/such/model.pt"),
        (["--question", "advanced-99"], "unknown question id 'advanced-99'"),
    ],
)
def test_bad_model_or_question_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    code, out, err = run(capsys, str(STEREO_8K), *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and needle in err


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_first_use_download_shows_progress_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    model_server: ModelServer, tiny_whisper_checkpoint: Path,
) -> None:
    data = tiny_whisper_checkpoint.read_bytes()
    sha = catalogue_tiny_model(monkeypatch, "tiny-cli.en", data)
    model_server.publish(sha, "tiny-cli.en.pt", data)
    monkeypatch.setenv(URL_BASE_ENV, model_server.url)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code, out, _ = run(capsys, str(STEREO_8K), "--json", "--model", "tiny-cli.en")
    assert code == 0 and json.loads(out)["model"] == "tiny-cli.en"
    shown = terminal.getvalue()
    assert shown.startswith("\rdownloading tiny-cli.en:   0% of 15 MB")
    assert shown.endswith("\rdownloading tiny-cli.en: 100% of 15 MB\n")


def test_no_progress_drawn_when_not_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    model_server: ModelServer, tiny_whisper_checkpoint: Path,
) -> None:
    data = tiny_whisper_checkpoint.read_bytes()
    sha = catalogue_tiny_model(monkeypatch, "tiny-cli.en", data)
    model_server.publish(sha, "tiny-cli.en.pt", data)
    monkeypatch.setenv(URL_BASE_ENV, model_server.url)
    code, _, err = run(capsys, str(STEREO_8K), "--model", "tiny-cli.en")
    assert (code, err) == (0, "")
    assert model_server.requests, "the model was downloaded"


@pytest.mark.parametrize(
    ("updates", "expected"),
    [
        ([(0, 0), (5 << 20, 0)], "\rdownloading m: 0 MB\rdownloading m: 5 MB\n"),
        ([(0, 200), (1, 200), (2, 200), (200, 200)],
         "\rdownloading m:   0% of 0 MB\rdownloading m:   1% of 0 MB"
         "\rdownloading m: 100% of 0 MB\n"),
    ],
)
def test_progress_meter(updates: list[tuple[int, int]], expected: str) -> None:
    out = io.StringIO()
    meter = DownloadProgress(out, "m")
    for done, total in updates:
        meter(done, total)
    meter.finish()
    meter.finish()
    assert out.getvalue() == expected
