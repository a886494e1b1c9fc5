"""`interviewer doctor`: check voice, speakers, microphone, model and disk, with fixes."""

from __future__ import annotations

import argparse

from interviewer.cli.context import CliContext, add_command


def register(
    subparsers: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]
) -> None:
    """Add the `doctor` command."""
    parser = add_command(
        subparsers, parents, "doctor", "check that speech, audio devices and the model work"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print PASS/FAIL per check with its detail and fix; exit 1 if any check failed."""
    from interviewer.doctor import run_checks

    results = run_checks(ctx.settings)
    width = max(len(r.name) for r in results)
    for result in results:
        status = "PASS" if result.ok else "FAIL"
        print(f"{status}  {result.name:<{width}}  {result.detail}", file=ctx.stdout)
        if result.hint:
            label = "fix" if not result.ok else "note"
            print(f"{'':4}  {'':<{width}}  {label}: {result.hint}", file=ctx.stdout)
    failed = [r.name for r in results if not r.ok]
    if failed:
        print(f"{len(failed)} check(s) failed: {', '.join(failed)}", file=ctx.stdout)
        return 1
    print("all checks passed", file=ctx.stdout)
    return 0
