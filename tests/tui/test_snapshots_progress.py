"""SVG snapshots of the Progress screen at 100x30 and 80x24 (pytest-textual-snapshot).

Deterministic: four hand-scored sessions on fixed dates (tests/session/progress_data.py)
over the UI tests' bank. Refresh with
`pytest tests/tui/test_snapshots_progress.py --snapshot-update` and look at them.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from interviewer.tui.app import InterviewApp
from tests.session.progress_data import save_damaged_session, save_planned_sessions
from tests.tui.factories import BANK, make_app
from tests.tui.pilot import on_screen, until
from tests.tui.test_snapshots import SIZES, Compare, Size, Step, snapshot


def _app(tmp_path: Path, count: int = 4, *, damaged: bool = False) -> InterviewApp:
    if count:
        save_planned_sessions(tmp_path / "sessions", BANK.questions, count=count)
    if damaged:
        save_damaged_session(tmp_path / "sessions")
    return make_app(tmp_path)


def open_progress(*keys: str) -> Step:
    """A step: press p, wait for the figures, then press `keys`."""

    async def step(pilot: Pilot) -> None:
        await pilot.press("p")
        await on_screen(pilot, "ProgressScreen")
        await until(pilot, lambda: pilot.app.screen.progress is not None, "the figures")
        await pilot.pause()
        if keys:
            await pilot.press(*keys)

    return step


@SIZES
def test_progress_overall(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    assert snapshot(snap_compare, _app(tmp_path), size, open_progress())


@SIZES
def test_progress_one_question(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    assert snapshot(snap_compare, _app(tmp_path), size, open_progress("down", "down"))


@SIZES
def test_progress_one_session_and_a_damaged_one(
    snap_compare: Compare, tmp_path: Path, size: Size
) -> None:
    app = _app(tmp_path, count=1, damaged=True)
    assert snapshot(snap_compare, app, size, open_progress())


@SIZES
def test_progress_no_sessions(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    assert snapshot(snap_compare, _app(tmp_path, count=0), size, open_progress())
