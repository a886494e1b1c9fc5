"""The coverage figure with its bar: `62% ████████▌      5 of 8 concepts`."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from interviewer.tui.text import bar_text, coverage_style, percent


class CoverageBar(Widget):
    """A percentage, a bar filling the rest of the line, and an optional caption."""

    DEFAULT_CSS = """
    CoverageBar { height: 1; width: 1fr; }
    """

    coverage: reactive[float | None] = reactive(None)
    caption: reactive[str] = reactive("")

    def __init__(
        self,
        coverage: float | None = None,
        caption: str = "",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Start showing `coverage` (None = not answered)."""
        super().__init__(id=id, classes=classes)
        self.set_reactive(CoverageBar.coverage, coverage)
        self.set_reactive(CoverageBar.caption, caption)

    def render(self) -> Text:
        """Figure, bar, caption; the bar takes whatever width is left."""
        style = coverage_style(self.coverage)
        figure = percent(self.coverage).rjust(4)
        caption = f"  {self.caption}" if self.caption else ""
        width = max(5, self.size.width - len(figure) - 2 - len(caption))
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(figure, style=f"bold {style}")
        text.append("  ")
        text.append_text(bar_text(self.coverage or 0.0, width, style))
        text.append(caption, style="dim")
        return text
