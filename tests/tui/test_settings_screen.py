"""The settings screen: edit, check, save to the TOML config; cancel loses nothing."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from interviewer.services import Services, fake_services
from interviewer.settings import Settings
from tests.tui.factories import make_app
from tests.tui.pilot import on_screen, plain, run, send_at_once, settle


async def open_settings(pilot: Pilot) -> None:
    """Go from the home screen to the settings screen, as its "s" key does."""
    await pilot.press("s")
    await on_screen(pilot, "SettingsScreen")


async def set_field(pilot: Pilot, name: str, value: str) -> None:
    """Replace a field's text as a person would: select it and type."""
    field = pilot.app.screen.query_one(f"#set-{name}", Input)
    field.focus()
    field.value = ""
    await pilot.press(*value)


def test_save_writes_only_what_was_changed(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    app = make_app(tmp_path, config_path=config)  # data_dir etc. as if given as flags

    async def scenario(pilot: Pilot) -> None:
        await open_settings(pilot)
        await set_field(pilot, "rate", "200")
        await set_field(pilot, "pause_seconds", "1.5")
        app.screen.query_one("#set-follow_ups").focus()
        await pilot.press("right")
        await pilot.press("ctrl+s")
        await on_screen(pilot, "HomeScreen")
        assert (app.settings.rate, app.settings.pause_seconds) == (200, 1.5)
        assert app.settings.follow_ups is False

    run(app, scenario)
    saved = tomllib.loads(config.read_text())
    assert saved["rate"] == 200
    assert saved["pause_seconds"] == 1.5
    assert saved["follow_ups"] is False
    # Choices this run was started with (the test's data folder, level...) stay off disk.
    assert saved["data_dir"] == Settings().data_dir
    assert saved["level"] == Settings().level


def test_ctrl_s_right_after_typing_saves_every_key(tmp_path: Path) -> None:
    """ctrl+s typed straight after a value saves all of it, not what the field had taken
    when the app read the ctrl+s."""
    config = tmp_path / "config.toml"
    app = make_app(tmp_path, config_path=config)

    async def scenario(pilot: Pilot) -> None:
        await open_settings(pilot)
        await set_field(pilot, "rate", "")
        send_at_once(app, "210", "ctrl+s")
        await on_screen(pilot, "HomeScreen")
        assert app.settings.rate == 210

    run(app, scenario)
    assert tomllib.loads(config.read_text())["rate"] == 210


def test_a_bad_value_is_named_and_nothing_is_saved(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    app = make_app(tmp_path, config_path=config)

    async def scenario(pilot: Pilot) -> None:
        await open_settings(pilot)
        await set_field(pilot, "rate", "fast")
        await pilot.press("ctrl+s")
        assert "setting 'rate' has a bad value 'fast'" in plain(app, "#settings-error")
        await set_field(pilot, "rate", "900")
        await pilot.press("ctrl+s")
        assert "'rate' = 900 must be between 50 and 400" in plain(app, "#settings-error")
        assert pilot.app.screen.query_one("#set-rate", Input).value == "900"  # kept to fix
        await pilot.press("escape")
        await on_screen(pilot, "HomeScreen")
        assert app.settings.rate == 170

    run(app, scenario)
    assert not config.exists()


def test_changing_the_model_rebuilds_the_speech_parts(tmp_path: Path) -> None:
    built: list[str] = []

    def factory(settings: Settings) -> Services:
        built.append(settings.model)
        return fake_services()

    app = make_app(tmp_path)
    app.services_factory = factory

    async def scenario(pilot: Pilot) -> None:
        assert built == ["base.en"]
        await open_settings(pilot)
        await set_field(pilot, "model", "tiny.en")
        await pilot.press("ctrl+s")
        await on_screen(pilot, "HomeScreen")
        await settle(pilot)
        assert built == ["base.en", "tiny.en"]
        assert app.model_state == "ready"

    run(app, scenario)
