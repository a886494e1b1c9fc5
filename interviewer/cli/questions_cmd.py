"""`interviewer questions`: list the bank."""

from __future__ import annotations

import argparse
import json

from interviewer.cli.context import CliContext, add_command
from interviewer.models import Level


def register(
    subparsers: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]
) -> None:
    """Add the `questions` command."""
    parser = add_command(subparsers, parents, "questions", "list the question bank")
    parser.add_argument("--level", dest="list_level", choices=[lv.value for lv in Level])
    parser.add_argument("--json", action="store_true", help="one JSON object per question")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the questions of the chosen level (all by default)."""
    level = Level(args.list_level) if args.list_level else None
    questions = ctx.bank.by_level(level)
    for q in questions:
        if args.json:
            record = {
                "id": q.id,
                "level": q.level.value,
                "question": q.text,
                "sample_answer": q.sample_answer,
                "concepts": [{"label": c.label, "weight": c.weight.value} for c in q.concepts],
            }
            print(json.dumps(record, ensure_ascii=False), file=ctx.stdout)
        else:
            print(f"{q.id:<16} {q.text}", file=ctx.stdout)
    return 0
