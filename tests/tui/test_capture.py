"""The blocking answer capture the question screen runs on a worker thread, without the UI."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import soundfile

from interviewer.tui.capture import (
    Capture,
    Throttle,
    VoiceAnswer,
    load_audio,
    record_voice_answer,
)
from speech.errors import AudioDeviceError, AudioFileError
from speech.fakes import FakeRecorder, FakeTranscriber
from speech.interfaces import Recorder, Transcriber
from speech.types import AudioLevel, Recording, StopReason


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_throttle_lets_through_at_most_the_rate() -> None:
    clock = Clock()
    throttle = Throttle(10.0, clock)
    passed = []
    for step in range(100):  # one call per 10 ms for a second
        clock.now = step * 0.01
        passed.append(throttle.ready())
    assert sum(passed) == 10
    assert passed[0] is True


def _record(
    recorder: Recorder, transcriber: Transcriber, capture: Capture, tmp_path: Path
) -> tuple[VoiceAnswer | None, list[AudioLevel], list[str], list[Recording]]:
    levels: list[AudioLevel] = []
    partials: list[str] = []
    stopped: list[Recording] = []
    answer = record_voice_answer(
        recorder, transcriber, capture,
        spool_path=tmp_path / "attempt-01.wav", terms=["gradient"],
        on_level=levels.append, on_partial=partials.append, on_stopped=stopped.append,
    )
    return answer, levels, partials, stopped


def test_records_transcribes_and_reports_progress(tmp_path: Path) -> None:
    transcriber = FakeTranscriber(["the gradient of the loss"])
    recorder = FakeRecorder(speech_s=2.0, pause_s=0.5)
    answer, levels, partials, stopped = _record(recorder, transcriber, Capture(), tmp_path)
    assert answer is not None and answer.error is None
    assert answer.transcript is not None
    assert answer.transcript.text == "the gradient of the loss"
    assert partials == ["the gradient of the loss"]  # the live transcript, as it grew
    assert len(stopped) == 1 and stopped[0].stop_reason is StopReason.PAUSE
    assert levels, "the meter got levels"
    assert transcriber.calls[0][1] == ("gradient",)  # prompt terms reached the transcriber
    assert (tmp_path / "attempt-01.wav").stat().st_size > 44


def test_stop_requested_before_recording_starts_is_not_lost(tmp_path: Path) -> None:
    # The fake (like the real recorder) clears its stop flag when record() begins, so a
    # stop() that lands first would be forgotten; Capture re-applies it per audio block.
    recorder = FakeRecorder(speech_s=0.5, wait_for_stop=True, realtime=0.1)
    capture = Capture()
    capture.stop(recorder)
    answer, *_ = _record(recorder, FakeTranscriber(["done"]), capture, tmp_path)
    assert answer is not None
    assert answer.recording.stop_reason is StopReason.KEY


def test_a_discarded_recording_is_not_transcribed(tmp_path: Path) -> None:
    recorder = FakeRecorder(speech_s=0.5, wait_for_stop=True, realtime=0.1)
    transcriber = FakeTranscriber(["never"])
    capture = Capture()
    timer = threading.Timer(0.2, capture.discard, args=(recorder,))
    timer.start()
    answer, *_ = _record(recorder, transcriber, capture, tmp_path)
    timer.join()
    assert answer is None


class CountingRecorder(FakeRecorder):
    """Counts stop() calls, to see which reach the shared recorder."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.stops = 0

    def stop(self) -> None:
        self.stops += 1
        super().stop()


def test_a_late_stop_from_a_finished_capture_does_not_end_the_next_recording(
    tmp_path: Path,
) -> None:
    # Skipping a question discards its capture, and the screen discards it again when it
    # unmounts, which can happen after the next question's record() has begun.
    recorder = CountingRecorder(speech_s=0.3, wait_for_stop=True, realtime=0.2)
    first, second = Capture(), Capture()
    levels = threading.Event()
    results: list[VoiceAnswer | None] = []

    timer = threading.Timer(0.1, first.discard, args=(recorder,))
    timer.start()
    assert _record(recorder, FakeTranscriber(["one"]), first, tmp_path)[0] is None
    timer.join()
    stops_so_far = recorder.stops

    def record_second() -> None:
        answer = record_voice_answer(
            recorder, FakeTranscriber(["two"]), second,
            spool_path=tmp_path / "attempt-02.wav", terms=[],
            on_level=lambda _level: levels.set(), on_partial=lambda _text: None,
            on_stopped=lambda _rec: None,
        )
        results.append(answer)

    worker = threading.Thread(target=record_second)
    worker.start()
    assert levels.wait(5.0), "the second recording started"
    first.discard(recorder)  # the late one
    assert recorder.stops == stops_so_far, "a finished capture reached the recorder"
    assert worker.is_alive()

    second.stop(recorder)
    worker.join(5.0)
    assert not worker.is_alive()
    assert results[0] is not None
    assert results[0].recording.stop_reason is StopReason.KEY


def test_no_microphone_raises_the_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(AudioDeviceError, match="no microphone"):
        _record(FakeRecorder(no_device=True), FakeTranscriber(), Capture(), tmp_path)


def _fails(_audio: np.ndarray, _terms: Sequence[str]) -> str:
    raise RuntimeError("decoder exploded\nwith details")


def test_transcription_failure_comes_back_with_the_recording(tmp_path: Path) -> None:
    answer, *_ = _record(
        FakeRecorder(speech_s=1.0, pause_s=0.5), FakeTranscriber(handler=_fails), Capture(),
        tmp_path,
    )
    assert answer is not None
    assert answer.transcript is None
    assert answer.error == "decoder exploded"
    assert answer.recording.path is not None and answer.recording.path.exists()


def test_device_failure_keeps_what_was_said(tmp_path: Path) -> None:
    answer, *_ = _record(
        FakeRecorder(speech_s=3.0, fail_after_s=1.0), FakeTranscriber(["so far"]), Capture(),
        tmp_path,
    )
    assert answer is not None and answer.device_failed
    assert answer.transcript is not None and answer.transcript.text == "so far"
    assert answer.recording.warning


def test_load_audio_reads_mono_float(tmp_path: Path) -> None:
    path = tmp_path / "stereo.wav"
    soundfile.write(str(path), np.zeros((800, 2), dtype=np.float32), 8000)
    audio, rate = load_audio(path)
    assert rate == 8000
    assert audio.shape == (800,)  # type: ignore[attr-defined]


def test_load_audio_names_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "attempt-01.wav"
    path.write_bytes(b"not a wav")
    with pytest.raises(AudioFileError, match=r"attempt-01\.wav: cannot read the recording"):
        load_audio(path)
