"""`interviewer sessions list|show|rescore|export|trend`: saved sessions from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from interviewer.cli.context import CliContext, add_command
from interviewer.session.export import delivery_overview_line
from interviewer.session.records import Attempt, SavedSession, SessionSummary
from interviewer.session.storage import SessionStore


def register(
    subparsers: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]
) -> None:
    """Add the `sessions` command group."""
    parser = add_command(subparsers, parents, "sessions", "list, show, re-score or export sessions")
    actions = parser.add_subparsers(dest="sessions_action", metavar="ACTION", required=True)
    actions.add_parser("list", help="saved sessions, oldest first").set_defaults(func=run_list)
    show = actions.add_parser("show", help="a session's summary and every attempt's feedback")
    show.add_argument("session", help="session id (or a unique prefix) or folder")
    show.set_defaults(func=run_show)
    rescore = actions.add_parser(
        "rescore", help="score every saved answer again with the current bank (see --bank)"
    )
    rescore.add_argument("session", help="session id (or a unique prefix) or folder")
    rescore.add_argument("--save", action="store_true", help="write the new scores back")
    rescore.set_defaults(func=run_rescore)
    export = actions.add_parser("export", help="write a Markdown report of a session")
    export.add_argument("session", help="session id (or a unique prefix) or folder")
    export.add_argument(
        "-o", "--out", type=Path, help="file to write (default: report.md in the session folder)"
    )
    export.set_defaults(func=run_export)
    trend = actions.add_parser("trend", help="coverage per question over time")
    trend.add_argument("--question", metavar="ID", help="one question's history")
    trend.set_defaults(func=run_trend)


def _store(ctx: CliContext) -> SessionStore:
    return SessionStore(ctx.settings.sessions_dir())


def _warn(ctx: CliContext, problems: list[str]) -> None:
    for problem in problems:
        print(f"interviewer: warning: skipped {problem}", file=ctx.stderr)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """One line per readable session; unreadable folders are reported on stderr."""
    store = _store(ctx)
    problems: list[str] = []
    infos = store.list(problems)
    _warn(ctx, problems)
    if not infos:
        print(f"no saved sessions in {store.root}", file=ctx.stdout)
        return 0
    print(f"{'ID':<26} {'STARTED':<16} {'ANSWERED':>8} {'COVERAGE':>8}  STATUS", file=ctx.stdout)
    for info in infos:
        started = info.started_at[:16].replace("T", " ")
        answered = f"{info.answered}/{info.question_count}"
        status = "finished" if info.finished else "unfinished"
        print(
            f"{info.id:<26} {started:<16} {answered:>8} {_percent(info.overall_coverage):>8}"
            f"  {status}",
            file=ctx.stdout,
        )
    return 0


def run_show(args: argparse.Namespace, ctx: CliContext) -> int:
    """The summary, then each attempt's full feedback (the report `interviewer score` prints)."""
    from interviewer.scoring.report import format_report
    from interviewer.session.summary import summarise

    saved = _store(ctx).load(args.session)
    print(format_summary(saved, summarise(saved)), file=ctx.stdout)
    for number, attempt in enumerate(saved.attempts, start=1):
        print("", file=ctx.stdout)
        print(_attempt_heading(number, attempt), file=ctx.stdout)
        print(format_report(saved.question(attempt.question_id), attempt.score), file=ctx.stdout)
    if saved.unreferenced_audio:
        names = ", ".join(saved.unreferenced_audio)
        print(f"\naudio of an unfinished answer: {names}", file=ctx.stdout)
    return 0


def _attempt_heading(number: int, attempt: Attempt) -> str:
    what = (
        f"follow-up about {attempt.follow_up_concept}" if attempt.kind == "follow_up" else "answer"
    )
    extras = [attempt.mode, attempt.started_at]
    if attempt.audio_file:
        extras.append(attempt.audio_file)
    lines = [f"--- attempt {number}: {attempt.question_id}, {what} ({', '.join(extras)})"]
    if attempt.warning:
        lines.append(f"warning: {attempt.warning}")
    lines.append(f"answer: {attempt.text.strip() or '(nothing said)'}")
    return "\n".join(lines)


def format_summary(saved: SavedSession, summary: SessionSummary) -> str:
    """The summary as plain text lines."""
    lines = [
        f"session {saved.id} ({'finished' if saved.finished else 'unfinished'})",
        f"started {saved.created_at}, model {saved.model}",
        f"saved in {summary.folder}",
        "",
    ]
    for result in summary.per_question:
        figure = (
            "skipped" if result.skipped
            else "not reached" if result.best_coverage is None
            else f"{result.best_coverage:.0%}"
        )
        tries = f" ({result.attempts} attempts)" if result.attempts > 1 else ""
        lines.append(f"  {result.question_id:<16} {figure:>11}{tries}  {result.question_text}")
    lines.append(f"overall coverage: {summary.overall_coverage:.0%}")
    if summary.most_missed:
        missed = ", ".join(f"{label} ({n}x)" for label, n in summary.most_missed)
        lines.append(f"missed most often: {missed}")
    if summary.delivery.answers:
        lines.append("delivery: " + delivery_overview_line(summary))
    return "\n".join(lines)


def run_rescore(args: argparse.Namespace, ctx: CliContext) -> int:
    """Old and new coverage of every attempt; --save writes the new scores atomically."""
    from interviewer.session.rescore import rescore_session, with_new_scores

    store = _store(ctx)
    saved = store.load(args.session)
    results = rescore_session(ctx.bank, saved)
    if not results:
        print(f"session {saved.id} has no answers to re-score", file=ctx.stdout)
        return 0
    for r in results:
        kind = "follow-up" if r.attempt.kind == "follow_up" else "answer"
        old = _percent(r.attempt.score.coverage)
        new = f"kept ({r.reason})" if r.new is None else _percent(r.new.coverage)
        print(f"{r.position:>3} {r.attempt.question_id:<16} {kind:<9} {old:>5} -> {new}",
              file=ctx.stdout)
    if args.save:
        store.save(with_new_scores(saved, results))
        print(f"saved the new scores in {saved.folder}", file=ctx.stdout)
    return 0


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write the Markdown report and say where."""
    from interviewer.session.export import export_markdown

    saved = _store(ctx).load(args.session)
    path = export_markdown(saved, args.out or saved.folder / "report.md")
    print(f"wrote {path}", file=ctx.stdout)
    return 0


def run_trend(args: argparse.Namespace, ctx: CliContext) -> int:
    """Best coverage per session, per question, oldest first."""
    from interviewer.session.history import History

    problems: list[str] = []
    history = History.load(_store(ctx), problems)
    _warn(ctx, problems)
    if args.question:
        question_id = args.question
        if question_id not in history.question_ids():
            question_id = ctx.bank.get(question_id).id  # an unknown id is an error
        points = history.trend_points(question_id)
        if not points:
            print(f"{question_id}: not answered in any saved session yet", file=ctx.stdout)
            return 0
        for p in points:
            figure = "skipped" if p.skipped else f"{p.coverage:.0%}"
            print(f"{p.started_at[:16].replace('T', ' ')}  {figure:>7}  {p.session_id}",
                  file=ctx.stdout)
        return 0
    ids = history.question_ids()
    if not ids:
        print("no answers saved yet", file=ctx.stdout)
        return 0
    for question_id in ids:
        points = history.trend_points(question_id)
        series = " ".join("skip" if p.skipped else f"{p.coverage:.0%}" for p in points)
        print(f"{question_id:<16} {series}", file=ctx.stdout)
    return 0
