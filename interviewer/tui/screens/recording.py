"""Recording a spoken answer on the question screen: start, stop, throw away, and what
comes back from the worker thread (level, live transcript, the finished answer)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from interviewer.errors import UserError
from interviewer.tui.capture import (
    Capture,
    VoiceAnswer,
    one_line,
    prompt_terms,
    record_voice_answer,
)
from interviewer.tui.messages import LevelChanged, PartialTranscript
from interviewer.tui.widgets.meter import LevelMeter, RecordingStatus
from interviewer.tui.workers import tracked

if TYPE_CHECKING:
    from interviewer.models import Question
    from interviewer.session.records import FollowUp
    from interviewer.tui.app import InterviewApp
    from speech.types import Recording


class RecordingStopped(Message):
    """The recorder returned; transcription of the last utterance is under way."""

    def __init__(self, recording: Recording) -> None:
        super().__init__()
        self.recording = recording


class AnswerRecorded(Message):
    """A voice answer is recorded and transcribed (or failed: `error`)."""

    def __init__(self, capture: Capture, answer: VoiceAnswer | None, error: str | None) -> None:
        super().__init__()
        self.capture = capture
        self.answer = answer
        self.error = error


class RecordingMixin:
    """The voice half of QuestionScreen (which provides the attributes declared here).

    Handlers here use `on_<message>` names, not `@on`: Textual collects `@on` handlers
    only from classes built by its own metaclass, which a plain mixin is not.
    """

    app: InterviewApp
    question: Question
    follow_up: FollowUp | None
    mode: str
    state: str
    _capture: Capture | None
    _after_stop: str
    _started: float
    _timer: Timer | None
    _spool: Path | None

    def _start_recording(self) -> None:
        session = self.app.session
        if session is None:
            return
        self._capture = Capture()
        self._spool = session.next_audio_path()
        self._show_live("")
        self._started = self.app.clock()
        self._set_state("recording")
        self._timer = self.set_interval(0.25, self._tick)
        self._record(self._capture, self._spool)

    @work(thread=True, group="recording", exit_on_error=False)
    @tracked
    def _record(self, capture: Capture, spool: Path) -> None:
        services = self.app.services
        try:
            # One record() at a time: a recording being thrown away may still be ending.
            with self.app.recorder_lock:
                answer = record_voice_answer(
                    services.recorder,
                    services.transcriber,
                    capture,
                    spool_path=spool,
                    terms=prompt_terms(self.question),
                    on_level=lambda level: self.post_message(LevelChanged(level)),
                    on_partial=lambda text: self.post_message(PartialTranscript(text)),
                    on_stopped=lambda rec: self.post_message(RecordingStopped(rec)),
                )
        except UserError as exc:
            self.post_message(AnswerRecorded(capture, None, str(exc)))
            return
        except Exception as exc:  # shown as a message; the audio spooled so far stays on disk
            self.post_message(AnswerRecorded(capture, None, f"recording failed: {one_line(exc)}"))
            return
        self.post_message(AnswerRecorded(capture, answer, None))

    def _tick(self) -> None:
        self.query_one(RecordingStatus).elapsed = max(0.0, self.app.clock() - self._started)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def on_level_changed(self, message: LevelChanged) -> None:
        """Throttled input level from the recorder thread."""
        if self.state == "recording":
            self.query_one(LevelMeter).level = message.level.rms

    def on_partial_transcript(self, message: PartialTranscript) -> None:
        """Another utterance was transcribed."""
        if self._capture is not None and not self._capture.discarded.is_set():
            self._show_live(message.text)

    def on_recording_stopped(self, message: RecordingStopped) -> None:
        """Recording is over; transcription of what is left continues."""
        if self.state == "recording":
            self._stop_timer()
            self.query_one(RecordingStatus).elapsed = message.recording.duration_s
            self.query_one(LevelMeter).level = 0.0
            waiting = self.app.model_state == "loading"
            self._set_state("transcribing", "the speech model is still loading" if waiting else "")

    def on_answer_recorded(self, message: AnswerRecorded) -> None:
        """The worker is done: submit the answer, or say what went wrong."""
        if message.capture is not self._capture:
            return  # a recording this screen already threw away
        self._capture = None
        self._stop_timer()
        self.query_one(LevelMeter).level = 0.0
        if message.capture.discarded.is_set() or (message.answer is None and not message.error):
            self._after_discard()
            return
        if message.error:
            self._failed(message.error)
            return
        answer = message.answer
        assert answer is not None
        if answer.error:
            self._failed(f"transcription failed: {answer.error}")
            return
        self._submit_voice(answer)

    def _submit_voice(self, answer: VoiceAnswer) -> None:
        recording = answer.recording
        transcript = answer.transcript
        warning = recording.warning
        self._set_state("done")
        saved = self.app.submit_answer(
            transcript.text if transcript else "",
            mode="voice",
            follow_up=self.follow_up,
            transcript=transcript,
            audio_path=recording.path,
            duration_s=recording.duration_s,
            warning=warning,
            allow_follow_up=not answer.device_failed,
        )
        if not saved:
            self._set_state("idle", "Not saved: press a to record again, s to skip, q to end.")

    def _keep_audio(self) -> str | None:
        """Move an unscored recording aside so a new take cannot overwrite it; its name."""
        spool = self._spool
        if spool is None or not spool.exists() or spool.stat().st_size <= 44:
            return None
        for n in range(1, 1000):
            kept = spool.with_name(f"{spool.stem}-unscored-{n}{spool.suffix}")
            if not kept.exists():
                spool.rename(kept)
                return kept.name
        return spool.name

    def _failed(self, message: str) -> None:
        """Say what went wrong and what can be done; nothing recorded is deleted."""
        self._set_state("idle", "Press a to record again, or t to type this answer.")
        kept = self._keep_audio()
        where = f" Your recording is kept as {kept}." if kept else ""
        self._notice(f"{message}.{where} Press a to record again, or t to type this answer.")
        self.app.show_error(message)

    def _after_discard(self) -> None:
        todo, self._after_stop = self._after_stop, ""
        if todo == "repeat":
            self._set_state("speaking")
            self._say(self.spoken_text)
        elif todo == "rerecord":
            self._start_recording()
        else:
            self._set_state("idle", "Press space to start recording.")

    def _show_live(self, text: str) -> None:
        if self.mode != "voice":
            return
        shown = Text(text) if text else Text("Your words appear here as you speak.",
                                             style="dim italic")
        self.query_one("#live", Static).update(shown)

