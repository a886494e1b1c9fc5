"""Sessions written as the app writes them, for the listing tests (whose `root` fixture is
in tests/session/conftest.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from interviewer.session.records import SavedSession
from interviewer.session.storage import SESSION_FILE, SessionFolder

QIDS = ("beginner-01", "beginner-02", "intermediate-01")


def write(root: Path, name: str, session: SavedSession) -> Path:
    """Save `session` as folder `name` under `root`, as the app writes it."""
    folder = root / name
    folder.mkdir()
    SessionFolder(folder).save(replace(session, id=name, folder=folder))
    return folder / SESSION_FILE


MISSING = object()  # as a value in `edit`: remove the field


def edit(path: Path, change: dict[str, object]) -> None:
    """Change fields of a session.json in place (MISSING removes one), as damage would."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(change)
    for field in [f for f, value in change.items() if value is MISSING]:
        del data[field]
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
