"""The transcript of a replayed answer, with the word being spoken lit up as it plays."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from interviewer.models import Span
from interviewer.tui.text import highlight

SPOKEN_STYLE = "bold black on yellow"


class SpokenTranscript(Static):
    """Concept hits and fillers highlighted as on the feedback screen, plus the current word.

    `current` is an index into the `words` given to `show` (None: no word lit).
    """

    current: reactive[int | None] = reactive(None)

    def __init__(self, *, id: str | None = None) -> None:
        """Empty until `show`."""
        super().__init__(id=id)
        self._text = ""
        self._hits: tuple[Span, ...] = ()
        self._fillers: tuple[Span, ...] = ()
        self._words: tuple[Span | None, ...] = ()
        self._legend = Text()

    def show(
        self,
        text: str,
        *,
        hits: Sequence[Span] = (),
        fillers: Sequence[Span] = (),
        words: Sequence[Span | None] = (),
        legend: Text | None = None,
    ) -> None:
        """A new transcript; `words` are the timed words' places in `text`."""
        self._text = text
        self._hits = tuple(hits)
        self._fillers = tuple(fillers)
        self._words = tuple(words)
        self._legend = legend or Text()
        self.set_reactive(SpokenTranscript.current, None)
        self.update(self._rendered())

    def watch_current(self) -> None:
        """Repaint with the new word lit."""
        self.update(self._rendered())

    def current_line(self) -> int | None:
        """The line (0 = first, as wrapped on screen) holding the lit word, if any."""
        span = self._current_span()
        width = self.content_region.width
        if span is None or width <= 0:
            return None
        wrapped = Text(self._text[: span.end]).wrap(self.app.console, width)
        return max(0, len(wrapped) - 1)

    def _current_span(self) -> Span | None:
        index = self.current
        span = self._words[index] if index is not None and 0 <= index < len(self._words) else None
        if span is not None and 0 <= span.start < span.end <= len(self._text):
            return span
        return None

    def _rendered(self) -> Text:
        if not self._text.strip():
            return Text("(nothing was said)", style="dim italic") + self._legend
        text = highlight(self._text, self._hits, self._fillers)
        span = self._current_span()
        if span is not None:
            text.stylize(SPOKEN_STYLE, span.start, span.end)
        return text + self._legend
