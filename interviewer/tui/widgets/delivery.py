"""Delivery figures: duration, pace against a target band, fillers, pauses, first word."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from interviewer.models import Delivery
from interviewer.tui.text import (
    FILLERS_PER_MINUTE_OK,
    LONG_PAUSE_S,
    PACE_BAND,
    SLOW_START_S,
    clock,
    pace_verdict,
    seconds,
)


def delivery_table(delivery: Delivery, *, spoken: bool) -> Table | Text:
    """A two-column grid of figures with a short verdict each; typed answers say so."""
    if not spoken:
        note = f"{delivery.word_count} words typed; pace and pauses apply to spoken answers."
        return Text(note, style="dim italic")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(style="dim")
    low, high = PACE_BAND
    pace, pace_style = pace_verdict(delivery.words_per_minute, PACE_BAND)
    wpm = delivery.words_per_minute
    grid.add_row("Duration", clock(delivery.duration_s), f"{delivery.word_count} words")
    grid.add_row(
        "Pace",
        Text("—" if wpm is None else f"{wpm:.0f} wpm", style=pace_style),
        f"{pace} (target {low:.0f}–{high:.0f})",
    )
    fpm = delivery.fillers_per_minute
    grid.add_row(
        "Fillers",
        Text(
            f"{delivery.filler_count}" + ("" if fpm is None else f" · {fpm:.1f}/min"),
            style="yellow" if fpm is not None and fpm > FILLERS_PER_MINUTE_OK else "",
        ),
        f"aim under {FILLERS_PER_MINUTE_OK:.0f}/min",
    )
    pause = delivery.longest_pause_s
    grid.add_row(
        "Longest pause",
        Text(seconds(pause), style="yellow" if pause and pause > LONG_PAUSE_S else ""),
        f"over {LONG_PAUSE_S:.0f} s reads as stuck",
    )
    first = delivery.time_to_first_word_s
    grid.add_row(
        "First word",
        Text(seconds(first), style="yellow" if first and first > SLOW_START_S else ""),
        "after the recording started",
    )
    return grid
