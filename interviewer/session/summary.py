"""The end-of-session summary, computed from a saved session (or a running one's snapshot).

Rules, chosen so a skip never flatters the figure:
- A question's best coverage is the best of its *answer* attempts. Follow-ups are scored
  for one concept only, so they do not change it.
- A question is skipped when it was skipped and has no answer attempt.
- Overall coverage is the mean best coverage over the questions the candidate reached:
  answered ones count their best coverage, skipped ones count 0. Questions never reached
  (the session was quit early) are left out. With nothing reached it is 0.0.
- "Missed most often" counts, per concept label, the attempts (answers and follow-ups)
  that missed it; ties are listed alphabetically.
- Delivery covers spoken attempts with speech only: typing speed is not speaking pace.
  Pace and fillers per minute are means over attempts that have them, the longest pause
  is the maximum, speaking time the sum of the durations.
"""

from __future__ import annotations

from collections import Counter
from statistics import fmean

from interviewer.session.records import (
    Attempt,
    DeliveryOverview,
    QuestionResult,
    SavedSession,
    SessionSummary,
)


def summarise(saved: SavedSession) -> SessionSummary:
    """The summary of `saved`, following the rules in this module's docstring."""
    results = question_results(saved)
    return SessionSummary(
        folder=saved.folder,
        per_question=results,
        overall_coverage=overall_coverage(results),
        most_missed=most_missed(saved.attempts),
        delivery=delivery_overview(saved.attempts),
    )


def question_results(saved: SavedSession) -> tuple[QuestionResult, ...]:
    """One result per question of the session, in the order asked."""
    results = []
    for question in saved.questions:
        answers = [a for a in saved.attempts_for(question.id) if a.kind == "answer"]
        best = max((a.score.coverage for a in answers), default=None)
        results.append(
            QuestionResult(
                question_id=question.id,
                question_text=question.text,
                best_coverage=best,
                attempts=len(answers),
                skipped=best is None and question.id in saved.skipped,
            )
        )
    return tuple(results)


def overall_coverage(results: tuple[QuestionResult, ...] | list[QuestionResult]) -> float:
    """Mean best coverage of reached questions, skipped ones counting 0."""
    reached = [
        0.0 if r.skipped else r.best_coverage
        for r in results
        if r.skipped or r.best_coverage is not None
    ]
    return fmean(reached) if reached else 0.0


def most_missed(attempts: tuple[Attempt, ...], limit: int = 5) -> tuple[tuple[str, int], ...]:
    """Concept labels missed in the most attempts, with counts; at most `limit` of them."""
    counts = Counter(miss.concept.label for a in attempts for miss in a.score.missed)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ranked[:limit])


def delivery_overview(attempts: tuple[Attempt, ...]) -> DeliveryOverview:
    """Pace, fillers, pauses and speaking time over the spoken attempts with speech."""
    spoken = [a for a in attempts if a.mode == "voice" and a.text.strip()]
    deliveries = [a.score.delivery for a in spoken]
    wpm = [d.words_per_minute for d in deliveries if d.words_per_minute is not None]
    fpm = [d.fillers_per_minute for d in deliveries if d.fillers_per_minute is not None]
    pauses = [d.longest_pause_s for d in deliveries if d.longest_pause_s is not None]
    durations = [
        a.duration_s if a.duration_s is not None else a.score.delivery.duration_s for a in spoken
    ]
    timed = [d for d in durations if d is not None]
    return DeliveryOverview(
        words_per_minute=fmean(wpm) if wpm else None,
        fillers_per_minute=fmean(fpm) if fpm else None,
        longest_pause_s=max(pauses) if pauses else None,
        total_speaking_s=sum(timed) if timed else None,
        answers=len(spoken),
    )
