"""Coverage over time as plain text: a braille line chart and a one-line sparkline.

Pure functions of values in 0..1 returning strings, shared by `interviewer progress` and
the app's Progress screen, so both draw the same picture. A chart looks like:

    100% ┤
         │                       ⣀⣀⣀⠤⠤⠔⠒⠒⠊⠉ 80%
     50% ┤         ⣀⡠⠤⠤⠤⠒⠒⠒⠒⠒⠉⠉⠉⠉
         │  ⢀⣀⠤⠔⠒⠊⠉
      0% ┤⠒⠉⠁
         └┬──────────┬─────────┬──────────┬
          2026-03-01 4 sessions  2026-03-09

Each character cell holds 2x4 braille dots, so the line has twice the columns and four
times the rows of resolution. Sessions are spread evenly left to right (the x axis is
the order of sessions, not calendar time: a month's gap would otherwise flatten the rest).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

_AXIS = 6  # "100% ┤"
_VALUE = 5  # " 100%" after the line: the latest figure, so nobody has to read it off
_SPARKS = "▁▂▃▄▅▆▇█"
# Braille dot bits by (column 0-1, row 0-3 from the top) within one character cell.
_DOTS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
EMPTY_MESSAGE = "no sessions yet"


def coverage_plot(
    values: Sequence[float], labels: Sequence[str], *, width: int, height: int
) -> list[str]:
    """Lines (at most `height`, each at most `width` characters) charting `values` (0..1).

    `labels` name the points (dates, say); the first and last are printed under the x axis
    with the number of sessions between. The chart keeps an odd number of rows so 50 % has
    a row of its own, so it may use one line fewer than `height`.
    """
    rows = max(1, height - 2)
    if rows % 2 == 0 and rows > 1:
        rows -= 1
    show_value = width - _AXIS - _VALUE >= 8 and bool(values)
    cols = max(1, width - _AXIS - (_VALUE if show_value else 0))
    cells = _braille_cells(values, cols, rows)
    ticks = _tick_rows(rows)
    last_row = _row_of(values[-1], rows) if values else -1
    lines = []
    for row in range(rows):
        label = ticks.get(row, "")
        axis = "┤" if label else "│"
        line = f"{label:>4} {axis}" + "".join(cells[row])
        if show_value and row == last_row:
            line += f" {round(_clamp(values[-1]) * 100)}%"
        lines.append(line.rstrip())
    if not values:
        middle = rows // 2
        message = EMPTY_MESSAGE[:cols].center(cols)
        lines[middle] = (lines[middle][:_AXIS].ljust(_AXIS) + message).rstrip()
    lines.append("     └" + _x_axis(len(values), cols))
    lines.append((" " * _AXIS + _x_labels(labels, len(values), cols, width - _AXIS)).rstrip())
    return lines[:max(1, height)]


def sparkline(values: Sequence[float], width: int) -> str:
    """One block character per value (the latest `width` of them), low ▁ to high █."""
    shown = values[-width:] if width > 0 else []
    return "".join(_SPARKS[round(_clamp(v) * (len(_SPARKS) - 1))] for v in shown)


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def _x_of(index: int, count: int, dots: int) -> int:
    """The dot column of point `index` of `count`, spread over `dots` columns."""
    if count < 2:
        return 0
    return round(index * (dots - 1) / (count - 1))


def _y_of(value: float, rows: int) -> int:
    """The dot row of `value` counted from the bottom (0 = 0 %, top dot = 100 %)."""
    return round(_clamp(value) * (rows * 4 - 1))


def _row_of(value: float, rows: int) -> int:
    """The character row (from the top) holding `value`'s dot."""
    return (rows * 4 - 1 - _y_of(value, rows)) // 4


def _tick_rows(rows: int) -> dict[int, str]:
    """Row -> axis label: 100 % on top, 0 % at the bottom, 50 % in the middle (if room)."""
    ticks = {0: "100%"}
    if rows >= 2:
        ticks[rows - 1] = "0%"
    if rows >= 3:
        ticks[rows // 2] = "50%"
    return ticks


def _braille_cells(values: Sequence[float], cols: int, rows: int) -> list[list[str]]:
    """The chart area as characters: each point joined to the next by a straight line."""
    dots_x, dots_y = cols * 2, rows * 4
    bits = [[0] * cols for _ in range(rows)]

    def dot(x: int, y: int) -> None:
        if 0 <= x < dots_x and 0 <= y < dots_y:
            top = dots_y - 1 - y
            bits[top // 4][x // 2] |= _DOTS[x % 2][top % 4]

    points = [(_x_of(i, len(values), dots_x), _y_of(v, rows)) for i, v in enumerate(values)]
    for (x0, y0), (x1, y1) in pairwise(points):
        steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for s in range(steps + 1):
            dot(round(x0 + (x1 - x0) * s / steps), round(y0 + (y1 - y0) * s / steps))
    for x, y in points:
        # A session is two dots wide, so a lone point (one session) is still visible.
        dot(x, y)
        dot(x + 1 if x + 1 < dots_x else x - 1, y)
    return [[chr(0x2800 + b) if b else " " for b in row] for row in bits]


def _x_axis(count: int, cols: int) -> str:
    """The x axis, with a tick under each session while they are far enough apart."""
    axis = ["─"] * cols
    if 0 < count <= cols:
        for i in range(count):
            axis[_x_of(i, count, cols * 2) // 2] = "┬"
    return "".join(axis)


def _x_labels(labels: Sequence[str], count: int, cols: int, room: int) -> str:
    """First label at the left, last under the last point (or as near as fits in `room`
    columns), the number of sessions between when there is space."""
    if count == 0:
        return ""
    middle = f"{count} session" + ("s" if count != 1 else "")
    first = labels[0] if labels else ""
    last = labels[-1] if count > 1 and len(labels) > 1 else ""
    if not last:
        both = f"{first}  {middle}"
        return both if len(both) <= room else first[:room]
    for span in (cols, room):
        gap = span - len(first) - len(last)
        if gap >= len(middle) + 2:
            left = (gap - len(middle)) // 2
            return f"{first}{' ' * left}{middle}{' ' * (gap - len(middle) - left)}{last}"
        if gap >= 1:
            return f"{first}{' ' * gap}{last}"
    return first[:room]
