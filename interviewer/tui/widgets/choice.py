"""A one-line choice: label and current value, changed with ←/→ or the row's own key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class ChoiceRow(Widget, can_focus=True):
    """Cycles through `options` ((value, label) pairs); posts ChoiceRow.Changed.

    Keyboard only: ←/→ (or -/+) step through the options when focused, and the screen
    binds a letter per row that calls `cycle()` from anywhere.
    """

    DEFAULT_CSS = """
    ChoiceRow { height: 1; width: 1fr; padding: 0 1; }
    ChoiceRow:focus { background: $boost; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,plus,equals_sign", "step(1)", "Next", show=False),
        Binding("left,minus", "step(-1)", "Previous", show=False),
    ]

    value: reactive[str] = reactive("", layout=False)

    class Changed(Message):
        """The row's value changed."""

        def __init__(self, row: ChoiceRow, value: str) -> None:
            super().__init__()
            self.row = row
            self.value = value

        @property
        def control(self) -> ChoiceRow:
            """The row that changed (lets handlers use @on(ChoiceRow.Changed, "#id"))."""
            return self.row

    def __init__(
        self,
        label: str,
        options: Sequence[tuple[str, str]],
        value: str,
        *,
        key: str = "",
        note: str = "",
        label_width: int = 14,
        label_style: str = "",
        id: str | None = None,
    ) -> None:
        """`key` is shown beside the row as a reminder of its screen binding."""
        super().__init__(id=id)
        self.label = label
        self.label_width = label_width
        self.label_style = label_style
        self.options = list(options)
        self.key = key
        self.note = note
        self.set_reactive(ChoiceRow.value, value)

    def _index(self) -> int:
        values = [v for v, _ in self.options]
        return values.index(self.value) if self.value in values else 0

    def action_step(self, delta: int) -> None:
        """Move to the next (+1) or previous (-1) option, wrapping around."""
        if not self.options:
            return
        self.value = self.options[(self._index() + delta) % len(self.options)][0]

    def cycle(self) -> None:
        """Move to the next option (the screen's letter binding)."""
        self.action_step(1)

    def set_note(self, note: str) -> None:
        """A short remark after the value, e.g. why weakest-first falls back to random."""
        self.note = note
        self.refresh()

    def watch_value(self, value: str) -> None:
        """Tell the screen."""
        self.post_message(self.Changed(self, value))

    def render(self) -> Text:
        """`Level        ‹ mixed ›   l` with the value in bold."""
        shown = dict(self.options).get(self.value, self.value)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(self.label.ljust(self.label_width), style=self.label_style)
        text.append("‹ ", style="dim")
        text.append(shown, style="bold")
        text.append(" ›", style="dim")
        if self.key:
            text.append(f"  {self.key}", style="dim italic")
        if self.note:
            text.append(f"  {self.note}", style="italic yellow")
        return text
