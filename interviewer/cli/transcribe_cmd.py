"""`interviewer transcribe FILE [--question ID] [--json]`: an audio file to timed text.

The model is the `--model` setting (a Whisper name or a checkpoint path). `--question`
adds that question's key terms to Whisper's vocabulary prompt. A first-use model download
shows its progress on stderr when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from interviewer.cli.context import CliContext, add_command

if TYPE_CHECKING:
    from speech.types import Transcript


def register(
    subparsers: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]
) -> None:
    """Add the `transcribe` command."""
    parser = add_command(
        subparsers, parents, "transcribe", "transcribe a WAV, FLAC or OGG file with Whisper"
    )
    parser.add_argument(
        "file", type=Path, metavar="FILE", help="audio file (any rate, mono or stereo)"
    )
    parser.add_argument(
        "--question", metavar="ID", help="bias recognition towards this question's key terms"
    )
    parser.add_argument("--json", action="store_true", help="print the transcript as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    """Transcribe FILE and print the text with segment times (or JSON)."""
    from speech.pipeline import transcribe_file

    terms: list[str] = []
    if args.question:
        from speech.prompt import prompt_terms_for

        terms = prompt_terms_for(ctx.bank.get(args.question))
    progress = DownloadProgress(ctx.stderr, ctx.settings.model) if _isatty(ctx.stderr) else None
    try:
        transcript = transcribe_file(
            args.file, model=ctx.settings.model, prompt_terms=terms, progress=progress
        )
    finally:
        if progress is not None:
            progress.finish()
    if args.json:
        record = transcript_record(transcript, args.file)
        print(json.dumps(record, ensure_ascii=False), file=ctx.stdout)
    else:
        print_transcript(transcript, ctx.stdout)
    return 0


def transcript_record(transcript: Transcript, path: Path) -> dict[str, Any]:
    """The transcript as a JSON-ready dict, with the file it came from."""
    return {"file": str(path), **asdict(transcript)}


def print_transcript(transcript: Transcript, out: TextIO) -> None:
    """The text, then one line per segment with its start and end in seconds."""
    if transcript.no_speech:
        print(f"(no speech detected in {transcript.duration_s:.1f} s of audio)", file=out)
        return
    print(transcript.text, file=out)
    print(file=out)
    for segment in transcript.segments:
        print(f"[{segment.start:7.2f} - {segment.end:7.2f}]  {segment.text}", file=out)


class DownloadProgress:
    """A one-line, self-overwriting download meter for a terminal."""

    def __init__(self, out: TextIO, model: str) -> None:
        self.out = out
        self.model = model
        self._drawn = False
        self._last = -1

    def __call__(self, done: int, total: int) -> None:
        """Redraw when the shown figure changes (not on every 64 KB block)."""
        shown = done * 100 // total if total else done >> 20
        if shown == self._last:
            return
        self._last = shown
        if total:
            text = f"downloading {self.model}: {shown:3d}% of {total / 1e6:.0f} MB"
        else:
            text = f"downloading {self.model}: {done / 1e6:.0f} MB"
        self.out.write("\r" + text)
        self.out.flush()
        self._drawn = True

    def finish(self) -> None:
        """End the meter's line, if one was drawn."""
        if self._drawn:
            self.out.write("\n")
            self.out.flush()
            self._drawn = False


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
