"""SVG snapshots of the Sessions and Replay screens at 100x30 and 80x24.

Deterministic by construction: sessions with fixed names and times (tests/tui/replay_data),
the fake player on a clock that only the test moves, and the picture taken once the
screen shows exactly the wanted state.
Refresh with `pytest tests/tui/test_snapshots_replay.py --snapshot-update` and look at them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from interviewer.services import fake_services
from interviewer.tui.app import InterviewApp
from interviewer.tui.widgets.playback import PlaybackBar
from interviewer.tui.widgets.spoken import SpokenTranscript
from speech.fakes import FakeSeekablePlayer
from tests.tui.factories import SteppingClock, make_app
from tests.tui.pilot import on_screen, settle, until
from tests.tui.replay_data import replay_app, write_damaged, write_session

SIZES = pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
Size = tuple[int, int]
Compare = Callable[..., bool]  # the snap_compare fixture


def bar(pilot: Pilot) -> PlaybackBar:
    """The player line."""
    return pilot.app.screen.query_one("#rp-player", PlaybackBar)


async def loaded(pilot: Pilot) -> None:
    """Wait until the first step's recording is ready to play."""
    await pilot.pause()
    await until(pilot, lambda: bar(pilot).state == "idle", "the recording")


@SIZES
def test_sessions(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    root = tmp_path / "sessions"
    write_session(root)
    write_session(
        root, name="2026-03-05T08-15-00-cd34", created_at="2026-03-05T08:15:00+00:00",
        finished=False,
    )
    write_damaged(root)
    app = make_app(tmp_path)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("h")
        await on_screen(pilot, "SessionsScreen")
        table = pilot.app.screen.query_one(DataTable)
        await until(pilot, lambda: table.row_count == 3, "the list")
        await pilot.press("down", "down")  # the damaged one: its reason shows below
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def _replay(tmp_path: Path, clock: SteppingClock, **changes: bool) -> InterviewApp:
    saved = write_session(tmp_path / "sessions", **changes)
    return replay_app(tmp_path, saved, FakeSeekablePlayer(clock=clock))


@SIZES
def test_replay_mid_playback(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    clock = SteppingClock()
    app = _replay(tmp_path, clock)

    async def run_before(pilot: Pilot) -> None:
        await loaded(pilot)
        await pilot.press("space")
        clock.now += 3.2  # 'downhill', the fourth of nine words over 8 s
        await until(
            pilot, lambda: bar(pilot).position == pytest.approx(3.2), "playback at 0:03"
        )
        transcript = pilot.app.screen.query_one("#rp-transcript", SpokenTranscript)
        await until(pilot, lambda: transcript.current == 3, "the fourth word lit")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_replay_missing_audio(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    app = _replay(tmp_path, SteppingClock(), missing_audio=True)

    async def run_before(pilot: Pilot) -> None:
        await loaded(pilot)
        await pilot.press("right_square_bracket")  # the follow-up, whose file is gone
        await until(pilot, lambda: bar(pilot).state == "missing", "the missing note")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_replay_rescored(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    app = _replay(tmp_path, SteppingClock(), rescored=True)

    async def run_before(pilot: Pilot) -> None:
        await loaded(pilot)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_fake_services_are_what_the_snapshots_play_on() -> None:
    assert isinstance(fake_services().seekable, FakeSeekablePlayer)
