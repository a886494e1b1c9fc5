"""LiveTranscriber: in-order background transcription of utterances, merged into one answer."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import pytest

from speech.errors import ModelUnavailable
from speech.fakes import FakeTranscriber, synthetic_speech
from speech.live import LiveTranscriber
from speech.types import SAMPLE_RATE, Transcript, Utterance


def _utt(start: float, seconds: float, *, silent: bool = False) -> Utterance:
    n = round(seconds * SAMPLE_RATE)
    audio = np.zeros(n, dtype=np.float32) if silent else synthetic_speech(seconds)
    return Utterance(audio=audio, start=start, end=start + seconds)


def test_utterances_are_transcribed_in_order_with_their_offsets() -> None:
    fake = FakeTranscriber(["first part", "second part", "third part"], model_name="tiny-fake")
    updates: list[Transcript] = []
    live = LiveTranscriber(fake, prompt_terms=("ReLU", "LSTM"), on_update=updates.append)
    for u in (_utt(0.5, 2.0), _utt(3.5, 1.0), _utt(6.0, 3.0)):
        live.submit(u)
    result = live.finish(duration_s=12.0)
    assert result.text == "first part second part third part"
    assert result.no_speech is False
    assert result.model == "tiny-fake"
    assert result.duration_s == 12.0
    assert [s.start for s in result.segments] == [0.5, 3.5, 6.0]
    assert result.words[0].start == 0.5
    assert result.words[-1].end == pytest.approx(9.0)
    assert [c[1] for c in fake.calls] == [("ReLU", "LSTM")] * 3
    assert [c[0] for c in fake.calls] == pytest.approx([2.0, 1.0, 3.0])
    assert [u.text for u in updates] == [
        "first part",
        "first part second part",
        "first part second part third part",
    ]
    assert updates[-1].duration_s == pytest.approx(9.0)
    assert live.pending_s == 0.0


def test_submit_returns_while_the_transcriber_is_busy() -> None:
    release = threading.Event()
    started = threading.Event()

    def slow(audio: np.ndarray, terms: Sequence[str]) -> str:
        started.set()
        assert release.wait(10)
        return "words"

    live = LiveTranscriber(FakeTranscriber(handler=slow))
    live.submit(_utt(0.0, 1.0))
    assert started.wait(10)
    live.submit(_utt(2.0, 2.0))  # must not block behind the first transcription
    assert live.pending_s == pytest.approx(3.0)
    release.set()
    assert live.finish(5.0).text == "words words"


def test_silent_utterances_leave_no_text_and_all_silent_means_no_speech() -> None:
    live = LiveTranscriber(FakeTranscriber(default="hello"))
    live.submit(_utt(0.0, 1.0, silent=True))
    live.submit(_utt(2.0, 1.0, silent=True))
    result = live.finish(4.0)
    assert result.no_speech is True
    assert result.text == ""
    assert result.segments == ()


def test_some_silent_utterances_do_not_make_the_answer_silent() -> None:
    live = LiveTranscriber(FakeTranscriber(default="hello"))
    live.submit(_utt(0.0, 1.0, silent=True))
    live.submit(_utt(2.0, 1.0))
    result = live.finish(4.0)
    assert result.no_speech is False
    assert result.text == "hello"


def test_nothing_submitted_is_the_empty_transcript() -> None:
    result = LiveTranscriber(FakeTranscriber(model_name="m")).finish(3.0)
    assert result == Transcript.empty("m", 3.0)


def test_transcriber_error_comes_out_of_finish_unchanged() -> None:
    error = ModelUnavailable("model base.en is not downloaded (use --model PATH)")
    calls: list[int] = []

    def failing(audio: np.ndarray, terms: Sequence[str]) -> str:
        calls.append(1)
        raise error

    live = LiveTranscriber(FakeTranscriber(handler=failing))
    live.submit(_utt(0.0, 1.0))
    live.submit(_utt(2.0, 1.0))
    with pytest.raises(ModelUnavailable) as excinfo:
        live.finish(3.0)
    assert excinfo.value is error
    assert calls == [1], "after a failure the rest is not attempted"


def test_cancel_drops_waiting_work_and_submit_after_finish_is_refused() -> None:
    release = threading.Event()
    started = threading.Event()
    seen: list[float] = []

    def blocking(audio: np.ndarray, terms: Sequence[str]) -> str:
        seen.append(len(audio) / SAMPLE_RATE)
        started.set()
        assert release.wait(10)
        return "words"

    live = LiveTranscriber(FakeTranscriber(handler=blocking))
    live.submit(_utt(0.0, 1.0))
    assert started.wait(10)
    live.submit(_utt(2.0, 2.0))
    live.cancel()
    release.set()
    assert live.finish(4.0).no_speech is True
    assert seen == [1.0]
    with pytest.raises(RuntimeError):
        live.submit(_utt(5.0, 1.0))


def test_submissions_from_several_threads_are_all_transcribed() -> None:
    live = LiveTranscriber(FakeTranscriber(default="w"))
    threads = [
        threading.Thread(target=lambda i=i: live.submit(_utt(float(i), 0.5))) for i in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = live.finish(9.0)
    assert result.text == " ".join(["w"] * 8)
    assert sorted(s.start for s in result.segments) == [float(i) for i in range(8)]
