"""Block-by-block resampling equals resampling the whole signal at once."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import resample_poly

from speech.stream_resample import StreamResampler
from speech.types import SAMPLE_RATE


@pytest.mark.parametrize("rate", [44_100, 48_000, 22_050, 11_025, 8_000, 32_000])
@pytest.mark.parametrize("seed", [0, 1])
def test_streamed_output_equals_whole_signal_output(rate: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    signal = (0.3 * rng.standard_normal(round(rate * 1.37))).astype(np.float32)
    resampler = StreamResampler(rate)
    out, i = [], 0
    while i < len(signal):
        n = int(rng.integers(1, 3000))
        out.append(resampler.process(signal[i : i + n]))
        i += n
    out.append(resampler.flush())
    g = np.gcd(rate, SAMPLE_RATE)
    expected = resample_poly(signal.astype(np.float64), SAMPLE_RATE // g, rate // g)
    np.testing.assert_allclose(np.concatenate(out), expected, atol=1e-6)


def test_same_rate_passes_blocks_through() -> None:
    resampler = StreamResampler(SAMPLE_RATE)
    block = np.arange(10, dtype=np.float32)
    assert resampler.passthrough
    np.testing.assert_array_equal(resampler.process(block), block)
    assert len(resampler.flush()) == 0


def test_flush_without_input_is_empty() -> None:
    assert len(StreamResampler(44_100).flush()) == 0


@pytest.mark.parametrize("rate", [0, -16_000])
def test_nonsense_rates_are_refused(rate: int) -> None:
    with pytest.raises(ValueError):
        StreamResampler(rate)
