"""The JSON report: valid against docs/report-schema.json, and its figures are the session's."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from interviewer.models import Span
from interviewer.reports.build import build_report
from interviewer.reports.json_report import FORMAT_VERSION, render_json
from interviewer.session.records import Attempt, SavedSession
from interviewer.session.summary import summarise
from tests.conftest import REPO
from tests.reports.sessions import RESCORED_AT, WEAK, hostile, played, rescored, start

SCHEMA = json.loads((REPO / "docs" / "report-schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _report(saved: SavedSession) -> dict[str, Any]:
    data = json.loads(render_json(build_report(saved)))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert errors == []
    return data


def _unfinished(root: Path) -> SavedSession:
    session = start(root)
    session.skip()
    return session.snapshot()


SESSIONS = {
    "played": lambda root: played(root).snapshot(),
    "rescored": lambda root: rescored(played(root).snapshot()),
    "skipped and unfinished": _unfinished,
    "nothing answered": lambda root: start(root).snapshot(),
    "hostile": hostile,
}


def test_the_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["format_version"]["const"] == FORMAT_VERSION


@pytest.mark.parametrize("name", SESSIONS)
def test_exports_follow_the_schema_and_the_session(name: str, tmp_path: Path) -> None:
    saved = SESSIONS[name](tmp_path)
    data = _report(saved)
    summary = summarise(saved)
    assert data["format_version"] == FORMAT_VERSION
    assert data["session"]["id"] == saved.id
    assert data["session"]["finished"] is saved.finished
    assert data["session"]["speech_model"] == saved.model
    assert data["summary"]["overall_coverage"] == summary.overall_coverage
    assert [(m["label"], m["times"]) for m in data["summary"]["most_missed"]] == list(
        summary.most_missed
    )
    assert data["summary"]["delivery"]["spoken_answers"] == summary.delivery.answers
    assert data["summary"]["delivery"]["words_per_minute"] == summary.delivery.words_per_minute
    assert [q["id"] for q in data["questions"]] == list(saved.question_ids)
    listed: dict[int, dict[str, Any]] = {}
    for question, result in zip(data["questions"], summary.per_question, strict=True):
        assert question["best_coverage"] == result.best_coverage
        live = [a.as_given.score.coverage for a in saved.attempts_for(question["id"])
                if a.kind == "answer"]
        assert question["live_best_coverage"] == max(live, default=None)
        assert len(question["answers"]) == result.attempts
        for attempt in question["answers"] + question["follow_ups"]:
            listed[attempt["number"]] = attempt
    # Every attempt appears once, with the session's own figures.
    assert sorted(listed) == list(range(1, len(saved.attempts) + 1))
    for number, attempt in enumerate(saved.attempts, start=1):
        _check_attempt(listed[number], attempt)


def _check_attempt(data: dict[str, Any], attempt: Attempt) -> None:
    feedback = data["feedback"]
    assert (data["kind"], data["mode"]) == (attempt.kind, attempt.mode)
    assert feedback["text"] == (attempt.score.text or attempt.text)
    assert feedback["coverage"] == attempt.score.coverage
    assert feedback["penalty"] == attempt.score.penalty
    assert [(c["label"], c["named_once"]) for c in feedback["covered"]] == [
        (m.concept.label, m.named_once) for m in attempt.score.matched
    ]
    assert [m["label"] for m in feedback["missed"]] == [
        m.concept.label for m in attempt.score.missed
    ]
    assert [m["label"] for m in feedback["misconceptions"]] == [
        h.misconception.label for h in attempt.score.misconceptions
    ]
    delivery = attempt.score.delivery
    assert feedback["delivery"]["word_count"] == delivery.word_count
    assert feedback["delivery"]["words_per_minute"] == delivery.words_per_minute
    assert feedback["delivery"]["filler_count"] == delivery.filler_count
    # Spans index the text exactly.
    spans = [found["span"] for found in feedback["covered"] + feedback["misconceptions"]]
    spans += feedback["delivery"]["fillers"]
    for span in spans:
        assert feedback["text"][span["start"]:span["end"]] == span["text"]
    assert (data["original"] is None) is (attempt.original is None)


def test_a_rescored_attempt_carries_the_live_feedback(tmp_path: Path) -> None:
    data = _report(rescored(played(tmp_path).snapshot()))
    first = data["questions"][0]["answers"][0]
    assert first["rescored_at"] == RESCORED_AT
    assert first["original"]["feedback"]["text"] == WEAK
    assert first["original"]["feedback"]["coverage"] == 0.0
    assert first["feedback"]["coverage"] > 0.0
    assert first["original"]["speech_model"] is None


def test_statuses(tmp_path: Path) -> None:
    data = _report(_unfinished(tmp_path))
    assert [q["status"] for q in data["questions"]] == ["skipped", "not_reached"]
    assert (data["summary"]["skipped"], data["summary"]["not_reached"]) == (1, 1)
    assert data["session"]["finished"] is False


def test_a_span_that_no_longer_fits_is_null(tmp_path: Path) -> None:
    saved = played(tmp_path).snapshot()
    first = saved.attempts[0]
    match = replace(first.score.matched[0], span=Span(0, 4, "not said"))
    broken = replace(first, score=replace(first.score, matched=(match,)))
    data = _report(replace(saved, attempts=(broken, *saved.attempts[1:])))
    span = data["questions"][0]["answers"][0]["feedback"]["covered"][0]["span"]
    assert span == {"start": None, "end": None, "text": "not said"}


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(extra=1),
        lambda d: d["summary"].pop("overall_coverage"),
        lambda d: d["questions"][0].update(status="done"),
        lambda d: d["questions"][0]["answers"][0]["feedback"].update(coverage=1.5),
        lambda d: d.update(format_version=FORMAT_VERSION + 1),
        lambda d: d["questions"][0]["answers"][0]["feedback"]["covered"][0].pop("named_once"),
    ],
)
def test_the_schema_catches_drift(change: Any, tmp_path: Path) -> None:
    data = _report(played(tmp_path).snapshot())
    change(data)
    assert not VALIDATOR.is_valid(data)
