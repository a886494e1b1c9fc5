"""The answer spool: a WAV that is valid at every moment, including after kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import soundfile

from speech.types import SAMPLE_RATE
from speech.wav_spool import WavSpool, recover, to_pcm16

PCM_STEP = 2 / 32767  # 16-bit rounding, plus soundfile reading back with 1/32768


def _tone(n: int, start: int = 0) -> np.ndarray:
    t = (np.arange(n) + start) / SAMPLE_RATE
    return (0.5 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def test_blocks_written_read_back_as_one_wav(tmp_path: Path) -> None:
    path = tmp_path / "answer.wav"
    blocks = [_tone(800, i * 800) for i in range(10)]
    with WavSpool(path) as spool:
        for b in blocks:
            spool.write(b)
        assert spool.samples_written == 8000
    audio, rate = soundfile.read(str(path), dtype="float32")
    assert rate == SAMPLE_RATE
    np.testing.assert_allclose(audio, np.concatenate(blocks), atol=PCM_STEP)


def test_file_is_valid_while_still_open(tmp_path: Path) -> None:
    path = tmp_path / "answer.wav"
    spool = WavSpool(path)
    try:
        spool.write(_tone(1600))
        info = soundfile.info(str(path))
        assert info.frames == 1600
        spool.write(_tone(400))
        assert soundfile.info(str(path)).frames == 2000
    finally:
        spool.close()


def test_empty_spool_is_a_valid_empty_wav(tmp_path: Path) -> None:
    path = tmp_path / "empty.wav"
    WavSpool(path).close()
    assert soundfile.info(str(path)).frames == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.0, 0), (1.0, 32767), (-1.0, -32767), (2.5, 32767), (-7.0, -32767), (np.nan, 0)],
)
def test_pcm_conversion_clips_and_cleans(value: float, expected: int) -> None:
    pcm = np.frombuffer(to_pcm16(np.array([value], dtype=np.float32)), dtype="<i2")
    assert pcm.tolist() == [expected]


def test_writing_after_close_is_an_error(tmp_path: Path) -> None:
    spool = WavSpool(tmp_path / "a.wav")
    spool.close()
    spool.close()  # twice is fine
    with pytest.raises(ValueError, match="closed"):
        spool.write(_tone(10))


def test_recover_fixes_a_header_that_lags_the_data(tmp_path: Path) -> None:
    path = tmp_path / "torn.wav"
    with WavSpool(path) as spool:
        spool.write(_tone(1000))
    with open(path, "ab") as fh:  # data appended but the header never updated, plus half a sample
        fh.write(to_pcm16(_tone(500, 1000)) + b"\x01")
    assert recover(path) == 1500
    audio, _ = soundfile.read(str(path), dtype="float32")
    np.testing.assert_allclose(audio, _tone(1500), atol=PCM_STEP)


def test_recover_refuses_other_files(tmp_path: Path) -> None:
    path = tmp_path / "notes.wav"
    path.write_text("not audio at all, just a text file with a .wav name\n")
    with pytest.raises(ValueError, match="not a spool"):
        recover(path)


_WRITER = textwrap.dedent(
    """
    import sys, time
    import numpy as np
    from speech.wav_spool import WavSpool
    spool = WavSpool(sys.argv[1])
    i = 0
    while True:
        t = (np.arange(800) + i * 800) / 16000
        spool.write((0.5 * np.sin(2 * np.pi * 220 * t)).astype(np.float32))
        i += 1
        print(i, flush=True)
        time.sleep(0.005)
    """
)


def test_kill_9_mid_write_loses_nothing_already_written(tmp_path: Path) -> None:
    path = tmp_path / "crash.wav"
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        reported = 0
        while reported < 40:
            line = proc.stdout.readline()
            assert line, "writer exited early"
            reported = int(line)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    audio, rate = soundfile.read(str(path), dtype="float32")
    assert rate == SAMPLE_RATE
    assert len(audio) >= reported * 800
    assert len(audio) % 800 == 0
    np.testing.assert_allclose(audio, _tone(len(audio)), atol=PCM_STEP)
