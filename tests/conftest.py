"""Shared fixtures. Every test runs with INTERVIEWER_HOME in a temporary folder so nothing
touches the real user's config, data or cache."""

from __future__ import annotations

from pathlib import Path

import pytest

# Session fixtures other test folders share: `tiny_whisper_checkpoint` (a real, random-weight
# Whisper checkpoint file).
pytest_plugins = ("tests.whisper_fixture",)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A private INTERVIEWER_HOME per test; INTERVIEWER_DATA_DIR cleared."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("INTERVIEWER_HOME", str(home))
    monkeypatch.delenv("INTERVIEWER_DATA_DIR", raising=False)
    return home


@pytest.fixture(scope="session")
def bank():
    """The shipped bank, loaded once."""
    from interviewer.bank import load_bank

    return load_bank()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article the shipped bank was built from."""
    return SHARED / "seed" / "ai-interview-questions.txt"
