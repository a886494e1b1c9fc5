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
    check = actions.add_parser("check", help="validate a bank file")
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
    """Load the bank; errors surface as one line through main()."""
    from interviewer.bank import load_bank

    bank = load_bank(args.path)
    concepts = sum(len(q.concepts) for q in bank.questions)
    print(f"{args.path}: ok, {len(bank.questions)} questions, {concepts} concepts", file=ctx.stdout)
    return 0
