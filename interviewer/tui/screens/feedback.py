"""Feedback after an answer: coverage, concepts, transcript, delivery, sample answer.

Retries are kept: every attempt at the question is compared side by side, and `[`/`]`
choose which one is shown in detail. A follow-up answer is shown under the answer it
followed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from interviewer.errors import UserError
from interviewer.models import Question
from interviewer.tui.capture import load_audio, one_line
from interviewer.tui.text import highlight, percent
from interviewer.tui.widgets.attempts import attempts_table
from interviewer.tui.widgets.concepts import covered_text, misconceptions_text, missed_text
from interviewer.tui.widgets.coverage import CoverageBar
from interviewer.tui.widgets.delivery import delivery_table
from interviewer.tui.workers import tracked

if TYPE_CHECKING:
    from interviewer.session.records import Attempt
    from interviewer.tui.app import InterviewApp


class PlaybackDone(Message):
    """Listening to an answer ended (or failed: `error`)."""

    def __init__(self, error: str | None = None) -> None:
        super().__init__()
        self.error = error


def pair_attempts(attempts: list[Attempt]) -> list[tuple[Attempt, list[Attempt]]]:
    """Each answer attempt with the follow-up attempts given after it."""
    pairs: list[tuple[Attempt, list[Attempt]]] = []
    for attempt in attempts:
        if attempt.kind == "answer":
            pairs.append((attempt, []))
        elif pairs:
            pairs[-1][1].append(attempt)
    return pairs


class FeedbackScreen(Screen[None]):
    """How the answer went, and what to do next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,enter", "next", "Next"),
        Binding("r", "retry", "Retry"),
        Binding("t", "retry_typed", "Retry typed"),
        Binding("l", "listen", "Listen"),
        Binding("left_square_bracket", "select(-1)", "Earlier", key_display="["),
        Binding("right_square_bracket", "select(1)", "Later", key_display="]"),
        Binding("q,escape", "end", "End"),
    ]

    app: InterviewApp  # type: ignore[assignment]

    def __init__(
        self,
        question: Question,
        attempts: list[Attempt],
        *,
        number: int,
        total: int,
        folder: Path | None,
    ) -> None:
        """Feedback on `attempts` at `question` (question `number` of `total`); audio files
        are looked up in the session `folder`."""
        super().__init__()
        self.question = question
        self.number = number
        self.total = total
        self.folder = folder
        self.pairs = pair_attempts(attempts)
        self.selected = len(self.pairs) - 1
        self.playing = False

    def compose(self) -> ComposeResult:
        """A scrolling page of sections; their content is filled in by `_show`."""
        yield Static(self._progress_text(), id="progress")
        with VerticalScroll(id="feedback"):
            yield Static(Text(self.question.text, style="bold"), id="fb-question")
            yield CoverageBar(id="fb-coverage")
            yield Static(id="fb-warning")
            yield Static("Attempts side by side", classes="section-title", id="fb-attempts-title")
            yield Static(id="fb-attempts")
            yield Static("Covered", classes="section-title")
            yield Static(id="fb-covered")
            yield Static("Missed", classes="section-title")
            yield Static(id="fb-missed")
            yield Static("Misconceptions", classes="section-title", id="fb-misc-title")
            yield Static(id="fb-misconceptions")
            yield Static(classes="section-title", id="fb-follow-title")
            yield Static(id="fb-follow")
            yield Static("Your answer", classes="section-title")
            yield Static(id="fb-transcript")
            yield Static("Delivery", classes="section-title")
            yield Static(id="fb-delivery")
            yield Static("Sample answer", classes="section-title")
            yield Static(Text(" ".join(self.question.sample_answer.split())), id="fb-sample")
        yield Footer(compact=True)

    def _progress_text(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" Feedback · question {self.number} of {self.total} ", style="bold reverse")
        text.append(f"  {self.question.level.value} · {self.question.id}", style="dim")
        return text

    def on_mount(self) -> None:
        """Show the latest attempt."""
        self._show()
        self.query_one("#feedback").focus()

    # --- content ----------------------------------------------------------------------

    def _show(self) -> None:
        if not self.pairs:
            return
        answer, follow_ups = self.pairs[self.selected]
        score = answer.score
        total = len(score.matched) + len(score.missed)
        n = len(self.pairs)
        caption = f"{len(score.matched)} of {total} key concepts"
        if n > 1:
            caption += f" · attempt {self.selected + 1} of {n}"
        bar = self.query_one("#fb-coverage", CoverageBar)
        bar.coverage = score.coverage
        bar.caption = caption

        warning = self.query_one("#fb-warning", Static)
        warning.display = bool(answer.warning)
        if answer.warning:
            warning.update(self._warning_text(answer))

        many = n > 1
        self.query_one("#fb-attempts-title").display = many
        table = self.query_one("#fb-attempts", Static)
        table.display = many
        if many:
            table.update(attempts_table(self.question, [a for a, _ in self.pairs], self.selected))

        self.query_one("#fb-covered", Static).update(covered_text(score.matched))
        self.query_one("#fb-missed", Static).update(missed_text(score.missed))
        has_misc = bool(score.misconceptions)
        self.query_one("#fb-misc-title").display = has_misc
        misc = self.query_one("#fb-misconceptions", Static)
        misc.display = has_misc
        misc.update(misconceptions_text(score.misconceptions, score.penalty))

        self._show_follow_ups(follow_ups)
        self.query_one("#fb-transcript", Static).update(self._transcript_text(answer))
        self.query_one("#fb-delivery", Static).update(
            delivery_table(score.delivery, spoken=answer.mode == "voice" and bool(answer.text))
        )

    def _warning_text(self, answer: Attempt) -> Text:
        text = Text()
        text.append(f"⚠ {answer.warning}. ", style="bold yellow")
        text.append("Press ")
        text.append("r", style="bold reverse")
        text.append(" to try again or ")
        text.append("t", style="bold reverse")
        text.append(" to type the answer.")
        return text

    def _show_follow_ups(self, follow_ups: list[Attempt]) -> None:
        title = self.query_one("#fb-follow-title", Static)
        body = self.query_one("#fb-follow", Static)
        title.display = body.display = bool(follow_ups)
        if not follow_ups:
            return
        title.update(f"Follow-up: {follow_ups[-1].follow_up_concept}")
        text = Text()
        for i, attempt in enumerate(follow_ups):
            if i:
                text.append("\n")
            covered = bool(attempt.score.matched)
            text.append("✓ covered" if covered else "✗ not covered",
                        style="bold green" if covered else "bold red")
            text.append(f" ({percent(attempt.score.coverage)})  ", style="dim")
            said = " ".join(attempt.text.split())
            text.append(f"“{said}”" if said else "(no answer)", style="italic")
            for miss in attempt.score.missed:
                sentence = " ".join(miss.sample_sentence.split())
                if sentence:
                    text.append(f"\n   {sentence}", style="dim italic")
        body.update(text)

    def _transcript_text(self, answer: Attempt) -> Text:
        scored = answer.score.text or answer.text
        if not scored.strip():
            return Text("(nothing was said)", style="dim italic")
        text = highlight(
            scored,
            [m.span for m in answer.score.matched],
            answer.score.delivery.fillers,
        )
        legend = Text("\n")
        legend.append("key concept", style="bold green underline")
        legend.append("  ·  ", style="dim")
        legend.append("filler", style="strike yellow")
        if answer.audio_file:
            legend.append(f"  ·  audio: {answer.audio_file} (l to listen)", style="dim")
        return text + legend

    # --- actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that do nothing here: choosing attempts with only one, listening to a
        typed answer."""
        if action == "select":
            return len(self.pairs) > 1
        if action == "listen":
            return bool(self.pairs and self.pairs[self.selected][0].audio_file)
        return True

    def action_select(self, delta: int) -> None:
        """Show another attempt in detail."""
        if self.pairs:
            self.selected = max(0, min(len(self.pairs) - 1, self.selected + delta))
            self._show()
            self.refresh_bindings()

    def action_next(self) -> None:
        """On to the next question (or the summary)."""
        self._stop_playback()
        self.app.next_question()

    def action_retry(self) -> None:
        """Answer this question again; this attempt is kept."""
        self._stop_playback()
        self.app.retry_question()

    def action_retry_typed(self) -> None:
        """Answer again by typing (e.g. after the microphone failed)."""
        self._stop_playback()
        self.app.use_typed_mode()
        self.app.retry_question("typed")

    def action_end(self) -> None:
        """End the interview and see the summary."""
        self._stop_playback()
        self.app.end_session()

    def action_listen(self) -> None:
        """Play the selected attempt's recording (press again to stop)."""
        if self.playing:
            self._stop_playback()
            return
        answer = self.pairs[self.selected][0] if self.pairs else None
        if answer is None or not answer.audio_file or self.folder is None:
            self.app.notify("This answer has no recording (it was typed).", timeout=4)
            return
        self.playing = True
        self.app.notify(f"Playing {answer.audio_file}… (l to stop)", timeout=3)
        self._play(self.folder / answer.audio_file)

    @work(thread=True, group="playback", exclusive=True, exit_on_error=False)
    @tracked
    def _play(self, path: Path) -> None:
        try:
            audio, rate = load_audio(path)
            self.app.services.player.play(audio, rate)  # type: ignore[arg-type]
        except UserError as exc:
            self.post_message(PlaybackDone(str(exc)))
            return
        except Exception as exc:  # shown, not raised: playback is a convenience
            self.post_message(PlaybackDone(f"cannot play the recording: {one_line(exc)}"))
            return
        self.post_message(PlaybackDone())

    def on_playback_done(self, message: PlaybackDone) -> None:
        """Playback ended."""
        self.playing = False
        if message.error:
            self.app.show_error(message.error, title="Playback")

    def _stop_playback(self) -> None:
        if self.playing:
            self.app.services.player.stop()
            self.playing = False

    def on_unmount(self) -> None:
        """Leaving mid-playback stops it."""
        self._stop_playback()
