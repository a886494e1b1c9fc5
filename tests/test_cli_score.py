"""`interviewer score`: single answers (text, file, stdin), batches, and every bad input."""

from __future__ import annotations

import functools
import io
import json
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile

from interviewer.cli import main
from speech.fakes import FakeTranscriber
from speech.types import SAMPLE_RATE

GOOD = (
    "Both are supervised tasks: regression predicts a continuous value like a house price, "
    "while classification predicts a discrete category like spam or not spam."
)
# GOOD covers all five concepts of beginner-03 (7 points) but names three of them only
# once: continuous output (core), the price example and "supervised" (4 points at 0.9).
GOOD_COVERAGE = round((3 + 0.9 * 4) / 7, 4)  # 0.9429, shown as 94%


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the CLI; (exit code, stdout, stderr)."""
    code = main(["score", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Make sys.stdin a binary-backed text stream holding `data`."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_text_prints_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--question", "beginner-03", "--text", GOOD)
    assert (code, err) == (0, "")
    assert out.startswith("beginner-03: Explain the difference between regression and")
    assert "Coverage: 94%" in out
    assert "Covered (5/5):" in out
    assert '"continuous value" (mentioned once)' in out
    assert "Delivery:" in out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "-q", "beginner-03", "--text", "Regression is continuous.", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["question"] == "beginner-03"
    assert 0 < data["coverage"] < 1
    assert data["missed"][0]["sample_sentence"]
    assert data["delivery"]["word_count"] == 3


def test_text_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_text(GOOD, encoding="utf-8")
    code, out, _ = run(capsys, "--question", "beginner-03", "--text-file", str(path))
    assert code == 0
    assert "Coverage: 94%" in out


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, GOOD.encode())
    code, out, _ = run(capsys, "--question", "beginner-03", "-", "--json")
    assert code == 0
    assert json.loads(out)["coverage"] == pytest.approx(GOOD_COVERAGE)


def test_batch_writes_one_line_per_input_line_in_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "answers.jsonl"
    lines = [
        {"question": "beginner-03", "text": GOOD},
        {"question": "beginner-01", "text": "no idea"},
        {"question": "beginner-03", "text": ""},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    code, out, err = run(capsys, "--batch", str(path))
    assert (code, err) == (0, "")
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["question"] for r in records] == ["beginner-03", "beginner-01", "beginner-03"]
    assert [r["coverage"] for r in records] == pytest.approx([GOOD_COVERAGE, 0.0, 0.0])
    assert all(isinstance(r["coverage"], float) for r in records)
    assert len(records[0]["matched"]) == 5 and records[0]["missed"] == []
    assert records[1]["matched"] == [] and all(isinstance(m, str) for m in records[1]["missed"])


def test_batch_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_stdin(monkeypatch, b'{"question": "beginner-03", "text": "continuous"}\n')
    code, out, _ = run(capsys, "--batch", "-")
    assert code == 0
    assert json.loads(out)["matched"] == ["Regression: continuous output"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"question": "beginner-03", "text": "x"}\n{"question": "nope-01", "text": "x"}\n',
         "answers.jsonl line 2: unknown question id 'nope-01'"),
        (b'{"question": "beginner-03", "text": "x"}\n\n{"question": "beginner-03", "text": \n',
         "answers.jsonl line 3: not valid JSON"),
        (b'["beginner-03", "x"]\n', "answers.jsonl line 1: expected a JSON object"),
        (b'{"text": "x"}\n', 'answers.jsonl line 1: missing "question"'),
        (b'{"question": "beginner-03"}\n', 'answers.jsonl line 1: missing "text"'),
        (b'{"question": "beginner-03", "text": 42}\n', 'answers.jsonl line 1: missing "text"'),
        (b"", "answers.jsonl: empty file"),
        (b"\n  \n\n", "answers.jsonl: empty file"),
        (b'{"question": "beginner-03", "text": "x"}\n\x89PNG\r\n\x1a\n\xff\xfe\x00\x00',
         "answers.jsonl line 2: not UTF-8 text"),
        (b'{"question": "beginner-03", "text": "x\x00y"}\n', "answers.jsonl line 1: binary data"),
    ],
)
def test_bad_batch_is_one_error_line_and_no_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "answers.jsonl"
    path.write_bytes(content)
    code, out, err = run(capsys, "--batch", str(path))
    assert code != 0
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("interviewer: error: ")
    assert err.startswith(f"interviewer: error: {path.parent}/{message}")


def test_missing_batch_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "--batch", str(tmp_path / "absent.jsonl"))
    assert (code, out) == (2, "")
    assert err == f"interviewer: error: {tmp_path / 'absent.jsonl'}: file not found\n"


def test_batch_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "--batch", str(tmp_path))
    assert (code, out) == (2, "")
    assert "is a folder" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--question", "nope-01", "--text", "x"], "unknown question id 'nope-01'"),
        (["--question", "beginner-03"], "give --question ID and one of"),
        (["--text", "x"], "give --question ID and one of"),
        (["--question", "beginner-03", "--text", "x", "--text-file", "f"], "one of"),
        (["--question", "beginner-03", "--text", "   "], "--text: empty answer"),
        (["--question", "beginner-03", "stray"], "unexpected argument 'stray'"),
        (["--batch", "b.jsonl", "--question", "beginner-03"], "--batch takes no --question"),
    ],
)
def test_bad_single_answer_arguments(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert message in err


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "file not found"), (b"", "empty answer"), (b"\xff\xfe\x00junk", "not UTF-8 text"),
     (b"abc\x00def", "binary data")],
)
def test_bad_text_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "answer.txt"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "--question", "beginner-03", "--text-file", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"interviewer: error: {path}: {message}")
    assert err.count("\n") == 1


def test_binary_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, b"\x00\x01\x02\xff")
    code, out, err = run(capsys, "--question", "beginner-03", "-")
    assert (code, out) == (2, "")
    assert err.startswith("interviewer: error: stdin: not UTF-8 text")


def test_missing_audio_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "--question", "beginner-03", "--audio", str(tmp_path / "a.wav"))
    assert (code, out) == (2, "")
    assert err == f"interviewer: error: no such audio file: {tmp_path / 'a.wav'}\n"


@pytest.fixture
def fake_transcriber(monkeypatch: pytest.MonkeyPatch) -> FakeTranscriber:
    """The real transcribe_file (real audio decoding) with a fake model behind it."""
    import speech.pipeline

    fake = FakeTranscriber([GOOD])
    real = speech.pipeline.transcribe_file
    monkeypatch.setattr(
        speech.pipeline, "transcribe_file", functools.partial(real, transcriber=fake)
    )
    return fake


def _wav(path: Path, seconds: float, amplitude: float) -> Path:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    soundfile.write(path, (amplitude * np.sin(2 * np.pi * 220 * t)).astype(np.float32), SAMPLE_RATE)
    return path


def test_audio_is_transcribed_then_scored_with_timing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fake_transcriber: FakeTranscriber
) -> None:
    wav = _wav(tmp_path / "answer.wav", 4.0, 0.3)
    code, out, err = run(capsys, "-q", "beginner-03", "--audio", str(wav), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["coverage"] == pytest.approx(GOOD_COVERAGE)
    assert data["text"] == GOOD
    assert data["delivery"]["duration_s"] == 4.0
    assert data["delivery"]["words_per_minute"] == pytest.approx(24 / 4 * 60)  # 24 words in 4 s
    assert data["delivery"]["time_to_first_word_s"] == 0.0
    (seconds, terms), = fake_transcriber.calls
    assert seconds == pytest.approx(4.0)
    # The recogniser is prompted with the question's key terms, as the app does.
    from interviewer.bank import load_bank
    from speech.prompt import prompt_terms_for

    assert terms == tuple(prompt_terms_for(load_bank().get("beginner-03")))
    assert "Regression: continuous output" in terms


def test_silent_audio_is_one_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fake_transcriber: FakeTranscriber
) -> None:
    wav = _wav(tmp_path / "silence.wav", 2.0, 0.0)
    code, out, err = run(capsys, "-q", "beginner-03", "--audio", str(wav))
    assert (code, out) == (2, "")
    assert err == f"interviewer: error: {wav}: no speech detected, nothing to score\n"


def test_audio_that_is_not_audio(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fake_transcriber: FakeTranscriber
) -> None:
    junk = tmp_path / "answer.wav"
    junk.write_bytes(b"this is not a wav file at all" * 10)
    code, out, err = run(capsys, "-q", "beginner-03", "--audio", str(junk))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and str(junk) in err
    assert fake_transcriber.calls == []
