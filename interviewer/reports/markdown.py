"""The report as Markdown: readable as plain text, and rendered as HTML by most viewers.

Every piece of user text (transcripts, questions, labels, ids, paths) is escaped so it
reads literally: a transcript cannot open a heading, a table cell or an HTML tag.
Covered concepts are **bold**, misconceptions ~~struck through~~.
"""

from __future__ import annotations

import re

from interviewer.reports.model import AttemptReport, Piece, QuestionReport, Report, ScoredText
from interviewer.reports.wording import (
    UNFINISHED,
    attempt_title,
    delivery_line,
    delivery_overview_line,
    follow_up_verdict,
    live_figure,
    most_missed_line,
    percent,
    question_figure,
    rescored_line,
)
from interviewer.scoring.coverage import NAMED_ONCE_HINT, NAMED_ONCE_MARK

# Characters that start Markdown (or inline HTML) syntax anywhere in a line.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_MARKERS = {"concept": ("**", "**"), "misconception": ("~~", "~~")}


def escape(text: str) -> str:
    """`text` with Markdown's special characters backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def render_markdown(report: Report) -> str:
    """The whole report as Markdown text."""
    lines = [f"# Interview session {escape(report.session_id)}", "", *_header(report)]
    for question in report.questions:
        lines += _question(question)
    lines += _summary(report)
    return "\n".join(lines).rstrip() + "\n"


def _header(report: Report) -> list[str]:
    lines = [
        f"- Started: {escape(report.created_at)}",
        f"- Speech model: {escape(report.model)}",
        f"- Status: {'finished' if report.finished else 'not finished'}",
        f"- Questions: {len(report.questions)} ({report.count('answered')} answered, "
        f"{report.count('skipped')} skipped, {report.count('not_reached')} not reached)",
        "",
    ]
    if not report.finished:
        lines += [f"> **Not finished.** {UNFINISHED}", ""]
    if report.unreferenced_audio:
        names = ", ".join(escape(n) for n in report.unreferenced_audio)
        lines += [f"Audio of an answer that was never scored: {names}", ""]
    lines += ["Highlights: **covered concept**, ~~misconception~~.", ""]
    return lines


def _question(question: QuestionReport) -> list[str]:
    lines = [f"## {question.number}. {escape(question.text)}", ""]
    lines += [f"{escape(question.id)} · {escape(question.level)} · "
              f"best coverage: {question_figure(question)}", ""]
    if question.status == "skipped":
        lines += ["*Skipped.*", ""]
    elif question.status == "not_reached":
        lines += ["*Not reached.*", ""]
    for index, answer in enumerate(question.answers, start=1):
        lines += _attempt(answer, attempt_title(answer, len(question.answers), index))
    for follow_up in question.follow_ups:
        title = f"{attempt_title(follow_up, 1, 1)}: {follow_up_verdict(follow_up)}"
        lines += _attempt(follow_up, title)
    lines += ["**Sample answer**", "", *_quote(escape(question.sample_answer)), ""]
    return lines


def _attempt(attempt: AttemptReport, title: str) -> list[str]:
    current = attempt.current
    lines = [f"### {escape(title)}", "", f"**Coverage: {percent(current.coverage)}**"]
    if current.penalty:
        lines[-1] += f" (misconceptions took off {percent(current.penalty)})"
    lines.append("")
    rescored = rescored_line(attempt)
    if rescored:
        lines += [f"*{escape(rescored)}*", ""]
    lines += [*_quote(highlighted(current.pieces)), ""]
    if attempt.original is not None and attempt.original.text != current.text:
        lines += ["Live transcript:", "", *_quote(highlighted(attempt.original.pieces)), ""]
    if attempt.warning:
        lines += [f"> Note: {escape(attempt.warning)}", ""]
    lines += _findings(current)
    lines += ["Delivery: " + delivery_line(current.delivery), ""]
    return lines


def _findings(scored: ScoredText) -> list[str]:
    lines: list[str] = []
    if scored.covered:
        lines.append("Covered:")
        lines += [
            f"- {escape(c.label)} (\"{escape(c.where.quote)}\")"
            + (f" — {NAMED_ONCE_MARK}" if c.named_once else "")
            for c in scored.covered
        ]
        if any(c.named_once for c in scored.covered):
            lines.append(f"\n{escape(NAMED_ONCE_HINT)}")
        lines.append("")
    if scored.missed:
        lines.append("Missed:")
        for miss in scored.missed:
            why = f" — {escape(miss.sample_sentence)}" if miss.sample_sentence else ""
            lines.append(f"- {escape(miss.label)}{why}")
        lines.append("")
    if scored.misconceptions:
        lines.append("Misconceptions:")
        lines += [
            f"- {escape(m.label)} (\"{escape(m.where.quote)}\")" for m in scored.misconceptions
        ]
        lines.append("")
    return lines


def highlighted(pieces: tuple[Piece, ...]) -> str:
    """The pieces as escaped Markdown, highlights wrapped in their markers line by line."""
    out = []
    for piece in pieces:
        text = escape(piece.text)
        if piece.kinds:
            text = "\n".join(_wrap(line, piece) for line in text.split("\n"))
        out.append(text)
    return "".join(out)


def _wrap(line: str, piece: Piece) -> str:
    # Emphasis only works when the markers touch text, so whitespace stays outside them.
    core = line.strip()
    if not core:
        return line
    opening = "".join(_MARKERS[k][0] for k in sorted(piece.kinds))
    closing = "".join(_MARKERS[k][1] for k in sorted(piece.kinds, reverse=True))
    lead = line[: len(line) - len(line.lstrip())]
    trail = line[len(line.rstrip()):]
    return f"{lead}{opening}{core}{closing}{trail}"


def _summary(report: Report) -> list[str]:
    summary = report.summary
    # Re-scored sessions show the coverage given live beside the current one.
    live = report.rescored
    head = "| # | Question | Best coverage |" + (" When answered |" if live else "")
    lines = ["## Summary", "", f"{head} Attempts |", "|---" * (5 if live else 4) + "|"]
    for q in report.questions:
        then = f" {live_figure(q)} |" if live else ""
        lines.append(
            f"| {q.number} | {escape(q.id)}: {escape(q.text)} | {question_figure(q)} |{then}"
            f" {len(q.answers)} |"
        )
    lines += ["", f"Overall coverage: **{percent(summary.overall_coverage)}**", ""]
    missed = most_missed_line(summary)
    if missed:
        lines += [f"Missed most often: {escape(missed)}", ""]
    lines += [f"Delivery: {delivery_overview_line(summary)}", ""]
    lines += [f"Saved in {escape(str(summary.folder))}", ""]
    return lines


def _quote(text: str) -> list[str]:
    if not text.strip():
        return ["> *(nothing said)*"]
    return [f"> {line}" if line.strip() else ">" for line in text.strip().splitlines()]
