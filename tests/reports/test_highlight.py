"""Locating the scorer's spans in an answer and cutting it into highlighted pieces."""

from __future__ import annotations

import pytest

from interviewer.models import Span
from interviewer.reports.highlight import Mark, locate, mark, pieces
from interviewer.reports.model import Located

TEXT = "It minimises the loss by going downhill."


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        # Offsets that quote the text exactly are trusted.
        (Span(3, 21, "minimises the loss"), Located(3, 21, "minimises the loss")),
        # Shifted offsets (an edited text): the quote is found again.
        (Span(0, 8, "downhill"), Located(31, 39, "downhill")),
        # Different case is found too, and the text's own spelling is quoted.
        (Span(99, 107, "DOWNHILL"), Located(31, 39, "downhill")),
        # Out of range with no quote: nothing to highlight.
        (Span(50, 60, ""), Located(None, None, "")),
        # A quote that is not in the text at all: listed, not highlighted.
        (Span(3, 12, "maximises"), Located(None, None, "maximises")),
        # Empty or reversed ranges are never trusted.
        (Span(5, 5, ""), Located(None, None, "")),
        (Span(9, 3, ""), Located(None, None, "")),
    ],
)
def test_locate(span: Span, expected: Located) -> None:
    assert locate(TEXT, span) == expected


def test_mark_skips_what_could_not_be_located() -> None:
    assert mark(Located(None, None, "x"), "concept", "C") is None
    assert mark(Located(3, 9, "x"), "misconception", "M") == (3, 9, "misconception", "M")


def _render(text: str, marks: list[Mark | None]) -> list[tuple[str, tuple[str, ...], tuple]]:
    return [(p.text, tuple(sorted(p.kinds)), p.labels) for p in pieces(text, marks)]


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], [("abcdefghij", (), ())]),
        ([None], [("abcdefghij", (), ())]),
        (
            [(2, 5, "concept", "A")],
            [("ab", (), ()), ("cde", ("concept",), ("A",)), ("fghij", (), ())],
        ),
        # A highlight at either end leaves no empty piece.
        ([(0, 10, "misconception", "M")], [("abcdefghij", ("misconception",), ("M",))]),
        # Back-to-back concepts join into one stretch naming both.
        (
            [(0, 3, "concept", "A"), (3, 6, "concept", "B")],
            [("abcdef", ("concept",), ("A", "B")), ("ghij", (), ())],
        ),
        # Overlapping concept and misconception: the overlap carries both kinds.
        (
            [(1, 6, "concept", "A"), (4, 8, "misconception", "M")],
            [
                ("a", (), ()),
                ("bcd", ("concept",), ("A",)),
                ("ef", ("concept", "misconception"), ("A", "M")),
                ("gh", ("misconception",), ("M",)),
                ("ij", (), ()),
            ],
        ),
        # Two concepts on the same words are named once each.
        (
            [(2, 4, "concept", "A"), (2, 4, "concept", "B"), (2, 4, "concept", "A")],
            [("ab", (), ()), ("cd", ("concept",), ("A", "B")), ("efghij", (), ())],
        ),
        # Marks outside the text are ignored rather than cutting it wrongly.
        ([(8, 20, "concept", "A"), (-1, 2, "concept", "B")], [("abcdefghij", (), ())]),
    ],
)
def test_pieces(marks: list[Mark | None], expected: list) -> None:
    text = "abcdefghij"
    result = _render(text, marks)
    assert result == expected
    assert "".join(piece for piece, _, _ in result) == text


def test_pieces_of_empty_text() -> None:
    assert pieces("", [(0, 1, "concept", "A")]) == ()
