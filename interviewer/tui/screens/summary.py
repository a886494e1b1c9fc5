"""The end of the interview: coverage per question and overall, what was missed most,
delivery across the spoken answers, and where the session is saved (with an export)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from interviewer.errors import UserError
from interviewer.session.records import DeliveryOverview, SessionSummary
from interviewer.tui.text import (
    PACE_BAND,
    bar_text,
    clock,
    coverage_style,
    display_path,
    pace_verdict,
    percent,
    seconds,
)
from interviewer.tui.widgets.coverage import CoverageBar

if TYPE_CHECKING:
    from interviewer.tui.app import InterviewApp

Exporter = Callable[[Path], Path]
REPORT_NAME = "report.md"


def questions_table(summary: SessionSummary) -> Table:
    """One row per question: number, text, a small coverage bar, attempts."""
    table = Table(box=None, padding=(0, 1), show_edge=False, expand=True)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("Question", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Coverage", no_wrap=True)
    table.add_column("Tries", justify="right", no_wrap=True)
    for n, result in enumerate(summary.per_question, start=1):
        if result.skipped:
            coverage = Text("skipped", style="dim italic")
        elif result.best_coverage is None:
            coverage = Text("not reached", style="dim")
        else:
            style = coverage_style(result.best_coverage)
            coverage = Text(f"{percent(result.best_coverage):>4} ", style=f"bold {style}")
            coverage.append_text(bar_text(result.best_coverage, 8, style))
        table.add_row(str(n), result.question_text, coverage, str(result.attempts))
    return table


def delivery_text(delivery: DeliveryOverview) -> Table | Text:
    """Averages over the spoken answers, or why there are none."""
    if not delivery.answers:
        return Text("No spoken answers in this session.", style="dim italic")
    pace, style = pace_verdict(delivery.words_per_minute)
    low, high = PACE_BAND
    wpm = delivery.words_per_minute
    fpm = delivery.fillers_per_minute
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(style="dim")
    grid.add_row(
        "Pace", Text("—" if wpm is None else f"{wpm:.0f} wpm", style=style),
        f"{pace} (target {low:.0f}–{high:.0f})",
    )
    grid.add_row("Fillers", "—" if fpm is None else f"{fpm:.1f}/min", "")
    grid.add_row("Longest pause", seconds(delivery.longest_pause_s), "")
    plural = "s" if delivery.answers != 1 else ""
    grid.add_row(
        "Speaking time", clock(delivery.total_speaking_s),
        f"over {delivery.answers} spoken answer{plural}",
    )
    return grid


class SummaryScreen(Screen[None]):
    """The interview's results; `e` writes a Markdown report into the session folder."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export report"),
        Binding("h", "home", "New interview"),
        Binding("q", "app.quit", "Quit"),
    ]

    app: InterviewApp  # type: ignore[assignment]

    def __init__(self, summary: SessionSummary, exporter: Exporter | None = None) -> None:
        """`exporter(path)` writes the report (interviewer.reports.write.export_markdown)."""
        super().__init__()
        self.summary = summary
        self.exporter = exporter

    def compose(self) -> ComposeResult:
        """Overall figure, per-question table, most missed, delivery, where it is saved."""
        s = self.summary
        answered = sum(1 for r in s.per_question if r.best_coverage is not None)
        yield Static(Text(" Interview summary ", style="bold reverse"), id="progress")
        with VerticalScroll(id="summary"):
            yield Static("Overall coverage", classes="section-title")
            yield CoverageBar(
                s.overall_coverage,
                f"{answered} of {len(s.per_question)} questions answered",
                id="overall",
            )
            yield Static(self._saved_text(), id="saved")
            yield Static("Questions", classes="section-title")
            yield Static(questions_table(s), id="per-question")
            yield Static("Missed most often", classes="section-title")
            yield Static(self._missed_text(), id="most-missed")
            yield Static("Delivery", classes="section-title")
            yield Static(delivery_text(s.delivery), id="delivery")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Focus the page so arrow keys scroll it."""
        self.query_one("#summary").focus()

    def _missed_text(self) -> Text:
        if not self.summary.most_missed:
            return Text("Nothing was missed.", style="green italic")
        text = Text()
        for i, (label, count) in enumerate(self.summary.most_missed):
            if i:
                text.append(" · ", style="dim")
            text.append(label, style="red")
            text.append(f" ×{count}", style="dim")
        return text

    def _saved_text(self) -> Text:
        text = Text("Saved in ", style="dim")
        text.append(display_path(self.summary.folder), style="bold")
        text.append(f" (answers, audio; e writes {REPORT_NAME} there)", style="dim")
        return text

    def action_export(self) -> None:
        """Write the Markdown report into the session folder."""
        if self.exporter is None:
            self.app.notify("Export is not available for this session.", severity="warning")
            return
        try:
            path = self.exporter(self.summary.folder / REPORT_NAME)
        except (UserError, OSError) as exc:
            self.app.show_error(str(exc), title="Export failed")
            return
        self.app.notify(f"Report written to {display_path(path)}", title="Exported", timeout=6)

    def action_home(self) -> None:
        """Back to the home screen for another interview."""
        self.app.back_home()
