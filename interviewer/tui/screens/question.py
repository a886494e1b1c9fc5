"""Asking and answering: the question is shown and spoken, then recorded (or typed).

States: speaking → recording → transcribing → submitted, or idle (waiting for a key, or
after a failure). Speaking and recording run on thread workers; the recorder's level and
the live transcript come back as messages. The session itself is only touched here, on
the UI thread, through the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static, TextArea

from interviewer.errors import UserError
from interviewer.models import Question
from interviewer.tui.capture import Capture, one_line
from interviewer.tui.screens.recording import RecordingMixin
from interviewer.tui.widgets.meter import LevelMeter, RecordingStatus
from interviewer.tui.workers import tracked

if TYPE_CHECKING:
    from interviewer.session.records import FollowUp
    from interviewer.tui.app import InterviewApp


class SpeechDone(Message):
    """The question finished being spoken (or could not be: `error`)."""

    def __init__(self, error: str | None = None) -> None:
        super().__init__()
        self.error = error


class QuestionScreen(RecordingMixin, Screen[None]):
    """One question (or follow-up), answered by voice or by typing."""

    app: InterviewApp  # type: ignore[assignment]

    def __init__(
        self,
        question: Question,
        *,
        number: int,
        total: int,
        mode: str,
        follow_up: FollowUp | None = None,
        speak: bool = True,
    ) -> None:
        """`follow_up` turns this into the follow-up about one missed concept."""
        super().__init__(classes=f"-{mode}")
        self.question = question
        self.number = number
        self.total = total
        self.mode = mode
        self.follow_up = follow_up
        self.speak = speak
        self.state = "idle"
        self._capture: Capture | None = None
        self._after_stop = ""  # what to do once a discarded recording has ended
        self._started = 0.0
        self._timer: Timer | None = None
        self._spool: Path | None = None
        self._say_again = False

    @property
    def spoken_text(self) -> str:
        """What the interviewer says: the question, or the follow-up prompt."""
        return self.follow_up.prompt if self.follow_up else self.question.text

    def compose(self) -> ComposeResult:
        """Progress line, the question, status and meter, then transcript or text area."""
        yield Static(self._progress_text(), id="progress")
        with Vertical(id="question-box", classes="panel") as box:
            box.border_title = "Follow-up" if self.follow_up else "Question"
            if self.follow_up:
                yield Static(Text(self.question.text, style="dim"), id="original-question")
            yield Static(Text(self.spoken_text, style="bold"), id="question-text")
        yield RecordingStatus(id="status")
        if self.mode == "voice":
            yield LevelMeter(id="meter")
            with VerticalScroll(id="live-box", classes="panel") as live:
                live.border_title = "What you are saying"
                yield Static(Text("Your words appear here as you speak.", style="dim italic"),
                             id="live")
        else:
            area = TextArea(id="answer", soft_wrap=True, show_line_numbers=False)
            area.border_title = "Your answer"
            yield area
        yield Static(id="notice")
        yield Footer(compact=True)

    def _progress_text(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" Question {self.number} of {self.total} ", style="bold reverse")
        text.append(f"  {self.question.level.value}", style="dim")
        text.append(f" · {self.question.id}", style="dim")
        if self.follow_up:
            text.append(f" · follow-up on {self.follow_up.concept.label}", style="cyan")
        text.append(f" · {'spoken' if self.mode == 'voice' else 'typed'} answer", style="dim")
        return text

    def on_mount(self) -> None:
        """Ask the question."""
        self._notice("")
        if self.mode == "typed":
            self.query_one("#answer", TextArea).focus()
        self._started = self.app.clock()
        self._ask()

    def on_unmount(self) -> None:
        """Leaving the screen (skip, quit, app exit): stop anything still running."""
        if self._capture is not None:
            self._capture.discard(self.app.services.recorder)
        if self.state == "speaking":
            self.app.services.speaker.stop()

    # --- speaking ---------------------------------------------------------------------

    def _ask(self) -> None:
        if self.speak:
            self._set_state("speaking")
            self._say(self.spoken_text)
        else:
            self._after_speech()

    @work(thread=True, group="speech", exit_on_error=False)
    @tracked
    def _say(self, text: str) -> None:
        try:
            # One say() at a time: a question being interrupted may still be ending.
            with self.app.speaker_lock:
                self.app.services.speaker.say(text)
        except UserError as exc:
            self.post_message(SpeechDone(str(exc)))
            return
        except Exception as exc:  # a broken voice must not stop the interview
            self.post_message(SpeechDone(one_line(exc)))
            return
        self.post_message(SpeechDone())

    def on_speech_done(self, message: SpeechDone) -> None:
        """Questions stay readable as text; the interview goes on."""
        if message.error:
            self.app.warn_tts_once(message.error)
        if self.state != "speaking":
            return  # interrupted: recording (or leaving) began already
        if self._say_again:
            self._say_again = False
            self._say(self.spoken_text)
        else:
            self._after_speech()

    def _after_speech(self) -> None:
        if self.mode == "typed":
            self._set_state("idle", "Type your answer, then ctrl+s to submit.")
        elif self.app.settings.auto_record:
            self._start_recording()
        else:
            self._set_state("idle", "Press space to start recording.")

    # --- keys -------------------------------------------------------------------------

    def action_primary(self) -> None:
        """Space/enter: stop the answer while recording; otherwise start recording."""
        if self.state == "recording" and self._capture is not None:
            self._capture.stop(self.app.services.recorder)
        elif self.state == "speaking":
            # Answer at once; the interrupted question finishes stopping on its own.
            self.app.services.speaker.stop()
            self._start_recording()
        elif self.state == "idle":
            self._notice("")
            self._start_recording()

    def action_repeat(self) -> None:
        """Say the question again (a recording in progress is thrown away)."""
        if self.state == "recording" and self._capture is not None:
            self._after_stop = "repeat"
            self._capture.discard(self.app.services.recorder)
        elif self.state == "speaking":
            self._say_again = True  # once the interrupted say() has returned
            self.app.services.speaker.stop()
        elif self.state == "idle":
            self._set_state("speaking")
            self._say(self.spoken_text)

    def action_rerecord(self) -> None:
        """Throw the current recording away and start again."""
        if self.state == "recording" and self._capture is not None:
            self._after_stop = "rerecord"
            self._capture.discard(self.app.services.recorder)
        elif self.state in ("idle", "speaking"):
            if self.state == "speaking":
                self.app.services.speaker.stop()
            self._notice("")
            self._start_recording()

    def action_typed(self) -> None:
        """Answer this question (and the rest) by typing instead."""
        self._leave()
        self.app.use_typed_mode()
        if self.follow_up is not None:
            self.app.switch_screen(
                question_screen(
                    self.question, number=self.number, total=self.total, mode="typed",
                    follow_up=self.follow_up, speak=False,
                )
            )
        else:
            self.app.retry_question("typed")

    def action_submit(self) -> None:
        """Typed mode: score what was typed."""
        text = self.query_one("#answer", TextArea).text.strip()
        if not text:
            self.app.notify("Type an answer first, or ctrl+n to skip.", severity="warning")
            return
        self._leave()
        saved = self.app.submit_answer(
            text, mode="typed", follow_up=self.follow_up,
            duration_s=max(0.0, self.app.clock() - self._started),
        )
        if not saved:
            self._set_state("idle", "Not saved: ctrl+s to try again, escape to end.")

    def action_skip(self) -> None:
        """Skip this question (or, for a follow-up, go to the feedback without answering)."""
        self._leave()
        if self.follow_up is not None:
            self.app.show_feedback()
        else:
            self.app.skip_question()

    def action_end(self) -> None:
        """End the interview here; answers given so far are saved."""
        self._leave()
        self.app.end_session()

    def abandon(self) -> None:
        """Drop the answer in progress (the app is quitting)."""
        self._leave()

    def _leave(self) -> None:
        self._stop_timer()
        if self._capture is not None:
            self._capture.discard(self.app.services.recorder)
        if self.state == "speaking":
            self.app.services.speaker.stop()
        self.state = "done"

    # --- display ----------------------------------------------------------------------

    def _set_state(self, state: str, hint: str = "") -> None:
        self.state = state
        status = self.query_one(RecordingStatus)
        status.state = state
        status.hint = hint
        self.set_class(state == "recording", "-recording")

    def _notice(self, message: str) -> None:
        notice = self.query_one("#notice", Static)
        notice.update(Text(message, style="yellow") if message else "")
        notice.display = bool(message)


class VoiceQuestionScreen(QuestionScreen):
    """Spoken answers: single keys, since nothing on the screen takes text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "primary", "Stop/Start"),
        Binding("r", "repeat", "Repeat"),
        Binding("a", "rerecord", "Re-record"),
        Binding("s", "skip", "Skip"),
        Binding("t", "typed", "Type instead"),
        Binding("q,escape", "end", "End"),
    ]


class TypedQuestionScreen(QuestionScreen):
    """Typed answers: letters go to the text area, so the keys are control keys."""

    # Not priority bindings: those act as the app reads the key, before the text area has
    # taken the keys typed just ahead of it, so a quick "...error.<ctrl+s>" would submit
    # the answer without its last words. The text area binds none of these keys, so they
    # reach the screen once it has taken every key before them.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Submit"),
        Binding("ctrl+r", "repeat", "Repeat"),
        Binding("ctrl+n", "skip", "Skip"),
        Binding("escape", "end", "End"),
    ]


def question_screen(
    question: Question,
    *,
    number: int,
    total: int,
    mode: str,
    follow_up: FollowUp | None = None,
    speak: bool = True,
) -> QuestionScreen:
    """The voice or typed variant of the question screen."""
    cls = VoiceQuestionScreen if mode == "voice" else TypedQuestionScreen
    return cls(question, number=number, total=total, mode=mode, follow_up=follow_up, speak=speak)
