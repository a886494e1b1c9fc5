"""Messages that worker threads post to screens (post_message is thread-safe)."""

from __future__ import annotations

from textual.message import Message

from speech.types import AudioLevel


class LevelChanged(Message):
    """The microphone's latest input level (throttled)."""

    def __init__(self, level: AudioLevel) -> None:
        super().__init__()
        self.level = level


class PartialTranscript(Message):
    """The live transcript so far, after another utterance was transcribed."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ModelProgress(Message):
    """Bytes of the speech model downloaded so far (total 0 when unknown)."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class ModelReady(Message):
    """The speech model finished loading, or failed to (`error` says why)."""

    def __init__(self, model: str, error: str | None = None) -> None:
        super().__init__()
        self.model = model
        self.error = error
