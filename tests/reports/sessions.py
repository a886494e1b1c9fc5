"""Sessions for report tests, played through the real session flow and scorer.

`played` is a typical session (a retry, a misconception, a follow-up); `rescored` turns
its first attempt into a re-scored, re-transcribed one; `hostile` puts markup and quotes
in every piece of user text a report shows.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from interviewer.models import Bank, Concept, Level, Misconception, Question, Weight
from interviewer.scoring import score_answer
from interviewer.session.flow import InterviewSession
from interviewer.session.records import SavedSession
from interviewer.session.storage import SessionStore
from interviewer.settings import Settings
from speech.fakes import timed_transcript
from tests.session.factories import scoring_bank

BANK = scoring_bank()
DESCENT, KMEANS = BANK.questions
WEAK = "It maximises the loss, um, going downhill."
BEST = "Um, it minimises the loss by going downhill with a step size."
CLUSTERS = "It groups points into k clusters."
SORRY = "No idea, sorry."
RETRANSCRIBED = "It minimises the loss, um, going downhill."
RESCORED_AT = "2026-02-01T09:00:00+00:00"
SCRIPT = "<script>alert(1)</script>"
HOSTILE_ID = '"><script>alert(2)</script>'


def start(root: Path, bank: Bank = BANK, model: str = "base.en") -> InterviewSession:
    """A new session over every question of `bank`, saved under `root`."""
    return InterviewSession.start(
        bank, Settings(), list(bank.questions), model_name=model, store=SessionStore(root)
    )


def played(root: Path) -> InterviewSession:
    """Question 1: a weak typed answer (a misconception), then a spoken one that covers
    every concept, each named once (so 90%, not 100%). Question 2: one of its two concepts,
    named once (45%), and a follow-up that still misses. Finished."""
    session = start(root)
    session.submit_answer(WEAK, mode="typed")
    best = session.submit_answer(
        BEST, mode="voice", transcript=timed_transcript(BEST, 6.0), duration_s=6.0
    )
    # Each of BEST's three concepts is named once: 0.9 of every point.
    assert best.score.coverage == pytest.approx(0.9)
    session.advance()
    attempt = session.submit_answer(CLUSTERS, mode="typed")
    follow_up = session.follow_up_for(attempt)
    assert follow_up is not None
    session.submit_follow_up(follow_up, SORRY, mode="typed")
    session.finish()
    return session


def rescored(saved: SavedSession) -> SavedSession:
    """`saved` with its first attempt re-transcribed as RETRANSCRIBED and scored again."""
    first, *rest = saved.attempts
    changed = replace(
        first,
        text=RETRANSCRIBED,
        score=score_answer(saved.question(first.question_id), RETRANSCRIBED),
        original=first.as_given,
        rescored_at=RESCORED_AT,
    )
    return replace(saved, attempts=(changed, *rest))


def hostile_bank() -> Bank:
    """One question whose text, sample answer, concept and misconception labels are markup."""
    return Bank(questions=(Question(
        id="beginner-09",
        level=Level.BEGINNER,
        number=9,
        text=f"What is {SCRIPT} & <b>gradient</b>?",
        sample_answer="It follows the gradient </blockquote><i>downhill</i>.",
        concepts=(
            Concept(f'{SCRIPT} "concept"', Weight.CORE, ("gradient",)),
            # The misconception sits on the other concept: one the answer gets wrong is not
            # covered, and the covered concept's label must reach the highlights' titles.
            Concept(
                "</li><b>centroid</b> & 'x'", Weight.CORE, ("centroid",),
                (Misconception("<img src=x onerror=alert(3)>", ("maximises the loss",)),),
            ),
        ),
    ),))


def hostile(root: Path) -> SavedSession:
    """A session where the id, model, question, labels, transcripts and warning are markup."""
    session = start(root, hostile_bank(), model=f"<b>{SCRIPT}</b>")
    text = f"It follows the gradient and maximises the loss {SCRIPT} & more"
    attempt = session.submit_answer(text, mode="typed")
    follow_up = session.follow_up_for(attempt)
    assert follow_up is not None
    session.submit_follow_up(follow_up, f"</textarea>{SCRIPT}", mode="typed")
    saved = session.snapshot()
    first, second = saved.attempts
    return replace(
        saved,
        id=HOSTILE_ID,
        attempts=(replace(first, warning=f"<u>{SCRIPT}</u>"), second),
    )
