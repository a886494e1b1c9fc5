"""Replay a saved session: each question, the recorded answer played back with pause and
seek, its transcript with the word being spoken lit, and the feedback as it was given.

Playback runs on a thread worker (the player's blocking `run()`); the screen polls the
player's position from the UI thread a few times a second, a cheap locked read, so no
widget is ever touched from the audio thread. Leaving the screen stops playback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from interviewer.errors import UserError
from interviewer.session.records import SavedSession
from interviewer.tui.capture import load_audio, one_line
from interviewer.tui.replay_steps import (
    ReplayStep,
    current_word,
    replay_steps,
    step_to_question,
    step_within_question,
    word_spans,
)
from interviewer.tui.replay_text import attempts_text, progress_text, transcript_legend
from interviewer.tui.widgets.given import GivenFeedback
from interviewer.tui.widgets.playback import PlaybackBar
from interviewer.tui.widgets.spoken import SpokenTranscript
from interviewer.tui.workers import tracked

if TYPE_CHECKING:
    from interviewer.tui.app import InterviewApp
    from speech.interfaces import SeekablePlayer
    from speech.types import Word

SEEK_S = 5.0
POLL_S = 0.1  # position updates: a word lasts ~0.3 s, so the highlight keeps up


class ClipLoaded(Message):
    """A recording was read for step `token` (or could not be: `error`)."""

    def __init__(
        self, token: int, player: SeekablePlayer | None, audio: Any, rate: int,
        error: str | None = None,
    ) -> None:
        super().__init__()
        self.token = token
        self.player = player
        self.audio = audio
        self.rate = rate
        self.error = error


class PlaybackEnded(Message):
    """The player's run for step `token` returned: heard to the end, stopped, or failed."""

    def __init__(self, token: int, error: str | None = None) -> None:
        super().__init__()
        self.token = token
        self.error = error


class ReplayScreen(Screen[None]):
    """Step through a saved session, one attempt (or unanswered question) at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the scrolling page would otherwise take space and the arrows.
        Binding("space", "toggle", "Play/Pause", priority=True),
        Binding("left", "seek(-5)", "-5 s", key_display="←", priority=True),
        Binding("right", "seek(5)", "+5 s", key_display="→", priority=True),
        Binding("n", "question(1)", "Next"),
        Binding("p", "question(-1)", "Previous"),
        Binding("left_square_bracket", "attempt(-1)", "Earlier", key_display="["),
        Binding("right_square_bracket", "attempt(1)", "Later", key_display="]"),
        Binding("q,escape", "close", "Close"),
    ]

    DEFAULT_CSS = """
    ReplayScreen #rp-head { height: auto; padding: 0 1; }
    ReplayScreen #rp-question { margin-top: 1; }
    ReplayScreen #rp-player { margin-top: 1; }
    ReplayScreen #replay { height: 1fr; padding: 0 1; }
    """

    app: InterviewApp  # type: ignore[assignment]

    def __init__(self, saved: SavedSession, *, poll_s: float = POLL_S) -> None:
        """Replay `saved` from its first question; the position is polled every `poll_s`."""
        super().__init__()
        self.saved = saved
        self.steps = replay_steps(saved)
        self.index = 0
        self.poll_s = poll_s
        self.player: SeekablePlayer | None = None
        self._step_token = 0  # which step the player's clip and run belong to
        self._clip_ready = False
        self._run_active = False
        self._words: tuple[Word, ...] = ()
        self._followed: int | None = None  # transcript line of the word lit last

    @property
    def step(self) -> ReplayStep:
        """The step on screen."""
        return self.steps[self.index]

    def compose(self) -> ComposeResult:
        """Question, attempts and player stay put; transcript and feedback scroll."""
        yield Static(id="progress")
        with Vertical(id="rp-head"):
            yield Static(id="rp-question")
            yield Static(id="rp-attempts")
            yield PlaybackBar(id="rp-player")
        with VerticalScroll(id="replay"):
            yield Static(id="rp-answer-title", classes="section-title")
            yield SpokenTranscript(id="rp-transcript")
            yield Static("Feedback as it was given", classes="section-title", id="rp-fb-title")
            yield GivenFeedback(id="rp-feedback")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Show the first step and start watching the player."""
        self.query_one("#replay").focus()
        if self.steps:
            self._show_step()
        else:
            self.query_one("#rp-question", Static).update("This session has no questions.")
        self.set_interval(self.poll_s, self._tick)

    # --- what is shown -----------------------------------------------------------------

    def _show_step(self) -> None:
        self._release_player()
        self._step_token += 1
        step = self.step
        self.query_one("#progress", Static).update(progress_text(self.saved, step))
        self.query_one("#rp-question", Static).update(Text(step.question.text, style="bold"))
        self.query_one("#rp-attempts", Static).update(attempts_text(self.steps, step))
        attempt = step.attempt
        self.query_one("#rp-fb-title").display = attempt is not None
        feedback = self.query_one("#rp-feedback", GivenFeedback)
        feedback.display = attempt is not None
        audio = self._audio_path(step)
        self._show_answer(step, playable=audio is not None)
        if attempt is not None:
            feedback.show(step.question, attempt)
        self._show_audio(step, audio)
        self.query_one("#replay", VerticalScroll).scroll_home(animate=False)
        self._followed = None
        self.refresh_bindings()

    def _audio_path(self, step: ReplayStep) -> Path | None:
        """The step's recording when it is there to play."""
        attempt = step.attempt
        if attempt is None or attempt.mode != "voice" or not attempt.audio_file:
            return None
        path = self.saved.folder / attempt.audio_file
        return path if path.is_file() else None

    def _show_answer(self, step: ReplayStep, *, playable: bool) -> None:
        title = self.query_one("#rp-answer-title", Static)
        transcript = self.query_one("#rp-transcript", SpokenTranscript)
        attempt = step.attempt
        if attempt is None:
            title.update("Your answer")
            transcript.show("")
            self._words = ()
            return
        given = attempt.as_given
        title.update("Your answer" + (" (typed)" if attempt.mode == "typed" else ""))
        text = given.score.text or given.text
        self._words = given.transcript.words if given.transcript is not None else ()
        legend = transcript_legend(spoken_words=bool(self._words) and playable)
        transcript.show(
            text,
            hits=[m.span for m in given.score.matched],
            fillers=given.score.delivery.fillers,
            words=word_spans(text, self._words),
            legend=legend,
        )

    def _show_audio(self, step: ReplayStep, path: Path | None) -> None:
        bar = self.query_one("#rp-player", PlaybackBar)
        attempt = step.attempt
        if attempt is None:
            bar.show("none", note="Nothing to play: no answer was given.")
        elif attempt.mode == "typed":
            bar.show("typed", note="Typed answer: there is no audio.")
        elif not attempt.audio_file:
            bar.show("missing", note="audio missing (no recording was kept for this answer)")
        elif path is None:
            bar.show("missing", note=f"audio missing ({attempt.audio_file} not found)")
        else:
            bar.show("loading", duration=attempt.duration_s or 0.0)
            self._load_clip(self._step_token, path)

    # --- playback ----------------------------------------------------------------------

    @work(thread=True, group="replay-load", exit_on_error=False)
    @tracked
    def _load_clip(self, token: int, path: Path) -> None:
        """Read the recording (and build the speech parts on first use) off the UI thread."""
        try:
            player = self.app.services.seekable
            audio, rate = load_audio(path)
        except UserError as exc:
            self.post_message(ClipLoaded(token, None, None, 0, str(exc)))
            return
        except Exception as exc:  # shown, never raised: the transcript is still there
            self.post_message(ClipLoaded(token, None, None, 0, one_line(exc)))
            return
        self.post_message(ClipLoaded(token, player, audio, rate))

    def on_clip_loaded(self, message: ClipLoaded) -> None:
        """Hand the clip to the player (on the UI thread, so steps never cross)."""
        if message.token != self._step_token:
            return
        bar = self.query_one("#rp-player", PlaybackBar)
        if message.error or message.player is None:
            bar.show("error", note=f"cannot play the recording: {message.error}")
            return
        self.player = message.player
        self.player.load(message.audio, message.rate)
        self._clip_ready = True
        self._tick()

    @work(thread=True, group="replay-play", exit_on_error=False)
    @tracked
    def _run_clip(self, token: int, player: SeekablePlayer) -> None:
        try:
            player.run()
        except UserError as exc:
            self.post_message(PlaybackEnded(token, str(exc)))
            return
        except Exception as exc:  # a failing device is reported, not raised
            self.post_message(PlaybackEnded(token, f"cannot play the recording: {one_line(exc)}"))
            return
        self.post_message(PlaybackEnded(token))

    def on_playback_ended(self, message: PlaybackEnded) -> None:
        """The run returned; an error replaces the bar with what went wrong."""
        if message.token != self._step_token:
            return
        self._run_active = False
        if message.error:
            self._clip_ready = False
            self.query_one("#rp-player", PlaybackBar).show("error", note=message.error)
            self.app.show_error(message.error, title="Playback")
            return
        self._tick()

    def _tick(self) -> None:
        """Poll the player: time, bar, and the word being spoken."""
        if not self._clip_ready or self.player is None:
            return
        player = self.player
        position = player.position
        if self._run_active:
            state = "paused" if player.paused else "playing"
        else:
            state = "ended" if player.finished else "idle"
        self.query_one("#rp-player", PlaybackBar).show(
            state, position=position, duration=player.duration
        )
        # Nothing is lit before playback has started or moved, nor once it has ended.
        started = self._run_active or position > 0
        word = current_word(self._words, position) if started and state != "ended" else None
        transcript = self.query_one("#rp-transcript", SpokenTranscript)
        if transcript.current != word:
            transcript.current = word
            self._follow(transcript)

    def _follow(self, transcript: SpokenTranscript) -> None:
        """Keep the lit word on screen in a long answer, but only while the candidate is
        following along: if they scrolled away (to the feedback, say), leave them there."""
        line = transcript.current_line()
        if line is None:
            return
        scroller = self.query_one("#replay", VerticalScroll)
        top = transcript.virtual_region.y
        seen_from, seen_to = scroller.scroll_y, scroller.scroll_y + scroller.size.height
        was_visible = self._followed is None or seen_from <= top + self._followed < seen_to
        self._followed = line
        if was_visible and not seen_from <= top + line < seen_to:
            scroller.scroll_to_region(Region(0, top + line, 1, 1), animate=False)

    def _release_player(self) -> None:
        """Stop playing and forget the clip (another step, or leaving)."""
        if self.player is not None:
            self.player.close()
        self._clip_ready = False
        self._run_active = False

    # --- actions -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that do something on this step."""
        if not self.steps:
            return action == "close"
        if action == "attempt":
            return self.step.attempt_count > 1
        if action == "question":
            numbers = {s.number for s in self.steps}
            return len(numbers) > 1
        return True

    def action_toggle(self) -> None:
        """Play; while playing, pause or resume."""
        if not self._clip_ready or self.player is None:
            bar = self.query_one("#rp-player", PlaybackBar)
            message = "Loading the recording…" if bar.state == "loading" else bar.note
            if message:
                self.notify(message, timeout=3)
            return
        if self._run_active:
            if self.player.paused:
                self.player.resume()
            else:
                self.player.pause()
        else:
            self._run_active = True
            if self.player.paused:
                self.player.resume()
            self._run_clip(self._step_token, self.player)
        self._tick()

    def action_seek(self, seconds: float) -> None:
        """Move back or forward in the recording (clamped to it)."""
        if self._clip_ready and self.player is not None:
            self.player.seek(float(seconds))
            self._tick()

    def action_question(self, delta: int) -> None:
        """The next or previous question."""
        target = step_to_question(self.steps, self.index, delta)
        if target != self.index:
            self.index = target
            self._show_step()

    def action_attempt(self, delta: int) -> None:
        """The next or previous attempt at this question (retries, follow-ups)."""
        target = step_within_question(self.steps, self.index, delta)
        if target != self.index:
            self.index = target
            self._show_step()

    def action_close(self) -> None:
        """Back to where replay was opened from; quits when replay is all the app shows."""
        self._release_player()
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()

    def abandon(self) -> None:
        """The app is quitting: stop playback (called by InterviewApp.action_quit)."""
        self._release_player()

    def on_unmount(self) -> None:
        """Leaving stops playback."""
        self._release_player()
