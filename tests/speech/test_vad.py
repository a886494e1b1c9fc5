"""silero-vad wrapper: real model, real (espeak) speech, and the inputs that must not crash it."""

from __future__ import annotations

import numpy as np
import pytest

from speech import vad
from speech.types import SAMPLE_RATE
from tests.virtual_audio import espeak_speech, silence

SENTENCE = "Gradient descent moves the weights against the gradient of the loss."


def _noise(seconds: float, scale: float = 0.1) -> np.ndarray:
    rng = np.random.default_rng(1)
    return (scale * rng.standard_normal(round(seconds * SAMPLE_RATE))).astype(np.float32)


@pytest.mark.parametrize(
    "audio",
    [
        pytest.param(silence(2.0), id="silence"),
        pytest.param(_noise(2.0), id="white-noise"),
        pytest.param(np.full(16_000, np.nan, dtype=np.float32), id="nan"),
        pytest.param(np.full(16_000, np.inf, dtype=np.float32), id="inf"),
        pytest.param(np.zeros(0, dtype=np.float32), id="empty"),
        pytest.param(np.zeros(100, dtype=np.float32), id="shorter-than-a-frame"),
    ],
)
def test_no_speech_found_in(audio: np.ndarray) -> None:
    assert vad.speech_regions(audio) == ()
    assert vad.has_speech(audio) is False


def test_speech_is_found_where_it_is() -> None:
    speech = espeak_speech(SENTENCE)
    audio = np.concatenate([silence(1.0), speech, silence(1.0)])
    regions = vad.speech_regions(audio)
    assert regions, "no speech found in espeak speech"
    assert vad.has_speech(audio)
    speech_end = 1.0 + len(speech) / SAMPLE_RATE
    assert regions[0].start == pytest.approx(1.0, abs=0.25)
    assert regions[-1].end == pytest.approx(speech_end, abs=0.4)
    covered = sum(r.end - r.start for r in regions)
    assert covered > 0.7 * len(speech) / SAMPLE_RATE


def test_two_sentences_apart_give_two_regions() -> None:
    speech = espeak_speech(SENTENCE)
    audio = np.concatenate([speech, silence(1.5), speech])
    regions = vad.speech_regions(audio)
    gap_start = len(speech) / SAMPLE_RATE
    assert any(r.end <= gap_start + 0.3 for r in regions)
    assert any(r.start >= gap_start + 1.2 for r in regions)


def test_stereo_is_downmixed_and_accepted() -> None:
    speech = espeak_speech(SENTENCE)
    stereo = np.stack([speech, speech], axis=1)
    assert vad.has_speech(stereo)


def test_stream_agrees_with_whole_clip_in_odd_block_sizes() -> None:
    audio = np.concatenate([silence(0.5), espeak_speech(SENTENCE), silence(0.5)])
    stream = vad.VadStream()
    for start in range(0, len(audio), 1234):
        stream.feed(audio[start : start + 1234])
    whole = vad.speech_probabilities(audio)
    n = len(stream.probabilities)
    assert n == len(audio) // vad.FRAME
    np.testing.assert_allclose(stream.probabilities, whole[:n], atol=1e-4)
    assert stream.regions(len(audio)) == vad.speech_regions(audio)


def test_stream_tracks_speech_state() -> None:
    stream = vad.VadStream()
    stream.feed(silence(0.5))
    assert not stream.in_speech
    stream.feed(espeak_speech("Hello there, this is speech")[: SAMPLE_RATE // 2])
    seen_speech = stream.in_speech or max(stream.probabilities) >= vad.THRESHOLD
    stream.feed(silence(1.0))
    assert seen_speech
    assert not stream.in_speech


def test_a_nan_frame_counts_as_silence_and_does_not_poison_the_stream() -> None:
    stream = vad.VadStream()
    prob = stream.feed_frame(np.full(vad.FRAME, np.nan, dtype=np.float32))
    assert prob == 0.0
    stream.feed(espeak_speech(SENTENCE))
    assert max(stream.probabilities) >= vad.THRESHOLD


def test_stream_rejects_wrong_frame_size() -> None:
    with pytest.raises(ValueError, match="512"):
        vad.VadStream().feed_frame(np.zeros(100, dtype=np.float32))


def test_reset_forgets_everything() -> None:
    stream = vad.VadStream()
    stream.feed(espeak_speech(SENTENCE))
    stream.reset()
    assert stream.probabilities == []
    assert stream.samples_seen == 0
    assert not stream.in_speech
