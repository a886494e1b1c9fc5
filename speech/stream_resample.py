"""Resample audio that arrives in blocks, giving exactly what scipy's resample_poly would
give for the whole signal at once (no clicks at block edges).

Microphones that cannot open at 16 kHz are opened at their native rate (44.1/48 kHz) and
brought to 16 kHz here, block by block, while the answer is recorded.
"""

from __future__ import annotations

import math

import numpy as np

from speech.types import SAMPLE_RATE


class StreamResampler:
    """Polyphase resampling of a stream; `process` per block, `flush` once at the end.

    Output is held back by a few milliseconds (the filter's reach) until `flush`.
    """

    def __init__(self, from_rate: int, to_rate: int = SAMPLE_RATE) -> None:
        if from_rate <= 0 or to_rate <= 0:
            raise ValueError(f"sample rates must be positive, got {from_rate} -> {to_rate}")
        g = math.gcd(int(from_rate), int(to_rate))
        self.up, self.down = int(to_rate) // g, int(from_rate) // g
        # resample_poly's default filter reaches 10 * max(up, down) upsampled samples each
        # side; in input samples that is this many, rounded up to whole `down` steps so each
        # chunk starts on an input sample that maps to an exact output sample.
        reach = 10 * max(self.up, self.down) / self.up + 2
        self.pad = self.down * math.ceil(reach / self.down)
        self._buf = np.zeros(self.pad, dtype=np.float64)  # zeros before the start, as scipy
        self._consumed = 0  # input samples (from the start) whose outputs have been emitted
        self._total_in = 0
        self._total_out = 0

    @property
    def passthrough(self) -> bool:
        """True when the rates are equal and blocks pass through untouched."""
        return self.up == self.down

    def process(self, block: np.ndarray) -> np.ndarray:
        """Add a block of input; return the output samples now fully determined."""
        data = np.asarray(block, dtype=np.float32).reshape(-1)
        if self.passthrough:
            return data
        self._total_in += len(data)
        self._buf = np.concatenate([self._buf, data])
        return self._drain()

    def flush(self) -> np.ndarray:
        """End of stream: the remaining output (total length ceil(n * up / down))."""
        remaining = self._total_in - self._consumed
        if self.passthrough or remaining <= 0:
            return np.zeros(0, dtype=np.float32)
        # Zeros after the end, as scipy assumes, enough to complete the last step and reach.
        short = (-remaining) % self.down
        self._buf = np.concatenate([self._buf, np.zeros(short + self.pad)])
        before = self._total_out
        out = self._drain()
        wanted = math.ceil(self._total_in * self.up / self.down) - before
        return out[: max(0, wanted)]

    def _drain(self) -> np.ndarray:
        from scipy.signal import resample_poly

        # _buf holds input from (_consumed - pad) onwards.
        # Input past _consumed that has `pad` samples of context after it:
        usable = len(self._buf) - 2 * self.pad
        usable -= usable % self.down
        if usable <= 0:
            return np.zeros(0, dtype=np.float32)
        chunk = self._buf[: usable + 2 * self.pad]
        out = resample_poly(chunk, self.up, self.down)
        skip = self.pad * self.up // self.down
        out = out[skip : skip + usable * self.up // self.down].astype(np.float32)
        self._consumed += usable
        self._buf = self._buf[usable:]
        self._total_out += len(out)
        return out
