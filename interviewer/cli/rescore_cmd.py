"""`interviewer rescore SESSION [--retranscribe] [--dry-run]`: score a saved session again.

Scores every attempt with the current bank (`--bank PATH` for another), or first runs
Whisper again on the recorded answers (`--retranscribe`, model from `--model`). The scores
given live are kept; per question it prints coverage as given -> before -> now, the change
and the concepts newly covered or missed. Nothing changed means nothing is written, so
re-scoring a sample folder leaves it byte-identical.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from interviewer.cli.context import CliContext, add_command

if TYPE_CHECKING:
    from interviewer.session.records import SavedSession
    from interviewer.session.rescore import QuestionChange, RescoreResult
    from interviewer.session.retranscribe import NewTranscripts
    from speech.interfaces import ProgressCallback, Transcriber


def register(
    subparsers: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]
) -> None:
    """Add the `rescore` command."""
    parser = add_command(
        subparsers, parents, "rescore",
        "score a saved session again with the current bank (the original scores are kept)",
    )
    parser.add_argument(
        "session", metavar="SESSION", help="session id (see `interviewer sessions`) or folder"
    )
    parser.add_argument(
        "--retranscribe", action="store_true",
        help="transcribe the recorded answers again first, with --model",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would change without saving it"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext, transcriber: Transcriber | None = None) -> int:
    """Re-score (and with --retranscribe, re-transcribe) SESSION, print the differences,
    and save them unless nothing changed or --dry-run. `transcriber` replaces Whisper."""
    from interviewer.session.rescore import file_stamp, rescore_session, save_rescored
    from interviewer.session.storage import SessionStore

    store = SessionStore(ctx.settings.sessions_dir())
    folder = store.resolve(args.session)
    stamp = file_stamp(folder)
    saved = store.load(folder)
    if not saved.attempts:
        print(f"session {saved.id} has no answers to re-score", file=ctx.stdout)
        return 0
    bank = ctx.bank
    new = None
    if args.retranscribe:
        if transcriber is None:
            from speech.transcriber import WhisperTranscriber

            transcriber = WhisperTranscriber(model=ctx.settings.model)
        new = _retranscribe(saved, ctx, transcriber)
    result = rescore_session(
        bank, saved,
        transcripts=new.transcripts if new else None,
        notes=new.problems if new else None,
    )
    model = transcriber.model_name if new is not None and transcriber is not None else None
    print(_heading(saved, ctx, new, model), file=ctx.stdout)
    print(format_changes(result), file=ctx.stdout)
    if not result.changed:
        print("nothing changed: every attempt scores as saved; the session was not rewritten",
              file=ctx.stdout)
    elif args.dry_run:
        print("dry run: nothing was saved", file=ctx.stdout)
    else:
        save_rescored(result, stamp=stamp)
        print(f"saved in {saved.folder} (the scores given live are kept as the originals)",
              file=ctx.stdout)
    return 0


def _retranscribe(saved: SavedSession, ctx: CliContext, transcriber: Transcriber) -> NewTranscripts:
    from interviewer.session.retranscribe import retranscribe_session

    progress = TerminalProgress(ctx.stderr) if _isatty(ctx.stderr) else None
    try:
        return retranscribe_session(saved, ctx.bank, transcriber, progress=progress)
    finally:
        if progress is not None:
            progress.finish()


def _heading(
    saved: SavedSession, ctx: CliContext, new: NewTranscripts | None, model: str | None
) -> str:
    bank = ctx.settings.bank or "the shipped bank"
    if new is None:
        return f"session {saved.id}: scored again with {bank}"
    count = len(new.transcripts)
    answers = "answer" if count == 1 else "answers"
    return (
        f"session {saved.id}: {count} recorded {answers} transcribed again with {model},"
        f" all scored again with {bank}"
    )


def format_changes(result: RescoreResult) -> str:
    """Per question: coverage as given -> before -> now and the change, new and lost
    concepts, attempts kept and why; then the overall figures."""
    from interviewer.session.rescore import overall_change, question_changes

    lines = ["coverage: as given -> before this re-score -> now"]
    for change in question_changes(result):
        lines += _question_lines(change)
    given, before, now = overall_change(result)
    lines.append(
        f"overall coverage: {_pct(given)}% -> {_pct(before)}% -> {_pct(now)}%"
        f" ({_points(before, now)})"
    )
    return "\n".join(lines)


def _question_lines(change: QuestionChange) -> list[str]:
    head = f"  {change.question_id:<16}"
    if change.now is None:
        figures = "follow-ups only"
    else:
        assert change.as_given is not None and change.before is not None
        figures = (
            f"{_pct(change.as_given):>3}% -> {_pct(change.before):>3}% -> {_pct(change.now):>3}%"
            f"  {_points(change.before, change.now) if change.changed else 'no change'}"
        )
    lines = [head + figures]
    if change.newly_covered:
        lines.append("      newly covered: " + ", ".join(change.newly_covered))
    if change.newly_missed:
        lines.append("      newly missed: " + ", ".join(change.newly_missed))
    lines += [
        f"      follow-up about {label}: {_pct(before)}% -> {_pct(now)}%"
        for _, label, before, now in change.follow_ups
    ]
    lines += [f"      attempt {n} kept as saved: {why}" for n, why in change.kept]
    lines += [f"      attempt {n} not transcribed again: {why}" for n, why in change.notes]
    return lines


def _pct(value: float) -> int:
    return round(value * 100)


def _points(before: float, now: float) -> str:
    """The change in percentage points, as the printed (rounded) figures show it."""
    delta = _pct(now) - _pct(before)
    return f"{delta:+d} points" if delta else "\u00b10 points"


class TerminalProgress:
    """Model loading and per-answer progress as one self-overwriting line on a terminal."""

    def __init__(self, out: TextIO) -> None:
        """Draw on `out` (a terminal)."""
        self.out = out
        self._drawn = False

    def loading(self, model: str) -> ProgressCallback:
        """Say the model is loading; the returned meter shows a first-use download."""
        from interviewer.cli.transcribe_cmd import DownloadProgress

        self._draw(f"loading speech model {model}")
        return DownloadProgress(self.out, model)

    def transcribing(self, done: int, total: int) -> None:
        """Show which recorded answer is being transcribed."""
        self._draw(f"transcribing recorded answer {done + 1} of {total}")

    def finish(self) -> None:
        """End the line, if one was drawn."""
        if self._drawn:
            self.out.write("\n")
            self.out.flush()
            self._drawn = False

    def _draw(self, text: str) -> None:
        # \x1b[K clears what a longer earlier text left on the line.
        self.out.write(f"\r{text}\x1b[K")
        self.out.flush()
        self._drawn = True


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
