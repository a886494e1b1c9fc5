"""A readable Markdown report of a session: every question's best answer, and the summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from interviewer.errors import SessionError
from interviewer.models import Delivery, Score
from interviewer.session.atomic import write_text_atomic
from interviewer.session.records import Attempt, SavedSession, SessionSummary
from interviewer.session.summary import summarise

if TYPE_CHECKING:
    from interviewer.session.flow import InterviewSession


def export_markdown(saved_or_session: SavedSession | InterviewSession, path: Path) -> Path:
    """Write the session's report to `path` (atomically, user-only) and return the path."""
    saved = (
        saved_or_session
        if isinstance(saved_or_session, SavedSession)
        else saved_or_session.snapshot()
    )
    path = Path(path).expanduser()
    if path.is_dir():
        raise SessionError(f"{path}: is a folder; give a file name such as report.md")
    try:
        write_text_atomic(path, render_markdown(saved))
    except OSError as exc:
        raise SessionError(f"{path}: cannot write the report ({exc.strerror})") from None
    return path


def render_markdown(saved: SavedSession) -> str:
    """The report as Markdown text."""
    summary = summarise(saved)
    lines = [
        f"# Interview session {saved.id}",
        "",
        f"- Started: {saved.created_at}",
        f"- Speech model: {saved.model}",
        f"- Status: {'finished' if saved.finished else 'not finished'}",
        "",
    ]
    for number, result in enumerate(summary.per_question, start=1):
        lines += [f"## {number}. {result.question_text}", ""]
        attempts = saved.attempts_for(result.question_id)
        answers = [a for a in attempts if a.kind == "answer"]
        if not answers:
            lines += ["*Skipped.*" if result.skipped else "*Not reached.*", ""]
            continue
        best = max(answers, key=lambda a: a.score.coverage)
        lines += _attempt_section(best, len(answers))
        for follow_up in (a for a in attempts if a.kind == "follow_up"):
            lines += _follow_up_section(follow_up)
    lines += _summary_section(summary)
    return "\n".join(lines).rstrip() + "\n"


def _attempt_section(best: Attempt, count: int) -> list[str]:
    score = best.score
    retries = f" (best of {count} attempts)" if count > 1 else ""
    lines = [
        f"**Coverage: {score.coverage:.0%}**{retries} — {best.mode} answer",
        "",
        *_quote(best.text),
        "",
    ]
    if best.warning:
        lines += [f"> Note: {best.warning}", ""]
    lines += _concepts(score)
    lines += ["Delivery: " + _delivery_line(score.delivery), ""]
    return lines


def _follow_up_section(attempt: Attempt) -> list[str]:
    verdict = "covered" if attempt.score.matched else "still missed"
    lines = [f"Follow-up about *{attempt.follow_up_concept}*: {verdict}", "", *_quote(attempt.text)]
    for hit in attempt.score.misconceptions:
        lines.append(f"- Misconception: {hit.misconception.label} (\"{hit.span.text}\")")
    return [*lines, ""]


def _concepts(score: Score) -> list[str]:
    lines = []
    if score.matched:
        lines.append("Covered:")
        lines += [f"- {m.concept.label} (\"{m.span.text}\")" for m in score.matched]
        lines.append("")
    if score.missed:
        lines.append("Missed:")
        for miss in score.missed:
            why = f" — {miss.sample_sentence}" if miss.sample_sentence else ""
            lines.append(f"- {miss.concept.label}{why}")
        lines.append("")
    if score.misconceptions:
        lines.append("Misconceptions:")
        lines += [
            f"- {hit.misconception.label} (\"{hit.span.text}\")" for hit in score.misconceptions
        ]
        lines.append("")
    return lines


def _delivery_line(delivery: Delivery) -> str:
    parts = [f"{delivery.word_count} words"]
    if delivery.duration_s is not None:
        parts.append(f"{delivery.duration_s:.0f} s")
    if delivery.words_per_minute is not None:
        parts.append(f"{delivery.words_per_minute:.0f} words/min")
    parts.append(f"{delivery.filler_count} fillers")
    if delivery.longest_pause_s is not None:
        parts.append(f"longest pause {delivery.longest_pause_s:.1f} s")
    return ", ".join(parts)


def _summary_section(summary: SessionSummary) -> list[str]:
    lines = ["## Summary", "", "| Question | Best coverage | Attempts |", "|---|---|---|"]
    for result in summary.per_question:
        if result.skipped:
            figure = "skipped"
        elif result.best_coverage is None:
            figure = "not reached"
        else:
            figure = f"{result.best_coverage:.0%}"
        lines.append(f"| {result.question_id} | {figure} | {result.attempts} |")
    lines += ["", f"Overall coverage: **{summary.overall_coverage:.0%}**", ""]
    if summary.most_missed:
        lines.append("Missed most often: " + ", ".join(
            f"{label} ({times}×)" for label, times in summary.most_missed
        ))
        lines.append("")
    delivery = "Delivery: " + delivery_overview_line(summary)
    lines += [delivery, "", f"Saved in `{summary.folder}`", ""]
    return lines


def delivery_overview_line(summary: SessionSummary) -> str:
    """The session's delivery overview in one line (shared by the report and the CLI)."""
    d = summary.delivery
    if d.answers == 0:
        return "no spoken answers"
    parts = [f"{d.answers} spoken answers"]
    if d.words_per_minute is not None:
        parts.append(f"{d.words_per_minute:.0f} words/min on average")
    if d.fillers_per_minute is not None:
        parts.append(f"{d.fillers_per_minute:.1f} fillers/min")
    if d.longest_pause_s is not None:
        parts.append(f"longest pause {d.longest_pause_s:.1f} s")
    if d.total_speaking_s is not None:
        parts.append(f"{d.total_speaking_s:.0f} s speaking in all")
    return ", ".join(parts)


def _quote(text: str) -> list[str]:
    if not text.strip():
        return ["> *(nothing said)*"]
    return [f"> {line}" if line else ">" for line in text.strip().splitlines()]
