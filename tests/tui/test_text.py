"""The pure formatting helpers behind the screens."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer.models import Span
from interviewer.tui.text import (
    bar,
    clock,
    coverage_style,
    display_path,
    highlight,
    level_cells,
    pace_verdict,
    percent,
    seconds,
)


@pytest.mark.parametrize(
    ("fraction", "expected"),
    [(None, "—"), (0.0, "0%"), (0.625, "62%"), (0.999, "100%"), (1.7, "100%"), (-0.2, "0%")],
)
def test_percent(fraction: float | None, expected: str) -> None:
    assert percent(fraction) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "—"), (0, "0:00"), (12.9, "0:12"), (75, "1:15"), (3725, "1:02:05"), (-3, "0:00")],
)
def test_clock(value: float | None, expected: str) -> None:
    assert clock(value) == expected


@pytest.mark.parametrize(("value", "expected"), [(None, "—"), (2.345, "2.3 s"), (0, "0.0 s")])
def test_seconds(value: float | None, expected: str) -> None:
    assert seconds(value) == expected


@pytest.mark.parametrize(
    ("fraction", "width", "expected"),
    [
        (0.0, 4, "    "),
        (1.0, 4, "████"),
        (0.5, 4, "██  "),
        (0.625, 4, "██▌ "),  # two and a half cells: a half block
        (0.5625, 4, "██▎ "),  # two and a quarter: a quarter block
        (2.0, 3, "███"),
        (0.3, 0, ""),
    ],
)
def test_bar(fraction: float, width: int, expected: str) -> None:
    assert bar(fraction, width) == expected
    assert len(bar(fraction, width)) == width


@pytest.mark.parametrize(
    ("fraction", "style"), [(None, "dim"), (0.1, "red"), (0.4, "yellow"), (0.69, "yellow"),
                            (0.7, "green")],
)
def test_coverage_style(fraction: float | None, style: str) -> None:
    assert coverage_style(fraction) == style


@pytest.mark.parametrize(
    ("wpm", "verdict"),
    [(None, "not timed"), (90.0, "slow"), (120.0, "in range"), (160.0, "in range"),
     (175.0, "fast")],
)
def test_pace_verdict(wpm: float | None, verdict: str) -> None:
    assert pace_verdict(wpm, (120.0, 160.0))[0] == verdict


def test_highlight_styles_hits_and_fillers_at_their_offsets() -> None:
    text = "um the gradient of the loss"
    out = highlight(text, [Span(7, 15, "gradient")], [Span(0, 2, "um")])
    assert out.plain == text
    styled = {(s.start, s.end): str(s.style) for s in out.spans}
    assert styled[(7, 15)] == "bold green underline"
    assert styled[(0, 2)] == "strike yellow"


def test_highlight_ignores_spans_outside_the_text() -> None:
    out = highlight("short", [Span(3, 40, "stale"), Span(-1, 2, "bad")])
    assert out.plain == "short"
    assert out.spans == []


@pytest.mark.parametrize(
    ("rms", "style", "filled"),
    [(0.0, "dim", 0), (0.005, "dim", 2), (0.1, "green", 9), (0.5, "red", 20)],
)
def test_level_cells_scale_and_colour(rms: float, style: str, filled: int) -> None:
    cells, got_style = level_cells(rms, 20)
    assert len(cells) == 20
    assert got_style == style
    assert len(cells.rstrip()) == filled


def test_display_path_abbreviates_home(tmp_path: Path) -> None:
    assert display_path(Path.home() / "a" / "b") == "~/a/b"
    assert display_path(Path("/opt/x")) == "/opt/x"
