"""Only interviewer.tui may import textual, and the core never pulls in torch or whisper.

The app's first screen must appear before the heavy modules load, so importing the core,
the CLI or any speech module must stay cheap. Each check runs in a fresh interpreter
(the test process itself may already hold textual or torch) and names the first module
whose import brought a forbidden one in.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Modules allowed to import textual (and, through the app, everything else).
EXCLUDED = ("interviewer.tui", "interviewer.cli.app_cmd")
HEAVY = ("torch", "whisper")


def _walk(package: str) -> list[str]:
    """`package` and all its submodules, found on disk without importing any of them."""
    names = [package]
    path = REPO / package.replace(".", "/")
    for info in pkgutil.iter_modules([str(path)]):
        name = f"{package}.{info.name}"
        if name.startswith(EXCLUDED) or info.name.startswith("_"):
            continue
        names.extend(_walk(name) if info.ispkg else [name])
    return names


_PROBE = """
import importlib, json, sys
modules, forbidden = json.loads(sys.argv[1]), json.loads(sys.argv[2])
culprits = {}
for name in modules:
    importlib.import_module(name)
    for heavy in forbidden:
        if heavy in sys.modules and heavy not in culprits:
            culprits[heavy] = name
print(json.dumps(culprits))
"""


def _first_importers(modules: list[str], forbidden: tuple[str, ...]) -> dict[str, str]:
    """Map each forbidden module that got imported to the module whose import did it."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(modules), json.dumps(forbidden)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_walk_finds_the_core_and_leaves_out_the_app() -> None:
    core = _walk("interviewer")
    assert {
        "interviewer.bank",
        "interviewer.scoring",
        "interviewer.session",
        "interviewer.session.flow",
        "interviewer.session.storage",
        "interviewer.cli",
        "interviewer.cli.sessions_cmd",
    } <= set(core)
    assert not [name for name in core if name.startswith(EXCLUDED)]
    assert "speech.types" in _walk("speech")


@pytest.mark.parametrize(
    ("packages", "forbidden"),
    [
        (("interviewer", "content"), ("textual", *HEAVY)),
        (("speech",), ("textual", *HEAVY)),
    ],
    ids=["core-and-cli", "speech"],
)
def test_importing_never_loads_textual_or_heavy_modules(
    packages: tuple[str, ...], forbidden: tuple[str, ...]
) -> None:
    modules = [name for package in packages for name in _walk(package)]
    assert _first_importers(modules, forbidden) == {}


def test_the_probe_does_notice_a_forbidden_import() -> None:
    # Guards against a probe that passes because it checks nothing.
    assert _first_importers(["json", "textual.app"], ("textual", "torch")) == {
        "textual": "textual.app"
    }
