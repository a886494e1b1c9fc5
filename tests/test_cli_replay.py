"""`interviewer replay SESSION`: bad names and damaged folders are one line before the app
opens; a good session opens the app on its replay (headless here, and once in a real pty)."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest

from interviewer.cli import main
from interviewer.tui.app import InterviewApp
from interviewer.tui.screens.replay import ReplayScreen
from tests.pty_app import pty_app
from tests.tui.replay_data import NAME, write_damaged, write_session


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The sessions folder given with --data-dir."""
    return tmp_path / "data"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[InterviewApp]:
    """Apps that `replay` would have run (nothing takes over the terminal here)."""
    apps: list[InterviewApp] = []

    def fake_run_app(ctx: object, app: InterviewApp | None = None) -> int:
        assert app is not None
        apps.append(app)
        return 0

    monkeypatch.setattr("interviewer.cli.app_cmd.run_app", fake_run_app)
    return apps


def _replay(
    capsys: pytest.CaptureFixture[str], data_dir: Path, session: str
) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), "replay", session])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("session", "fragment"),
    [
        ("nope", "no saved session 'nope'"),
        ("..", "'..'"),
        ("2026..03", "'2026..03'"),
        ("./no-such-folder", "no such session folder"),
        ("2026-02-27T18-05-00-beef", "corrupt or truncated"),
        ("2026", "ambiguous"),
    ],
)
def test_a_session_that_cannot_be_opened_is_one_line_before_the_app(
    capsys: pytest.CaptureFixture[str], data_dir: Path, opened: list[InterviewApp],
    session: str, fragment: str,
) -> None:
    write_session(data_dir)
    write_damaged(data_dir)
    code, out, err = _replay(capsys, data_dir, session)
    assert (code, out) == (2, "")
    assert err.startswith("interviewer: error: ")
    assert err.count("\n") == 1, err
    assert fragment in err
    assert opened == []


def test_a_newer_schema_says_to_upgrade(
    capsys: pytest.CaptureFixture[str], data_dir: Path, opened: list[InterviewApp]
) -> None:
    saved = write_session(data_dir)
    path = saved.folder / "session.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schema_version"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _out, err = _replay(capsys, data_dir, NAME)
    assert code == 2
    assert "newer" in err and "upgrade" in err
    assert err.count("\n") == 1
    assert opened == []


@pytest.mark.parametrize("how", ["name", "prefix", "path"])
def test_a_good_session_opens_the_app_on_its_replay(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path,
    opened: list[InterviewApp], monkeypatch: pytest.MonkeyPatch, how: str,
) -> None:
    monkeypatch.setenv("INTERVIEWER_FAKE_SPEECH", "1")
    if how == "path":  # a folder outside the sessions folder, given as a path
        write_session(tmp_path / "elsewhere")
        session = str(tmp_path / "elsewhere" / NAME)
    else:
        write_session(data_dir)
        session = NAME if how == "name" else NAME[:13]
    code, _out, err = _replay(capsys, data_dir, session)
    assert (code, err) == (0, "")
    (app,) = opened
    shown: list[str] = []

    async def drive() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReplayScreen)
            assert screen.saved.id == NAME
            shown.append(str(screen.query_one("#rp-question").render()))
            assert app.checks is None  # replay needs no microphone check nor model
            await pilot.press("q")

    asyncio.run(drive())
    assert shown == ["What is gradient descent?"]
    assert app.return_code == 0


def test_replay_runs_in_a_real_terminal_and_q_quits(tmp_path: Path) -> None:
    home = tmp_path / "home"
    write_session(home / "data" / "sessions")
    env = dict(os.environ, INTERVIEWER_FAKE_SPEECH="1", INTERVIEWER_HOME=str(home))
    with pty_app(["replay", NAME], env) as app:
        assert app.read_until(b"gradient descent"), app.seen[-2000:]
        assert app.read_until(b"0:08"), "the recording's length is shown"
        app.press(b"q")
        assert app.wait_exit() == 0
    assert b"Traceback" not in app.seen
