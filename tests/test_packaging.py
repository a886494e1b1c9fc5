"""A non-editable install (a real wheel) must carry the bank and run the CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel and unpack it, which is what pip does for a pure-Python wheel."""
    out = tmp_path_factory.mktemp("wheel")
    # Build from a clean copy: setuptools reuses ./build, so building in the checkout could
    # package stale modules and would litter the working tree.
    source = out / "src"
    shutil.copytree(
        REPO, source,
        ignore=shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__", "tests"),
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(source)],
        check=True, capture_output=True, cwd=out,
    )
    wheel = next(out.glob("interviewer-*.whl"))
    target = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "content/bank.toml" in names
        assert "interviewer/tui/app.tcss" in names
        assert not any(n.startswith("tests/") for n in names)
        archive.extractall(target)
    return target


def _run(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # PYTHONPATH puts the unpacked wheel ahead of the editable checkout; cwd is elsewhere
    # so the repository itself is not importable by accident.
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=site.parent,
        env={
            "PYTHONPATH": str(site),
            "PATH": "/usr/bin:/bin",
            "INTERVIEWER_HOME": str(site.parent),
        },
        check=False,
    )


def test_wheel_finds_the_bank(installed_wheel: Path) -> None:
    result = _run(
        installed_wheel, "-c",
        "import interviewer, content; from interviewer.bank import load_bank;"
        "print(interviewer.__file__); print(content.BANK_PATH); print(len(load_bank().questions))",
    )
    assert result.returncode == 0, result.stderr
    module_file, bank_path, count = result.stdout.split()
    assert module_file.startswith(str(installed_wheel))
    assert bank_path.startswith(str(installed_wheel))
    assert count == "45"


def test_wheel_runs_python_dash_m(installed_wheel: Path) -> None:
    result = _run(installed_wheel, "-m", "interviewer", "questions", "--level", "advanced")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("advanced-01")
    assert len(result.stdout.splitlines()) == 15
