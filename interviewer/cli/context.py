"""What every command gets: the effective settings (file + flags) and the bank, lazily."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import TextIO

from interviewer import settings as settings_mod
from interviewer.models import Bank
from interviewer.settings import Settings

_HELP = {
    "voice": "text-to-speech voice id (see `interviewer say --list-voices`)",
    "rate": "speaking rate of questions, words per minute",
    "model": "Whisper model name (e.g. base.en) or path to a checkpoint file",
    "input_device": "microphone: device index or name (see `interviewer devices`)",
    "output_device": "speaker: device index or name",
    "pause_seconds": "silence after speech that ends an answer",
    "max_answer_seconds": "longest answer before recording stops",
    "follow_ups": "ask a follow-up about a missed core concept",
    "data_dir": "folder for saved sessions (env INTERVIEWER_DATA_DIR)",
    "bank": "question bank TOML file (default: the shipped bank)",
    "speak_questions": "speak each question aloud",
    "auto_record": "start recording as soon as the question has been spoken",
    "answer_mode": "voice or typed",
    "level": "beginner, intermediate, advanced or mixed",
    "question_count": "questions per session",
    "order": "random, in-order or weakest-first",
}


def settings_parent() -> argparse.ArgumentParser:
    """A parent parser with one flag per setting, usable before or after the command."""
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("settings (override the config file)")
    group.add_argument(
        "--config", metavar="PATH", default=argparse.SUPPRESS, help="settings file to use"
    )
    for f in fields(Settings):
        flag = "--" + f.name.replace("_", "-")
        if f.type in ("bool", bool):
            group.add_argument(
                flag,
                dest=f.name,
                action=argparse.BooleanOptionalAction,
                default=argparse.SUPPRESS,
                help=_HELP.get(f.name),
            )
        else:
            group.add_argument(
                flag, dest=f.name, metavar=f.name.upper(), default=argparse.SUPPRESS,
                help=_HELP.get(f.name),
            )
    return parent


@dataclass
class CliContext:
    """Settings and shared resources for one command invocation."""

    settings: Settings
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        """Config file first, then any setting flags given on the command line."""
        from pathlib import Path

        config = getattr(args, "config", None)
        base = settings_mod.load(Path(config) if config else None)
        overrides = {
            f.name: getattr(args, f.name) for f in fields(Settings) if hasattr(args, f.name)
        }
        return cls(settings=settings_mod.from_mapping(overrides, base, "command line"))

    @cached_property
    def bank(self) -> Bank:
        """The bank named by the settings (shipped bank by default), loaded once."""
        from interviewer.bank import load_bank

        return load_bank(self.settings.bank or None)


def add_command(
    subparsers: argparse._SubParsersAction,
    parents: list[argparse.ArgumentParser],
    name: str,
    help_text: str,
) -> argparse.ArgumentParser:
    """Add a subcommand that also takes every settings flag.

    A command may define its own flag with the same spelling as a setting (e.g.
    `questions --level`); "resolve" lets the command's own definition win.
    """
    return subparsers.add_parser(
        name, parents=parents, help=help_text, description=help_text, conflict_handler="resolve"
    )
