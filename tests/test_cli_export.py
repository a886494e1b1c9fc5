"""`interviewer export SESSION --format md|html|json [-o FILE] [--force]` on saved folders."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from interviewer.cli import main
from interviewer.reports.formats import FORMATS
from interviewer.reports.write import render
from interviewer.session.storage import SessionFolder, SessionStore
from tests.reports.sessions import HOSTILE_ID, SCRIPT, hostile, played


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder, where default report files go."""
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def session_id(data_dir: Path) -> str:
    return played(data_dir).id


def _run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), "export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _expected(data_dir: Path, session_id: str, fmt: str) -> str:
    return render(SessionStore(data_dir).load(session_id), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_goes_to_session_id_dot_format_here(
    fmt: str, capsys: pytest.CaptureFixture[str], data_dir: Path, here: Path, session_id: str
) -> None:
    code, out, err = _run(capsys, data_dir, session_id, "--format", fmt)
    assert (code, err) == (0, "")
    path = Path(f"{session_id}.{fmt}")
    assert out == f"wrote {path}\n"
    assert (here / path).read_text(encoding="utf-8") == _expected(data_dir, session_id, fmt)
    assert [p.name for p in here.iterdir()] == [path.name]


def test_markdown_is_the_default(
    capsys: pytest.CaptureFixture[str], data_dir: Path, here: Path, session_id: str
) -> None:
    code, _, _ = _run(capsys, data_dir, session_id[:10])  # a unique prefix is enough
    assert code == 0
    assert (here / f"{session_id}.md").read_text(encoding="utf-8").startswith(
        f"# Interview session {session_id}"
    )


@pytest.mark.parametrize(
    ("name", "flags", "fmt"),
    [
        ("coach.html", (), "html"),
        ("coach.json", (), "json"),
        ("coach.txt", (), "md"),
        ("coach.txt", ("--format", "json"), "json"),
        ("coach.html", ("--format", "md"), "md"),  # an explicit format wins
    ],
)
def test_output_file(
    name: str,
    flags: tuple[str, ...],
    fmt: str,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    session_id: str,
) -> None:
    target = tmp_path / name
    code, out, err = _run(capsys, data_dir, session_id, "-o", str(target), *flags)
    assert (code, out, err) == (0, f"wrote {target}\n", "")
    assert target.read_text(encoding="utf-8") == _expected(data_dir, session_id, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_dash_writes_only_the_report_to_stdout(
    fmt: str, capsys: pytest.CaptureFixture[str], data_dir: Path, here: Path, session_id: str
) -> None:
    code, out, err = _run(capsys, data_dir, session_id, "--format", fmt, "-o", "-")
    assert (code, err) == (0, "")
    assert out == _expected(data_dir, session_id, fmt)
    assert list(here.iterdir()) == []
    if fmt == "json":
        assert json.loads(out)["session"]["id"] == session_id


def test_an_existing_file_needs_force(
    capsys: pytest.CaptureFixture[str], data_dir: Path, here: Path, session_id: str
) -> None:
    path = here / f"{session_id}.html"
    path.write_text("my notes", encoding="utf-8")
    code, out, err = _run(capsys, data_dir, session_id, "--format", "html")
    assert (code, out) == (2, "")
    assert err == (
        f"interviewer: error: {session_id}.html already exists; add --force to overwrite it\n"
    )
    assert path.read_text(encoding="utf-8") == "my notes"
    code, out, err = _run(capsys, data_dir, session_id, "--format", "html", "--force")
    assert (code, out, err) == (0, f"wrote {session_id}.html\n", "")
    assert path.read_text(encoding="utf-8") == _expected(data_dir, session_id, "html")


def test_a_folder_path_opens_a_session_anywhere(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, here: Path
) -> None:
    elsewhere = played(tmp_path / "elsewhere")
    for given in (str(elsewhere.folder), f"../elsewhere/{elsewhere.id}"):
        code, out, err = _run(capsys, tmp_path / "empty", given, "--format", "json", "-o", "-")
        assert (code, err) == (0, "")
        session = json.loads(out)["session"]
        assert (session["id"], session["folder"]) == (elsewhere.id, str(Path(given)))


@pytest.mark.parametrize(
    ("session", "message"),
    [
        ("2020-01-01", "no saved session '2020-01-01'"),
        ("..", "is not a session name"),
        ("./no-such-folder", "no-such-folder: no such session folder"),
    ],
)
def test_unknown_sessions(
    session: str, message: str, capsys: pytest.CaptureFixture[str], data_dir: Path, here: Path,
    session_id: str,
) -> None:
    code, out, err = _run(capsys, data_dir, session)
    assert (code, out) == (2, "")
    assert err.startswith("interviewer: error: ") and message in err
    assert err.count("\n") == 1
    assert list(here.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"schema_version": 2, "attem', "corrupt or truncated"),
        ('{"schema_version": 99}', "saved by a newer interviewer"),
        ('{"schema_version": 2}', "malformed session file"),
    ],
)
def test_a_damaged_session_is_one_line(
    content: str, message: str, capsys: pytest.CaptureFixture[str], data_dir: Path, here: Path,
    session_id: str,
) -> None:
    (data_dir / session_id / "session.json").write_text(content, encoding="utf-8")
    code, out, err = _run(capsys, data_dir, session_id, "--format", "html")
    assert (code, out) == (2, "")
    assert err.startswith("interviewer: error: ") and message in err
    assert err.count("\n") == 1
    assert list(here.iterdir()) == []


def test_a_hostile_session_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path, here: Path, tmp_path: Path
) -> None:
    saved = hostile(tmp_path / "scratch")
    folder = data_dir / "2026-01-01T10-00-00-beef"
    folder.mkdir(parents=True)
    SessionFolder(folder).save(replace(saved, folder=folder))
    assert SessionStore(data_dir).load(folder.name).id == HOSTILE_ID
    code, out, err = _run(capsys, data_dir, folder.name, "--format", "html")
    # The id inside the file cannot choose where the report goes.
    assert (code, out, err) == (0, f"wrote {folder.name}.html\n", "")
    text = (here / f"{folder.name}.html").read_text(encoding="utf-8")
    assert "<script" not in text.lower() and SCRIPT not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
