"""The Sessions screen: `h` on home lists saved sessions (damaged ones too), enter replays."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable

from interviewer.services import fake_services
from interviewer.tui.screens.replay import ReplayScreen
from speech.fakes import FakeSeekablePlayer
from tests.tui.factories import SteppingClock, make_app
from tests.tui.pilot import notifications, on_screen, plain, run, until
from tests.tui.replay_data import NAME, write_damaged, write_session

LATER = "2026-03-05T08-15-00-cd34"
DAMAGED = "2026-02-27T18-05-00-beef"


def write_three(root: Path) -> None:
    """A finished session, a later unfinished one, and an earlier damaged folder."""
    write_session(root)
    write_session(root, name=LATER, created_at="2026-03-05T08:15:00+00:00", finished=False)
    write_damaged(root, DAMAGED)


def rows(pilot: Pilot) -> list[list[str]]:
    """The table's cells as text, top row first."""
    table = pilot.app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def test_sessions_are_listed_newest_first_with_the_damaged_one(tmp_path: Path) -> None:
    write_three(tmp_path / "sessions")
    player = FakeSeekablePlayer(clock=SteppingClock())
    app = make_app(tmp_path, fake_services(seekable=player))

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("h")
        await on_screen(pilot, "SessionsScreen")
        await until(pilot, lambda: len(rows(pilot)) == 3, "the list")
        assert rows(pilot) == [
            ["2026-03-05 08:15", "beginner", "2/3", "61%", "unfinished"],
            ["2026-03-02 09:30", "beginner", "2/3", "61%", "finished"],
            ["2026-02-27 18:05", "—", "—", "—", "damaged"],
        ]
        assert plain(app, "#sessions-detail") == f"{LATER} press enter to replay it"

        await pilot.press("down", "down")
        detail = plain(app, "#sessions-detail")
        assert detail.startswith(f"{DAMAGED} damaged, cannot be opened: ")
        assert "corrupt or truncated" in detail
        await pilot.press("enter")
        await pilot.pause()
        assert any("cannot be opened" in n for n in notifications(app))
        assert type(app.screen).__name__ == "SessionsScreen"

        await pilot.press("up", "enter")
        await on_screen(pilot, "ReplayScreen")
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        assert screen.saved.id == NAME
        assert "What is gradient descent?" in plain(app, "#rp-question")

        await pilot.press("q")
        await on_screen(pilot, "SessionsScreen")
        await pilot.press("escape")
        await on_screen(pilot, "HomeScreen")

    run(app, scenario)


def test_no_sessions_says_so(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("h")
        await on_screen(pilot, "SessionsScreen")
        await until(
            pilot, lambda: "No saved sessions yet" in plain(app, "#sessions-detail"), "the note"
        )
        assert rows(pilot) == []
        await pilot.press("enter")  # nothing to open: nothing happens
        assert type(app.screen).__name__ == "SessionsScreen"

    run(app, scenario)
