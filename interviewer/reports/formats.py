"""The report formats and the file suffixes that ask for them.

Kept apart from the renderers so the CLI can list the formats without importing them.
"""

from __future__ import annotations

from pathlib import Path

FORMATS: tuple[str, ...] = ("md", "html", "json")
_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}


def format_for(path: Path | None, default: str = "md") -> str:
    """The format a file name asks for by its suffix (report.html -> html), else `default`."""
    if path is None:
        return default
    return _SUFFIXES.get(path.suffix.lower(), default)
