"""Real audio for tests: a PulseAudio null sink that PortAudio records from, and espeak speech.

Use in a test module with `from tests.virtual_audio import virtual_audio  # noqa: F401` and
mark tests with `@pytest.mark.usefixtures("virtual_audio")` (taking it as an argument
instead also works, but ruff then reports the import as redefined, F811). CI installs
pulseaudio, espeak-ng and libportaudio2; when they are missing the tests fail with a message
saying so, they never skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from speech.types import SAMPLE_RATE

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "virtual-audio.sh"
SINK = "interviewer_test_sink"
_ENV_KEYS = ("XDG_RUNTIME_DIR", "PULSE_SERVER", "PULSE_SINK", "PULSE_SOURCE")


@dataclass(frozen=True)
class VirtualAudio:
    """A running virtual sound card: play into `sink`, record from `source`."""

    sink: str
    source: str
    rundir: Path


def _reinit_portaudio() -> None:
    """PortAudio enumerates devices once at initialisation; make it see the new server."""
    sd = sys.modules.get("sounddevice")
    if sd is not None:
        sd._terminate()
        sd._initialize()


def _script(command: str, rundir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VA_RUNDIR": str(rundir), "VA_SINK": SINK}
    return subprocess.run(
        ["bash", str(SCRIPT), command], env=env, capture_output=True, text=True, timeout=30
    )


@pytest.fixture(scope="session")
def virtual_audio() -> Iterator[VirtualAudio]:
    """Start a private PulseAudio null sink for the whole test session, and stop it after."""
    missing = [t for t in ("pulseaudio", "pactl") if shutil.which(t) is None]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not installed: the audio tests need the real audio stack "
            "(apt-get install pulseaudio pulseaudio-utils libasound2-plugins libportaudio2)",
            pytrace=False,
        )
    # A short path: the daemon's unix socket path must fit in 108 bytes.
    rundir = Path(tempfile.mkdtemp(prefix="ia-pulse-"))
    started = _script("start", rundir)
    if started.returncode != 0:
        pytest.fail(f"virtual audio did not start:\n{started.stderr}", pytrace=False)
    saved = {k: os.environ.get(k) for k in _ENV_KEYS}
    for line in started.stdout.splitlines():
        key, _, value = line.removeprefix("export ").partition("=")
        if key in _ENV_KEYS:
            os.environ[key] = value.strip("'")
    _reinit_portaudio()
    try:
        yield VirtualAudio(sink=SINK, source=f"{SINK}.monitor", rundir=rundir)
    finally:
        _script("stop", rundir)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        _reinit_portaudio()
        shutil.rmtree(rundir, ignore_errors=True)


@cache
def espeak_speech(text: str, *, words_per_minute: int = 170) -> np.ndarray:
    """Real synthetic speech from espeak-ng, as 16 kHz mono float32 (cached per text)."""
    import soundfile
    from scipy.signal import resample_poly

    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng not installed (apt-get install espeak-ng)", pytrace=False)
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "speech.wav"
        subprocess.run(
            ["espeak-ng", "-s", str(words_per_minute), "-w", str(wav), text],
            check=True,
            capture_output=True,
            timeout=30,
        )
        audio, rate = soundfile.read(str(wav), dtype="float32", always_2d=True)
    mono = audio.mean(axis=1)
    if rate != SAMPLE_RATE:
        mono = resample_poly(mono, SAMPLE_RATE, rate)
    mono = mono.astype(np.float32)
    mono.setflags(write=False)  # shared by the cache
    return mono


def silence(seconds: float) -> np.ndarray:
    """Digital silence of the given length at 16 kHz."""
    return np.zeros(round(seconds * SAMPLE_RATE), dtype=np.float32)
