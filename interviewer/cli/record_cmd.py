"""`interviewer record --out F.wav`: record one answer from the microphone to a WAV file.

Recording ends after a pause following speech (--pause-seconds), on Enter or space when
stdin is a terminal, at the length limit (--max-answer-seconds), or on Ctrl-C; every way
keeps what was said. Audio streams to `<name>.partial.wav` beside the target while
recording (so a crash keeps it) and is renamed to the target when done.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import select
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from interviewer.cli.context import CliContext, add_command
from interviewer.errors import UserError

if TYPE_CHECKING:
    from speech.recorder import SoundDeviceRecorder
    from speech.types import AudioLevel, Recording

_STOP_KEYS = {" ", "\n", "\r"}


def register(
    subparsers: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]
) -> None:
    """Add the `record` command."""
    parser = add_command(
        subparsers, parents, "record", "record one spoken answer from the microphone to a WAV file"
    )
    parser.add_argument(
        "--out", required=True, type=Path, metavar="F.wav", help="WAV file to write"
    )
    parser.add_argument(
        "--device",
        dest="record_device",
        metavar="D",
        help="microphone: device index or name (same as --input-device)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    """Record until the pause, a key, the limit or Ctrl-C; report file, length and why."""
    from speech.recorder import SoundDeviceRecorder
    from speech.types import StopReason

    out = _check_out(args.out)
    settings = ctx.settings
    device = args.record_device if args.record_device is not None else settings.input_device
    recorder = SoundDeviceRecorder(
        device=device, pause_s=settings.pause_seconds, max_s=settings.max_answer_seconds
    )
    partial = out.with_name(f"{out.stem}.partial.wav")
    keys = _isatty(sys.stdin)
    how = "press Enter or space when done, or " if keys else ""
    notice = f"recording: speak now; {how}pause {settings.pause_seconds:g} s to finish"
    meter = _LevelLine(ctx.stderr, notice, draw=_isatty(ctx.stderr))
    try:
        with _stop_on_key(recorder.stop, enabled=keys):
            recording = _record_interruptibly(recorder, partial, meter)
    except BaseException:
        _drop_if_empty(partial)
        raise
    finally:
        meter.clear()
    os.replace(partial, out)
    reasons = {
        StopReason.PAUSE: f"a {settings.pause_seconds:g}-second pause after speech",
        StopReason.KEY: "key",
        StopReason.MAX_LENGTH: f"the {settings.max_answer_seconds:g}-second limit",
        StopReason.DEVICE_ERROR: "the microphone failed",
    }
    print(
        f"saved {out} ({recording.duration_s:.1f} s; stopped by {reasons[recording.stop_reason]})",
        file=ctx.stdout,
    )
    if recording.warning:
        print(f"interviewer: warning: {recording.warning}", file=ctx.stderr)
    return 1 if recording.stop_reason is StopReason.DEVICE_ERROR else 0


def _check_out(out: Path) -> Path:
    """The target must be a .wav path in a folder we can create; fail before recording."""
    if out.suffix.lower() != ".wav":
        raise UserError(f"--out {out}: the recording is written as WAV; name it something.wav")
    if out.is_dir():
        raise UserError(f"--out {out} is a folder; give a file name ending in .wav")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the folder for {out}: {exc.strerror or exc}") from None
    if not os.access(out.parent, os.W_OK):
        raise UserError(f"cannot write to {out.parent}")
    return out


def _record_interruptibly(
    recorder: SoundDeviceRecorder,
    partial: Path,
    meter: Callable[[AudioLevel], None],
) -> Recording:
    """Record on a worker so Ctrl-C ends the answer (and keeps it) instead of killing it."""
    result: list[Recording | BaseException] = []

    def work() -> None:
        try:
            result.append(recorder.record(spool_path=partial, on_level=meter))
        except BaseException as exc:  # re-raised on the main thread
            result.append(exc)

    worker = threading.Thread(target=work, name="record", daemon=True)
    worker.start()
    while worker.is_alive():
        try:
            worker.join(0.1)
        except KeyboardInterrupt:
            recorder.stop()
    outcome = result[0]
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def _drop_if_empty(partial: Path) -> None:
    """Remove a spool that never received audio; one with audio stays for recovery."""
    with contextlib.suppress(OSError):
        if partial.stat().st_size <= 44:
            partial.unlink()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def _stop_on_key(stop: Callable[[], None], *, enabled: bool) -> Iterator[None]:
    """While recording, Enter or space on the terminal calls `stop` (no Enter needed)."""
    if not enabled:
        yield
        return
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            ready, _, _ = select.select([fd], [], [], 0.1)
            if not ready:
                continue
            char = os.read(fd, 1).decode(errors="ignore")
            if char == "" or char in _STOP_KEYS:  # "" = end of input
                stop()
                return

    tty.setcbreak(fd)
    watcher = threading.Thread(target=watch, name="stop-key", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join(1)
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


class _LevelLine:
    """Says "speak now" once audio really flows, then (on a terminal) a live level meter."""

    def __init__(self, stream: TextIO, notice: str, *, draw: bool) -> None:
        self.stream = stream
        self.notice = notice
        self.draw = draw
        self.started: float | None = None
        self.last_draw = 0.0
        self.peak = 0.0
        self.drawn = False

    def __call__(self, level: AudioLevel) -> None:
        """Called per audio block; draws at most every 0.1 s."""
        now = time.monotonic()
        if self.started is None:
            self.started = now
            print(self.notice, file=self.stream, flush=True)
        if not self.draw:
            return
        self.peak = max(self.peak, level.peak)
        if now - self.last_draw < 0.1:
            return
        self.last_draw = now
        width = 30
        filled = min(width, round(width * min(1.0, level.rms * 4)))
        bar = "#" * filled + "-" * (width - filled)
        clip = "  CLIPPING" if self.peak >= 0.99 else ""
        self.peak = 0.0
        self.stream.write(f"\r  level [{bar}] {now - self.started:5.1f} s{clip}   ")
        self.stream.flush()
        self.drawn = True

    def clear(self) -> None:
        """Erase the meter line, if one was drawn."""
        if self.drawn:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
