"""Saved sessions, newest first: pick one and press enter to replay it.

Damaged folders are listed too, with the reason, so a session that vanished from the list
is not a mystery; they cannot be opened. The list and the chosen session are read on
thread workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from interviewer.errors import UserError
from interviewer.tui.capture import one_line
from interviewer.tui.text import coverage_style, display_path, percent
from interviewer.tui.workers import tracked

if TYPE_CHECKING:
    from interviewer.session.listing import ListedSession
    from interviewer.session.records import SavedSession
    from interviewer.tui.app import InterviewApp


class SessionsListed(Message):
    """The list was read (or could not be: `error`)."""

    def __init__(self, sessions: list[ListedSession], error: str | None = None) -> None:
        super().__init__()
        self.sessions = sessions
        self.error = error


class SessionOpened(Message):
    """The chosen session was read (or could not be: `error`)."""

    def __init__(self, saved: SavedSession | None, error: str | None = None) -> None:
        super().__init__()
        self.saved = saved
        self.error = error


def when(listed: ListedSession) -> str:
    """'2026-03-02 09:30' as written when the session started; '—' when unknown."""
    return listed.started_at[:16].replace("T", " ") if listed.started_at else "—"


def status(listed: ListedSession) -> Text:
    """finished / unfinished / damaged, coloured."""
    if listed.damaged:
        return Text("damaged", style="bold red")
    if listed.finished:
        return Text("finished", style="green")
    return Text("unfinished", style="yellow")


class SessionsScreen(Screen[None]):
    """The table of saved sessions, and what the highlighted one is."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the table would otherwise take enter (and hide the key from the footer).
        Binding("enter", "open", "Replay", priority=True),
        Binding("q,escape", "app.pop_screen", "Back"),
    ]
    DEFAULT_CSS = """
    SessionsScreen #sessions-table { height: 1fr; margin: 1 1 0 1; }
    SessionsScreen #sessions-detail { height: auto; min-height: 2; padding: 0 1; margin-top: 1; }
    """

    app: InterviewApp  # type: ignore[assignment]

    def __init__(self) -> None:
        """Nothing listed until the worker has read the sessions folder."""
        super().__init__()
        self.sessions: list[ListedSession] = []
        self.opening = False

    def compose(self) -> ComposeResult:
        """Title line, table, the highlighted session's detail, keys."""
        yield Static(id="progress")
        table: DataTable[str | Text] = DataTable(
            id="sessions-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static(Text("Reading saved sessions…", style="dim italic"), id="sessions-detail")
        yield Footer(compact=True)

    @property
    def root(self) -> Path:
        """The folder the sessions are saved in (from the settings)."""
        return self.app.settings.sessions_dir()

    def on_mount(self) -> None:
        """Columns now, rows when the worker is back."""
        title = Text(" Saved sessions ", style="bold reverse", no_wrap=True)
        self.query_one("#progress", Static).update(title)
        table = self.query_one(DataTable)
        table.add_column("Started", key="started")
        table.add_column("Level", key="level")
        table.add_column("Answered", key="answered")
        table.add_column("Coverage", key="coverage")
        table.add_column("Status", key="status")
        table.focus()
        self._list(self.root)

    @work(thread=True, group="sessions-list", exclusive=True, exit_on_error=False)
    @tracked
    def _list(self, root: Path) -> None:
        from interviewer.session.listing import list_sessions

        try:
            sessions = list_sessions(root)
        except UserError as exc:
            self.post_message(SessionsListed([], str(exc)))
            return
        except Exception as exc:  # shown, never raised: the app stays usable
            self.post_message(SessionsListed([], f"cannot list sessions: {one_line(exc)}"))
            return
        self.post_message(SessionsListed(sessions))

    def on_sessions_listed(self, message: SessionsListed) -> None:
        """Fill the table, newest first."""
        detail = self.query_one("#sessions-detail", Static)
        if message.error:
            detail.update(Text(message.error, style="red"))
            return
        self.sessions = list(reversed(message.sessions))
        table = self.query_one(DataTable)
        table.clear()
        for listed in self.sessions:
            table.add_row(*self._cells(listed), key=listed.id)
        if not self.sessions:
            detail.update(Text(
                f"No saved sessions yet in {display_path(self.root)}: finish an interview"
                " and it will be here.",
                style="dim italic",
            ))
            return
        table.move_cursor(row=0)
        self._describe(0)

    def _cells(self, listed: ListedSession) -> tuple[str | Text, ...]:
        if listed.damaged:
            blank = Text("—", style="dim")
            return (when(listed), blank, blank, blank, status(listed))
        answered = (
            f"{listed.answered}/{listed.question_count}"
            if listed.answered is not None and listed.question_count is not None else "—"
        )
        coverage = Text(
            percent(listed.mean_coverage), style=coverage_style(listed.mean_coverage)
        )
        return (when(listed), listed.level or "—", answered, coverage, status(listed))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe(event.cursor_row)

    def _describe(self, row: int) -> None:
        """The highlighted session's name, or why a damaged one cannot be opened."""
        if not 0 <= row < len(self.sessions):
            return
        listed = self.sessions[row]
        text = Text()
        text.append(listed.id, style="bold")
        if listed.damaged:
            text.append("  damaged, cannot be opened: ", style="red")
            text.append(listed.damaged)
        else:
            text.append("  press ", style="dim")
            text.append(" enter ", style="bold reverse")
            text.append(" to replay it", style="dim")
        self.query_one("#sessions-detail", Static).update(text)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """Replay the highlighted session (damaged ones say why they cannot be)."""
        row = self.query_one(DataTable).cursor_row
        if self.opening or not 0 <= row < len(self.sessions):
            return
        listed = self.sessions[row]
        if listed.damaged:
            self.app.show_error(
                f"{listed.id} cannot be opened: {listed.damaged}", title="Damaged session"
            )
            return
        self.opening = True
        self._open(listed.folder)

    @work(thread=True, group="sessions-open", exclusive=True, exit_on_error=False)
    @tracked
    def _open(self, folder: Path) -> None:
        from interviewer.session.storage import SessionStore

        try:
            saved = SessionStore(self.root).load(folder)
        except UserError as exc:
            self.post_message(SessionOpened(None, str(exc)))
            return
        except Exception as exc:  # shown, never raised
            self.post_message(SessionOpened(None, f"cannot open the session: {one_line(exc)}"))
            return
        self.post_message(SessionOpened(saved))

    def on_session_opened(self, message: SessionOpened) -> None:
        """Open the replay over this list (closing it comes back here)."""
        self.opening = False
        if message.saved is None:
            self.app.show_error(message.error or "cannot open the session", title="Replay")
            return
        from interviewer.tui.screens.replay import ReplayScreen

        self.app.push_screen(ReplayScreen(message.saved))
