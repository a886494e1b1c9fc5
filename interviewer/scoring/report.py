"""A Score as a readable plain-text report (what `interviewer score` prints)."""

from __future__ import annotations

import textwrap

from interviewer.models import Delivery, Question, Score
from interviewer.scoring.coverage import NAMED_ONCE_HINT, NAMED_ONCE_MARK

_WIDTH = 88


def format_report(question: Question, score: Score) -> str:
    """Coverage, covered concepts with the words that matched, missed concepts with the
    sample-answer sentence that explains them, misconceptions and delivery."""
    total = len(score.matched) + len(score.missed)
    lines = [f"{question.id}: {question.text}", "", f"Coverage: {score.coverage:.0%}"]
    if score.penalty:
        lines[-1] += f" (-{score.penalty:.0%} for misconceptions)"
    lines += ["", f"Covered ({len(score.matched)}/{total}):"]
    lines += [
        f"  + {m.concept.label} [{m.concept.weight.value}]: \"{m.span.text}\""
        + (f" ({NAMED_ONCE_MARK})" if m.named_once else "")
        for m in score.matched
    ] or ["  (none)"]
    if any(m.named_once for m in score.matched):
        lines += textwrap.wrap(NAMED_ONCE_HINT, _WIDTH, initial_indent="    ",
                               subsequent_indent="    ")
    lines += ["", f"Missed ({len(score.missed)}/{total}):"]
    for miss in score.missed:
        lines.append(f"  - {miss.concept.label} [{miss.concept.weight.value}]")
        lines += textwrap.wrap(
            f"Sample answer: {miss.sample_sentence}",
            _WIDTH,
            initial_indent="      ",
            subsequent_indent="      ",
        )
    if not score.missed:
        lines.append("  (none)")
    if score.misconceptions:
        lines += ["", f"Misconceptions ({len(score.misconceptions)}):"]
        lines += [
            f"  ! {h.misconception.label} (about {h.concept.label}): \"{h.span.text}\""
            for h in score.misconceptions
        ]
    lines += ["", "Delivery:", *format_delivery(score.delivery)]
    return "\n".join(lines)


def format_delivery(delivery: Delivery) -> list[str]:
    """Delivery figures as indented lines; figures that need timing say so when absent."""
    length = f"{delivery.word_count} words"
    if delivery.duration_s is not None:
        length += f", {delivery.duration_s:.1f} s"
    pace = (
        f"{delivery.words_per_minute:.0f} words per minute"
        if delivery.words_per_minute is not None
        else "n/a (no timing)"
    )
    fillers = f"{delivery.filler_count} ({delivery.filler_rate:.1f} per 100 words"
    if delivery.fillers_per_minute is not None:
        fillers += f", {delivery.fillers_per_minute:.1f} per minute"
    fillers += ")"
    if delivery.fillers:
        fillers += ": " + ", ".join(sorted({f.text.lower() for f in delivery.fillers}))
    lines = [f"  Length: {length}", f"  Pace: {pace}", f"  Fillers: {fillers}"]
    if delivery.longest_pause_s is not None:
        lines.append(f"  Longest pause: {delivery.longest_pause_s:.1f} s")
    if delivery.time_to_first_word_s is not None:
        lines.append(f"  Time to first word: {delivery.time_to_first_word_s:.1f} s")
    return lines
