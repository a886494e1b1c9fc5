"""The report as one self-contained HTML file: inline CSS, no scripts, no external links.

Every piece of user text (transcripts, questions, labels, ids, paths, times) goes through
`esc` (html.escape, quotes included) before it is placed in the page; nothing else in the
page comes from the session. Covered concepts are <mark class="concept">, misconceptions
<mark class="misconception">, each titled with what was found there.
"""

from __future__ import annotations

from html import escape as _escape

from interviewer.reports.html_style import CSS
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


def esc(value: object) -> str:
    """Any value as text safe inside HTML elements and quoted attributes."""
    return _escape(str(value), quote=True)


def render_html(report: Report) -> str:
    """The whole report as an HTML document."""
    title = f"Interview session {report.session_id}"
    body = [f"<h1>{esc(title)}</h1>", *_header(report)]
    for question in report.questions:
        body += _question(question)
    body += _summary(report)
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        *body,
        "</main>",
        "</body>",
        "</html>",
        "",
    ])


def _header(report: Report) -> list[str]:
    status = "finished" if report.finished else "not finished"
    counts = (f"{len(report.questions)} questions: {report.count('answered')} answered, "
              f"{report.count('skipped')} skipped, {report.count('not_reached')} not reached")
    lines = [
        f'<p class="meta">Started {esc(report.created_at)} · speech model {esc(report.model)}'
        f" · {status}</p>",
        f'<p class="meta">{esc(counts)}</p>',
    ]
    if not report.finished:
        lines.append(f'<p class="banner"><strong>Not finished.</strong> {esc(UNFINISHED)}</p>')
    if report.unreferenced_audio:
        names = ", ".join(report.unreferenced_audio)
        lines.append(f'<p class="note">Audio of an answer that was never scored: {esc(names)}</p>')
    lines.append('<p class="legend meta">Highlights: <mark class="concept">covered concept</mark>'
                 ' <mark class="misconception">misconception</mark></p>')
    return lines


def _question(question: QuestionReport) -> list[str]:
    lines = [
        f'<section class="question" id="q{question.number}">',
        f"<h2>{question.number}. {esc(question.text)}</h2>",
        f'<p class="qmeta">{esc(question.id)} · {esc(question.level)} · best coverage: '
        f"{_figure(question)}</p>",
    ]
    if question.status != "answered":
        word = "Skipped." if question.status == "skipped" else "Not reached."
        lines.append(f'<p class="status">{word}</p>')
    for index, answer in enumerate(question.answers, start=1):
        lines += _attempt(answer, attempt_title(answer, len(question.answers), index))
    for follow_up in question.follow_ups:
        lines += _attempt(follow_up, f"{attempt_title(follow_up, 1, 1)}: "
                                     f"{follow_up_verdict(follow_up)}")
    lines += [
        "<h3>Sample answer</h3>",
        f'<blockquote class="sample">{esc(question.sample_answer.strip())}</blockquote>',
        "</section>",
    ]
    return lines


def _attempt(attempt: AttemptReport, title: str) -> list[str]:
    current = attempt.current
    penalty = (f" (misconceptions took off {percent(current.penalty)})"
               if current.penalty else "")
    lines = [
        f'<div class="attempt" id="attempt-{attempt.number}">',
        f"<h3>{esc(title)}</h3>",
        f'<p>Coverage: {_coverage(current.coverage)}{penalty}</p>',
    ]
    rescored = rescored_line(attempt)
    if rescored:
        lines.append(f'<p class="rescored">{esc(rescored)}</p>')
    lines.append(_quote(current.pieces))
    if attempt.original is not None and attempt.original.text != current.text:
        lines += ['<p class="note">Live transcript:</p>', _quote(attempt.original.pieces)]
    if attempt.warning:
        lines.append(f'<p class="note">Note: {esc(attempt.warning)}</p>')
    lines += _findings(current)
    lines += ["</div>"]
    return lines


def _findings(scored: ScoredText) -> list[str]:
    rows: list[tuple[str, list[str]]] = []
    if scored.covered:
        covered = [
            f'{esc(c.label)} <span class="quote">“{esc(c.where.quote)}”</span>'
            + (f' <span class="note">{esc(NAMED_ONCE_MARK)}</span>' if c.named_once else "")
            for c in scored.covered
        ]
        if any(c.named_once for c in scored.covered):
            covered.append(f'<span class="note">{esc(NAMED_ONCE_HINT)}</span>')
        rows.append(("Covered", covered))
    if scored.missed:
        rows.append(("Missed", [
            esc(m.label) + (f' <span class="quote">— {esc(m.sample_sentence)}</span>'
                            if m.sample_sentence else "")
            for m in scored.missed
        ]))
    if scored.misconceptions:
        rows.append(("Misconceptions", [
            f'{esc(m.label)} <span class="quote">“{esc(m.where.quote)}”</span>'
            for m in scored.misconceptions
        ]))
    rows.append(("Delivery", [esc(delivery_line(scored.delivery))]))
    lines = ['<dl class="findings">']
    for name, items in rows:
        listed = "".join(f"<li>{item}</li>" for item in items)
        lines.append(f"<dt>{name}</dt><dd><ul>{listed}</ul></dd>")
    lines.append("</dl>")
    return lines


def highlighted(pieces: tuple[Piece, ...]) -> str:
    """The pieces as escaped HTML, highlights in <mark> elements titled with their labels."""
    out = []
    for piece in pieces:
        text = esc(piece.text)
        if piece.kinds:
            classes = " ".join(sorted(piece.kinds))
            text = f'<mark class="{classes}" title="{esc("; ".join(piece.labels))}">{text}</mark>'
        out.append(text)
    return "".join(out)


def _quote(pieces: tuple[Piece, ...]) -> str:
    if not "".join(p.text for p in pieces).strip():
        return '<blockquote><span class="empty">(nothing said)</span></blockquote>'
    return f"<blockquote>{highlighted(_trimmed(pieces))}</blockquote>"


def _trimmed(pieces: tuple[Piece, ...]) -> tuple[Piece, ...]:
    # The quote keeps line breaks (pre-wrap), so outer blank lines would show as space.
    if not pieces:
        return pieces
    first, last = pieces[0], pieces[-1]
    items = list(pieces)
    items[0] = Piece(first.text.lstrip(), first.kinds, first.labels)
    items[-1] = Piece(items[-1].text.rstrip(), last.kinds, last.labels)
    return tuple(items)


def _coverage(value: float | None) -> str:
    if value is None:
        return "–"
    grade = "good" if value >= 0.7 else "fair" if value >= 0.4 else "poor"
    return f'<span class="coverage {grade}">{percent(value)}</span>'


def _figure(question: QuestionReport) -> str:
    if question.status == "answered":
        return _coverage(question.best_coverage)
    return f'<span class="status">{esc(question_figure(question))}</span>'


def _summary(report: Report) -> list[str]:
    summary = report.summary
    # Re-scored sessions show the coverage given live beside the current one.
    live = report.rescored
    lines = [
        '<section class="summary" id="summary">',
        "<h2>Summary</h2>",
        "<table>",
        "<thead><tr><th>#</th><th>Question</th><th>Best coverage</th>"
        + ("<th>When answered</th>" if live else "") + "<th>Attempts</th></tr></thead>",
        "<tbody>",
    ]
    for q in report.questions:
        then = f'<td class="status">{esc(live_figure(q))}</td>' if live else ""
        lines.append(
            f'<tr><td class="num">{q.number}</td><td><a href="#q{q.number}">{esc(q.text)}</a>'
            f' <span class="quote">{esc(q.id)}</span></td><td>{_figure(q)}</td>{then}'
            f'<td class="num">{len(q.answers)}</td></tr>'
        )
    lines += ["</tbody>", "</table>",
              f"<p>Overall coverage: {_coverage(summary.overall_coverage)}</p>"]
    missed = most_missed_line(summary)
    if missed:
        lines.append(f"<p>Missed most often: {esc(missed)}</p>")
    lines.append(f"<p>Delivery: {esc(delivery_overview_line(summary))}</p>")
    lines.append(f'<p class="note">Saved in <code>{esc(summary.folder)}</code></p>')
    lines.append("</section>")
    return lines
