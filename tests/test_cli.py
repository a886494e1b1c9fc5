"""The command dispatcher: every command module is wired in, `python -m` works."""

from __future__ import annotations

import subprocess
import sys

from interviewer.cli import COMMANDS, build_parser, main


def test_every_command_is_registered() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert sorted(sub.choices) == sorted(COMMANDS)


def test_python_dash_m_shows_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "interviewer", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for name in COMMANDS:
        assert name in result.stdout


def test_unknown_question_is_one_line(capsys) -> None:
    assert main(["score", "--question", "nope-99", "--text", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("interviewer: error: ") and err.count("\n") == 1
