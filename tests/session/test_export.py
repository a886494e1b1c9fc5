"""The Markdown report: per question the best attempt and its feedback, then the summary."""

from __future__ import annotations

import stat
from dataclasses import replace
from pathlib import Path

import pytest

from interviewer.errors import SessionError
from interviewer.scoring import score_answer
from interviewer.session.export import export_markdown, render_markdown
from interviewer.session.flow import InterviewSession
from interviewer.session.storage import SessionStore
from interviewer.settings import Settings
from speech.fakes import timed_transcript
from tests.session.factories import attempt as attempt_of
from tests.session.factories import saved, scoring_bank

BANK = scoring_bank()
DESCENT, KMEANS = BANK.questions
WEAK = "It maximises the loss, um, going downhill."
BEST = "Um, it minimises the loss by going downhill with a step size."


@pytest.fixture
def session(tmp_path: Path) -> InterviewSession:
    session = InterviewSession.start(
        BANK, Settings(), list(BANK.questions), model_name="base.en",
        store=SessionStore(tmp_path / "sessions"),
    )
    session.submit_answer(WEAK, mode="typed")
    transcript = timed_transcript(BEST, 6.0)
    best = session.submit_answer(BEST, mode="voice", transcript=transcript, duration_s=6.0)
    assert best.score.coverage == 1.0
    session.advance()
    attempt = session.submit_answer("It groups points into k clusters.", mode="typed")
    follow_up = session.follow_up_for(attempt)
    assert follow_up is not None
    session.submit_follow_up(follow_up, "No idea, sorry.", mode="typed")
    session.finish()
    return session


def test_report_content(session: InterviewSession) -> None:
    text = render_markdown(session.snapshot())
    first, second = text.split(f"## 2. {KMEANS.text}")
    summary = second.split("## Summary")[1]
    # Question 1: the best of two attempts, its transcript, feedback and delivery.
    assert f"## 1. {DESCENT.text}" in first
    assert "**Coverage: 100%** (best of 2 attempts) — voice answer" in first
    assert f"> {BEST}" in first and WEAK not in first
    assert '- Minimises the loss ("minimises the loss")' in first
    assert "Delivery: 12 words, 6 s, 120 words/min, 1 fillers" in first
    # Question 2: a missed concept with its sample sentence, and the follow-up.
    assert "Missed:\n- Nearest centroid — Each point joins its nearest centroid" in second
    assert "Follow-up about *Nearest centroid*: still missed" in second
    assert "> No idea, sorry." in second
    # The summary.
    assert "| beginner-05 | 100% | 2 |" in summary
    assert "| intermediate-07 | 50% | 1 |" in summary
    assert "Overall coverage: **75%**" in summary
    assert "Missed most often: Nearest centroid (2×)" in summary
    assert "1 spoken answers, 120 words/min on average" in summary
    assert f"Saved in `{session.folder}`" in summary


def test_misconceptions_are_listed() -> None:
    session = replace(saved((DESCENT.id,)), questions=(DESCENT,))
    attempt = replace(attempt_of(DESCENT.id, 0.0), text=WEAK, score=score_answer(DESCENT, WEAK))
    report = render_markdown(replace(session, attempts=(attempt,)))
    assert 'Misconceptions:\n- maximises the loss ("maximises the loss")' in report


def test_export_from_a_session_or_a_saved_folder_is_the_same(
    session: InterviewSession, tmp_path: Path
) -> None:
    from_session = export_markdown(session, tmp_path / "a.md")
    saved = SessionStore(session.folder.parent).load(session.id)
    from_disk = export_markdown(saved, tmp_path / "nested" / "b.md")
    assert from_session.read_text(encoding="utf-8") == from_disk.read_text(encoding="utf-8")
    assert stat.S_IMODE(from_disk.stat().st_mode) == 0o600


def test_unreached_and_skipped_questions(tmp_path: Path) -> None:
    session = InterviewSession.start(
        BANK, Settings(), list(BANK.questions), model_name="fake",
        store=SessionStore(tmp_path),
    )
    session.skip()
    assert "*Skipped.*" in render_markdown(session.snapshot())
    other = InterviewSession.start(
        BANK, Settings(), list(BANK.questions), model_name="fake", store=SessionStore(tmp_path)
    )
    text = render_markdown(other.snapshot())
    assert text.count("*Not reached.*") == 2 and "Status: not finished" in text


def test_export_to_a_folder_is_an_error(session: InterviewSession, tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="is a folder"):
        export_markdown(session, tmp_path)
