"""File in, transcript out: the path used by `interviewer transcribe` and `score --audio`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from speech.interfaces import ProgressCallback, Transcriber
from speech.types import Transcript


def transcribe_file(
    path: Path,
    *,
    model: str,
    prompt_terms: Sequence[str] = (),
    transcriber: Transcriber | None = None,
    progress: ProgressCallback | None = None,
) -> Transcript:
    """Read `path` (any rate, any channels; see speech.audiofile) and transcribe it.

    The audio is read before the model loads, so a bad file fails at once rather than after
    a model download. `transcriber` defaults to a WhisperTranscriber for `model`;
    `progress` receives the model download's (bytes done, total).
    Raises AudioFileError or ModelUnavailable (both one-line UserErrors).
    """
    from speech.audiofile import load_audio

    audio = load_audio(Path(path))
    if transcriber is None:
        from speech.transcriber import WhisperTranscriber

        transcriber = WhisperTranscriber(model=model)
    transcriber.load(progress)
    return transcriber.transcribe(audio, prompt_terms=prompt_terms)
