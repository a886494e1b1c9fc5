"""SoundDeviceRecorder through real PortAudio (a PulseAudio null sink), plus simulated failures.

Speech is played into the virtual sink with its own output stream while the recorder captures
the sink's monitor, so the whole real path runs: PortAudio, the callback thread, the VAD and
the spool. Device failures that cannot be caused on demand use ArrayInput, which drives the
same recorder code through the stream callback protocol.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import numpy as np
import pytest
import soundfile
from scipy.signal import correlate, resample_poly

from speech.errors import AudioDeviceError
from speech.input_streams import ArrayInput
from speech.recorder import SoundDeviceRecorder
from speech.types import SAMPLE_RATE, AudioLevel, Recording, StopReason, Utterance
from tests.virtual_audio import espeak_speech, silence, virtual_audio  # noqa: F401

real_audio = pytest.mark.usefixtures("virtual_audio")

SPEECH = "A convolutional network shares its weights across positions in the image."
PCM_STEP = 2 / 32767  # 16-bit rounding, plus soundfile reading back with 1/32768


def best_correlation(recorded: np.ndarray, source: np.ndarray) -> float:
    """Normalised cross-correlation of `source` with the best-aligned part of `recorded`."""
    if len(recorded) < len(source):
        recorded = np.concatenate([recorded, np.zeros(len(source) - len(recorded))])
    c = correlate(recorded.astype(np.float64), source.astype(np.float64), "valid", method="fft")
    lag = int(np.argmax(np.abs(c)))
    part = recorded[lag : lag + len(source)].astype(np.float64)
    denom = np.linalg.norm(part) * np.linalg.norm(source)
    return float(abs(c[lag]) / denom) if denom else 0.0


def _record_while_playing(
    recorder: SoundDeviceRecorder, audio: np.ndarray | None, **kwargs: object
) -> tuple[Recording, list[AudioLevel], list[Utterance]]:
    """Record on a thread; once the stream delivers, play `audio` into the sink."""
    import sounddevice as sd

    levels: list[AudioLevel] = []
    utterances: list[Utterance] = []
    flowing = threading.Event()
    result: list[Recording | BaseException] = []

    def on_level(level: AudioLevel) -> None:
        levels.append(level)
        flowing.set()

    def run() -> None:
        try:
            result.append(
                recorder.record(on_level=on_level, on_utterance=utterances.append, **kwargs)
            )
        except BaseException as exc:
            result.append(exc)
            flowing.set()

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    assert flowing.wait(20), "the input stream never delivered audio"
    if audio is not None and not result:
        sd.play(audio, SAMPLE_RATE, blocking=True)
    worker.join(30)
    assert not worker.is_alive(), "recording did not end"
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0], levels, utterances


@real_audio
def test_played_speech_is_captured_and_the_pause_ends_the_answer(tmp_path: Path) -> None:
    source = espeak_speech(SPEECH)
    spool = tmp_path / "answer.wav"
    recorder = SoundDeviceRecorder(pause_s=1.0, max_s=30.0)
    rec, levels, utterances = _record_while_playing(recorder, source, spool_path=spool)

    assert rec.stop_reason is StopReason.PAUSE
    assert rec.warning is None
    assert rec.path == spool
    assert best_correlation(rec.audio, source) > 0.8
    assert rec.regions, "VAD found no speech in the recording"
    speech_s = sum(r.end - r.start for r in rec.regions)
    assert speech_s > 0.6 * len(source) / SAMPLE_RATE
    # Ended by the pause: a little over pause_s of silence after the last speech.
    assert 0.9 <= rec.duration_s - rec.regions[-1].end <= 3.0
    assert max(lv.peak for lv in levels) > 0.1
    assert min(lv.rms for lv in levels) < 0.01
    assert utterances
    for region in rec.regions:
        inside = [u for u in utterances if u.start <= region.start + 0.05]
        assert any(region.end - 0.05 <= u.end for u in inside)
    on_disk, rate = soundfile.read(str(spool), dtype="float32")
    assert rate == SAMPLE_RATE
    np.testing.assert_allclose(on_disk, rec.audio, atol=PCM_STEP)


@real_audio
def test_stop_ends_the_recording_with_key() -> None:
    recorder = SoundDeviceRecorder(pause_s=1.0, max_s=30.0)
    levels: list[AudioLevel] = []

    def stop_after_a_few_blocks(level: AudioLevel) -> None:
        levels.append(level)
        if len(levels) == 5:
            threading.Thread(target=recorder.stop).start()

    rec = recorder.record(on_level=stop_after_a_few_blocks)
    assert rec.stop_reason is StopReason.KEY
    assert rec.warning is None
    assert rec.duration_s >= 5 * 0.05 - 1e-6


@real_audio
def test_silence_never_ends_the_answer_but_the_length_limit_does() -> None:
    recorder = SoundDeviceRecorder(pause_s=0.5, max_s=1.5)
    rec = recorder.record()
    assert rec.stop_reason is StopReason.MAX_LENGTH
    assert rec.duration_s == pytest.approx(1.5)
    assert rec.warning is not None and "1.5-second limit" in rec.warning
    assert rec.regions == ()


@real_audio
@pytest.mark.parametrize("device", ["no-such-microphone-xyz", "4242"])
def test_unknown_device_is_a_one_line_error(device: str) -> None:
    with pytest.raises(AudioDeviceError) as excinfo:
        SoundDeviceRecorder(device=device).record()
    assert "\n" not in str(excinfo.value)


@real_audio
def test_device_chosen_by_name_records() -> None:
    source = espeak_speech(SPEECH)
    recorder = SoundDeviceRecorder(device="pulse", pause_s=1.0, max_s=30.0)
    rec, _, _ = _record_while_playing(recorder, source)
    assert rec.stop_reason is StopReason.PAUSE
    assert best_correlation(rec.audio, source) > 0.8


def test_no_sound_server_means_no_microphone(tmp_path: Path) -> None:
    code = textwrap.dedent(
        """
        from speech.errors import AudioDeviceError
        from speech.recorder import SoundDeviceRecorder
        try:
            SoundDeviceRecorder().record()
        except AudioDeviceError as exc:
            print("ERROR:", exc)
        """
    )
    env = {**os.environ, "PULSE_SERVER": f"unix:{tmp_path}/nothing-here"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert "ERROR: no microphone found" in out.stdout
    assert "typed mode" in out.stdout


# --- failures and rates that cannot be produced on demand: ArrayInput drives the same code ---


def test_device_vanishing_mid_answer_keeps_the_audio(tmp_path: Path) -> None:
    source = np.concatenate([silence(0.3), espeak_speech(SPEECH)])
    spool = tmp_path / "answer.wav"
    factory = ArrayInput(source, speed=4.0, stall_after_s=2.0)
    recorder = SoundDeviceRecorder(pause_s=3.0, stream_factory=factory, stall_s=0.3)
    utterances: list[Utterance] = []
    rec = recorder.record(spool_path=spool, on_utterance=utterances.append)
    assert rec.stop_reason is StopReason.DEVICE_ERROR
    assert rec.warning is not None and "stopped sending audio" in rec.warning
    assert rec.duration_s == pytest.approx(2.0, abs=0.06)
    np.testing.assert_allclose(rec.audio, source[: len(rec.audio)], atol=1e-6)
    assert utterances, "the speech so far was not flushed for transcription"
    assert utterances[-1].end == pytest.approx(rec.duration_s, abs=0.35)
    on_disk, _ = soundfile.read(str(spool), dtype="float32")
    np.testing.assert_allclose(on_disk, rec.audio, atol=PCM_STEP)


# At 100 times real time blocks queue up behind the one that ends the take; they must follow
# it without a gap (the block that ended it was once dropped, and the answer skipped).
@pytest.mark.parametrize("speed", [8.0, 100.0])
def test_persistent_error_flags_end_with_device_error(speed: float) -> None:
    source = espeak_speech(SPEECH)
    factory = ArrayInput(source, speed=speed, flags_after_s=1.0)
    rec = SoundDeviceRecorder(pause_s=3.0, stream_factory=factory).record()
    assert rec.stop_reason is StopReason.DEVICE_ERROR
    assert rec.warning is not None and "input overflow" in rec.warning
    # Ends one second into the flags; blocks already queued behind it are kept too.
    assert rec.duration_s >= 1.95
    # The pretend microphone sends silence after the clip, as a real one would.
    sent = np.concatenate([source, np.zeros(max(0, len(rec.audio) - len(source)))])
    np.testing.assert_allclose(rec.audio, sent[: len(rec.audio)], atol=1e-6)


def test_a_microphone_that_never_delivers_is_an_error() -> None:
    factory = ArrayInput(silence(1.0), stall_after_s=0.0)
    recorder = SoundDeviceRecorder(stream_factory=factory, start_timeout_s=0.3)
    with pytest.raises(AudioDeviceError, match="sent no audio"):
        recorder.record()


@pytest.mark.parametrize("rate", [44_100, 48_000, 8_000])
def test_native_rate_devices_are_resampled_to_16k(rate: int) -> None:
    clip = np.concatenate([silence(0.3), espeak_speech(SPEECH)])
    g = np.gcd(rate, SAMPLE_RATE)
    at_rate = resample_poly(clip, rate // g, SAMPLE_RATE // g).astype(np.float32)
    factory = ArrayInput(at_rate, rate=rate, speed=10.0)
    rec = SoundDeviceRecorder(pause_s=1.0, stream_factory=factory).record()
    assert rec.stop_reason is StopReason.PAUSE
    expected = resample_poly(at_rate, SAMPLE_RATE // g, rate // g)
    n = min(len(expected), len(rec.audio))
    np.testing.assert_allclose(rec.audio[:n], expected[:n], atol=1e-5)
    assert best_correlation(rec.audio, clip) > (0.95 if rate > SAMPLE_RATE else 0.6)


_CRASHING = textwrap.dedent(
    """
    import sys
    import numpy as np
    from speech.input_streams import ArrayInput
    from speech.recorder import SoundDeviceRecorder
    from tests.virtual_audio import espeak_speech
    source = np.tile(espeak_speech(sys.argv[2]), 5)
    blocks = [0]
    def on_level(level):
        blocks[0] += 1
        print(blocks[0], flush=True)
    factory = ArrayInput(source, speed=2.0)
    SoundDeviceRecorder(pause_s=3.0, stream_factory=factory).record(
        spool_path=__import__("pathlib").Path(sys.argv[1]), on_level=on_level
    )
    """
)


def test_kill_9_mid_answer_keeps_everything_already_spooled(tmp_path: Path) -> None:
    spool = tmp_path / "answer.wav"
    proc = subprocess.Popen(
        [sys.executable, "-c", _CRASHING, str(spool), SPEECH],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert proc.stdout is not None
        reported = 0
        while reported < 30:
            line = proc.stdout.readline()
            assert line, "the recording process died on its own"
            reported = int(line)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    on_disk, rate = soundfile.read(str(spool), dtype="float32")
    assert rate == SAMPLE_RATE
    block = round(0.05 * SAMPLE_RATE)
    assert len(on_disk) >= (reported - 1) * block
    source = np.tile(espeak_speech(SPEECH), 5)
    np.testing.assert_allclose(on_disk, source[: len(on_disk)], atol=PCM_STEP)
