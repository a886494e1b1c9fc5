"""Progress: coverage over past sessions as a chart, a row per question, and the concepts
missed most often. Moving through the table charts that question instead of the overall.

The figures come from interviewer.session.progress and the chart from interviewer.plot, the
same as `interviewer progress`; sessions are read on a thread worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from interviewer.errors import UserError
from interviewer.plot import coverage_plot, sparkline
from interviewer.session.progress import (
    ConceptProgress,
    Progress,
    QuestionPoint,
    QuestionProgress,
    load_progress,
    missed_text,
    trend_arrow,
    trend_text,
)
from interviewer.tui.text import coverage_style, percent

if TYPE_CHECKING:
    from interviewer.tui.app import InterviewApp

OVERALL = "overall"
SPARK_WIDTH = 10
MISSED_SHOWN = 4
_TREND_STYLE = {"↑": "green", "↓": "red", "→": "dim", "·": "dim"}


class CoveragePlot(Static):
    """The text chart, drawn to whatever size the widget has."""

    def __init__(self, *, id: str | None = None) -> None:
        """Empty until `show` is called."""
        super().__init__(id=id)
        self.values: list[float] = []
        self.labels: list[str] = []
        self.loaded = False

    def show(self, values: list[float], labels: list[str]) -> None:
        """Chart these figures (0..1) with their labels (dates)."""
        self.values, self.labels, self.loaded = values, labels, True
        self.refresh()

    def lines(self) -> list[str]:
        """The chart as plain lines, at the widget's current size."""
        return coverage_plot(
            self.values, self.labels, width=max(12, self.size.width),
            height=max(5, self.size.height),
        )

    def render(self) -> Text:
        """The chart, its line coloured by the latest figure and the axes dimmed."""
        if not self.loaded:
            return Text("")
        text = Text("\n".join(self.lines()), no_wrap=True, overflow="crop")
        text.highlight_regex(r"[│┤└─┬]+", "dim")
        latest = self.values[-1] if self.values else None
        text.highlight_regex(r"[\u2801-\u28ff]+", f"bold {coverage_style(latest)}")
        return text


class ProgressScreen(Screen[None]):
    """Coverage over time; escape or q goes back to where it was opened from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back"),
    ]
    # The chart takes the height the table does not need; the table scrolls past 40 %.
    DEFAULT_CSS = """
    #pg-status { height: auto; padding: 0 1; }
    #pg-chart-title { margin-top: 0; padding: 0 1; }
    #pg-plot { height: 1fr; min-height: 7; max-height: 15; padding: 0 1; }
    #pg-table { height: auto; max-height: 40%; margin: 0 1; }
    #pg-missed-title { padding: 0 1; }
    #pg-missed { height: auto; max-height: 4; padding: 0 1; }
    """

    app: InterviewApp  # type: ignore[assignment]

    def __init__(self) -> None:
        """Nothing shown until the saved sessions have been read."""
        super().__init__()
        self.progress: Progress | None = None

    def compose(self) -> ComposeResult:
        """Title bar, status line, chart, table, most-missed concepts."""
        yield Static(Text(" Progress ", style="bold reverse"), id="progress")
        yield Static(Text("Reading your saved sessions…", style="dim italic"), id="pg-status")
        yield Static(classes="section-title", id="pg-chart-title")
        yield CoveragePlot(id="pg-plot")
        table: DataTable[Text | str] = DataTable(cursor_type="row", zebra_stripes=False,
                                                 id="pg-table")
        yield table
        yield Static(classes="section-title", id="pg-missed-title")
        yield Static(id="pg-missed")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Start reading the sessions; hide the parts that need them."""
        for selector in ("#pg-chart-title", "#pg-plot", "#pg-table", "#pg-missed-title",
                         "#pg-missed"):
            self.query_one(selector).display = False
        self._load()

    @work(thread=True, group="progress", exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        """Read every saved session (file reads: off the UI thread)."""
        from interviewer.session.storage import SessionStore

        try:
            progress: Progress | str = load_progress(SessionStore(self.app.settings.sessions_dir()))
        except UserError as exc:
            progress = str(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_progress, progress)

    def show_progress(self, progress: Progress | str) -> None:
        """Fill the screen with the figures (or say why there are none)."""
        if not self.is_mounted:
            return
        status = self.query_one("#pg-status", Static)
        if isinstance(progress, str):
            status.update(Text(f"Cannot read the saved sessions: {progress}", style="red"))
            return
        self.progress = progress
        if progress.is_empty:
            status.update(Text(
                "No saved sessions yet. Finish an interview and your progress shows here.",
                style="italic",
            ))
            return
        damaged = len(progress.damaged)
        if damaged:
            plural = "s" if damaged != 1 else ""
            status.update(Text(
                f"{damaged} saved session{plural} could not be read and {'are' if plural else 'is'}"
                " left out (`interviewer sessions` says why).", style="yellow",
            ))
        else:
            status.display = False
        for selector in ("#pg-chart-title", "#pg-plot", "#pg-table", "#pg-missed-title",
                         "#pg-missed"):
            self.query_one(selector).display = True
        self._fill_table(progress)
        self.show_selected(OVERALL)
        self.query_one("#pg-table", DataTable).focus()

    def _fill_table(self, progress: Progress) -> None:
        table = self.query_one("#pg-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Question", "Sessions", "Best", "Latest", "Trend", "History")
        rows = [(OVERALL, overall_series(progress)), *((q.question_id, q)
                                                      for q in progress.questions)]
        for key, series in rows:
            name = Text("All questions", style="bold") if key == OVERALL else Text(key)
            arrow = trend_arrow(series)
            table.add_row(
                name,
                Text(str(series.sessions), justify="right"),
                Text(percent(series.best), style=coverage_style(series.best), justify="right"),
                Text(percent(series.latest), style=coverage_style(series.latest),
                     justify="right"),
                Text(trend_text(series), style=_TREND_STYLE[arrow]),
                Text(sparkline([p.coverage for p in series.points], SPARK_WIDTH),
                     style=coverage_style(series.latest)),
                key=key,
            )

    @on(DataTable.RowHighlighted, "#pg-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.show_selected(event.row_key.value)

    def show_selected(self, key: str) -> None:
        """Chart the overall figure or one question's, with its missed concepts."""
        progress = self.progress
        if progress is None:
            return
        series = overall_series(progress) if key == OVERALL else progress.question(key)
        if series is None:
            return
        title = Text()
        if key == OVERALL:
            title.append("Overall coverage per session")
            title.append("  ↑↓ charts one question", style="dim not bold")
            missed = progress.most_missed(MISSED_SHOWN)
            missed_title = "Missed most often"
        else:
            title.append(f"{key} ", style="bold")
            title.append(series.question_text, style="not bold")
            missed = progress.concepts_of(key)[:MISSED_SHOWN]
            missed_title = f"Concepts of {key}"
        title.truncate(max(10, self.size.width - 2), overflow="ellipsis")
        self.query_one("#pg-chart-title", Static).update(title)
        self.query_one("#pg-plot", CoveragePlot).show(
            [p.coverage for p in series.points], [p.started_at[:10] for p in series.points]
        )
        self.query_one("#pg-missed-title", Static).update(missed_title)
        self.query_one("#pg-missed", Static).update(
            missed_lines(missed, with_question=key == OVERALL)
        )

    def action_back(self) -> None:
        """Back to the screen underneath (home)."""
        self.app.pop_screen()


def overall_series(progress: Progress) -> QuestionProgress:
    """Overall coverage per session, shaped like one question's series for the table."""
    points = tuple(
        QuestionPoint(s.started_at, s.coverage, s.session_id, False) for s in progress.sessions
    )
    return QuestionProgress(OVERALL, "All questions", points)


def missed_lines(concepts: tuple[ConceptProgress, ...], *, with_question: bool) -> Text:
    """One aligned line per concept: [question id,] label, how often it was missed."""
    if not concepts or not any(c.missed for c in concepts):
        return Text("Nothing missed: every concept was covered each time.", style="green italic")
    labels = [c.label + ("" if c.core else " (supporting)") for c in concepts]
    width = max(len(label) for label in labels) + 2
    text = Text(no_wrap=True, overflow="ellipsis")
    for i, (concept, label) in enumerate(zip(concepts, labels, strict=True)):
        if i:
            text.append("\n")
        if with_question:
            text.append(f"{concept.question_id}  ", style="dim")
        text.append(f"{label:<{width}}")
        style = "red" if concept.miss_rate >= 0.5 else "yellow" if concept.missed else "green"
        text.append(missed_text(concept), style=style)
    return text
