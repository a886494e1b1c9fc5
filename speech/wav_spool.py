"""A WAV file written as audio arrives, readable at any moment, even after `kill -9`.

The RIFF and data sizes in the header are rewritten after every block, and each block is
handed to the kernel before the header says it is there, so whatever is on disk is always a
valid WAV holding every sample written so far. fsync runs now and then so a power cut loses
at most a couple of seconds.
"""

from __future__ import annotations

import os
import struct
import time
from pathlib import Path
from typing import BinaryIO

import numpy as np

from speech.types import SAMPLE_RATE

_HEADER_BYTES = 44
_BYTES_PER_SAMPLE = 2  # 16-bit PCM: half the size of float32, and every player reads it
_FSYNC_EVERY_S = 2.0


def _header(n_data_bytes: int, sample_rate: int) -> bytes:
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + n_data_bytes,
        b"WAVE",
        b"fmt ",
        16,  # fmt chunk size
        1,  # PCM
        1,  # mono
        sample_rate,
        sample_rate * _BYTES_PER_SAMPLE,
        _BYTES_PER_SAMPLE,
        8 * _BYTES_PER_SAMPLE,
        b"data",
        n_data_bytes,
    )


def to_pcm16(audio: np.ndarray) -> bytes:
    """Float audio in -1..1 as little-endian 16-bit PCM (clipped; NaN becomes 0)."""
    data = np.nan_to_num(np.asarray(audio, dtype=np.float32).reshape(-1), nan=0.0)
    return (np.clip(data, -1.0, 1.0) * 32767.0).round().astype("<i2").tobytes()


class WavSpool:
    """Append-only mono 16-bit WAV whose header is kept true after every write."""

    def __init__(self, path: Path, *, sample_rate: int = SAMPLE_RATE) -> None:
        self.path = Path(path)
        self.sample_rate = sample_rate
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file: BinaryIO | None = open(self.path, "wb", buffering=0)  # noqa: SIM115
        self._data_bytes = 0
        self._last_sync = time.monotonic()
        self._file.write(_header(0, sample_rate))

    @property
    def samples_written(self) -> int:
        """How many samples the file holds."""
        return self._data_bytes // _BYTES_PER_SAMPLE

    def write(self, audio: np.ndarray) -> None:
        """Append float audio, then update the header to include it."""
        if self._file is None:
            raise ValueError(f"spool {self.path} is closed")
        payload = to_pcm16(audio)
        if not payload:
            return
        self._file.seek(_HEADER_BYTES + self._data_bytes)
        self._file.write(payload)
        self._data_bytes += len(payload)
        self._file.seek(0)
        self._file.write(_header(self._data_bytes, self.sample_rate))
        if time.monotonic() - self._last_sync >= _FSYNC_EVERY_S:
            self.sync()

    def sync(self) -> None:
        """Push everything written so far to the disk itself."""
        if self._file is not None:
            os.fsync(self._file.fileno())
            self._last_sync = time.monotonic()

    def close(self) -> None:
        """Sync and close; safe to call twice."""
        if self._file is None:
            return
        try:
            self.sync()
        finally:
            self._file.close()
            self._file = None

    def __enter__(self) -> WavSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def recover(path: Path) -> int:
    """Make a spool left by a crash readable, fixing header sizes to the data present.

    Returns the number of samples the file holds. Only spools written by WavSpool (44-byte
    header, 16-bit mono) are understood; anything else raises ValueError.
    """
    path = Path(path)
    with open(path, "r+b") as fh:
        head = fh.read(_HEADER_BYTES)
        if len(head) < _HEADER_BYTES or head[:4] != b"RIFF" or head[36:40] != b"data":
            raise ValueError(f"{path} is not a spool WAV")
        sample_rate = struct.unpack_from("<I", head, 24)[0]
        size = os.fstat(fh.fileno()).st_size - _HEADER_BYTES
        size -= size % _BYTES_PER_SAMPLE  # a torn last sample is dropped
        fh.truncate(_HEADER_BYTES + size)
        fh.seek(0)
        fh.write(_header(size, sample_rate))
    return size // _BYTES_PER_SAMPLE
