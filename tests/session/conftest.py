"""Fixtures shared by the session tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """An empty sessions folder."""
    path = tmp_path / "sessions"
    path.mkdir()
    return path
