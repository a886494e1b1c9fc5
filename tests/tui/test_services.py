"""Building the speech services: the fakes for demos and tests, the real stack lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

from interviewer.services import FAKE_SPEECH_ENV, fake_services, services_from_env
from interviewer.settings import Settings
from speech.fakes import FakeRecorder, FakeSpeaker, FakeTranscriber
from speech.interfaces import Player, Recorder, Speaker, Transcriber


def test_fakes_satisfy_the_interfaces() -> None:
    services = fake_services()
    assert isinstance(services.speaker, Speaker)
    assert isinstance(services.player, Player)
    assert isinstance(services.recorder, Recorder)
    assert isinstance(services.transcriber, Transcriber)
    assert services.fake


def test_fake_readiness_describes_the_fakes() -> None:
    services = fake_services(
        recorder=FakeRecorder(no_device=True), speaker=FakeSpeaker(fail_with="no espeak")
    )
    results = {r.name: r for r in services.readiness(Settings())}
    assert not results["microphone"].ok and "typed mode" in results["microphone"].hint
    assert not results["voice"].ok and results["voice"].detail == "no espeak"
    assert results["model"].ok


def test_demo_transcriber_answers_with_the_questions_terms() -> None:
    services = fake_services()
    import numpy as np

    text = services.transcriber.transcribe(
        np.ones(16_000, dtype=np.float32) * 0.1, prompt_terms=["gradient", "loss", "rate"]
    ).text
    assert "gradient" in text


def test_scripted_answers_are_used_in_order() -> None:
    import numpy as np

    services = fake_services(answers=["one", "two"])
    assert isinstance(services.transcriber, FakeTranscriber)
    audio = np.ones(16_000, dtype=np.float32) * 0.1
    assert [services.transcriber.transcribe(audio).text for _ in range(2)] == ["one", "two"]


@pytest.mark.parametrize(("value", "fake"), [("1", True), ("yes", True), ("0", False), ("", False)])
def test_env_switches_to_the_fakes(monkeypatch: pytest.MonkeyPatch, value: str, fake: bool) -> None:
    monkeypatch.setenv(FAKE_SPEECH_ENV, value)
    assert services_from_env(Settings()).fake is fake


def test_real_services_are_built_without_importing_torch_or_whisper() -> None:
    code = (
        "import sys\n"
        "from interviewer.services import real_services\n"
        "from interviewer.settings import Settings\n"
        "s = real_services(Settings(model='tiny.en', rate=150, pause_seconds=2.0))\n"
        "print(type(s.speaker).__name__, type(s.recorder).__name__,"
        " type(s.transcriber).__name__, s.transcriber.model_name, s.recorder.pause_s)\n"
        "print(sorted(m for m in ('torch', 'whisper') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] == "PyttsxSpeaker SoundDeviceRecorder WhisperTranscriber tiny.en 2.0"
    assert out[1] == "[]"
