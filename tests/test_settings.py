"""Settings: defaults, config file, command-line flags, validation, private paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from interviewer import paths, settings
from interviewer.cli import build_parser
from interviewer.cli.context import CliContext
from interviewer.errors import UserError
from interviewer.settings import Settings


def test_defaults_are_the_documented_ones() -> None:
    s = Settings()
    assert (s.model, s.pause_seconds, s.max_answer_seconds, s.follow_ups) == (
        "base.en", 3.0, 300.0, True,
    )


def test_env_home_keeps_everything_out_of_real_home(isolated_home: Path) -> None:
    for folder in (paths.config_dir(), paths.data_dir(), paths.cache_dir()):
        assert folder.is_relative_to(isolated_home)
    assert Settings().sessions_dir().is_relative_to(isolated_home)


def test_data_dir_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "d"))
    assert Settings().sessions_dir() == tmp_path / "d"
    # The flag/setting names the same thing, and wins over the environment.
    assert Settings(data_dir=str(tmp_path / "flag")).sessions_dir() == tmp_path / "flag"


def test_save_then_load_round_trips_and_is_private() -> None:
    changed = Settings().replace(rate=200, voice="en-us", follow_ups=False, pause_seconds=4.5)
    path = settings.save(changed)
    assert settings.load() == changed
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"


def test_missing_config_means_defaults() -> None:
    assert settings.load() == Settings()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("rate = ", "not valid TOML"),
        ("colour = 'red'\n", "unknown setting 'colour'"),
        ("rate = 'fast'\n", "setting 'rate' has a bad value 'fast'"),
        ("rate = 9000\n", "setting 'rate' = 9000 must be between"),
        ("answer_mode = 'telepathy'\n", "setting 'answer_mode'"),
        ("follow_ups = 'maybe'\n", "setting 'follow_ups' has a bad value"),
    ],
)
def test_bad_config_file_is_one_clear_error(content: str, message: str) -> None:
    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message) as excinfo:
        settings.load()
    assert "\n" not in str(excinfo.value)


@pytest.mark.parametrize(
    ("argv", "field", "value"),
    [
        (["--rate", "210", "questions"], "rate", 210),
        (["questions", "--pause-seconds", "5"], "pause_seconds", 5.0),
        (["--no-follow-ups", "questions"], "follow_ups", False),
        (["--model", "/tmp/ckpt.pt", "questions"], "model", "/tmp/ckpt.pt"),
        (["--bank", "my.toml", "questions"], "bank", "my.toml"),
        (["--data-dir", "/tmp/s", "questions"], "data_dir", "/tmp/s"),
        (["--answer-mode", "typed"], "answer_mode", "typed"),
    ],
)
def test_every_setting_is_a_flag(argv: list[str], field: str, value: object) -> None:
    ctx = CliContext.from_args(build_parser().parse_args(argv))
    assert getattr(ctx.settings, field) == value


def test_flags_override_the_config_file() -> None:
    settings.save(Settings().replace(rate=120))
    ctx = CliContext.from_args(build_parser().parse_args(["--rate", "180", "questions"]))
    assert ctx.settings.rate == 180
    ctx = CliContext.from_args(build_parser().parse_args(["questions"]))
    assert ctx.settings.rate == 120

