"""The microphone input level meter and the recording indicator with elapsed time."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from interviewer.tui.text import clock, level_cells


class LevelMeter(Widget):
    """`Input ▕██████░░░░░░▏` from the recorder's RMS level (0..1)."""

    DEFAULT_CSS = """
    LevelMeter { height: 1; width: 1fr; }
    """

    level: reactive[float] = reactive(0.0)

    def render(self) -> Text:
        """Label plus a bar as wide as the widget allows."""
        width = max(4, self.size.width - 9)
        cells, style = level_cells(self.level, width)
        text = Text(no_wrap=True)
        text.append("Input  ▕", style="dim")
        text.append(cells, style=f"{style} on grey23")
        text.append("▏", style="dim")
        return text


class RecordingStatus(Widget):
    """What the microphone is doing: idle hint, `● REC 0:12`, or transcribing."""

    DEFAULT_CSS = """
    RecordingStatus { height: 1; width: 1fr; }
    """

    state: reactive[str] = reactive("idle")  # idle | speaking | recording | transcribing | done
    elapsed: reactive[float] = reactive(0.0)
    hint: reactive[str] = reactive("")

    def render(self) -> Text:
        """One line; the recording state is red so it cannot be missed."""
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.state == "recording":
            text.append(" ● REC ", style="bold white on red")
            text.append(f" {clock(self.elapsed)}", style="bold")
            text.append("  recording: a pause or space/enter ends the answer", style="dim")
        elif self.state == "speaking":
            text.append(" ◆ ", style="bold cyan")
            text.append("Asking the question…", style="cyan")
        elif self.state == "transcribing":
            text.append(" ◌ ", style="bold yellow")
            text.append(f"Transcribing your answer ({clock(self.elapsed)} recorded)…")
            if self.hint:
                text.append(f"  {self.hint}", style="dim")
        else:
            text.append(" ○ ", style="dim")
            text.append(self.hint or "Ready", style="dim" if not self.hint else "")
        return text
