"""Transcribing a saved session's recorded answers again, e.g. with a better Whisper model.

Each spoken attempt's audio file (inside the session folder) is read as 16 kHz mono float32
and given to the transcriber with the same vocabulary prompt the live session used: the key
terms of the attempt's question (speech.prompt.prompt_terms_for), taken from the bank when
it still holds the question. An attempt whose audio is missing or unreadable, or whose
transcription fails, keeps its saved transcript; the reason is reported and the rest carry
on. The model is loaded only once some audio was actually read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from interviewer.errors import UnknownQuestion
from interviewer.models import Bank
from interviewer.session.records import Attempt, SavedSession
from speech.interfaces import ProgressCallback, Transcriber
from speech.types import Transcript


class RetranscribeProgress(Protocol):
    """What a caller is told while transcription runs (to draw it, or not)."""

    def loading(self, model: str) -> ProgressCallback | None:
        """The model is about to load; may return a (bytes done, total) download meter."""
        ...

    def transcribing(self, done: int, total: int) -> None:
        """Attempt `done + 1` of `total` is being transcribed."""
        ...


@dataclass(frozen=True)
class NewTranscripts:
    """New transcripts by attempt position (1-based), and why others have none."""

    transcripts: dict[int, Transcript] = field(default_factory=dict)
    problems: dict[int, str] = field(default_factory=dict)


def spoken_attempts(saved: SavedSession, bank: Bank) -> list[tuple[int, Attempt]]:
    """(position, attempt) of the spoken attempts worth transcribing: the bank can still
    score them (others are kept as they were anyway)."""
    wanted = []
    for position, attempt in enumerate(saved.attempts, start=1):
        if attempt.mode != "voice":
            continue
        try:
            bank.get(attempt.question_id)
        except UnknownQuestion:
            continue
        wanted.append((position, attempt))
    return wanted


def retranscribe_session(
    saved: SavedSession,
    bank: Bank,
    transcriber: Transcriber,
    *,
    progress: RetranscribeProgress | None = None,
) -> NewTranscripts:
    """New transcripts of `saved`'s spoken attempts; see the module docstring.

    `problems` holds one line per attempt left with its saved transcript. A model that
    cannot be loaded (speech.errors.ModelUnavailable) propagates: nothing can be done.
    """
    from speech.audiofile import load_audio
    from speech.errors import AudioFileError
    from speech.prompt import prompt_terms_for

    result = NewTranscripts()
    todo = spoken_attempts(saved, bank)
    loaded = False
    for done, (position, attempt) in enumerate(todo):
        path = _audio_path(saved.folder, attempt)
        if isinstance(path, str):
            result.problems[position] = path
            continue
        try:
            audio = load_audio(path)
        except AudioFileError as exc:
            result.problems[position] = str(exc)
            continue
        if not loaded:
            transcriber.load(progress.loading(transcriber.model_name) if progress else None)
            loaded = True
        if progress is not None:
            progress.transcribing(done, len(todo))
        terms = prompt_terms_for(bank.get(attempt.question_id))
        try:
            transcript = transcriber.transcribe(audio, prompt_terms=terms)
        except Exception as exc:  # one bad clip must not lose the others' work
            result.problems[position] = f"transcription failed ({_one_line(exc)})"
            continue
        result.transcripts[position] = transcript
    return result


def _audio_path(folder: Path, attempt: Attempt) -> Path | str:
    """The attempt's audio file, or why there is none to use."""
    name = attempt.audio_file
    if not name:
        return "no recording was saved with it"
    # session.json names a file inside the folder; anything else is not ours to open.
    if Path(name).name != name or name in (".", ".."):
        return f"its audio file name {name!r} points outside the session folder"
    return folder / name


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
