"""The text chart and sparkline: shapes, sizes, axis labels and the dates under the axis."""

from __future__ import annotations

import pytest

from interviewer.plot import EMPTY_MESSAGE, coverage_plot, sparkline

BRAILLE = range(0x2801, 0x2900)


def dates(n: int) -> list[str]:
    """n labels like 2026-03-01, one a day."""
    return [f"2026-03-{d:02d}" for d in range(1, n + 1)]


def dot_rows(lines: list[str]) -> list[int]:
    """Indexes of the rows holding any braille dots, top first."""
    return [i for i, line in enumerate(lines[:-2]) if any(ord(ch) in BRAILLE for ch in line)]


def dot_columns(line: str) -> list[int]:
    """Character columns of the braille cells in one line."""
    return [i for i, ch in enumerate(line) if ord(ch) in BRAILLE]


SHAPES = {
    "empty": [],
    "one point": [0.4],
    "flat": [0.5] * 6,
    "rising": [0.0, 0.2, 0.4, 0.6, 0.8, 1.0],
    "falling": [1.0, 0.7, 0.3, 0.1],
    "more points than width": [(i % 10) / 9 for i in range(200)],
}


@pytest.mark.parametrize("size", [(80, 12), (60, 11), (40, 7), (24, 5)])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_shape_fits_the_size(shape: str, size: tuple[int, int]) -> None:
    width, height = size
    values = SHAPES[shape]
    lines = coverage_plot(values, dates(len(values)), width=width, height=height)
    assert height - 1 <= len(lines) <= height
    assert all(len(line) <= width for line in lines)
    assert lines[0].startswith("100% ┤")
    assert any(line.startswith("  0% ┤") for line in lines)
    assert lines[-2].startswith("     └─") or lines[-2].startswith("     └┬")


@pytest.mark.parametrize("rows_height", [5, 7, 11, 12, 20])
def test_fifty_percent_sits_in_the_middle_row(rows_height: int) -> None:
    lines = coverage_plot([0.5, 0.5], dates(2), width=50, height=rows_height)
    rows = len(lines) - 2
    assert rows % 2 == 1
    assert lines[rows // 2].startswith(" 50% ┤")
    assert dot_rows(lines) == [rows // 2]  # a flat 50 % line is drawn on that row


def test_empty_says_there_is_nothing_yet() -> None:
    lines = coverage_plot([], [], width=60, height=11)
    assert EMPTY_MESSAGE in lines[len(lines) // 2 - 1]
    assert not dot_rows(lines)
    assert lines[-1] == ""
    assert "┬" not in lines[-2]


def test_one_point_is_visible_with_its_figure_and_date() -> None:
    lines = coverage_plot([0.4], ["2026-03-01"], width=60, height=11)
    (row,) = dot_rows(lines)
    assert lines[row].endswith(" 40%")
    assert dot_columns(lines[row]) == [6]  # at the left, where the date is
    assert lines[-1].split() == ["2026-03-01", "1", "session"]
    assert lines[-2].count("┬") == 1


def test_flat_line_spans_the_width_on_one_row() -> None:
    lines = coverage_plot([0.5] * 6, dates(6), width=60, height=11)
    (row,) = dot_rows(lines)
    assert dot_columns(lines[row]) == list(range(6, 60 - 5))
    assert lines[row].endswith(" 50%")


@pytest.mark.parametrize(("values", "direction"), [(SHAPES["rising"], -1),
                                                   (SHAPES["falling"], 1)])
def test_the_line_goes_the_way_the_figures_go(values: list[float], direction: int) -> None:
    lines = coverage_plot(values, dates(len(values)), width=60, height=11)
    rows = lines[:-2]
    first_col = [min(dot_columns(line), default=999) for line in rows]
    last_col = [max(dot_columns(line), default=-1) for line in rows]
    start_row = first_col.index(min(first_col))
    end_row = last_col.index(max(last_col))
    # Rising: the line starts low (a high row index) and ends high (row 0).
    assert (end_row - start_row) * direction > 0
    assert lines[end_row].endswith(f" {round(values[-1] * 100)}%")


def test_top_and_bottom_values_reach_the_top_and_bottom_rows() -> None:
    lines = coverage_plot([0.0, 1.0], dates(2), width=40, height=9)
    rows = dot_rows(lines)
    assert rows[0] == 0 and rows[-1] == len(lines) - 3


def test_every_session_gets_a_tick_while_they_fit() -> None:
    lines = coverage_plot([0.1, 0.5, 0.9], dates(3), width=60, height=11)
    assert lines[-2].count("┬") == 3
    assert lines[-1].split() == ["2026-03-01", "3", "sessions", "2026-03-03"]


def test_more_points_than_width_are_squeezed_in_without_ticks() -> None:
    values = SHAPES["more points than width"]
    lines = coverage_plot(values, dates(len(values)), width=40, height=9)
    assert "┬" not in lines[-2]
    assert max(len(line) for line in lines) <= 40
    assert lines[-1].split() == ["2026-03-01", "2026-03-200"] or "200 sessions" in lines[-1]
    # Every character column of the chart has some of the line in it.
    columns = {c for line in lines[:-2] for c in dot_columns(line)}
    assert columns == set(range(6, 40 - 5))


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (60, ["2026-03-01", "4", "sessions", "2026-03-04"]),
        (30, ["2026-03-01", "2026-03-04"]),
        (20, ["2026-03-01"]),
    ],
)
def test_dates_under_the_axis_shrink_to_fit(width: int, expected: list[str]) -> None:
    lines = coverage_plot([0.2, 0.3, 0.4, 0.5], dates(4), width=width, height=7)
    assert lines[-1].split() == expected
    assert lines[-1].startswith("      2026-03-01")


@pytest.mark.parametrize(
    ("values", "width", "expected"),
    [
        ([], 5, ""),
        ([0.0, 0.5, 1.0], 10, "▁▅█"),
        ([0.0, 0.14, 0.3, 0.43, 0.57, 0.71, 0.86, 1.0], 8, "▁▂▃▄▅▆▇█"),
        ([0.1, 0.2, 0.9, 1.0], 2, "▇█"),  # the latest ones
        ([1.5, -0.2], 4, "█▁"),  # out-of-range figures are clamped
        ([0.5], 0, ""),
    ],
)
def test_sparkline(values: list[float], width: int, expected: str) -> None:
    assert sparkline(values, width) == expected
