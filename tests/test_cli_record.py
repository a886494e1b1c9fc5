"""`interviewer record` through real PortAudio on the virtual sound card."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile

from interviewer.cli import main
from speech.types import SAMPLE_RATE
from tests.speech.test_recorder import best_correlation
from tests.virtual_audio import espeak_speech, virtual_audio  # noqa: F401

REPO = Path(__file__).resolve().parents[1]
SPEECH = "Dropout randomly zeroes activations during training to reduce overfitting."
real_audio = pytest.mark.usefixtures("virtual_audio")


def _wait_for_audio(path: Path, timeout: float = 20.0) -> None:
    """Until the recording's spool holds audio: the stream is really running."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_size > 44 + 3200:
            return
        time.sleep(0.05)
    raise AssertionError(f"{path} never received audio")


@real_audio
def test_record_saves_the_answer_when_the_candidate_pauses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sounddevice as sd

    source = espeak_speech(SPEECH)
    out = tmp_path / "answers" / "one.wav"

    def speak() -> None:
        _wait_for_audio(out.with_name("one.partial.wav"))
        sd.play(source, SAMPLE_RATE, blocking=True)

    speaker = threading.Thread(target=speak, daemon=True)
    speaker.start()
    code = main(["record", "--out", str(out), "--device", "pulse", "--pause-seconds", "1"])
    speaker.join(30)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert f"saved {out}" in captured.out
    assert "stopped by a 1-second pause after speech" in captured.out
    assert "recording: speak now; pause 1 s to finish" in captured.err
    assert "level [" not in captured.err  # stderr is not a terminal here
    audio, rate = soundfile.read(str(out), dtype="float32")
    assert rate == SAMPLE_RATE
    assert best_correlation(audio, source) > 0.8
    assert not out.with_name("one.partial.wav").exists()


@real_audio
def test_space_in_a_terminal_stops_recording_and_a_level_line_is_drawn(tmp_path: Path) -> None:
    out = tmp_path / "key.wav"
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "interviewer", "record", "--out", str(out)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=REPO,
        close_fds=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    try:
        _wait_for_audio(out.with_name("key.partial.wav"))
        time.sleep(0.3)  # let the meter draw at least once
        os.write(master, b" ")
        proc.wait(timeout=30)
        while True:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                break
            try:
                data = os.read(master, 4096)
            except OSError:  # the terminal's other side has closed
                break
            if not data:
                break
            chunks.append(data)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    text = b"".join(chunks).decode(errors="replace")
    assert proc.returncode == 0, text
    assert "press Enter or space" in text
    assert "level [" in text
    assert "stopped by key" in text
    assert soundfile.info(str(out)).frames > 0


def test_no_sound_server_is_one_line_error_and_no_file(tmp_path: Path) -> None:
    out = tmp_path / "none.wav"
    env = {**os.environ, "PULSE_SERVER": f"unix:{tmp_path}/no-server-here"}
    proc = subprocess.run(
        [sys.executable, "-m", "interviewer", "record", "--out", str(out)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 2
    errors = [line for line in proc.stderr.splitlines() if line.startswith("interviewer:")]
    assert errors == [
        "interviewer: error: no microphone found: connect one, "
        "or answer in typed mode (--answer-mode typed)"
    ]
    assert "Traceback" not in proc.stderr
    assert list(tmp_path.iterdir()) == []


@real_audio
@pytest.mark.parametrize("flag", ["--device", "--input-device"])
def test_unknown_device_is_refused_and_an_existing_file_is_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    out = tmp_path / "keep.wav"
    soundfile.write(str(out), np.full(1600, 0.25, dtype=np.float32), SAMPLE_RATE)
    before = out.read_bytes()
    code = main(["record", "--out", str(out), flag, "no-such-microphone"])
    err = capsys.readouterr().err
    assert code == 2
    assert "no-such-microphone" in err
    assert len(err.strip().splitlines()) == 1
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.wav"]


@pytest.mark.parametrize(("name", "fragment"), [("answer.mp3", "WAV"), ("folder.wav", "folder")])
def test_bad_out_path_is_refused_before_recording(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, fragment: str
) -> None:
    target = tmp_path / name
    if name == "folder.wav":
        target.mkdir()
    code = main(["record", "--out", str(target)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.startswith("interviewer: error: ")
    assert fragment in err
    assert "\n" not in err
