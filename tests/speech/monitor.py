"""Record what the virtual sound card plays: an InputStream on the null sink's monitor.

A separate input stream (not sounddevice's full-duplex playrec, which records silence over
the ALSA-to-PulseAudio plugin) runs while the code under test plays into the sink.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from speech.devices import load_sounddevice


class Capture:
    """Audio captured from the default input (the sink's monitor) while the block ran."""

    def __init__(self) -> None:
        self._blocks: list[np.ndarray] = []
        self._lock = threading.Lock()

    def add(self, block: np.ndarray) -> None:
        """Keep one block (called from the audio thread)."""
        with self._lock:
            self._blocks.append(block[:, 0].copy())

    @property
    def audio(self) -> np.ndarray:
        """Everything captured so far, mono float32."""
        with self._lock:
            blocks = list(self._blocks)
        return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)


@contextmanager
def monitor(sample_rate: int, tail_s: float = 0.3) -> Iterator[Capture]:
    """Record the default input at `sample_rate`; keeps recording `tail_s` after the block."""
    sd = load_sounddevice()
    capture = Capture()
    stream = sd.InputStream(
        samplerate=sample_rate,
        channels=1,
        dtype="float32",
        callback=lambda indata, _frames, _time, _status: capture.add(indata),
    )
    stream.start()
    try:
        yield capture
        threading.Event().wait(tail_s)
    finally:
        stream.stop()
        stream.close()


def best_alignment(recorded: np.ndarray, played: np.ndarray) -> tuple[int, float]:
    """The offset of `played` inside `recorded` and the correlation coefficient there."""
    from scipy.signal import correlate

    if len(recorded) < len(played):
        return 0, 0.0
    scores = correlate(recorded, played, mode="valid", method="fft")
    lag = int(np.argmax(np.abs(scores)))
    segment = recorded[lag : lag + len(played)]
    if not np.any(segment) or not np.any(played):
        return lag, 0.0
    return lag, float(np.corrcoef(segment, played)[0, 1])
