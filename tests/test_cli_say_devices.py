"""`interviewer say`, `devices` and `doctor` end to end, with real espeak and PortAudio."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from interviewer.cli import main
from tests.virtual_audio import virtual_audio  # noqa: F401

real_audio = pytest.mark.usefixtures("virtual_audio")


def test_say_out_writes_a_wav(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "question.wav"
    assert main(["say", "What", "is", "regularisation?", "--out", str(out), "--rate", "150"]) == 0
    audio, rate = soundfile.read(str(out), dtype="float32")
    assert rate > 0 and len(audio) > 0.5 * rate
    assert np.sqrt(np.mean(audio**2)) > 0.02
    assert f"wrote {out}" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["question.wav"]  # no temporary left


def test_say_rate_flag_changes_the_speech(tmp_path: Path) -> None:
    slow, fast = tmp_path / "slow.wav", tmp_path / "fast.wav"
    text = "Explain the bias variance trade-off."
    assert main(["say", text, "--rate", "100", "--out", str(slow)]) == 0
    assert main(["say", text, "--rate", "300", "--out", str(fast)]) == 0
    assert soundfile.info(str(slow)).frames > 1.5 * soundfile.info(str(fast)).frames


def test_say_lists_voices(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["say", "--list-voices"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 1
    assert any(line.split()[0] == "gmw/en-us" for line in lines)


def test_say_unknown_voice_is_one_warning_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.wav"
    assert main(["say", "Hello", "--voice", "no-such-voice", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("interviewer: warning: unknown voice 'no-such-voice'")
    assert err.count("\n") == 1
    assert not out.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["say"], "give the text to speak"),
        (["say", "Hi", "--out", "{tmp}"], "is a folder"),
        (["say", "Hi", "--out", "{tmp}/missing/x.wav"], "no such folder"),
    ],
)
def test_say_bad_input_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main([a.format(tmp=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


@real_audio
def test_say_speaks_through_the_output_device(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["say", "Hello."]) == 0
    assert capsys.readouterr().err == ""


@real_audio
def test_say_with_an_unknown_output_device_warns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["say", "Hello.", "--output-device", "no-such-speaker"]) == 1
    err = capsys.readouterr().err
    assert "'no-such-speaker'" in err and "interviewer devices" in err
    assert err.count("\n") == 1


@real_audio
def test_devices_lists_the_virtual_card(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["devices"]) == 0
    out = capsys.readouterr().out
    inputs, outputs = out.split("Output devices:")
    assert "Input devices" in inputs
    # The null sink is reached through ALSA's PulseAudio plugin: "default" and "pulse".
    for section in (inputs, outputs):
        marked = [line for line in section.splitlines() if line.startswith("  *")]
        assert len(marked) == 1
        assert "pulse" in section


@real_audio
def test_doctor_passes_on_the_virtual_card(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["doctor"])
    out = capsys.readouterr().out
    for name in ("voice", "output", "input", "disk"):
        assert f"PASS  {name}" in out
    assert code == (0 if "FAIL" not in out else 1)


@real_audio
def test_doctor_fails_with_a_fix_for_a_missing_microphone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["doctor", "--input-device", "no-such-mic"]) == 1
    out = capsys.readouterr().out
    fail_line = next(line for line in out.splitlines() if line.startswith("FAIL"))
    assert "input" in fail_line and "'no-such-mic'" in fail_line
    assert "fix: connect a microphone or use typed mode" in out
    assert "check(s) failed: input" in out
