"""load_audio: any rate and channel count to 16 kHz mono float32, bad files as one line,
stale WAV headers recovered, bounded memory on an hour-long file."""

from __future__ import annotations

import math
import shutil
import subprocess
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
import soundfile
from scipy.signal import resample_poly

from speech.audiofile import load_audio
from speech.errors import AudioFileError
from speech.types import SAMPLE_RATE

REPO = Path(__file__).resolve().parents[2]


def _tone(rate: int, seconds: float, freq: float = 440.0) -> np.ndarray:
    t = np.arange(round(rate * seconds)) / rate
    return (0.5 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def _peak_hz(audio: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(audio))
    return float(np.argmax(spectrum) * SAMPLE_RATE / len(audio))


def _one_line_error(path: Path) -> str:
    with pytest.raises(AudioFileError) as exc:
        load_audio(path)
    message = str(exc.value)
    assert message and "\n" not in message
    assert str(path) in message
    return message


@pytest.mark.parametrize(
    ("rate", "channels", "fmt", "subtype"),
    [
        (8_000, 2, "WAV", "PCM_16"),
        (8_000, 1, "WAV", "PCM_16"),
        (11_025, 1, "WAV", "PCM_U8"),
        (16_000, 1, "WAV", "FLOAT"),
        (22_050, 1, "FLAC", "PCM_16"),
        (44_100, 2, "WAV", "PCM_24"),
        (48_000, 2, "FLAC", "PCM_24"),
        (48_000, 6, "WAV", "PCM_32"),
        (32_000, 1, "OGG", "VORBIS"),
    ],
)
def test_any_rate_and_channels_become_16k_mono(
    tmp_path: Path, rate: int, channels: int, fmt: str, subtype: str
) -> None:
    seconds = 1.5
    tone = _tone(rate, seconds)
    frames = np.repeat(tone[:, None], channels, axis=1)
    path = tmp_path / f"tone.{fmt.lower()}"
    soundfile.write(str(path), frames, rate, format=fmt, subtype=subtype)
    audio = load_audio(path)
    assert audio.dtype == np.float32 and audio.ndim == 1
    if fmt != "OGG":  # lossy Vorbis may pad the last frame
        assert len(audio) == math.ceil(len(tone) * SAMPLE_RATE / rate)
    assert len(audio) / SAMPLE_RATE == pytest.approx(seconds, abs=0.03)
    assert _peak_hz(audio) == pytest.approx(440.0, abs=2.0)
    assert np.max(np.abs(audio)) == pytest.approx(0.5, abs=0.05)


def test_8k_stereo_matches_resampling_the_whole_downmix(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    left = (0.3 * rng.standard_normal(8_000 * 3)).astype(np.float32)
    right = _tone(8_000, 3.0, 300.0)
    path = tmp_path / "stereo8k.wav"
    soundfile.write(str(path), np.stack([left, right], axis=1), 8_000, subtype="FLOAT")
    audio = load_audio(path, block_frames=1000)  # many blocks: the joins must not show
    expected = resample_poly((left.astype(np.float64) + right) / 2, 2, 1)
    assert len(audio) == 2 * len(left)
    np.testing.assert_allclose(audio, expected, atol=1e-5)


def test_espeak_speech_file(tmp_path: Path) -> None:
    wav = tmp_path / "espeak.wav"
    subprocess.run(["espeak-ng", "-w", str(wav), "Backpropagation computes gradients."],
                   check=True, capture_output=True)
    info = soundfile.info(str(wav))
    audio = load_audio(wav)
    assert len(audio) == math.ceil(info.frames * SAMPLE_RATE / info.samplerate)
    assert np.sqrt(np.mean(audio**2)) > 0.01


def test_shipped_samples_load() -> None:
    samples = sorted((REPO / "samples").glob("*.*"))
    audio_files = [p for p in samples if p.suffix in (".wav", ".flac", ".ogg")]
    assert audio_files, "samples/ holds example recordings"
    for path in audio_files:
        assert len(load_audio(path)) > SAMPLE_RATE // 2, path


def test_nan_and_inf_samples_become_silence(tmp_path: Path) -> None:
    tone = _tone(16_000, 1.0)
    tone[1000:1200] = np.nan
    tone[5000] = np.inf
    tone[6000] = -np.inf
    path = tmp_path / "nan.wav"
    soundfile.write(str(path), tone, 16_000, subtype="FLOAT")
    audio = load_audio(path)
    assert np.all(np.isfinite(audio))
    assert np.all(audio[1000:1200] == 0) and audio[5000] == 0 and audio[6000] == 0
    np.testing.assert_array_equal(audio[:1000], tone[:1000])


def test_all_nan_file_is_silence(tmp_path: Path) -> None:
    path = tmp_path / "allnan.wav"
    soundfile.write(str(path), np.full(8_000, np.nan, dtype=np.float32), 8_000, subtype="FLOAT")
    audio = load_audio(path)
    assert len(audio) == 16_000 and not np.any(audio)


# --- bad files: one line naming the file ------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert "no such audio file" in _one_line_error(tmp_path / "nope.wav")


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "answers.wav"
    folder.mkdir()
    assert "folder" in _one_line_error(folder)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.wav"
    empty.touch()
    assert "empty (0 bytes)" in _one_line_error(empty)


@pytest.mark.parametrize("subtype", ["PCM_16", "FLOAT"])
def test_zero_length_audio(tmp_path: Path, subtype: str) -> None:
    """A valid WAV header with no samples (libsndfile writes an empty FLAC as 0 bytes)."""
    path = tmp_path / "zero.wav"
    soundfile.write(str(path), np.zeros(0, dtype=np.float32), 16_000, subtype=subtype)
    assert "no audio (0 samples)" in _one_line_error(path)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"just some notes, not a recording\n" * 20, id="text"),
        pytest.param(bytes(range(256)) * 8, id="binary-garbage"),
        pytest.param(b"RIFF\x24\x00\x00\x00WAVEfmt ", id="header-cut-short"),
        pytest.param(b"RIFF\x24\x00\x00\x00WAVEjunk\x04\x00\x00\x00abcd", id="no-fmt-no-data"),
        pytest.param(b"fLaC" + b"\x00" * 100, id="broken-flac"),
    ],
)
def test_not_audio(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "answer.wav"
    path.write_bytes(content)
    assert "not a WAV, FLAC or OGG file, or corrupt" in _one_line_error(path)


def test_corrupt_fmt_chunk(tmp_path: Path) -> None:
    path = tmp_path / "badfmt.wav"
    soundfile.write(str(path), _tone(16_000, 0.5), 16_000, subtype="PCM_16")
    data = bytearray(path.read_bytes())
    data[20:22] = (77).to_bytes(2, "little")  # an unknown sample format
    data[34:36] = (0).to_bytes(2, "little")  # zero bits per sample
    path.write_bytes(bytes(data))
    _one_line_error(path)


# --- stale or wrong WAV headers: keep what was recorded -----------------------------------


def _pcm16_wav(path: Path, seconds: float = 2.0) -> tuple[bytes, np.ndarray]:
    tone = _tone(16_000, seconds)
    soundfile.write(str(path), tone, 16_000, subtype="PCM_16")
    return path.read_bytes(), tone


def _set_sizes(data: bytes, riff: int, chunk: int) -> bytes:
    out = bytearray(data)
    assert out[36:40] == b"data"
    out[4:8] = riff.to_bytes(4, "little")
    out[40:44] = chunk.to_bytes(4, "little")
    return bytes(out)


@pytest.mark.parametrize(
    ("riff", "chunk"),
    [
        pytest.param(36, 0, id="sizes-never-written"),  # the crash-spool case
        pytest.param(8, 0, id="riff-size-placeholder"),
        pytest.param(0xFFFFFFFF, 0xFFFFFFFF, id="streaming-max-sizes"),
        pytest.param(36 + 3200, 3200, id="stale-after-first-block"),
    ],
)
def test_stale_header_recovers_all_samples(tmp_path: Path, riff: int, chunk: int) -> None:
    path = tmp_path / "spool.wav"
    data, tone = _pcm16_wav(path)
    path.write_bytes(_set_sizes(data, riff, chunk))
    audio = load_audio(path)
    assert len(audio) == len(tone)
    np.testing.assert_allclose(audio, tone, atol=1e-4)


def test_truncated_data_keeps_what_is_there(tmp_path: Path) -> None:
    path = tmp_path / "cut.wav"
    data, tone = _pcm16_wav(path)
    path.write_bytes(data[: 44 + 2 * 10_000 + 1])  # ends halfway through a sample
    audio = load_audio(path)
    assert len(audio) == 10_000
    np.testing.assert_allclose(audio, tone[:10_000], atol=1e-4)


def test_crash_spool_from_the_fake_recorder(tmp_path: Path) -> None:
    """A spool file copied while still being written (header not yet finalised)."""
    from speech.fakes import synthetic_speech

    spool = tmp_path / "spool.wav"
    copy = tmp_path / "recovered.wav"
    speech = synthetic_speech(1.0)
    with soundfile.SoundFile(str(spool), "w", samplerate=16_000, channels=1,
                             subtype="PCM_16") as writer:
        writer.write(speech)
        writer.flush()
        shutil.copy(spool, copy)  # what a crash would leave
    audio = load_audio(copy)
    assert len(audio) == len(speech)


def test_trailing_chunk_after_data_is_not_read_as_audio(tmp_path: Path) -> None:
    path = tmp_path / "tagged.wav"
    data, tone = _pcm16_wav(path, 1.0)
    trailer = b"LIST" + (12).to_bytes(4, "little") + b"INFOISFT\x00\x00\x00\x00"
    riff_size = len(data) + len(trailer) - 8
    path.write_bytes(_set_sizes(data, riff_size, len(tone) * 2) + trailer)
    audio = load_audio(path)
    assert len(audio) == len(tone)


# --- an hour-long file -------------------------------------------------------------------


def test_hour_long_file_in_bounded_memory(tmp_path: Path) -> None:
    """1 h of 8 kHz int16 (57.6 MB on disk) -> 16 kHz float32 (230 MB): the result itself
    plus a few blocks, never float64 or stereo copies of the whole file."""
    path = tmp_path / "hour.wav"
    rate, minute = 8_000, 8_000 * 60
    rng = np.random.default_rng(0)
    with soundfile.SoundFile(str(path), "w", samplerate=rate, channels=1,
                             subtype="PCM_16") as out:
        for _ in range(60):
            out.write((rng.standard_normal(minute) * 2000).astype(np.int16))
    tracemalloc.start()
    try:
        audio = load_audio(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(audio) == 3600 * SAMPLE_RATE
    assert audio.dtype == np.float32
    # Whole-file decoding would peak near 700 MB (float64 in + float64 out).
    assert peak < audio.nbytes + 32 * 2**20, f"peak {peak / 2**20:.0f} MiB"
