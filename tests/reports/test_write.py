"""Writing report files: formats, default names, no silent overwrite, atomic, user-only."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from interviewer.reports import write
from interviewer.reports.formats import FORMATS, format_for
from interviewer.reports.write import (
    RENDERERS,
    ReportError,
    default_name,
    render,
    write_file,
    write_report,
)
from interviewer.session.records import SavedSession
from tests.reports.sessions import HOSTILE_ID, played


@pytest.fixture
def saved(tmp_path: Path) -> SavedSession:
    return played(tmp_path / "sessions").snapshot()


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_then_refuse_then_force(fmt: str, saved: SavedSession, tmp_path: Path) -> None:
    path = tmp_path / f"report.{fmt}"
    assert write_report(saved, fmt, path) == path
    assert path.read_text(encoding="utf-8") == render(saved, fmt)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_text("edited by hand", encoding="utf-8")
    with pytest.raises(ReportError, match=f"^{path} already exists; add --force to overwrite it$"):
        write_report(saved, fmt, path)
    assert path.read_text(encoding="utf-8") == "edited by hand"
    write_report(saved, fmt, path, force=True)
    assert path.read_text(encoding="utf-8") == render(saved, fmt)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"report.{fmt}", "sessions"]


def test_a_dangling_link_is_not_replaced(saved: SavedSession, tmp_path: Path) -> None:
    link = tmp_path / "report.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    with pytest.raises(ReportError, match="already exists"):
        write_report(saved, "md", link)
    assert not (tmp_path / "elsewhere.md").exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (".", "is a folder; give a file name such as report.md"),
        ("missing/report.md", "missing: no such folder"),
    ],
)
def test_bad_targets(target: str, message: str, saved: SavedSession, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=message):
        write_report(saved, "md", tmp_path / target)
    assert not (tmp_path / "missing").exists()


def test_a_file_made_meanwhile_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.md"
    real_link = os.link

    def racing_link(src: str, dst: Path) -> None:
        Path(dst).write_text("someone else's", encoding="utf-8")
        real_link(src, dst)

    monkeypatch.setattr(write.os, "link", racing_link)
    with pytest.raises(ReportError, match="already exists"):
        write_file(path, b"mine", force=False)
    assert path.read_text(encoding="utf-8") == "someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file left


def test_without_hard_links_it_still_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: str, dst: Path) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(write.os, "link", no_links)
    path = tmp_path / "report.md"
    write_file(path, b"first", force=False)
    assert path.read_bytes() == b"first"
    with pytest.raises(ReportError, match="already exists"):
        write_file(path, b"second", force=False)
    assert path.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "fsync", full_disk)
    with pytest.raises(ReportError, match=r"cannot write the report \(No space left on device\)"):
        write_file(tmp_path / "report.md", b"data", force=False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("report.html", "html"),
        ("REPORT.HTM", "html"),
        ("out.json", "json"),
        ("notes.markdown", "md"),
        ("notes.txt", "md"),
        ("noext", "md"),
    ],
)
def test_format_for(name: str, expected: str) -> None:
    assert format_for(Path(name)) == expected


def test_format_for_nothing_is_the_default() -> None:
    assert format_for(None, "json") == "json"


def test_every_format_has_a_renderer() -> None:
    assert tuple(RENDERERS) == FORMATS


@pytest.mark.parametrize(
    ("session_id", "folder", "expected"),
    [
        ("2026-11-25T14-30-05-ab12", "/x/2026-11-25T14-30-05-ab12", "2026-11-25T14-30-05-ab12.md"),
        # The id is read from session.json: one that could point elsewhere is not used.
        ("../../etc/cron.d/x", "/x/strong", "strong.md"),
        (HOSTILE_ID, "/x/weak", "weak.md"),
        (".hidden", "/x/sample", "sample.md"),
        ("a..b", "/x/sample", "sample.md"),
        ("", "/", "session.md"),
    ],
)
def test_default_name(session_id: str, folder: str, expected: str, saved: SavedSession) -> None:
    assert default_name(replace(saved, id=session_id, folder=Path(folder)), "md") == Path(expected)


def test_unknown_format(saved: SavedSession) -> None:
    with pytest.raises(ReportError, match="unknown report format 'pdf'"):
        render(saved, "pdf")
