"""Transcripts, attempts and whole sessions to and from session.json's plain dicts.

Questions are stored whole (in the bank file's own layout, concepts included) and scores
resolve their concepts against those, so a session reads without the bank and survives
edits to it. Malformed input raises ValueError, KeyError, TypeError or a UserError;
storage turns them into one-line SessionErrors naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interviewer.bank.loader import parse_bank
from interviewer.bank.writer import question_to_dict
from interviewer.models import Question
from interviewer.scoring.serialize import score_from_dict, score_to_dict
from interviewer.session.records import (
    ANSWER_MODES,
    ATTEMPT_KINDS,
    SCHEMA_VERSION,
    Attempt,
    OriginalAnswer,
    SavedSession,
)
from speech.types import Segment, Transcript, Word


def transcript_to_dict(transcript: Transcript) -> dict[str, Any]:
    """A Transcript with every segment and word timing."""
    return {
        "text": transcript.text,
        "no_speech": transcript.no_speech,
        "model": transcript.model,
        "duration_s": transcript.duration_s,
        "segments": [
            {
                "text": s.text,
                "start": s.start,
                "end": s.end,
                "words": [
                    {"text": w.text, "start": w.start, "end": w.end, "probability": w.probability}
                    for w in s.words
                ],
            }
            for s in transcript.segments
        ],
    }


def transcript_from_dict(data: dict[str, Any]) -> Transcript:
    """The inverse of transcript_to_dict."""
    return Transcript(
        text=str(data["text"]),
        no_speech=bool(data["no_speech"]),
        model=str(data["model"]),
        duration_s=float(data["duration_s"]),
        segments=tuple(
            Segment(
                text=str(s["text"]),
                start=float(s["start"]),
                end=float(s["end"]),
                words=tuple(
                    Word(
                        text=str(w["text"]),
                        start=float(w["start"]),
                        end=float(w["end"]),
                        probability=None if w.get("probability") is None
                        else float(w["probability"]),
                    )
                    for w in s.get("words", [])
                ),
            )
            for s in data["segments"]
        ),
    )


def attempt_to_dict(attempt: Attempt) -> dict[str, Any]:
    """An attempt with its transcript, full score and (for convenience) its coverage."""
    return {
        "question_id": attempt.question_id,
        "kind": attempt.kind,
        "follow_up_concept": attempt.follow_up_concept,
        "mode": attempt.mode,
        "started_at": attempt.started_at,
        "duration_s": attempt.duration_s,
        "text": attempt.text,
        "coverage": attempt.score.coverage,
        "transcript": None if attempt.transcript is None
        else transcript_to_dict(attempt.transcript),
        "score": score_to_dict(attempt.score),
        "audio_file": attempt.audio_file,
        "warning": attempt.warning,
        "rescored_at": attempt.rescored_at,
        "original": None if attempt.original is None else _original_to_dict(attempt.original),
    }


def _original_to_dict(original: OriginalAnswer) -> dict[str, Any]:
    return {
        "text": original.text,
        "model": original.model,
        "coverage": original.score.coverage,
        "transcript": None if original.transcript is None
        else transcript_to_dict(original.transcript),
        "score": score_to_dict(original.score),
    }


def _original_from_dict(data: dict[str, Any], question: Question) -> OriginalAnswer:
    transcript = data.get("transcript")
    return OriginalAnswer(
        text=str(data["text"]),
        transcript=None if transcript is None else transcript_from_dict(transcript),
        score=score_from_dict(data["score"], question),
        model=_optional_str(data.get("model")),
    )


def attempt_from_dict(data: dict[str, Any], questions: dict[str, Question]) -> Attempt:
    """The inverse of attempt_to_dict, resolving the score's concepts against `questions`.

    ValueError for an unknown kind or mode, or a question the session does not hold.
    """
    question_id = str(data["question_id"])
    if question_id not in questions:
        raise ValueError(f"an attempt answers {question_id!r}, which the session does not hold")
    kind = data["kind"]
    mode = data["mode"]
    if kind not in ATTEMPT_KINDS:
        raise ValueError(f"unknown attempt kind {kind!r}")
    if mode not in ANSWER_MODES:
        raise ValueError(f"unknown answer mode {mode!r}")
    transcript = data.get("transcript")
    duration = data.get("duration_s")
    original = data.get("original")
    return Attempt(
        question_id=question_id,
        kind=kind,
        follow_up_concept=_optional_str(data.get("follow_up_concept")),
        mode=mode,
        text=str(data["text"]),
        transcript=None if transcript is None else transcript_from_dict(transcript),
        score=score_from_dict(data["score"], questions[question_id]),
        audio_file=_optional_str(data.get("audio_file")),
        started_at=str(data["started_at"]),
        duration_s=None if duration is None else float(duration),
        warning=_optional_str(data.get("warning")),
        original=None if original is None
        else _original_from_dict(original, questions[question_id]),
        rescored_at=_optional_str(data.get("rescored_at")),
    )


def session_to_dict(saved: SavedSession) -> dict[str, Any]:
    """The whole session.json document (`folder` and orphan audio are not stored)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "app_version": saved.app_version,
        "id": saved.id,
        "created_at": saved.created_at,
        "updated_at": saved.updated_at,
        "finished": saved.finished,
        "model": saved.model,
        "settings": dict(saved.settings),
        "questions": [question_to_dict(q) for q in saved.questions],
        "position": saved.position,
        "skipped": list(saved.skipped),
        "attempts": [attempt_to_dict(a) for a in saved.attempts],
    }


def session_from_dict(data: dict[str, Any], folder: Path) -> SavedSession:
    """The inverse of session_to_dict for a document of this schema version."""
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    questions = parse_bank({"questions": data["questions"]}, "questions").questions
    by_id = {q.id: q for q in questions}
    return SavedSession(
        id=str(data["id"]),
        folder=folder,
        schema_version=int(data["schema_version"]),
        app_version=str(data["app_version"]),
        created_at=str(data["created_at"]),
        updated_at=str(data.get("updated_at", data["created_at"])),
        settings=dict(data["settings"]),
        model=str(data["model"]),
        questions=questions,
        attempts=tuple(attempt_from_dict(a, by_id) for a in data["attempts"]),
        skipped=tuple(str(s) for s in data["skipped"]),
        position=int(data["position"]),
        finished=bool(data["finished"]),
    )


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)
