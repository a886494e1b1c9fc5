"""The Markdown report: every attempt with highlights and feedback, then the summary."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from interviewer.reports.build import build_report
from interviewer.reports.markdown import escape, highlighted, render_markdown
from interviewer.reports.model import Piece
from interviewer.reports.write import ReportError, export_markdown
from interviewer.scoring import score_answer
from interviewer.scoring.coverage import NAMED_ONCE_HINT
from interviewer.session.flow import InterviewSession
from interviewer.session.storage import SessionStore
from tests.reports.sessions import (
    DESCENT,
    KMEANS,
    RESCORED_AT,
    RETRANSCRIBED,
    SCRIPT,
    SORRY,
    hostile,
    played,
    rescored,
    start,
)


@pytest.fixture
def session(tmp_path: Path) -> InterviewSession:
    return played(tmp_path / "sessions")


def _markdown(session: InterviewSession) -> str:
    return render_markdown(build_report(session.snapshot()))


def test_report_content(session: InterviewSession) -> None:
    text = _markdown(session)
    first, second = text.split(f"## 2. {KMEANS.text}")
    second, summary = second.split("## Summary")
    assert "- Status: finished" in text and "Not finished" not in text
    assert "Highlights: **covered concept**, ~~misconception~~." in text
    # Question 1: both attempts, each with highlights, feedback and delivery.
    assert f"## 1. {DESCENT.text}" in first
    # The penalty takes off all WEAK earned: "downhill", a core concept named once (0.9 * 2 / 5).
    assert "### Attempt 1 of 2 — typed\n\n**Coverage: 0%** (misconceptions took off 36%)" in first
    assert "> It ~~maximises the loss~~, um, going **downhill**." in first
    assert 'Misconceptions:\n- maximises the loss ("maximises the loss")' in first
    # BEST covers every concept but names each once: 90%.
    assert "### Attempt 2 of 2 (best) — voice\n\n**Coverage: 90%**" in first
    assert "> Um, it **minimises the loss** by going **downhill** with a **step size**." in first
    assert '- Minimises the loss ("minimises the loss") — mentioned once' in first
    assert f"\n\n{escape(NAMED_ONCE_HINT)}\n\n" in first
    assert "Delivery: 12 words, 6 s, 120 words/min, 1 filler" in first
    assert f"**Sample answer**\n\n> {DESCENT.sample_answer}" in first
    # Question 2: a missed concept with its sample sentence, and the follow-up.
    assert "Missed:\n- Nearest centroid — Each point joins its nearest centroid" in second
    assert "### Follow-up about Nearest centroid: still missed" in second
    assert f"> {SORRY}" in second
    # The summary.
    assert "| # | Question | Best coverage | Attempts |\n|---|---|---|---|" in summary
    # CLUSTERS names one of two core concepts, once: 45%; overall (90% + 45%) / 2.
    assert "| 1 | beginner-05: What is gradient descent? | 90% | 2 |" in summary
    assert "| 2 | intermediate-07: Explain k-means clustering. | 45% | 1 |" in summary
    assert "Overall coverage: **68%**" in summary
    assert "Missed most often: Nearest centroid (2×)" in summary
    assert "Delivery: 1 spoken answer, 120 words/min on average" in summary
    assert f"Saved in {escape(str(session.folder))}" in summary


def test_a_rescored_attempt_shows_both_coverages(session: InterviewSession) -> None:
    text = render_markdown(build_report(rescored(session.snapshot())))
    now = score_answer(DESCENT, RETRANSCRIBED).coverage
    assert 0 < now < 1
    assert (
        f"*Re-scored on {RESCORED_AT}: coverage {now:.0%} now, 0% when answered; re-transcribed"
        " (the live transcript is shown below)*"
    ) in text
    assert "> It **minimises the loss**, um, going **downhill**." in text
    assert "Live transcript:\n\n> It ~~maximises the loss~~, um, going **downhill**." in text
    # The summary gains a column with the best coverage as given live.
    header = "| # | Question | Best coverage | When answered | Attempts |\n|---|---|---|---|---|"
    assert header in text
    assert "| 1 | beginner-05: What is gradient descent? | 90% | 90% | 2 |" in text


def test_unreached_skipped_and_unfinished(tmp_path: Path) -> None:
    skipping = start(tmp_path)
    skipping.skip()
    text = render_markdown(build_report(skipping.snapshot()))
    assert "*Skipped.*" in text and "*Not reached.*" in text
    assert "- Questions: 2 (0 answered, 1 skipped, 1 not reached)" in text
    assert "| 1 | beginner-05: What is gradient descent? | skipped | 0 |" in text
    assert "| 2 | intermediate-07: Explain k-means clustering. | not reached | 0 |" in text
    assert "- Status: not finished" in text and "> **Not finished.**" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words, 50% & more.", "plain words, 50% & more."),
        ("a *b* _c_ `d`", r"a \*b\* \_c\_ \`d\`"),
        ("# heading | cell [link](x) ~~s~~", r"\# heading \| cell \[link\](x) \~\~s\~\~"),
        (SCRIPT, r"\<script\>alert(1)\</script\>"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        # Whitespace stays outside the markers, or the emphasis would not render.
        ((Piece("a ", frozenset(), ()), Piece(" b c ", frozenset({"concept"}), ("C",))),
         "a  **b c** "),
        ((Piece("x*y", frozenset({"misconception"}), ("M",)),), r"~~x\*y~~"),
        ((Piece("both", frozenset({"concept", "misconception"}), ("C", "M")),),
         "**~~both~~**"),
        # Each line of a highlight is wrapped on its own; blank lines are left alone.
        ((Piece("one\n\ntwo", frozenset({"concept"}), ("C",)),), "**one**\n\n**two**"),
    ],
)
def test_highlighted(pieces: tuple[Piece, ...], expected: str) -> None:
    assert highlighted(pieces) == expected


def test_user_text_cannot_make_markup(tmp_path: Path) -> None:
    text = render_markdown(build_report(hostile(tmp_path)))
    assert "<" not in text.replace(r"\<", "")
    assert r"## 1. What is \<script\>alert(1)\</script\> & \<b\>gradient\</b\>?" in text
    assert r"# Interview session \"\>\<script\>alert(2)\</script\>" not in text  # quote kept
    assert r'# Interview session "\>\<script\>alert(2)\</script\>' in text


def test_export_from_a_session_or_a_saved_folder_is_the_same(
    session: InterviewSession, tmp_path: Path
) -> None:
    from_session = export_markdown(session, tmp_path / "a.md")
    loaded = SessionStore(session.folder.parent).load(session.folder)
    from_disk = export_markdown(loaded, tmp_path / "b.md")
    assert from_session.read_text(encoding="utf-8") == from_disk.read_text(encoding="utf-8")
    assert stat.S_IMODE(from_disk.stat().st_mode) == 0o600


def test_the_app_export_replaces_its_own_report(session: InterviewSession) -> None:
    path = session.folder / "report.md"
    path.write_text("old", encoding="utf-8")
    assert export_markdown(session, path) == path
    assert path.read_text(encoding="utf-8").startswith("# Interview session")


def test_export_to_a_folder_is_an_error(session: InterviewSession, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="is a folder"):
        export_markdown(session, tmp_path)
