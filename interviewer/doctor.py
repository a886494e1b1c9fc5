"""Readiness checks for `interviewer doctor` and the app's home screen.

Each check returns a CheckResult instead of raising, so one broken part (no microphone)
never hides the state of the others. Speech modules are imported inside the checks: this
module stays cheap to import and free of native libraries until a check actually runs.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from interviewer import paths
from interviewer.errors import UserError
from interviewer.settings import Settings

MIN_FREE_BYTES = 1_000_000_000  # below this, saved sessions and a model download may fail
_DEVICES_HINT = "see `interviewer devices`"


@dataclass(frozen=True)
class CheckResult:
    """One check: `ok` pass/fail, what was found, and what to do about it."""

    name: str
    ok: bool
    detail: str
    hint: str = ""


def check_voice(settings: Settings) -> CheckResult:
    """Synthesise a short phrase with the configured voice and rate (no playback)."""
    try:
        import soundfile

        from speech.tts import PyttsxSpeaker

        # A throwaway cache: a clip cached last week says nothing about espeak today.
        with tempfile.TemporaryDirectory(prefix="interviewer-doctor-") as tmp:
            speaker = PyttsxSpeaker(voice=settings.voice, rate=settings.rate, cache_dir=Path(tmp))
            clip = speaker.synthesize("This is a voice check.")
            seconds = soundfile.info(str(clip)).duration
    except (UserError, OSError, RuntimeError) as exc:
        return CheckResult("voice", False, str(exc), _voice_hint(str(exc)))
    voice = settings.voice or "the default voice"
    return CheckResult(
        "voice", True, f"{voice} at {settings.rate} wpm: synthesised {seconds:.1f} s of speech"
    )


def _voice_hint(message: str) -> str:
    if "voice" in message and "list-voices" in message:
        return "pick one from `interviewer say --list-voices`, or set voice = \"\""
    if "pyttsx3" in message:
        return "pip install pyttsx3; questions are still shown as text"
    return "apt install espeak-ng; questions are still shown as text"


def check_output(settings: Settings) -> CheckResult:
    """Open the output device (speakers) briefly."""
    try:
        from speech.devices import probe_output

        label = probe_output(settings.output_device)
    except UserError as exc:
        return CheckResult("output", False, str(exc), _device_hint(str(exc), "output"))
    return CheckResult("output", True, f"speaker {label} opens")


def check_input(settings: Settings, seconds: float = 0.5) -> CheckResult:
    """Record briefly from the microphone and report the level heard."""
    try:
        from speech.devices import measure_input

        label, level = measure_input(settings.input_device, seconds)
    except UserError as exc:
        return CheckResult("input", False, str(exc), _device_hint(str(exc), "input"))
    detail = f"microphone {label}: level rms {level.rms:.3f}, peak {level.peak:.3f}"
    if level.peak < 1e-4:
        return CheckResult(
            "input", True, detail + " (silent)", "if you spoke, check the microphone is not muted"
        )
    return CheckResult("input", True, detail)


def _device_hint(message: str, kind: str) -> str:
    if "PortAudio" in message:
        return "apt install libportaudio2"
    if kind == "input":
        return f"connect a microphone or use typed mode (--answer-mode typed); {_DEVICES_HINT}"
    return (
        f"connect speakers or headphones, or pick one with --output-device; {_DEVICES_HINT}"
    )


def check_model(settings: Settings) -> CheckResult:
    """Is the Whisper model cached, or at least downloadable on first use?"""
    try:
        from speech.whisper_model import model_status

        status = model_status(settings.model)
    except ImportError as exc:
        return CheckResult("model", False, f"speech recognition is not installed ({exc})",
                           "pip install openai-whisper")
    except (UserError, OSError) as exc:
        return CheckResult("model", False, str(exc), _MODEL_HINT)
    hint = "" if status.ok else _MODEL_HINT
    if status.ok and not status.cached:
        hint = "run once online, or pass --model PATH to a checkpoint to stay offline"
    return CheckResult("model", status.ok, status.detail, hint)


_MODEL_HINT = "run once online or pass --model PATH to a checkpoint"


def check_disk(settings: Settings, min_free: int = MIN_FREE_BYTES) -> CheckResult:
    """Free space where sessions and the cache (speech clips, models) are written."""
    places = {"sessions": settings.sessions_dir(), "cache": paths.cache_dir()}
    seen: dict[int, str] = {}
    parts: list[str] = []
    low: list[str] = []
    for what, folder in places.items():
        try:
            existing = _existing_ancestor(folder)
            device = existing.stat().st_dev
            free = shutil.disk_usage(existing).free
        except OSError as exc:
            return CheckResult("disk", False, f"cannot inspect {folder}: {exc}", "check the path")
        if device in seen:
            parts.append(f"{what} on the same disk as {seen[device]}")
            continue
        seen[device] = what
        parts.append(f"{what} {folder}: {free / 1e9:.1f} GB free")
        if free < min_free:
            low.append(what)
    if low:
        hint = f"free up space (at least {min_free / 1e9:.1f} GB) or move --data-dir elsewhere"
        return CheckResult("disk", False, "low disk space: " + "; ".join(parts), hint)
    return CheckResult("disk", True, "; ".join(parts))


def _existing_ancestor(folder: Path) -> Path:
    """The folder itself or its nearest parent that exists (it may not be created yet)."""
    folder = folder.expanduser().absolute()
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate
    return Path("/")


def run_checks(settings: Settings) -> list[CheckResult]:
    """Every check, in the order the doctor prints them."""
    return [
        check_voice(settings),
        check_output(settings),
        check_input(settings),
        check_model(settings),
        check_disk(settings),
    ]
