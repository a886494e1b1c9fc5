"""Rendering a session in a chosen format and writing it to a file safely.

A report file is written whole or not at all (temporary file in the same folder, fsync,
then link or rename), user-only, and an existing file is replaced only when asked: a
report the user already edited or shared is never lost to a second export.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from interviewer.errors import UserError
from interviewer.reports.build import as_saved, build_report
from interviewer.reports.formats import FORMATS
from interviewer.reports.html import render_html
from interviewer.reports.json_report import render_json
from interviewer.reports.markdown import render_markdown
from interviewer.reports.model import Report
from interviewer.session.atomic import fsync_folder, write_private_temp
from interviewer.session.records import SavedSession

if TYPE_CHECKING:
    from interviewer.session.flow import InterviewSession

Renderer = Callable[[Report], str]
RENDERERS: dict[str, Renderer] = {"md": render_markdown, "html": render_html, "json": render_json}
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}")


class ReportError(UserError):
    """A report that cannot be written where it was asked for."""


def default_name(saved: SavedSession, fmt: str) -> Path:
    """`<session-id>.<fmt>` in the current folder.

    The id comes from session.json, so one that could name another folder (a separator,
    `..`, odd characters) is not used; the folder's own name, or "session", is.
    """
    for name in (saved.id, Path(saved.folder).resolve().name):
        if _SAFE_NAME.fullmatch(name) and ".." not in name:
            return Path(f"{name}.{fmt}")
    return Path(f"session.{fmt}")


def render(saved: SavedSession, fmt: str) -> str:
    """The report of `saved` as text in `fmt` (one of FORMATS)."""
    if fmt not in RENDERERS:
        raise ReportError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
    return RENDERERS[fmt](build_report(saved))


def write_report(saved: SavedSession, fmt: str, path: Path, *, force: bool = False) -> Path:
    """Write the report of `saved` in `fmt` to `path`; an existing file only with `force`."""
    path = Path(path).expanduser()
    _check_target(path, force)
    write_file(path, render(saved, fmt).encode("utf-8"), force=force)
    return path


def export_markdown(saved_or_session: SavedSession | InterviewSession, path: Path) -> Path:
    """The app's export: the Markdown report written to `path`, replacing an older one."""
    return write_report(as_saved(saved_or_session), "md", path, force=True)


def _check_target(path: Path, force: bool) -> None:
    if path.is_dir():
        raise ReportError(f"{path}: is a folder; give a file name such as report.md")
    if not path.parent.is_dir():
        raise ReportError(f"{path.parent}: no such folder")
    if not force and (path.exists() or path.is_symlink()):
        raise ReportError(_exists(path))


def _exists(path: Path) -> str:
    return f"{path} already exists; add --force to overwrite it"


def write_file(path: Path, data: bytes, *, force: bool) -> None:
    """Write `data` to `path` atomically, mode 0600; refuse an existing file unless `force`."""
    try:
        tmp = write_private_temp(path, data)
    except OSError as exc:
        raise ReportError(f"{path}: cannot write the report ({exc.strerror})") from None
    try:
        _publish(str(tmp), path, force)
    except OSError as exc:
        raise ReportError(f"{path}: cannot write the report ({exc.strerror})") from None
    finally:
        tmp.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # best effort: the report itself is whole already
        fsync_folder(path.parent)


def _publish(tmp: str, path: Path, force: bool) -> None:
    if force:
        os.replace(tmp, path)
        return
    # A hard link fails if the name exists, so a file made meanwhile is never replaced.
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ReportError(_exists(path)) from None
    except OSError:
        # Some file systems (FAT, some network mounts) have no hard links.
        if path.exists() or path.is_symlink():
            raise ReportError(_exists(path)) from None
        os.replace(tmp, path)
