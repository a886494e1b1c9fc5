"""The replay player line: `▶ 0:12 / 1:03  ██████▌──────  space pause · ←/→ 5 s`.

When an attempt has nothing to play (typed, skipped, the file is gone) the line says so
instead.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from interviewer.tui.replay_steps import time_display
from interviewer.tui.text import bar_text

# state -> (symbol, its style, the key hint shown after the bar)
_PLAYABLE = {
    "loading": ("◌", "yellow", "loading the recording…"),
    "idle": ("▷", "bold", "space to play · ←/→ 5 s"),
    "playing": ("▶", "bold green", "space to pause · ←/→ 5 s"),
    "paused": ("⏸", "bold yellow", "space to resume · ←/→ 5 s"),
    "ended": ("■", "bold", "space to play again"),
}
# states with a note instead of a bar -> the note's style
_NOTES = {"typed": "dim italic", "none": "dim italic", "missing": "yellow", "error": "red"}


class PlaybackBar(Widget):
    """Where playback of the recorded answer is, or why there is none.

    `state` is one of loading, idle, playing, paused, ended (a bar is shown) or typed,
    none, missing, error (`note` is shown instead).
    """

    DEFAULT_CSS = """
    PlaybackBar { height: 1; width: 1fr; }
    """

    state: reactive[str] = reactive("none")
    position: reactive[float] = reactive(0.0)
    duration: reactive[float] = reactive(0.0)
    note: reactive[str] = reactive("")

    def show(self, state: str, *, position: float = 0.0, duration: float = 0.0,
             note: str = "") -> None:
        """Set everything at once: one repaint, none when nothing changed (it is polled)."""
        if (self.state, self.position, self.duration, self.note) == (
            state, position, duration, note
        ):
            return
        self.set_reactive(PlaybackBar.state, state)
        self.set_reactive(PlaybackBar.position, position)
        self.set_reactive(PlaybackBar.duration, duration)
        self.set_reactive(PlaybackBar.note, note)
        self.refresh()

    def render(self) -> Text:
        """Symbol, time, a bar filling the middle, the keys; or the note."""
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.state not in _PLAYABLE:
            text.append(f" {self.note}", style=_NOTES.get(self.state, "dim"))
            return text
        symbol, style, hint = _PLAYABLE[self.state]
        clock = time_display(self.position, self.duration)
        hint = f"  {hint}"
        width = self.size.width - len(clock) - 5
        if width - len(hint) < 10:
            hint = ""  # narrow: the bar matters more than the reminder (keys are in the footer)
        width = max(5, width - len(hint))
        fraction = self.position / self.duration if self.duration > 0 else 0.0
        text.append(f" {symbol} ", style=style)
        text.append(clock, style="bold")
        text.append("  ")
        text.append_text(bar_text(fraction, width, "cyan"))
        text.append(hint, style="dim")
        return text
