"""Figures and phrases every text report shares (Markdown, HTML, the CLI, the app).

Plain strings only; each renderer escapes them for its own format.
"""

from __future__ import annotations

from interviewer.models import Delivery
from interviewer.reports.model import AttemptReport, QuestionReport
from interviewer.session.records import SessionSummary

STATUS_WORDS = {"answered": "answered", "skipped": "skipped", "not_reached": "not reached"}


def percent(value: float | None) -> str:
    """A coverage as a whole percentage, or a dash when there is none."""
    return "–" if value is None else f"{value:.0%}"


def count(n: int, noun: str) -> str:
    """`n` and the noun, plural unless n is 1 ("1 filler", "3 fillers")."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def delivery_line(delivery: Delivery) -> str:
    """One answer's delivery in a line: words, time, pace, fillers, longest pause."""
    parts = [count(delivery.word_count, "word")]
    if delivery.duration_s is not None:
        parts.append(f"{delivery.duration_s:.0f} s")
    if delivery.words_per_minute is not None:
        parts.append(f"{delivery.words_per_minute:.0f} words/min")
    parts.append(count(delivery.filler_count, "filler"))
    if delivery.longest_pause_s is not None:
        parts.append(f"longest pause {delivery.longest_pause_s:.1f} s")
    return ", ".join(parts)


def delivery_overview_line(summary: SessionSummary) -> str:
    """The session's delivery overview in one line (shared by the reports and the CLI)."""
    d = summary.delivery
    if d.answers == 0:
        return "no spoken answers"
    parts = [count(d.answers, "spoken answer")]
    if d.words_per_minute is not None:
        parts.append(f"{d.words_per_minute:.0f} words/min on average")
    if d.fillers_per_minute is not None:
        parts.append(f"{d.fillers_per_minute:.1f} fillers/min")
    if d.longest_pause_s is not None:
        parts.append(f"longest pause {d.longest_pause_s:.1f} s")
    if d.total_speaking_s is not None:
        parts.append(f"{d.total_speaking_s:.0f} s speaking in all")
    return ", ".join(parts)


def attempt_title(attempt: AttemptReport, answers: int, index: int) -> str:
    """E.g. "Attempt 2 of 3 (best) — voice answer" or "Follow-up about Learning rate"."""
    if attempt.kind == "follow_up":
        return f"Follow-up about {attempt.follow_up_concept or 'a missed concept'}"
    head = f"Attempt {index} of {answers}" if answers > 1 else "Answer"
    best = " (best)" if attempt.best and answers > 1 else ""
    return f"{head}{best} — {attempt.mode}"


def follow_up_verdict(attempt: AttemptReport) -> str:
    """Whether a follow-up answer covered the concept it asked about."""
    return "covered" if attempt.current.covered else "still missed"


def rescored_line(attempt: AttemptReport) -> str | None:
    """What re-scoring changed, or None when the score is the one given live."""
    if attempt.original is None:
        return None
    when = f" on {attempt.rescored_at}" if attempt.rescored_at else ""
    now, then = percent(attempt.current.coverage), percent(attempt.original.coverage)
    line = f"Re-scored{when}: coverage {now} now, {then} when answered"
    if attempt.original.text != attempt.current.text:
        model = f" by {attempt.original_model}" if attempt.original_model else ""
        line += f"; re-transcribed (the live transcript{model} is shown below)"
    return line


def question_figure(question: QuestionReport) -> str:
    """The summary table's figure: best coverage, or why there is none."""
    if question.status != "answered":
        return STATUS_WORDS[question.status]
    return percent(question.best_coverage)


def live_figure(question: QuestionReport) -> str:
    """The summary's "when answered" figure: best coverage as scored live."""
    if question.status != "answered":
        return STATUS_WORDS[question.status]
    return percent(question.live_best_coverage)


def most_missed_line(summary: SessionSummary) -> str | None:
    """E.g. "Nearest centroid (2×), Learning rate (1×)", or None when nothing was missed."""
    if not summary.most_missed:
        return None
    return ", ".join(f"{label} ({times}×)" for label, times in summary.most_missed)


UNFINISHED = (
    "This session was not finished: the app stopped before the end (or it is still "
    "running), so the report shows what was saved until then."
)
