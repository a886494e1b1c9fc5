"""`interviewer say`: speak text with the configured voice, or write it to a WAV file."""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from interviewer.cli.context import CliContext, add_command
from interviewer.errors import UserError


def register(
    subparsers: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]
) -> None:
    """Add the `say` command (--voice and --rate come from the settings flags)."""
    parser = add_command(subparsers, parents, "say", "speak text aloud with the question voice")
    parser.add_argument("text", nargs="*", help="what to say")
    parser.add_argument("--out", type=Path, metavar="F.wav", help="write a WAV instead of playing")
    parser.add_argument(
        "--list-voices", action="store_true", help="list the available voices and exit"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    """Speak or save the text; speech failures are one warning line and exit status 1."""
    from speech.errors import SpeechError

    try:
        if args.list_voices:
            return _list_voices(ctx)
        text = " ".join(args.text).strip()
        if not text:
            raise UserError("say: give the text to speak, e.g. interviewer say \"Hello\"")
        return _say(text, args.out, ctx)
    except SpeechError as exc:
        print(f"interviewer: warning: {exc}", file=ctx.stderr)
        return 1


def _list_voices(ctx: CliContext) -> int:
    from speech.tts import list_voices

    for voice in list_voices():
        languages = ", ".join(voice.languages)
        print(f"{voice.id:<28} {voice.name}" + (f" ({languages})" if languages else ""),
              file=ctx.stdout)
    return 0


def _say(text: str, out: Path | None, ctx: CliContext) -> int:
    from speech.tts import PyttsxSpeaker

    settings = ctx.settings
    speaker = PyttsxSpeaker(voice=settings.voice, rate=settings.rate, device=settings.output_device)
    if out is None:
        speaker.say(text)
        return 0
    clip = speaker.synthesize(text)
    _copy_atomic(clip, out)
    import soundfile

    print(f"wrote {out} ({soundfile.info(str(out)).duration:.1f} s)", file=ctx.stdout)
    return 0


def _copy_atomic(source: Path, target: Path) -> None:
    """Copy so that `target` is either its old self or the whole new clip, never half."""
    target = target.expanduser()
    if target.is_dir():
        raise UserError(f"{target} is a folder: give a file name such as answer.wav")
    if not target.parent.is_dir():
        raise UserError(f"{target.parent}: no such folder")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(f"{target}: cannot write ({exc.strerror or exc})") from None
