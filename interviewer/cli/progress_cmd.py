"""`interviewer progress [--question ID] [--json]`: coverage over time, per question, per concept.

The figures come from interviewer.session.progress (the same ones weakest-first practice
and the app's Progress screen use); the chart from interviewer.plot.
"""

from __future__ import annotations

import argparse
import json
import shutil

from interviewer.cli.context import CliContext, add_command
from interviewer.plot import coverage_plot, sparkline
from interviewer.session.progress import (
    ConceptProgress,
    Progress,
    QuestionProgress,
    concept_to_dict,
    load_progress,
    missed_text,
    progress_to_dict,
    question_to_dict,
    trend_text,
)
from interviewer.session.storage import SessionStore

PLOT_HEIGHT = 11
MAX_WIDTH = 100  # wider charts are harder to read, not clearer
SPARK_WIDTH = 12
NO_SESSIONS = "no saved sessions yet: answer a few questions in the app (run `interviewer`) first"


def register(
    subparsers: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]
) -> None:
    """Add the `progress` command."""
    parser = add_command(
        subparsers, parents, "progress",
        "coverage over your saved sessions: per question, per concept, and a chart",
    )
    parser.add_argument("--question", metavar="ID", help="one question's progress only")
    parser.add_argument(
        "--json", action="store_true",
        help="the figures as JSON (coverage as fractions 0-1); with --question, that "
        "question (null if never answered) and its concepts",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    """Chart, per-question table and most-missed concepts (or one question's)."""
    progress = load_progress(SessionStore(ctx.settings.sessions_dir()))
    if progress.damaged:
        n = len(progress.damaged)
        plural = "s" if n != 1 else ""
        print(
            f"interviewer: warning: left out {n} saved session{plural} that could not be read"
            " (`interviewer sessions` says why)",
            file=ctx.stderr,
        )
    if args.question:
        return _one_question(args, ctx, progress)
    if args.json:
        print(json.dumps(progress_to_dict(progress), ensure_ascii=False, indent=1),
              file=ctx.stdout)
        return 0
    if progress.is_empty:
        print(NO_SESSIONS, file=ctx.stdout)
        return 0
    print(format_overview(progress, _width()), file=ctx.stdout)
    return 0


def _one_question(args: argparse.Namespace, ctx: CliContext, progress: Progress) -> int:
    question = progress.question(args.question)
    question_id = args.question if question is not None else ctx.bank.get(args.question).id
    concepts = progress.concepts_of(question_id)
    if args.json:
        data = {
            "question": question_to_dict(question) if question is not None else None,
            "concepts": [concept_to_dict(c) for c in concepts],
            "damaged_sessions": len(progress.damaged),
        }
        print(json.dumps(data, ensure_ascii=False, indent=1), file=ctx.stdout)
        return 0
    if question is None:
        print(f"{question_id}: not answered in any saved session yet", file=ctx.stdout)
        return 0
    print(format_question(question, concepts, _width()), file=ctx.stdout)
    return 0


def _width() -> int:
    return max(40, min(MAX_WIDTH, shutil.get_terminal_size((80, 24)).columns))


def format_overview(progress: Progress, width: int) -> str:
    """The chart of overall coverage, the per-question table, the most-missed concepts."""
    sessions = progress.sessions
    span = _span(sessions[0].started_at, sessions[-1].started_at)
    lines = [f"Overall coverage per session ({span})"]
    lines += coverage_plot(
        [s.coverage for s in sessions], [_date(s.started_at) for s in sessions],
        width=width, height=PLOT_HEIGHT,
    )
    lines += ["", questions_table(progress.questions, width)]
    missed = progress.most_missed()
    lines += ["", "Missed most often"]
    if missed:
        lines += concept_lines(missed, with_question=True)
    else:
        lines.append("  nothing: every concept was covered each time")
    return "\n".join(lines)


def format_question(
    question: QuestionProgress, concepts: tuple[ConceptProgress, ...], width: int
) -> str:
    """One question: its chart, figures and every concept's misses."""
    points = question.points
    lines = [f"{question.question_id}: {question.question_text}"]
    lines += coverage_plot(
        [p.coverage for p in points], [_date(p.started_at) for p in points],
        width=width, height=PLOT_HEIGHT,
    )
    plural = "s" if question.sessions != 1 else ""
    skips = sum(p.skipped for p in points)
    skipped = f", skipped {skips}x" if skips else ""
    lines.append(
        f"{question.sessions} session{plural}{skipped}  best {question.best:.0%}"
        f"  latest {question.latest:.0%}  trend {trend_text(question)}"
    )
    lines += ["", "Concepts"]
    lines += concept_lines(concepts, with_question=False)
    return "\n".join(lines)


def questions_table(questions: tuple[QuestionProgress, ...], width: int) -> str:
    """One row per question: id, sessions, best, latest, trend and a sparkline."""
    id_width = max(8, *(len(q.question_id) for q in questions))
    header = (
        f"{'QUESTION':<{id_width}} {'SESSIONS':>8} {'BEST':>5} {'LATEST':>6}  {'TREND':<10}"
        "  HISTORY"
    )
    rows = [header]
    for q in questions:
        spark = sparkline([p.coverage for p in q.points], SPARK_WIDTH)
        rows.append(
            f"{q.question_id:<{id_width}} {q.sessions:>8} {q.best:>5.0%} {q.latest:>6.0%}"
            f"  {trend_text(q):<10}  {spark}"
        )
    return "\n".join(row[:width] for row in rows)


def concept_lines(concepts: tuple[ConceptProgress, ...], *, with_question: bool) -> list[str]:
    """One aligned line per concept: [question id,] label, how often it was missed."""
    labels = [c.label + ("" if c.core else " (supporting)") for c in concepts]
    label_width = max((len(label) for label in labels), default=0)
    id_width = max((len(c.question_id) for c in concepts), default=0)
    lines = []
    for concept, label in zip(concepts, labels, strict=True):
        where = f"{concept.question_id:<{id_width}}  " if with_question else ""
        lines.append(f"  {where}{label:<{label_width}}  {missed_text(concept)}")
    return lines


def _date(started_at: str) -> str:
    return started_at[:10]


def _span(first: str, last: str) -> str:
    return _date(first) if _date(first) == _date(last) else f"{_date(first)} to {_date(last)}"
