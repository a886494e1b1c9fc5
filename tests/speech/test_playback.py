"""SoundDevicePlayer through real PortAudio into a PulseAudio null sink."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from speech.errors import AudioDeviceError
from speech.playback import SoundDevicePlayer, mono_float32, resample
from tests.speech.monitor import best_alignment, monitor
from tests.virtual_audio import espeak_speech, virtual_audio  # noqa: F401

real_audio = pytest.mark.usefixtures("virtual_audio")

RATE = 16_000


@real_audio
def test_played_speech_reaches_the_device_intact() -> None:
    clip = espeak_speech("Explain gradient descent.")
    with monitor(RATE) as capture:
        finished = SoundDevicePlayer().play(clip, RATE)
    assert finished is True
    lag, correlation = best_alignment(capture.audio, clip)
    assert correlation > 0.9, f"recorded audio does not match what was played (r={correlation})"
    heard = capture.audio[lag : lag + len(clip)]
    assert np.sqrt(np.mean(heard**2)) == pytest.approx(np.sqrt(np.mean(clip**2)), rel=0.2)


@real_audio
@pytest.mark.timeout(30)
def test_stop_interrupts_a_long_clip() -> None:
    player = SoundDevicePlayer()
    clip = np.tile(espeak_speech("Explain gradient descent."), 40)  # about a minute
    threading.Timer(0.3, player.stop).start()
    assert player.play(clip, RATE) is False


@real_audio
def test_stop_when_idle_does_not_block_the_next_play() -> None:
    player = SoundDevicePlayer()
    player.stop()
    assert player.play(np.zeros(800, dtype=np.float32), RATE) is True


def test_empty_clip_finishes_without_opening_a_device() -> None:
    assert SoundDevicePlayer(device="no such device").play(np.zeros(0), RATE) is True


@pytest.mark.parametrize(
    ("device", "fragment"),
    [("no such speaker", "'no such speaker'"), ("97", "index 97")],
)
@real_audio
def test_unknown_device_is_a_one_line_error(device: str, fragment: str) -> None:
    with pytest.raises(AudioDeviceError) as caught:
        SoundDevicePlayer(device=device).play(np.zeros(800, dtype=np.float32), RATE)
    message = str(caught.value)
    assert fragment in message
    assert "interviewer devices" in message
    assert "\n" not in message


@pytest.mark.parametrize(("rate", "target"), [(22_050, 48_000), (16_000, 44_100), (48_000, 16_000)])
def test_resample_keeps_length_and_pitch(rate: int, target: int) -> None:
    t = np.arange(rate) / rate
    tone = np.sin(2 * np.pi * 440 * t).astype(np.float32)
    out = resample(tone, rate, target)
    assert out.dtype == np.float32
    assert len(out) == target
    spectrum = np.abs(np.fft.rfft(out))
    peak_hz = np.argmax(spectrum) * target / len(out)
    assert peak_hz == pytest.approx(440, abs=2)


@pytest.mark.parametrize(
    ("audio", "expected"),
    [
        (np.array([0.5, -0.5]), [0.5, -0.5]),
        (np.array([[0.2, 0.4], [1.0, 0.0]]), [0.3, 0.5]),
        (np.array([np.nan, 0.25]), [0.0, 0.25]),
    ],
)
def test_audio_becomes_mono_float32(audio: np.ndarray, expected: list[float]) -> None:
    mono = mono_float32(audio)
    assert mono.dtype == np.float32
    np.testing.assert_allclose(mono, expected, rtol=1e-6)
