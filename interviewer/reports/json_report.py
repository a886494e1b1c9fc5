"""The report as JSON, following docs/report-schema.json (described in docs/report-json.md).

FORMAT_VERSION changes whenever a field is added, removed or changes meaning, so a reader
can refuse a report it does not understand instead of misreading it.
"""

from __future__ import annotations

import json
from typing import Any

from interviewer import __version__
from interviewer.models import Delivery
from interviewer.reports.model import AttemptReport, Located, QuestionReport, Report, ScoredText

FORMAT_VERSION = 2


def render_json(report: Report) -> str:
    """The whole report as indented JSON text."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    return {
        "format_version": FORMAT_VERSION,
        "generator": f"interviewer {__version__}",
        "session": {
            "id": report.session_id,
            "folder": str(report.folder),
            "started_at": report.created_at,
            "updated_at": report.updated_at,
            "finished": report.finished,
            "speech_model": report.model,
            "app_version": report.app_version,
            "schema_version": report.schema_version,
            "unscored_audio": list(report.unreferenced_audio),
        },
        "questions": [_question(q) for q in report.questions],
        "summary": _summary(report),
    }


def _question(question: QuestionReport) -> dict[str, Any]:
    return {
        "number": question.number,
        "id": question.id,
        "level": question.level,
        "text": question.text,
        "sample_answer": question.sample_answer,
        "status": question.status,
        "best_coverage": question.best_coverage,
        "live_best_coverage": question.live_best_coverage,
        "answers": [_attempt(a) for a in question.answers],
        "follow_ups": [_attempt(a) for a in question.follow_ups],
    }


def _attempt(attempt: AttemptReport) -> dict[str, Any]:
    return {
        "number": attempt.number,
        "kind": attempt.kind,
        "follow_up_concept": attempt.follow_up_concept,
        "mode": attempt.mode,
        "started_at": attempt.started_at,
        "duration_s": attempt.duration_s,
        "audio_file": attempt.audio_file,
        "warning": attempt.warning,
        "best": attempt.best,
        "feedback": _scored(attempt.current),
        "rescored_at": attempt.rescored_at,
        "original": None if attempt.original is None else {
            "speech_model": attempt.original_model,
            "feedback": _scored(attempt.original),
        },
    }


def _scored(scored: ScoredText) -> dict[str, Any]:
    return {
        "text": scored.text,
        "coverage": scored.coverage,
        "penalty": scored.penalty,
        "covered": [
            {"label": c.label, "weight": c.weight, "alias": c.alias,
             "similarity": c.similarity, "named_once": c.named_once, "span": _span(c.where)}
            for c in scored.covered
        ],
        "missed": [
            {"label": m.label, "weight": m.weight, "sample_sentence": m.sample_sentence}
            for m in scored.missed
        ],
        "misconceptions": [
            {"concept": m.concept, "label": m.label, "span": _span(m.where)}
            for m in scored.misconceptions
        ],
        "delivery": _delivery(scored.delivery, scored.fillers),
    }


def _span(where: Located) -> dict[str, Any]:
    return {"start": where.start, "end": where.end, "text": where.quote}


def _delivery(delivery: Delivery, fillers: tuple[Located, ...]) -> dict[str, Any]:
    return {
        "word_count": delivery.word_count,
        "duration_s": delivery.duration_s,
        "words_per_minute": delivery.words_per_minute,
        "filler_count": delivery.filler_count,
        "fillers_per_100_words": delivery.filler_rate,
        "fillers_per_minute": delivery.fillers_per_minute,
        "fillers": [_span(where) for where in fillers],
        "longest_pause_s": delivery.longest_pause_s,
        "time_to_first_word_s": delivery.time_to_first_word_s,
    }


def _summary(report: Report) -> dict[str, Any]:
    summary = report.summary
    d = summary.delivery
    return {
        "overall_coverage": summary.overall_coverage,
        "answered": report.count("answered"),
        "skipped": report.count("skipped"),
        "not_reached": report.count("not_reached"),
        "most_missed": [{"label": label, "times": n} for label, n in summary.most_missed],
        "delivery": {
            "spoken_answers": d.answers,
            "words_per_minute": d.words_per_minute,
            "fillers_per_minute": d.fillers_per_minute,
            "longest_pause_s": d.longest_pause_s,
            "total_speaking_s": d.total_speaking_s,
        },
    }
