"""`interviewer bank import|check`: make a bank from an article, or validate a bank file."""

from __future__ import annotations

import argparse
from pathlib import Path

from interviewer.cli.context import CliContext, add_command


def register(
    subparsers: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]
) -> None:
    """Add the `bank` command group."""
    parser = add_command(subparsers, parents, "bank", "import or check a question bank")
    actions = parser.add_subparsers(dest="bank_action", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import", help="convert an article (level headings, 'N. Question', 'Sample answer:')"
    )
    imp.add_argument("article", type=Path)
    imp.add_argument("-o", "--out", type=Path, required=True, help="bank .toml to write")
    imp.set_defaults(func=run_import)
    check = actions.add_parser("check", help="validate a bank file; check its concepts can match")
    check.add_argument("path", type=Path)
    check.set_defaults(func=run_check)


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    """Import the article and say where the bank went."""
    from interviewer.bank.importer import import_article

    bank = import_article(args.article, args.out)
    print(
        f"wrote {len(bank.questions)} questions and {len(bank.tips)} tips to {args.out}"
        " (concepts are suggestions: edit them before relying on scores)",
        file=ctx.stdout,
    )
    return 0


def run_check(args: argparse.Namespace, ctx: CliContext) -> int:
    """Load the bank (errors surface as one line through main()), then check that its
    concepts can score as written; exit 1 when something will not."""
    from interviewer.bank import load_bank
    from interviewer.scoring.bank_checks import check_bank

    bank = load_bank(args.path)
    concepts = sum(len(q.concepts) for q in bank.questions)
    counts = f"{_count(len(bank.questions), 'question')}, {_count(concepts, 'concept')}"
    problems = check_bank(bank)
    if not problems:
        print(f"{args.path}: ok, {counts}", file=ctx.stdout)
        return 0
    print(
        f"{args.path}: loads ({counts}), but {_count(len(problems), 'problem')} will not score"
        " as written:",
        file=ctx.stdout,
    )
    for problem in problems:
        print(f"  {problem}", file=ctx.stdout)
    return 1


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
