"""Re-scoring a saved session's attempts with the current bank and scorer.

The saved text (and transcript timings, for spoken answers) are scored again exactly as
the live session would: answers against the whole question, follow-ups for their concept
only. Attempts whose question or follow-up concept the bank no longer has are left as
they were, with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from interviewer.errors import UnknownQuestion
from interviewer.models import Bank, Score
from interviewer.scoring import score_answer
from interviewer.session.followup import score_follow_up
from interviewer.session.records import Attempt, SavedSession


@dataclass(frozen=True)
class Rescored:
    """One attempt's old and new score; `new` is None (with `reason`) when it was kept."""

    position: int  # 1-based, in the session's order
    attempt: Attempt
    new: Score | None
    reason: str | None = None


def rescore_attempt(bank: Bank, attempt: Attempt) -> Score:
    """The attempt's score under `bank`; UnknownQuestion/KeyError when it cannot be scored."""
    question = bank.get(attempt.question_id)
    voice = attempt.mode == "voice"
    transcript = attempt.transcript if voice else None
    duration = attempt.duration_s if voice else None
    if attempt.kind == "follow_up":
        concept = next((c for c in question.concepts if c.label == attempt.follow_up_concept), None)
        if concept is None:
            raise KeyError(attempt.follow_up_concept)
        return score_follow_up(
            question, concept, attempt.text, transcript=transcript, duration_s=duration
        )
    return score_answer(question, attempt.text, transcript=transcript, duration_s=duration)


def rescore_session(bank: Bank, saved: SavedSession) -> list[Rescored]:
    """Every attempt of `saved` re-scored with `bank`, in order."""
    results = []
    for position, attempt in enumerate(saved.attempts, start=1):
        try:
            results.append(Rescored(position, attempt, rescore_attempt(bank, attempt)))
        except UnknownQuestion:
            reason = f"question {attempt.question_id} is not in this bank"
            results.append(Rescored(position, attempt, None, reason))
        except KeyError:
            reason = f"concept {attempt.follow_up_concept!r} is no longer in the bank"
            results.append(Rescored(position, attempt, None, reason))
    return results


def with_new_scores(saved: SavedSession, results: list[Rescored]) -> SavedSession:
    """`saved` with every re-scored attempt's score replaced (kept ones unchanged)."""
    new_scores = {r.position: r.new for r in results if r.new is not None}
    attempts = tuple(
        replace(a, score=new_scores.get(i, a.score)) for i, a in enumerate(saved.attempts, 1)
    )
    return replace(saved, attempts=attempts)
