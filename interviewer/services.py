"""The speech parts the app drives, built from settings: real ones, or the shipped fakes.

No textual and nothing heavy at import time: the real speech modules (sounddevice,
pyttsx3, whisper) are imported inside `real_services`, and whisper's model itself only
loads when the transcriber's `load()` runs on a worker thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from speech.interfaces import Player, Recorder, SeekablePlayer, Speaker, Transcriber

if TYPE_CHECKING:
    from interviewer.doctor import CheckResult
    from interviewer.settings import Settings

FAKE_SPEECH_ENV = "INTERVIEWER_FAKE_SPEECH"

Readiness = Callable[["Settings"], "list[CheckResult]"]


@dataclass
class Services:
    """One speaker, player, recorder and transcriber, and how to check they are usable.

    `seekable` plays recorded answers back on the replay screen (pause, seek, position).

    `readiness(settings)` blocks (it may open devices or look for model files): call it on
    a worker thread. `fake` marks the demo/test set so the app can say so on screen.
    """

    speaker: Speaker
    player: Player
    recorder: Recorder
    transcriber: Transcriber
    readiness: Readiness
    seekable: SeekablePlayer
    fake: bool = False


def real_services(settings: Settings) -> Services:
    """The real speech stack configured by `settings` (devices are opened on first use)."""
    from speech.playback import SoundDevicePlayer
    from speech.recorder import SoundDeviceRecorder
    from speech.seekable import SoundDeviceSeekablePlayer
    from speech.transcriber import WhisperTranscriber
    from speech.tts import PyttsxSpeaker

    return Services(
        speaker=PyttsxSpeaker(
            voice=settings.voice, rate=settings.rate, device=settings.output_device
        ),
        player=SoundDevicePlayer(device=settings.output_device),
        recorder=SoundDeviceRecorder(
            device=settings.input_device,
            pause_s=settings.pause_seconds,
            max_s=settings.max_answer_seconds,
        ),
        transcriber=WhisperTranscriber(model=settings.model),
        readiness=doctor_readiness,
        seekable=SoundDeviceSeekablePlayer(device=settings.output_device),
    )


def doctor_readiness(settings: Settings) -> list[CheckResult]:
    """The microphone, voice and model checks of `interviewer doctor`, in that order."""
    from interviewer.doctor import check_input, check_model, check_voice

    return [check_input(settings), check_voice(settings), check_model(settings)]


def fake_services(
    *,
    answers: Sequence[str] = (),
    speaker: Speaker | None = None,
    player: Player | None = None,
    recorder: Recorder | None = None,
    transcriber: Transcriber | None = None,
    seekable: SeekablePlayer | None = None,
    realtime: float = 0.0,
) -> Services:
    """The shipped fakes (speech/fakes.py): no sound card, no model; for tests and demos.

    `answers` are what the fake transcriber "hears", one per transcription; with none it
    answers each question by naming some of its key terms, so a demo shows real scoring.
    Readiness reflects the fakes' own configuration (e.g. a recorder with no device).
    """
    from speech.fakes import (
        FakePlayer,
        FakeRecorder,
        FakeSeekablePlayer,
        FakeSpeaker,
        FakeTranscriber,
    )

    if transcriber is None:
        transcriber = (
            FakeTranscriber(answers) if answers else FakeTranscriber(handler=_demo_answer)
        )
    speaker = speaker or FakeSpeaker(seconds_per_call=realtime * 2.0)
    recorder = recorder or FakeRecorder(speech_s=3.0, pause_s=1.5, realtime=realtime)
    parts = (speaker, recorder, transcriber)
    return Services(
        speaker=speaker,
        player=player or FakePlayer(seconds_per_call=realtime * 2.0),
        recorder=recorder,
        transcriber=transcriber,
        readiness=lambda settings: _fake_readiness(*parts),
        seekable=seekable or FakeSeekablePlayer(),
        fake=True,
    )


def services_from_env(settings: Settings) -> Services:
    """Fakes when INTERVIEWER_FAKE_SPEECH=1 (a demo with no audio or model), else real."""
    if os.environ.get(FAKE_SPEECH_ENV, "").strip().lower() in ("1", "true", "yes", "on"):
        # About 20 words over 8 s of "speech": a plausible pace for the delivery figures.
        from speech.fakes import FakeRecorder

        return fake_services(
            realtime=1.0, recorder=FakeRecorder(speech_s=8.0, pause_s=1.5, realtime=1.0)
        )
    return real_services(settings)


def _demo_answer(_audio: object, prompt_terms: Sequence[str]) -> str:
    """A plausible spoken answer that names a few of the question's key terms."""
    terms = list(prompt_terms)[:4]
    if not terms:
        return "I think, um, that depends on the data."
    return "So, um, the key ideas here are " + ", ".join(terms) + ", basically."


def _fake_readiness(
    speaker: Speaker, recorder: Recorder, transcriber: Transcriber
) -> list[CheckResult]:
    """Doctor-style results describing the fakes, so the home screen behaves as for real."""
    from interviewer.doctor import CheckResult

    no_mic = bool(getattr(recorder, "no_device", False))
    voice_error = getattr(speaker, "fail_with", None)
    model = transcriber.model_name
    return [
        CheckResult(
            name="microphone",
            ok=not no_mic,
            detail="no microphone found" if no_mic else "simulated microphone (demo)",
            hint="connect one, or answer in typed mode" if no_mic else "",
        ),
        CheckResult(
            name="voice",
            ok=not voice_error,
            detail=voice_error or "simulated voice (demo)",
            hint="questions will be shown as text only" if voice_error else "",
        ),
        CheckResult(
            name="model",
            ok=True,
            detail=f"simulated speech model {model!r} (demo)",
            hint="",
        ),
    ]
