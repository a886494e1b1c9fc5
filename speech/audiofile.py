"""Read an audio file as 16 kHz mono float32, the form Whisper and the VAD take.

WAV, FLAC and OGG through soundfile (libsndfile), any sample rate, any channel count. The
file is read in blocks, downmixed and resampled block by block into one preallocated
float32 array, so an hour-long 48 kHz stereo file never exists in memory as float64.

A WAV whose header is stale (the recorder's crash-spool file: header written at the start,
data appended, the process killed before the sizes were updated) is read up to the end of
its data rather than refused.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO, Any

import numpy as np

from speech.errors import AudioFileError
from speech.stream_resample import StreamResampler

SUPPORTED = "WAV, FLAC or OGG"
BLOCK_FRAMES = 1 << 16


def load_audio(path: Path, *, block_frames: int = BLOCK_FRAMES) -> np.ndarray:
    """The whole file as 16 kHz mono float32; NaN/inf samples become silence (0).

    Raises AudioFileError (one line naming the file) when it is missing, a folder, empty,
    holds no samples, or is not audio soundfile can decode.
    """
    path = Path(path)
    _check_file(path)
    source = _open_source(path)
    try:
        audio = _decode(path, source or str(path), block_frames)
    finally:
        if source is not None:
            source.close()
    if len(audio) == 0:
        raise AudioFileError(f"{path} holds no audio (0 samples)")
    return audio


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise AudioFileError(f"{path} is a folder, not an audio file")
    if not path.exists():
        raise AudioFileError(f"no such audio file: {path}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise AudioFileError(f"cannot read {path}: {_strerror(exc)}") from None
    if size == 0:
        raise AudioFileError(f"{path} is empty (0 bytes)")


def _strerror(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _open_source(path: Path) -> IO[bytes] | None:
    """The file seen through a corrected header when its WAV sizes are stale, else None
    (libsndfile then opens the path itself, which is faster than reading through Python)."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise AudioFileError(f"cannot read {path}: {_strerror(exc)}") from None
    try:
        header = _repaired_wav_header(raw, path.stat().st_size)
    except OSError as exc:
        raw.close()
        raise AudioFileError(f"cannot read {path}: {_strerror(exc)}") from None
    if header is None:
        raw.close()
        return None
    raw.seek(0)
    return _HeaderOverlay(raw, header)


def _decode(path: Path, source: IO[bytes] | str, block_frames: int) -> np.ndarray:
    import soundfile

    try:
        sound = soundfile.SoundFile(source)
    except (soundfile.LibsndfileError, RuntimeError, TypeError) as exc:
        reason = getattr(exc, "error_string", None) or str(exc)
        raise AudioFileError(
            f"cannot read {path}: not a {SUPPORTED} file, or corrupt ({reason.rstrip('.')})"
        ) from None
    with sound:
        if sound.frames == 0:
            raise AudioFileError(f"{path} holds no audio (0 samples)")
        resampler = StreamResampler(sound.samplerate)
        out = _Output(-(-sound.frames * resampler.up // resampler.down))
        try:
            for block in sound.blocks(block_frames, dtype="float32", always_2d=True):
                mono = block.mean(axis=1, dtype=np.float32) if block.shape[1] > 1 else block[:, 0]
                out.append(resampler.process(_finite(mono)))
        except (soundfile.LibsndfileError, RuntimeError) as exc:
            # A corrupt stretch mid-file: keep what decoded before it, refuse only if nothing did.
            if out.filled == 0:
                raise AudioFileError(f"cannot read {path}: corrupt audio data ({exc})") from None
        out.append(resampler.flush())
        return out.result()


def _finite(block: np.ndarray) -> np.ndarray:
    """NaN/inf samples as silence: one NaN would smear across the resampling filter."""
    if not np.all(np.isfinite(block)):
        block = np.nan_to_num(block, nan=0.0, posinf=0.0, neginf=0.0)
    return block


class _Output:
    """A preallocated float32 array filled block by block (grown only if the count was low)."""

    def __init__(self, expected: int) -> None:
        self._buf = np.empty(max(expected, 0), dtype=np.float32)
        self.filled = 0

    def append(self, block: np.ndarray) -> None:
        end = self.filled + len(block)
        if end > len(self._buf):
            self._buf.resize(max(end, len(self._buf) * 5 // 4), refcheck=False)
        self._buf[self.filled : end] = block
        self.filled = end

    def result(self) -> np.ndarray:
        if self.filled != len(self._buf):
            self._buf.resize(self.filled, refcheck=False)  # in place: no second copy
        return self._buf


# --- stale WAV headers -------------------------------------------------------------------


def _repaired_wav_header(fh: IO[bytes], file_size: int) -> bytes | None:
    """For a RIFF/WAVE file whose data size is wrong, the header bytes with the sizes fixed.

    None when the file is not WAV or its sizes are consistent (libsndfile reads it as is).
    """
    head = fh.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    pos, block_align = 12, 1
    while pos + 8 <= file_size:
        fh.seek(pos)
        chunk = fh.read(8)
        cid, size = chunk[:4], int.from_bytes(chunk[4:8], "little")
        start = pos + 8
        if cid == b"fmt " and size >= 16:
            fmt = fh.read(16)
            block_align = max(1, int.from_bytes(fmt[12:14], "little"))
        if cid == b"data":
            available = file_size - start
            end = start + size + (size & 1)
            if 0 < size <= available and (end >= file_size or _chunk_at(fh, end, file_size)):
                return None
            actual = available - available % block_align
            fh.seek(0)
            header = bytearray(fh.read(start))
            header[4:8] = (start + actual - 8).to_bytes(4, "little")
            header[pos + 4 : pos + 8] = actual.to_bytes(4, "little")
            return bytes(header)
        pos = start + size + (size & 1)
    return None


def _chunk_at(fh: IO[bytes], pos: int, file_size: int) -> bool:
    """Whether a plausible RIFF chunk (printable id, size within the file) starts at `pos`."""
    fh.seek(pos)
    chunk = fh.read(8)
    if len(chunk) < 8 or not all(0x20 <= b <= 0x7E for b in chunk[:4]):
        return False
    return pos + 8 + int.from_bytes(chunk[4:8], "little") <= file_size


class _HeaderOverlay(io.RawIOBase):
    """A read-only view of a file whose first bytes are replaced by a corrected header."""

    def __init__(self, raw: IO[bytes], header: bytes) -> None:
        super().__init__()
        self._raw = raw
        self._header = header

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def readinto(self, buffer: Any) -> int:
        pos = self._raw.tell()
        n = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        if n and pos < len(self._header):
            patch = self._header[pos : pos + n]
            memoryview(buffer).cast("B")[: len(patch)] = patch
        return n or 0

    def close(self) -> None:
        self._raw.close()
        super().close()
