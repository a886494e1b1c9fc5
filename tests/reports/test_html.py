"""The HTML report: one self-contained, well-formed page with every piece of user text escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from interviewer.reports.build import build_report
from interviewer.reports.html import highlighted, render_html
from interviewer.reports.model import Piece
from interviewer.scoring import score_answer
from tests.reports.sessions import (
    DESCENT,
    HOSTILE_ID,
    RETRANSCRIBED,
    SCRIPT,
    hostile,
    hostile_bank,
    played,
    rescored,
    start,
)

VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}
# Every element the report uses; anything else (script, img, iframe...) came from user text.
ALLOWED = {
    "html", "head", "meta", "title", "style", "body", "main", "section", "div", "h1", "h2",
    "h3", "p", "strong", "span", "mark", "blockquote", "dl", "dt", "dd", "ul", "li", "table",
    "thead", "tbody", "tr", "th", "td", "a", "code",
}


class Page(HTMLParser):
    """Parses a page, checking that every element is closed in order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.errors: list[str] = []
        self.doctype = ""
        self.feed(text)
        self.close()

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.errors.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] != "style":
            self.text.append(data)

    @property
    def body_text(self) -> str:
        return "".join(self.text)


def _page(text: str) -> Page:
    page = Page(text)
    assert page.errors == [] and page.stack == []
    assert page.doctype.lower() == "doctype html"
    return page


def test_a_typical_report_is_well_formed_and_self_contained(tmp_path: Path) -> None:
    text = render_html(build_report(played(tmp_path).snapshot()))
    page = _page(text)
    names = [tag for tag, _ in page.tags]
    assert set(names) <= ALLOWED
    assert names.count("style") == 1 and names.count("html") == 1
    for tag, attrs in page.tags:
        # Nothing loads from elsewhere and nothing runs: only in-page links, no handlers.
        assert not any(name.startswith("on") for name in attrs), tag
        assert "src" not in attrs
        assert tag != "a" or (attrs.get("href") or "").startswith("#")
    assert "http" not in text.replace("http-equiv", "")
    assert "@import" not in text and "url(" not in text
    assert "@media print" in text


def test_highlights_are_marks_titled_with_what_was_found(tmp_path: Path) -> None:
    page = _page(render_html(build_report(played(tmp_path).snapshot())))
    marks = [(attrs["class"], attrs.get("title")) for tag, attrs in page.tags if tag == "mark"]
    assert ("misconception", "maximises the loss") in marks
    assert ("concept", "Minimises the loss") in marks
    assert ("concept", "Learning rate") in marks


def test_every_piece_of_user_text_is_escaped(tmp_path: Path) -> None:
    text = render_html(build_report(hostile(tmp_path)))
    page = _page(text)
    names = {tag for tag, _ in page.tags}
    assert names <= ALLOWED
    assert "<script" not in text.lower() and "<img" not in text and "<textarea" not in text
    assert "</textarea>" not in text and "<u>" not in text and "<i>" not in text
    # The text reads back literally: question, labels, transcripts, id, model, warning.
    question = hostile_bank().questions[0]
    body = page.body_text
    for literal in (
        question.text,
        question.sample_answer,
        *(c.label for c in question.concepts),
        question.concepts[1].misconceptions[0].label,
        HOSTILE_ID,
        f"<b>{SCRIPT}</b>",
        f"<u>{SCRIPT}</u>",
        f"</textarea>{SCRIPT}",
    ):
        assert literal in body, literal
    # Labels inside attributes stay inside their quotes.
    titles = [attrs.get("title") for tag, attrs in page.tags if tag == "mark" and "title" in attrs]
    assert f'{SCRIPT} "concept"' in titles


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        ((Piece("a < b & c", frozenset(), ()),), "a &lt; b &amp; c"),
        ((Piece("x", frozenset({"concept"}), ('say "hi"',)),),
         '<mark class="concept" title="say &quot;hi&quot;">x</mark>'),
        ((Piece("y", frozenset({"misconception", "concept"}), ("A", "B")),),
         '<mark class="concept misconception" title="A; B">y</mark>'),
    ],
)
def test_highlighted(pieces: tuple[Piece, ...], expected: str) -> None:
    assert highlighted(pieces) == expected


def test_rescored_and_skipped(tmp_path: Path) -> None:
    session = start(tmp_path)
    live = session.submit_answer("It goes downhill.", mode="typed").score.coverage
    session.advance()
    session.skip()
    snapshot = rescored(session.snapshot())
    page = _page(render_html(build_report(snapshot)))
    body = page.body_text
    now = score_answer(DESCENT, RETRANSCRIBED).coverage
    assert now != live
    assert f"coverage {now:.0%} now, {live:.0%} when answered" in body
    assert "Live transcript:" in body and "It goes downhill." in body
    assert "Skipped." in body
    headers = [data for data in page.text if data in ("Best coverage", "When answered")]
    assert headers == ["Best coverage", "When answered"]
    assert snapshot.finished and "Not finished." not in body


def test_an_unfinished_session_is_marked(tmp_path: Path) -> None:
    session = start(tmp_path)
    session.submit_answer("It goes downhill.", mode="typed")
    body = _page(render_html(build_report(session.snapshot()))).body_text
    assert "Not finished. This session was not finished" in body
    assert "Not reached." in body
