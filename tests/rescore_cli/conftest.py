"""Fixtures of the `interviewer rescore` tests: the data folder and two bank files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rescore_cli.helpers import BANK, GENEROUS, bank_file


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Where the sessions of a test are saved."""
    return tmp_path / "data"


@pytest.fixture
def live_bank(tmp_path: Path) -> Path:
    """The bank the sessions were played with, as a file."""
    return bank_file(tmp_path, BANK, "live.toml")


@pytest.fixture
def generous_bank(tmp_path: Path) -> Path:
    """A bank where "step size" also counts as minimising the loss."""
    return bank_file(tmp_path, GENEROUS, "generous.toml")
