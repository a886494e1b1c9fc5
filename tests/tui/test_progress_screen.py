"""The Progress screen: opened with p from home, figures read on a worker, a question
charted by moving through the table, escape/q back; weakest-first asks what it shows weakest."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, TextArea

from interviewer.session.progress import Progress, build_progress
from interviewer.session.storage import SessionStore
from interviewer.tui.screens import progress as progress_screen
from interviewer.tui.screens.progress import CoveragePlot, ProgressScreen
from tests.session.progress_data import save_damaged_session, save_planned_sessions
from tests.tui.factories import BANK, DESCENT, FULL_DESCENT, KMEANS, make_app
from tests.tui.pilot import on_screen, plain, run, screen_name, until

DATES = ["2026-03-02", "2026-03-05", "2026-03-09", "2026-03-14"]


def sessions_dir(tmp_path: Path) -> Path:
    """Where make_app's settings save sessions."""
    return tmp_path / "sessions"


async def open_progress(pilot: Pilot) -> ProgressScreen:
    """Press p on home and wait until the figures are on screen."""
    await pilot.press("p")
    await on_screen(pilot, "ProgressScreen")
    screen = pilot.app.screen
    assert isinstance(screen, ProgressScreen)
    await until(pilot, lambda: screen.progress is not None, "the sessions to be read")
    await pilot.pause()
    return screen


def chart(screen: ProgressScreen) -> CoveragePlot:
    """The chart widget."""
    return screen.query_one("#pg-plot", CoveragePlot)


def test_p_opens_the_overall_chart_table_and_most_missed(tmp_path: Path) -> None:
    save_planned_sessions(sessions_dir(tmp_path), BANK.questions)
    app = make_app(tmp_path)

    async def scenario(pilot: Pilot) -> None:
        screen = await open_progress(pilot)
        plot = chart(screen)
        assert plot.values == pytest.approx([1 / 6, 1 / 2, 2 / 3, 5 / 6])
        assert plot.labels == DATES
        lines = plot.lines()
        assert len(lines) <= plot.size.height
        assert lines[0].startswith("100% ┤") and lines[-1].split()[0] == "2026-03-02"
        assert any(line.endswith(" 83%") for line in lines)
        assert "Overall coverage per session" in plain(app, "#pg-chart-title")
        table = screen.query_one("#pg-table", DataTable)
        assert [k.value for k in table.rows] == ["overall", DESCENT.id, KMEANS.id]
        assert [str(c) for c in table.get_row(DESCENT.id)] == [
            DESCENT.id, "4", "100%", "100%", "↑ +67 pts", "▃▆▆█"
        ]
        assert app.focused is table
        missed = plain(app, "#pg-missed")
        assert missed.startswith("beginner-02 Mean of points (supporting) missed 3 of 4")
        assert "Minimises the loss missed 2 of 4, 1 only when asked" in missed
        assert not screen.query_one("#pg-status").display

    run(app, scenario)


def test_moving_through_the_table_charts_one_question(tmp_path: Path) -> None:
    save_planned_sessions(sessions_dir(tmp_path), BANK.questions)
    app = make_app(tmp_path)

    async def scenario(pilot: Pilot) -> None:
        screen = await open_progress(pilot)
        await pilot.press("down", "down")
        await pilot.pause()
        assert chart(screen).values == pytest.approx([0.0, 1 / 3, 2 / 3, 2 / 3])
        assert chart(screen).labels == DATES
        assert plain(app, "#pg-chart-title") == f"{KMEANS.id} {KMEANS.text}"
        assert plain(app, "#pg-missed-title") == f"Concepts of {KMEANS.id}"
        assert plain(app, "#pg-missed").split(" missed ")[0] == "Mean of points (supporting)"
        await pilot.press("up", "up")
        await pilot.pause()
        assert chart(screen).values == pytest.approx([1 / 6, 1 / 2, 2 / 3, 5 / 6])

    run(app, scenario)


@pytest.mark.parametrize("key", ["escape", "q"])
def test_escape_or_q_goes_back_home(tmp_path: Path, key: str) -> None:
    save_planned_sessions(sessions_dir(tmp_path), BANK.questions, count=1)
    app = make_app(tmp_path)

    async def scenario(pilot: Pilot) -> None:
        await open_progress(pilot)
        await pilot.press(key)
        await on_screen(pilot, "HomeScreen")
        assert app.is_running  # q leaves the screen, not the app

    run(app, scenario)


def test_no_sessions_is_a_friendly_line(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot: Pilot) -> None:
        screen = await open_progress(pilot)
        assert plain(app, "#pg-status").startswith("No saved sessions yet.")
        assert not chart(screen).display
        assert not screen.query_one("#pg-table").display

    run(app, scenario)


def test_damaged_sessions_are_counted_and_the_rest_shown(tmp_path: Path) -> None:
    save_planned_sessions(sessions_dir(tmp_path), BANK.questions, count=2)
    save_damaged_session(sessions_dir(tmp_path))
    app = make_app(tmp_path)

    async def scenario(pilot: Pilot) -> None:
        screen = await open_progress(pilot)
        assert plain(app, "#pg-status").startswith(
            "1 saved session could not be read and is left out"
        )
        assert len(chart(screen).values) == 2

    run(app, scenario)


def test_sessions_are_read_off_the_ui_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_planned_sessions(sessions_dir(tmp_path), BANK.questions, count=1)
    release = threading.Event()
    threads: list[str] = []
    real_load = progress_screen.load_progress

    def slow_load(store: SessionStore) -> Progress:
        threads.append(threading.current_thread().name)
        release.wait(10)
        return real_load(store)

    monkeypatch.setattr(progress_screen, "load_progress", slow_load)
    app = make_app(tmp_path)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("p")
        await on_screen(pilot, "ProgressScreen")
        await until(pilot, lambda: bool(threads), "the sessions to start loading")
        assert threads[0] != threading.main_thread().name
        # Still usable while it reads: leave, and the late result is dropped quietly.
        assert plain(app, "#pg-status") == "Reading your saved sessions…"
        await pilot.press("escape")
        await on_screen(pilot, "HomeScreen")
        release.set()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen_name(pilot) == "HomeScreen"

    run(app, scenario)


def test_a_finished_interview_shows_up_and_weakest_first_follows_the_figures(
    tmp_path: Path,
) -> None:
    store_root = sessions_dir(tmp_path)
    save_planned_sessions(store_root, BANK.questions)
    app = make_app(tmp_path, answer_mode="typed", speak_questions=False, follow_ups=False,
                   order="weakest-first")

    async def scenario(pilot: Pilot) -> None:
        screen = await open_progress(pilot)
        figures = screen.progress
        assert figures is not None
        # Latest: k-means 67 %, gradient descent 100 %: k-means is weaker.
        assert figures.priority(KMEANS.id) > figures.priority(DESCENT.id)
        await pilot.press("escape")
        await on_screen(pilot, "HomeScreen")
        await until(pilot, lambda: app.history is not None, "the history to load")
        await pilot.press("enter")
        await on_screen(pilot, "TypedQuestionScreen")
        assert app.screen.question.id == KMEANS.id
        await pilot.press("ctrl+n")  # skip k-means
        await on_screen(pilot, "TypedQuestionScreen")
        assert app.screen.question.id == DESCENT.id
        app.screen.query_one(TextArea).insert(FULL_DESCENT)
        await pilot.press("ctrl+s")
        await on_screen(pilot, "FeedbackScreen")
        await pilot.press("n")
        await on_screen(pilot, "SummaryScreen")
        await pilot.press("h")
        await on_screen(pilot, "HomeScreen")
        screen = await open_progress(pilot)
        assert screen.progress == build_progress(SessionStore(store_root).load_all())
        assert len(chart(screen).values) == 5
        kmeans = screen.progress.question(KMEANS.id)
        assert kmeans is not None and kmeans.points[-1].skipped

    run(app, scenario)
