"""Cutting an answer's text into plain and highlighted pieces from the scorer's spans.

Spans are character offsets into the scored text. A saved span is trusted only when the
text at its offsets is the text it quotes; otherwise the quote is looked for in the text
(an edited session may have shifted it), and a quote that cannot be found is left
unhighlighted rather than marking the wrong words.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from interviewer.models import Span
from interviewer.reports.model import HighlightKind, Located, Piece

Mark = tuple[int, int, HighlightKind, str]  # start, end, kind, label


def locate(text: str, span: Span) -> Located:
    """Where `span` lies in `text`, checked against the words it quotes."""
    start, end = span.start, span.end
    if 0 <= start < end <= len(text) and (not span.text or text[start:end] == span.text):
        return Located(start, end, text[start:end])
    if span.text:
        found = text.find(span.text)
        if found < 0:
            found = text.lower().find(span.text.lower())
        if found >= 0 and text[found:found + len(span.text)].lower() == span.text.lower():
            return Located(found, found + len(span.text), text[found:found + len(span.text)])
    return Located(None, None, span.text)


def mark(where: Located, kind: HighlightKind, label: str) -> Mark | None:
    """A highlight for a located finding, or None when it could not be located."""
    if where.start is None or where.end is None:
        return None
    return (where.start, where.end, kind, label)


def pieces(text: str, marks: Sequence[Mark | None]) -> tuple[Piece, ...]:
    """`text` cut at every highlight boundary; overlapping highlights combine their kinds.

    Neighbouring pieces with the same kinds are joined, so two concepts said back to back
    read as one highlighted stretch that names both.
    """
    valid = [m for m in marks if m is not None and 0 <= m[0] < m[1] <= len(text)]
    cuts = sorted({0, len(text), *(m[0] for m in valid), *(m[1] for m in valid)})
    result: list[Piece] = []
    for start, end in pairwise(cuts):
        covering = [m for m in valid if m[0] <= start and end <= m[1]]
        kinds = frozenset(m[2] for m in covering)
        labels = tuple(dict.fromkeys(m[3] for m in covering))
        if result and result[-1].kinds == kinds:
            last = result.pop()
            labels = tuple(dict.fromkeys((*last.labels, *labels)))
            result.append(Piece(last.text + text[start:end], kinds, labels))
        else:
            result.append(Piece(text[start:end], kinds, labels))
    return tuple(result)
