"""Retries side by side: one column per attempt, one row per concept (✓ covered)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from interviewer.models import Question
from interviewer.session.records import Attempt
from interviewer.tui.text import clock, coverage_style, percent


def attempts_table(question: Question, attempts: Sequence[Attempt], selected: int) -> Table:
    """Coverage, length and each concept's ✓/✗ for every answer attempt at `question`.

    `selected` (0-based) is the attempt shown in detail below the table; its column is bold.
    """
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False, expand=False)
    table.add_column("attempt", style="dim", no_wrap=True, overflow="ellipsis", max_width=28)
    for n, _ in enumerate(attempts):
        marker = "▶" if n == selected else " "
        table.add_column(
            f"{marker}#{n + 1}", justify="center", no_wrap=True,
            header_style="bold reverse" if n == selected else "bold",
        )
    coverage = [a.score.coverage for a in attempts]
    table.add_row("coverage", *[Text(percent(c), style=coverage_style(c)) for c in coverage])
    lengths = [clock(a.duration_s) if a.mode == "voice" else "typed" for a in attempts]
    table.add_row("length", *lengths)
    for concept in question.concepts:
        cells = []
        for attempt in attempts:
            hit = any(m.concept.label == concept.label for m in attempt.score.matched)
            cells.append(Text("✓", style="green") if hit else Text("·", style="dim red"))
        table.add_row(concept.label, *cells)
    return table
