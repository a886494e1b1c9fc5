"""`interviewer score`: score a typed, filed, piped or recorded answer, or a batch of them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from interviewer.cli.context import CliContext, add_command
from interviewer.errors import UserError
from interviewer.models import Question, Score

_USAGE = (
    "give --question ID and one of --text, --text-file, --audio or - (stdin), "
    "or --batch FILE.jsonl"
)


def register(
    subparsers: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]
) -> None:
    """Add the `score` command."""
    parser = add_command(
        subparsers, parents, "score", "score an answer by the concepts of a question it covers"
    )
    parser.add_argument("--question", "-q", metavar="ID", help="question id, e.g. beginner-01")
    parser.add_argument("--text", metavar="T", help="the answer text")
    parser.add_argument("--text-file", metavar="F", type=Path, help="read the answer from F")
    parser.add_argument("--audio", metavar="FILE", type=Path, help="transcribe FILE, then score")
    parser.add_argument(
        "--batch",
        metavar="FILE.jsonl",
        help='score lines {"question": ID, "text": ...}; one JSON line out per line in',
    )
    parser.add_argument("stdin", nargs="?", metavar="-", help="read the answer from stdin")
    parser.add_argument("--json", action="store_true", help="print the score as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    """Score, then print the report (or JSON). Every input is checked before printing."""
    if args.batch is not None:
        if args.question or _sources(args):
            raise UserError("--batch takes no --question or answer; " + _USAGE)
        return _run_batch(args.batch, ctx)
    if args.stdin not in (None, "-"):
        raise UserError(f"unexpected argument {args.stdin!r}; " + _USAGE)
    sources = _sources(args)
    if not args.question or len(sources) != 1:
        raise UserError(_USAGE)
    question = ctx.bank.get(args.question)
    score = _score_source(args, question, ctx)
    if args.json:
        from interviewer.scoring.serialize import score_to_dict

        print(json.dumps(score_to_dict(score), ensure_ascii=False), file=ctx.stdout)
    else:
        from interviewer.scoring.report import format_report

        print(format_report(question, score), file=ctx.stdout)
    return 0


def _sources(args: argparse.Namespace) -> list[str]:
    given = {
        "--text": args.text is not None,
        "--text-file": args.text_file is not None,
        "--audio": args.audio is not None,
        "-": args.stdin is not None,
    }
    return [name for name, present in given.items() if present]


def _score_source(args: argparse.Namespace, question: Question, ctx: CliContext) -> Score:
    from interviewer.scoring import score_answer
    from interviewer.scoring.batch import answer_text, read_bytes

    if args.audio is not None:
        return _score_audio(args.audio, question, ctx)
    if args.text is not None:
        text = answer_text(args.text.encode("utf-8", "surrogateescape"), "--text")
    elif args.text_file is not None:
        text = answer_text(read_bytes(args.text_file), str(args.text_file))
    else:
        text = answer_text(_read_stdin(), "stdin")
    return score_answer(question, text)


def _score_audio(path: Path, question: Question, ctx: CliContext) -> Score:
    """Transcribe the recording with the configured model, then score its words and timing.

    The question's key terms (the same ones the app uses) are passed as a prompt so the
    recogniser leans towards the jargon the answer is expected to contain. A missing or undecodable
    file is a one-line AudioFileError from the pipeline, raised before any model loads.
    """
    from interviewer.scoring import score_answer
    from speech.pipeline import transcribe_file
    from speech.prompt import prompt_terms_for

    transcript = transcribe_file(
        path, model=ctx.settings.model, prompt_terms=prompt_terms_for(question)
    )
    if transcript.no_speech or not transcript.text.strip():
        raise UserError(f"{path}: no speech detected, nothing to score")
    return score_answer(question, transcript.text, transcript=transcript)


def _run_batch(source: str, ctx: CliContext) -> int:
    """Read and check every line, score them all, and only then print, in input order."""
    from interviewer.scoring import score_answer
    from interviewer.scoring.batch import parse_batch, read_bytes
    from interviewer.scoring.serialize import summary_to_dict

    raw = _read_stdin() if source == "-" else read_bytes(Path(source))
    items = parse_batch(raw, "stdin" if source == "-" else source, ctx.bank)
    lines = [
        json.dumps(summary_to_dict(score_answer(item.question, item.text)), ensure_ascii=False)
        for item in items
    ]
    print("\n".join(lines), file=ctx.stdout)
    return 0


def _read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:
        raise UserError("stdin: no input")
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer.read()
    return stream.read().encode("utf-8", "surrogateescape")
