"""The doctor's checks: each failure with its fix, and one real run on the virtual card."""

from __future__ import annotations

import shutil
import sys
import threading
from collections import namedtuple
from pathlib import Path

import numpy as np
import pytest

import interviewer.doctor as doctor
import speech.devices
import speech.tts
from interviewer.doctor import CheckResult, run_checks
from interviewer.settings import Settings
from speech.errors import AudioDeviceError, TTSUnavailable
from speech.types import AudioLevel
from tests.virtual_audio import virtual_audio  # noqa: F401

real_audio = pytest.mark.usefixtures("virtual_audio")


def _raise(exc: Exception):
    def fail(*_args, **_kwargs):
        raise exc

    return fail


@pytest.mark.parametrize(
    ("target", "attribute", "error", "check", "hint"),
    [
        (
            speech.tts.PyttsxSpeaker,
            "synthesize",
            TTSUnavailable("text-to-speech unavailable: apt install espeak-ng"),
            doctor.check_voice,
            "apt install espeak-ng",
        ),
        (
            speech.tts.PyttsxSpeaker,
            "synthesize",
            TTSUnavailable("text-to-speech unavailable: pyttsx3 is not installed"),
            doctor.check_voice,
            "pip install pyttsx3",
        ),
        (
            speech.devices,
            "probe_output",
            AudioDeviceError("PortAudio is not installed (x): apt install libportaudio2"),
            doctor.check_output,
            "apt install libportaudio2",
        ),
        (
            speech.devices,
            "probe_output",
            AudioDeviceError("no audio output device found"),
            doctor.check_output,
            "connect speakers or headphones",
        ),
        (
            speech.devices,
            "measure_input",
            AudioDeviceError("no microphone found (connect one, or answer in typed mode)"),
            doctor.check_input,
            "typed mode",
        ),
    ],
    ids=["espeak-missing", "pyttsx3-missing", "portaudio-missing", "no-speaker", "no-mic"],
)
def test_failures_carry_a_fix(monkeypatch, target, attribute, error, check, hint) -> None:
    monkeypatch.setattr(target, attribute, _raise(error))
    result = check(Settings())
    assert isinstance(result, CheckResult)
    assert result.ok is False
    assert result.detail == str(error)
    assert hint in result.hint


def test_unknown_voice_fails_with_the_list_hint() -> None:
    result = doctor.check_voice(Settings(voice="no-such-voice"))
    assert not result.ok
    assert "list-voices" in result.hint


def test_a_silent_microphone_passes_with_a_note(monkeypatch) -> None:
    monkeypatch.setattr(speech.devices, "measure_input", lambda *_a: ("mic", AudioLevel(0, 0)))
    result = doctor.check_input(Settings())
    assert result.ok
    assert "silent" in result.detail
    assert "muted" in result.hint


Status = namedtuple("Status", "ok cached path detail")


@pytest.mark.parametrize(
    ("status", "ok", "hint"),
    [
        (Status(True, True, Path("/m/base.en.pt"), "base.en cached at /m"), True, ""),
        (Status(True, False, None, "base.en not downloaded yet"), True, "run once online"),
        (Status(False, False, None, "no such model 'bass.en'"), False, "--model PATH"),
    ],
    ids=["cached", "downloadable", "unusable"],
)
def test_model_check_reports_the_model_status(monkeypatch, status, ok: bool, hint: str) -> None:
    import speech.whisper_model

    monkeypatch.setattr(speech.whisper_model, "model_status", lambda *_a, **_k: status)
    result = doctor.check_model(Settings())
    assert (result.ok, result.detail) == (ok, status.detail)
    assert hint in result.hint


def test_model_check_without_whisper_installed(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "speech.whisper_model", None)  # import now fails
    result = doctor.check_model(Settings())
    assert not result.ok
    assert "openai-whisper" in result.hint


Usage = namedtuple("Usage", "total used free")


@pytest.mark.parametrize(("free", "ok"), [(50_000_000, False), (20_000_000_000, True)])
def test_disk_check_warns_when_space_is_low(monkeypatch, free: int, ok: bool) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: Usage(10**12, 10**12 - free, free))
    result = doctor.check_disk(Settings())
    assert result.ok is ok
    assert f"{free / 1e9:.1f} GB free" in result.detail
    assert bool(result.hint) is not ok


def test_disk_check_looks_at_folders_not_created_yet(tmp_path: Path) -> None:
    result = doctor.check_disk(Settings(data_dir=str(tmp_path / "not" / "yet")))
    assert result.ok
    assert str(tmp_path / "not" / "yet") in result.detail


@real_audio
def test_real_run_on_the_virtual_sound_card() -> None:
    results = {r.name: r for r in run_checks(Settings())}
    assert list(results) == ["voice", "output", "input", "model", "disk"]
    for name in ("voice", "output", "input", "disk"):
        assert results[name].ok, results[name]
    assert "wpm" in results["voice"].detail
    assert results["model"].detail  # cached or downloadable depends on the machine


@real_audio
def test_input_check_hears_what_is_playing() -> None:
    from speech.playback import SoundDevicePlayer

    rate = 16_000
    tone = (0.5 * np.sin(2 * np.pi * 440 * np.arange(6 * rate) / rate)).astype(np.float32)
    player = SoundDevicePlayer()
    playing = threading.Thread(target=player.play, args=(tone, rate))
    playing.start()
    try:
        result = doctor.check_input(Settings(), seconds=1.0)
    finally:
        player.stop()
        playing.join(10)
    assert result.ok
    level = float(result.detail.split("peak ")[1].split()[0])
    assert level > 0.2
