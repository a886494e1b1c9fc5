"""The feedback an attempt got when it was given: coverage, concepts, delivery.

Replay shows what the candidate saw live (`Attempt.as_given`); when the attempt has been
re-scored since, a note gives today's coverage next to it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from interviewer.models import Question
from interviewer.session.records import Attempt
from interviewer.tui.text import percent
from interviewer.tui.widgets.concepts import covered_text, misconceptions_text, missed_text
from interviewer.tui.widgets.coverage import CoverageBar
from interviewer.tui.widgets.delivery import delivery_table


class GivenFeedback(Vertical):
    """Sections filled by `show`: a note (a warning given at the time, a re-scoring), the
    coverage bar, concepts, delivery and the sample answer. Empty parts hide."""

    DEFAULT_CSS = """
    GivenFeedback { height: auto; }
    """

    def compose(self) -> ComposeResult:
        """Empty sections: `show` fills them."""
        yield Static(id="gf-note")
        yield CoverageBar(id="gf-coverage")
        yield Static("Covered", classes="section-title")
        yield Static(id="gf-covered")
        yield Static("Missed", classes="section-title")
        yield Static(id="gf-missed")
        yield Static("Misconceptions", classes="section-title", id="gf-misc-title")
        yield Static(id="gf-misconceptions")
        yield Static("Delivery", classes="section-title")
        yield Static(id="gf-delivery")
        yield Static("Sample answer", classes="section-title")
        yield Static(id="gf-sample")

    def show(self, question: Question, attempt: Attempt) -> None:
        """The feedback `attempt` got live, with a note if it was re-scored since."""
        given = attempt.as_given
        score = given.score
        total = len(score.matched) + len(score.missed)
        bar = self.query_one("#gf-coverage", CoverageBar)
        bar.coverage = score.coverage
        if attempt.kind == "follow_up":
            bar.caption = f"follow-up on {attempt.follow_up_concept}"
        else:
            bar.caption = f"{len(score.matched)} of {total} key concepts"
        note = self.query_one("#gf-note", Static)
        lines = _notes(attempt)
        note.display = bool(lines)
        note.update(lines)
        self.query_one("#gf-covered", Static).update(covered_text(score.matched))
        self.query_one("#gf-missed", Static).update(missed_text(score.missed))
        has_misc = bool(score.misconceptions)
        self.query_one("#gf-misc-title").display = has_misc
        misc = self.query_one("#gf-misconceptions", Static)
        misc.display = has_misc
        misc.update(misconceptions_text(score.misconceptions, score.penalty))
        spoken = attempt.mode == "voice" and bool(given.text)
        self.query_one("#gf-delivery", Static).update(delivery_table(score.delivery, spoken=spoken))
        self.query_one("#gf-sample", Static).update(Text(" ".join(question.sample_answer.split())))


def _notes(attempt: Attempt) -> Text:
    """A warning given at the time, and whether the attempt has been re-scored since."""
    text = Text()
    if attempt.warning:
        text.append(f"⚠ {attempt.warning}", style="yellow")
    if attempt.original is not None:
        if text:
            text.append("\n")
        when = (attempt.rescored_at or "")[:10]
        text.append("Re-scored" + (f" on {when}" if when else ""), style="bold")
        text.append(f": coverage now {percent(attempt.score.coverage)}", style="bold")
        text.append(
            f" (shown here as given: {percent(attempt.original.score.coverage)})", style="dim"
        )
        if attempt.text != attempt.original.text:
            text.append("; the answer was transcribed again since", style="dim")
    return text
