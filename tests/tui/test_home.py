"""The home screen: every choice by key, readiness from the doctor checks, tips, start."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from interviewer.services import fake_services
from interviewer.session.storage import SessionStore
from interviewer.tui.widgets.choice import ChoiceRow
from speech.fakes import FakeTranscriber
from tests.tui.factories import BANK, TIPS, make_app
from tests.tui.pilot import on_screen, plain, run, saved, settle, until


def test_every_choice_has_a_key(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot: Pilot) -> None:
        s = app.settings
        assert (s.level, s.question_count, s.order, s.answer_mode, s.speak_questions) == (
            "beginner", 2, "in-order", "voice", True,
        )
        await pilot.press("l", "n", "n", "o", "m", "v")
        s = app.settings
        assert (s.level, s.question_count, s.order, s.answer_mode, s.speak_questions) == (
            "intermediate", 4, "weakest-first", "typed", False,
        )
        await pilot.press("l", "l")
        assert app.settings.level == "mixed"
        # The focused row (level, the first) also answers to the arrow keys.
        await pilot.press("left")
        assert app.settings.level == "advanced"
        # Keys shown nowhere else are in the footer; each choice row shows its own key.
        footer_keys = {key for key, b in app.screen.active_bindings.items() if b.binding.show}
        assert {"enter", "s", "p", "h", "t", "q"} <= footer_keys
        row_keys = {row.key for row in app.screen.query(ChoiceRow)}
        assert row_keys == {"l", "n", "o", "m", "v"}

    run(app, scenario)


def test_weakest_first_says_when_there_is_no_history(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("o")
        assert app.settings.order == "weakest-first"
        await until(pilot, lambda: app.history is not None, "the history to load")
        await pilot.pause()
        assert "random" in str(app.screen.query_one("#order").render())

    run(app, scenario)


def test_tips_cycle(tmp_path: Path) -> None:
    app = make_app(tmp_path)

    async def scenario(pilot: Pilot) -> None:
        assert TIPS[0].text in plain(app, "#tip")
        assert app.screen.query_one("#tips").border_title.startswith("Tip 1 of 2")
        await pilot.press("t")
        assert TIPS[1].text in plain(app, "#tip")
        await pilot.press("t")
        assert TIPS[0].text in plain(app, "#tip")

    run(app, scenario)


def test_model_loads_in_the_background_with_progress(tmp_path: Path) -> None:
    transcriber = FakeTranscriber(load_s=1.0)
    app = make_app(tmp_path, fake_services(transcriber=transcriber))

    async def scenario(pilot: Pilot) -> None:
        # The home screen is up and usable while the model is still loading.
        await until(pilot, lambda: app.model_state == "loading", "the model to start loading")
        assert not transcriber.loaded
        await until(
            pilot, lambda: "Downloading speech model" in plain(app, "#model-status"),
            "download progress",
        )
        assert app.screen.query_one("#model-progress").has_class("-downloading")
        await settle(pilot)
        assert transcriber.loaded
        assert "Speech model fake loaded" in plain(app, "#model-status")
        assert not app.screen.query_one("#model-progress").has_class("-downloading")

    run(app, scenario, wait_for_start_up=False)


def test_typed_mode_does_not_load_the_model(tmp_path: Path) -> None:
    transcriber = FakeTranscriber()
    app = make_app(tmp_path, fake_services(transcriber=transcriber), answer_mode="typed")

    async def scenario(pilot: Pilot) -> None:
        assert app.model_state == "idle"
        assert not transcriber.loaded
        assert "no speech model needed" in plain(app, "#model-status")

    run(app, scenario)


def test_start_creates_the_session_folder(tmp_path: Path) -> None:
    app = make_app(tmp_path, answer_mode="typed", speak_questions=False)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await on_screen(pilot, "TypedQuestionScreen")
        data = saved(app)
        assert [q["id"] for q in data["questions"]] == [q.id for q in BANK.questions]
        assert data["settings"]["answer_mode"] == "typed"
        assert data["model"] == "fake"
        assert app.session is not None
        assert app.session.folder.parent == tmp_path / "sessions"

    run(app, scenario)


def test_new_interview_from_the_summary_returns_home(tmp_path: Path) -> None:
    app = make_app(tmp_path, answer_mode="typed", speak_questions=False)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await on_screen(pilot, "TypedQuestionScreen")
        await pilot.press("escape")
        await on_screen(pilot, "SummaryScreen")
        await pilot.press("e")  # export the report into the session folder
        folder = app.session.folder
        report = folder / "report.md"
        assert report.exists() and report.read_text().strip()
        await pilot.press("h")
        await on_screen(pilot, "HomeScreen")
        assert app.session is None
        await pilot.press("enter")
        await on_screen(pilot, "TypedQuestionScreen")
        assert app.session.folder != folder
        assert len(SessionStore(tmp_path / "sessions").folders()) == 2

    run(app, scenario)
