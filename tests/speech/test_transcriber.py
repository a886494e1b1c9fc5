"""WhisperTranscriber through the real whisper.load_model on a tiny random-weight checkpoint.

Random weights produce nonsense words, so these tests check everything except the words
themselves: that Whisper runs (or is not run), segments and word timings, offsets, the
prompt and options it is given, the no-speech gate and the hallucination filter.
"""

from __future__ import annotations

import subprocess
import threading
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile
import torch
import whisper
from whisper.model import Whisper

from speech.fakes import synthetic_speech
from speech.hallucinations import is_hallucination
from speech.interfaces import Transcriber
from speech.pipeline import transcribe_file
from speech.transcriber import WORD_TIMESTAMPS_DEFAULT, WhisperTranscriber, to_transcript
from speech.types import SAMPLE_RATE, Transcript
from tests.virtual_audio import espeak_speech, silence
from tests.whisper_fixture import TEST_SAMPLE_LEN

pytestmark = [pytest.mark.whisper, pytest.mark.usefixtures("one_torch_thread")]

SENTENCE = "The ReLU activation outputs zero for negative inputs."


@pytest.fixture(scope="module")
def transcriber(tiny_whisper_checkpoint: Path) -> WhisperTranscriber:
    """A loaded transcriber with the default options, shared by the module."""
    t = WhisperTranscriber(model=str(tiny_whisper_checkpoint), sample_len=TEST_SAMPLE_LEN)
    t.load()
    return t


@pytest.fixture(scope="module")
def segments_only(tiny_whisper_checkpoint: Path) -> WhisperTranscriber:
    """Without word timings, for tests that do not look at words: random weights make
    whisper re-seek after every window's last word, which multiplies the windows decoded."""
    t = WhisperTranscriber(
        model=str(tiny_whisper_checkpoint), sample_len=TEST_SAMPLE_LEN, word_timestamps=False
    )
    t.load()
    return t


class Spy:
    """Records the keyword arguments of every Whisper.transcribe call (which still runs)."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    """Every model.transcribe call in the test goes through a Spy."""
    s = Spy()
    real = Whisper.transcribe

    def recording(model: Whisper, audio: Any, **kwargs: Any) -> dict[str, Any]:
        s.calls.append(kwargs)
        return real(model, audio, **kwargs)

    monkeypatch.setattr(Whisper, "transcribe", recording)
    return s


def _assert_well_timed(result: Transcript, start: float, end: float) -> None:
    """Segments and words lie within [start, end], each start <= end, in order."""
    last = start
    for seg in result.segments:
        assert start <= seg.start <= seg.end <= end
        assert seg.start >= last
        last = seg.start
        word_last = seg.start
        for word in seg.words:
            assert start <= word.start <= word.end <= end
            assert word.start >= word_last
            word_last = word.start


def test_espeak_file_end_to_end(
    transcriber: WhisperTranscriber, tmp_path: Path, spy: Spy
) -> None:
    wav = tmp_path / "answer.wav"  # espeak writes 22.05 kHz: the file is resampled on load
    subprocess.run(["espeak-ng", "-w", str(wav), SENTENCE], check=True, capture_output=True)
    torch.manual_seed(0)
    result = transcribe_file(wav, model="unused", transcriber=transcriber)
    assert len(spy.calls) == 1
    assert not result.no_speech
    assert result.segments
    assert result.text == " ".join(s.text for s in result.segments)
    assert result.model == transcriber.model_name
    info = soundfile.info(str(wav))
    assert result.duration_s == pytest.approx(info.frames / info.samplerate, abs=1e-3)
    assert result.words, "word timestamps are on by default"
    _assert_well_timed(result, 0.0, result.duration_s)


def test_synthetic_speech_is_transcribed(transcriber: WhisperTranscriber, spy: Spy) -> None:
    audio = synthetic_speech(3.0)
    torch.manual_seed(0)
    result = transcriber.transcribe(audio)
    assert len(spy.calls) == 1
    assert result.segments and not result.no_speech
    assert result.duration_s == pytest.approx(3.0)
    _assert_well_timed(result, 0.0, 3.0)


def test_offset_shifts_every_time(transcriber: WhisperTranscriber) -> None:
    audio = np.concatenate([silence(0.5), espeak_speech(SENTENCE)])
    torch.manual_seed(1)  # whisper samples at its fallback temperatures
    plain = transcriber.transcribe(audio)
    torch.manual_seed(1)
    shifted = transcriber.transcribe(audio, offset_s=42.5)
    assert plain.text == shifted.text and plain.segments
    assert len(plain.words) == len(shifted.words) > 0
    for a, b in zip(plain.segments, shifted.segments, strict=True):
        assert (b.start, b.end) == pytest.approx((a.start + 42.5, a.end + 42.5))
    for a, b in zip(plain.words, shifted.words, strict=True):
        assert (b.start, b.end) == pytest.approx((a.start + 42.5, a.end + 42.5))
    _assert_well_timed(shifted, 42.5, 42.5 + shifted.duration_s)
    assert shifted.duration_s == plain.duration_s  # the clip's own length, not shifted


def test_word_timestamps_can_be_turned_off(segments_only: WhisperTranscriber) -> None:
    result = segments_only.transcribe(synthetic_speech(2.0))
    assert result.segments and result.words == ()


def _noise(seconds: float, scale: float) -> np.ndarray:
    rng = np.random.default_rng(7)
    return (scale * rng.standard_normal(round(seconds * SAMPLE_RATE))).astype(np.float32)


@pytest.mark.parametrize(
    ("audio", "seconds"),
    [
        pytest.param(silence(2.0), 2.0, id="silence"),
        pytest.param(_noise(2.0, 0.1), 2.0, id="white-noise"),
        pytest.param(_noise(2.0, 0.6), 2.0, id="loud-noise"),
        pytest.param(np.full(16_000, np.nan, dtype=np.float32), 1.0, id="all-nan"),
        pytest.param(np.full(16_000, np.inf, dtype=np.float32), 1.0, id="all-inf"),
        pytest.param(np.zeros(0, dtype=np.float32), 0.0, id="empty"),
        pytest.param(np.zeros(10, dtype=np.float32), 10 / SAMPLE_RATE, id="ten-samples"),
    ],
)
def test_no_speech_means_whisper_never_runs(
    tiny_whisper_checkpoint: Path, spy: Spy, audio: np.ndarray, seconds: float
) -> None:
    t = WhisperTranscriber(model=str(tiny_whisper_checkpoint), sample_len=TEST_SAMPLE_LEN)
    result = t.transcribe(audio)
    assert result == Transcript.empty(str(tiny_whisper_checkpoint), seconds)
    assert spy.calls == []
    assert not t.loaded, "no speech needs no model"


def test_nan_inside_speech_is_silence_not_a_crash(
    segments_only: WhisperTranscriber, spy: Spy
) -> None:
    audio = synthetic_speech(2.0).copy()
    audio[8000:8100] = np.nan
    audio[9000] = np.inf
    result = segments_only.transcribe(audio)
    assert len(spy.calls) == 1 and result.segments
    _assert_well_timed(result, 0.0, 2.0)


def test_stereo_array_is_downmixed(segments_only: WhisperTranscriber, spy: Spy) -> None:
    mono = synthetic_speech(2.0)
    result = segments_only.transcribe(np.stack([mono, mono], axis=1))
    assert result.duration_s == pytest.approx(2.0) and result.segments


def test_whisper_options_and_prompt(segments_only: WhisperTranscriber, spy: Spy) -> None:
    terms = ["ReLU", "LSTM", "relu", "k-means"]
    segments_only.transcribe(synthetic_speech(1.5), prompt_terms=terms)
    segments_only.transcribe(synthetic_speech(1.5))
    with_terms, without = spy.calls
    assert with_terms["initial_prompt"] == "ReLU, LSTM, k-means."
    assert with_terms["carry_initial_prompt"] is True  # every window, not just the first
    assert without["initial_prompt"] is None
    for options in (with_terms, without):
        assert options["language"] == "en"
        assert options["fp16"] is False
        assert options["verbose"] is None
        assert options["condition_on_previous_text"] is False
        assert options["word_timestamps"] is False
        assert options["sample_len"] == TEST_SAMPLE_LEN
        # whisper's own thresholds stay in force: none is overridden
        for kept in ("no_speech_threshold", "logprob_threshold", "compression_ratio_threshold"):
            assert kept not in options
    assert WhisperTranscriber().options()["word_timestamps"] is WORD_TIMESTAMPS_DEFAULT


def test_nothing_reaches_the_terminal(
    tiny_whisper_checkpoint: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    t = WhisperTranscriber(model=str(tiny_whisper_checkpoint), sample_len=TEST_SAMPLE_LEN)
    capfd.readouterr()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t.load()
        t.transcribe(synthetic_speech(1.5))
    assert caught == []
    assert capfd.readouterr() == ("", "")


def test_satisfies_the_transcriber_interface() -> None:
    t = WhisperTranscriber()
    assert isinstance(t, Transcriber)
    assert t.model_name == "base.en" and not t.loaded  # nothing loads (or downloads) yet


def test_loads_once_across_threads(
    tiny_whisper_checkpoint: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[str] = []
    real = whisper.load_model

    def counting(name: str, **kwargs: Any) -> Whisper:
        loads.append(name)
        return real(name, **kwargs)

    monkeypatch.setattr(whisper, "load_model", counting)
    t = WhisperTranscriber(model=str(tiny_whisper_checkpoint), word_timestamps=False)
    assert not t.loaded
    threads = [threading.Thread(target=t.load) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    t.load()
    assert loads == [str(tiny_whisper_checkpoint)]
    assert t.loaded and t.model_name == str(tiny_whisper_checkpoint)


def test_encoder_output_is_reused_within_a_window(
    transcriber: WhisperTranscriber, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Word alignment and fallback temperatures re-encode the same window; that is skipped."""
    model = transcriber._model
    assert model is not None
    runs = []
    inner = model.encoder.forward.forward  # the memo's wrapped forward
    monkeypatch.setattr(model.encoder.forward, "forward", lambda x: runs.append(1) or inner(x))
    decodes = []
    real_decode = Whisper.decode

    def counting_decode(m: Whisper, *args: Any, **kwargs: Any) -> Any:
        decodes.append(1)
        return real_decode(m, *args, **kwargs)

    monkeypatch.setattr(Whisper, "decode", counting_decode)
    transcriber.transcribe(synthetic_speech(2.0))
    assert len(decodes) > len(runs) >= 1


# --- whisper's dict -> Transcript, and the hallucination filter ---------------------------


def _result(*texts: str) -> dict[str, Any]:
    segments = [
        {"text": t, "start": i * 2.0, "end": i * 2.0 + 1.5, "words": []}
        for i, t in enumerate(texts)
    ]
    return {"text": "".join(texts), "segments": segments, "language": "en"}


@pytest.mark.parametrize(
    ("segments", "kept"),
    [
        ((" Thank you for watching!",), ()),
        ((" ReLU is cheap.", " Thanks for watching."), ("ReLU is cheap.",)),
        ((" you", " An LSTM has gates.", " Bye."), ("An LSTM has gates.",)),
        ((" Please subscribe.", " [Music]", " ♪"), ()),
        ((" You you you.",), ()),
        ((" Thank you for watching the loss fall.",), ("Thank you for watching the loss fall.",)),
        ((" I want to thank you for that.",), ("I want to thank you for that.",)),
        ((" You can use k-means here.",), ("You can use k-means here.",)),
        ((" Subscribe to the idea.", " Bye bye."), ("Subscribe to the idea.",)),
    ],
)
def test_hallucinations_dropped_only_as_whole_segments(
    segments: tuple[str, ...], kept: tuple[str, ...]
) -> None:
    result = to_transcript(_result(*segments), model="m", duration_s=10.0)
    assert tuple(s.text for s in result.segments) == kept
    assert result.text == " ".join(kept)
    assert result.no_speech is (not kept)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thank you for watching.", True),
        ("THANKS FOR WATCHING!", True),
        ("Don’t forget to subscribe", True),
        ("Bye-bye.", True),
        ("...", True),
        ("", True),
        ("thank you for watching closely how the loss drops", False),
        ("you need a validation set", False),
        ("ReLU", False),
    ],
)
def test_is_hallucination(text: str, expected: bool) -> None:
    assert is_hallucination(text) is expected


@pytest.mark.parametrize(
    ("segment", "prompt", "dropped"),
    [
        (" ReLU, LSTM, k-means.", "ReLU, LSTM, k-means.", True),
        (" relu lstm k means", "ReLU, LSTM, k-means.", True),
        (" ReLU, LSTM.", "ReLU, LSTM.", False),  # two terms: could be a real answer
        (" ReLU, LSTM.", "ReLU, LSTM, k-means.", False),
        (" ReLU, LSTM, k-means.", None, False),
    ],
)
def test_prompt_read_back_is_dropped(segment: str, prompt: str | None, dropped: bool) -> None:
    result = to_transcript(_result(segment), model="m", duration_s=5.0, prompt=prompt)
    assert result.no_speech is dropped


def test_conversion_clamps_and_orders_times() -> None:
    raw = {
        "segments": [
            {
                "text": " first",
                "start": -0.5,
                "end": 1.0,
                "words": [{"word": " first", "start": -0.2, "end": 0.9, "probability": 0.5}],
            },
            {
                "text": " second",
                "start": 0.8,
                "end": 99.0,
                "words": [
                    {"word": " second", "start": 1.2, "end": 1.1, "probability": None},
                    {"word": " ", "start": 1.5, "end": 1.6},
                ],
            },
            {"text": " third", "start": 0.2, "end": float("nan")},
        ]
    }
    result = to_transcript(raw, model="m", duration_s=5.0, offset_s=10.0)
    times = [(s.start, s.end) for s in result.segments]
    assert times == pytest.approx([(10.0, 11.0), (10.8, 15.0), (10.8, 10.8)])
    first, second = result.words
    assert (first.start, first.end) == pytest.approx((10.0, 10.9))
    assert first.probability == 0.5
    assert (second.start, second.end) == pytest.approx((11.2, 11.2))
    assert second.probability is None
    assert result.text == "first second third"
