"""Cutting a live answer into utterances: pauses, the 30-second cap, the final flush, coverage."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speech.segmenter import Segmenter
from speech.types import SAMPLE_RATE, Utterance

FRAME = 512
FRAME_S = FRAME / SAMPLE_RATE


def _frames(pattern: list[tuple[bool, float]], *, seed: int = 0) -> tuple[np.ndarray, list[bool]]:
    """Audio and per-frame labels from (speech?, seconds) runs; speech is loud noise."""
    rng = np.random.default_rng(seed)
    labels: list[bool] = []
    for speech, seconds in pattern:
        labels += [speech] * max(1, round(seconds / FRAME_S))
    scale = np.repeat(np.where(labels, 0.3, 0.001), FRAME)
    audio = (scale * rng.standard_normal(len(labels) * FRAME)).astype(np.float32)
    return audio, labels


def _run(seg: Segmenter, audio: np.ndarray, labels: list[bool]) -> list[Utterance]:
    out: list[Utterance] = []
    for i, speech in enumerate(labels):
        out += seg.push(audio[i * FRAME : (i + 1) * FRAME], speech)
    return out + seg.flush()


def _check_slices(utterances: list[Utterance], audio: np.ndarray) -> None:
    for u in utterances:
        a, b = round(u.start * SAMPLE_RATE), round(u.end * SAMPLE_RATE)
        np.testing.assert_array_equal(u.audio, audio[a:b])


def test_one_utterance_is_emitted_at_the_pause_not_at_the_end() -> None:
    audio, labels = _frames([(False, 1.0), (True, 2.0), (False, 2.0)])
    seen: list[Utterance] = []
    seg = Segmenter(pause_s=0.7, on_utterance=seen.append)
    for i, speech in enumerate(labels):
        seg.push(audio[i * FRAME : (i + 1) * FRAME], speech)
        if i * FRAME_S < 3.0 + 0.7 - 2 * FRAME_S:
            assert not seen, f"emitted too early at {i * FRAME_S:.2f}s"
    assert len(seen) == 1, "the utterance should be out before the recording ends"
    assert seg.flush() == []
    (u,) = seen
    assert u.start == pytest.approx(1.0 - 0.3, abs=2 * FRAME_S)
    assert u.end == pytest.approx(3.0 + 0.3, abs=2 * FRAME_S)
    _check_slices(seen, audio)


@pytest.mark.parametrize(("gap_s", "expected"), [(0.3, 1), (0.6, 1), (0.9, 2), (2.0, 2)])
def test_only_pauses_longer_than_pause_s_split(gap_s: float, expected: int) -> None:
    audio, labels = _frames([(True, 1.5), (False, gap_s), (True, 1.5), (False, 1.0)])
    utterances = _run(Segmenter(pause_s=0.7), audio, labels)
    assert len(utterances) == expected
    _check_slices(utterances, audio)


@pytest.mark.parametrize(
    ("breath_at_s", "cut"), [(3.0, False), (9.0, True)], ids=["short-utterance", "long-utterance"]
)
def test_a_breath_cuts_only_an_utterance_already_longer_than_soft_max(
    breath_at_s: float, cut: bool
) -> None:
    audio, labels = _frames([(True, breath_at_s), (False, 0.4), (True, 2.0), (False, 1.0)])
    seg = Segmenter(pause_s=0.7, soft_max_s=8.0, short_pause_s=0.3)
    utterances = _run(seg, audio, labels)
    assert len(utterances) == (2 if cut else 1)
    if cut:
        assert utterances[0].end == pytest.approx(breath_at_s + 0.3, abs=2 * FRAME_S)
    _check_slices(utterances, audio)


def test_pre_roll_never_reaches_into_the_previous_utterance() -> None:
    audio, labels = _frames([(True, 1.0), (False, 0.75), (True, 1.0), (False, 1.0)])
    first, second = _run(Segmenter(pause_s=0.7, preroll_s=0.3, tail_s=0.3), audio, labels)
    assert first.end <= second.start


def test_final_partial_utterance_is_flushed_with_the_leftover_tail() -> None:
    audio, labels = _frames([(False, 0.5), (True, 2.0)])
    seg = Segmenter()
    out: list[Utterance] = []
    for i, speech in enumerate(labels):
        out += seg.push(audio[i * FRAME : (i + 1) * FRAME], speech)
    assert out == []
    tail = np.full(100, 0.2, dtype=np.float32)
    (last,) = seg.flush(tail)
    assert last.end == pytest.approx((len(audio) + 100) / SAMPLE_RATE)
    np.testing.assert_array_equal(last.audio[-100:], tail)


def test_silence_only_gives_nothing() -> None:
    audio, labels = _frames([(False, 5.0)])
    assert _run(Segmenter(), audio, labels) == []


def test_nonstop_speech_is_cut_into_pieces_of_at_most_30_s() -> None:
    audio, labels = _frames([(True, 75.0)])
    utterances = _run(Segmenter(max_s=30.0), audio, labels)
    assert len(utterances) == 3
    assert all(u.end - u.start <= 30.0 + 1e-9 for u in utterances)
    assert [u.end for u in utterances[:-1]] == [u.start for u in utterances[1:]]  # no gap
    _check_slices(utterances, audio)


def test_cap_cuts_at_the_quietest_moment_near_30_s() -> None:
    audio, labels = _frames([(True, 40.0)])
    dip = round(27.0 * SAMPLE_RATE)
    audio[dip : dip + 3 * FRAME] *= 0.01  # a breath still labelled speech
    first = _run(Segmenter(max_s=30.0, search_s=5.0), audio, labels)[0]
    assert 27.0 - FRAME_S <= first.end <= 27.0 + 3 * FRAME_S


def test_cap_prefers_a_non_speech_frame_over_a_quiet_speech_frame() -> None:
    audio, labels = _frames([(True, 26.0), (False, 0.2), (True, 14.0)])
    first = _run(Segmenter(pause_s=0.7, max_s=30.0), audio, labels)[0]
    assert 26.0 - FRAME_S <= first.end <= 26.2 + FRAME_S


@pytest.mark.parametrize("kwargs", [{"max_s": 0.5}, {"pause_s": 0.0}])
def test_nonsense_settings_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Segmenter(**kwargs)


@settings(max_examples=40, deadline=None)
@given(
    runs=st.lists(
        st.tuples(st.booleans(), st.floats(min_value=0.03, max_value=12.0)), min_size=1, max_size=12
    ),
    pause_s=st.sampled_from([0.5, 0.7, 1.0]),
    max_s=st.sampled_from([5.0, 10.0, 30.0]),
)
def test_utterances_cover_all_speech_in_order_within_the_cap(
    runs: list[tuple[bool, float]], pause_s: float, max_s: float
) -> None:
    audio, labels = _frames(runs)
    seen: list[Utterance] = []
    seg = Segmenter(pause_s=pause_s, max_s=max_s, on_utterance=seen.append)
    returned = _run(seg, audio, labels)
    assert returned == seen
    _check_slices(returned, audio)
    for a, b in itertools.pairwise(returned):
        assert a.end <= b.start
    for u in returned:
        assert 0 < u.end - u.start <= max_s + 1e-9
    spans = [(round(u.start * SAMPLE_RATE), round(u.end * SAMPLE_RATE)) for u in returned]
    for i, speech in enumerate(labels):
        if speech:
            lo, hi = i * FRAME, (i + 1) * FRAME
            assert any(a <= lo and hi <= b for a, b in spans), f"speech frame {i} not covered"
