"""Readiness of microphone, voice and speech model, with why not and what to do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static

if TYPE_CHECKING:
    from interviewer.doctor import CheckResult

_NAMES = {"microphone": "Microphone", "input": "Microphone", "voice": "Voice", "model": "Model"}


def checks_text(results: Sequence[CheckResult] | None, *, typed: bool = False) -> Table | Text:
    """`✓ Microphone  default (pulse)` per check, with what to do under a failure.

    With `typed` answers a missing microphone is no failure: a red cross telling the
    candidate to use typed mode, when they already do, would only alarm them.
    """
    if results is None:
        return Text("Checking microphone, voice and model…", style="dim italic")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, width=1)
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    for result in results:
        name = _NAMES.get(result.name, result.name.capitalize())
        if typed and not result.ok and name == "Microphone":
            grid.add_row(Text("–", style="dim"), name, Text("not needed for typed answers", "dim"))
            continue
        detail = Text(result.detail or ("ready" if result.ok else "not ready"))
        if not result.ok and result.hint:
            detail.append("\n→ " + result.hint, style="yellow")
        mark = Text("✓", style="bold green") if result.ok else Text("✗", style="bold red")
        grid.add_row(mark, name, detail)
    return grid


class ReadinessPanel(Vertical):
    """The checks, then the speech model's loading state and download progress."""

    DEFAULT_CSS = """
    ReadinessPanel { height: auto; }
    ReadinessPanel #model-status { height: auto; margin-top: 1; }
    ReadinessPanel ProgressBar { height: 1; display: none; }
    ReadinessPanel ProgressBar.-downloading { display: block; }
    """

    def compose(self) -> ComposeResult:
        """Checks, model status, and a progress bar shown only while downloading."""
        yield Static(checks_text(None), id="checks")
        yield Static("", id="model-status")
        yield ProgressBar(total=100, show_eta=False, id="model-progress")

    def show_checks(self, results: Sequence[CheckResult], *, typed: bool = False) -> None:
        """Replace the 'checking…' line with the results (see `checks_text` for `typed`)."""
        self.query_one("#checks", Static).update(checks_text(results, typed=typed))

    def show_model(self, message: str, style: str = "") -> None:
        """One line about the speech model: loading, ready, or why it failed."""
        self.query_one("#model-status", Static).update(Text(message, style=style))

    def show_download(self, done: int, total: int) -> None:
        """Download progress in bytes; the bar hides again when complete."""
        progress = self.query_one("#model-progress", ProgressBar)
        if total <= 0 or done >= total:
            progress.remove_class("-downloading")
            return
        progress.add_class("-downloading")
        progress.update(total=total, progress=done)
