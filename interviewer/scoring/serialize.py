"""Scores as JSON-ready dicts (session files, `score --json`, `score --batch`) and back."""

from __future__ import annotations

from typing import Any

from interviewer.errors import SessionError
from interviewer.models import (
    Concept,
    ConceptMatch,
    ConceptMiss,
    Delivery,
    MisconceptionHit,
    Question,
    Score,
    Span,
)


def span_to_dict(span: Span) -> dict[str, Any]:
    """{"start", "end", "text"}: character offsets into the answer text."""
    return {"start": span.start, "end": span.end, "text": span.text}


def delivery_to_dict(delivery: Delivery) -> dict[str, Any]:
    """Every delivery figure; time-based ones are null when there was no timing."""
    return {
        "word_count": delivery.word_count,
        "duration_s": delivery.duration_s,
        "words_per_minute": delivery.words_per_minute,
        "filler_count": delivery.filler_count,
        "filler_rate": delivery.filler_rate,
        "fillers_per_minute": delivery.fillers_per_minute,
        "fillers": [span_to_dict(s) for s in delivery.fillers],
        "longest_pause_s": delivery.longest_pause_s,
        "time_to_first_word_s": delivery.time_to_first_word_s,
    }


def score_to_dict(score: Score) -> dict[str, Any]:
    """The whole Score; concepts are named by label (their identity within a question)."""
    return {
        "question": score.question_id,
        "coverage": score.coverage,
        "penalty": score.penalty,
        "matched": [
            {
                "label": m.concept.label,
                "weight": m.concept.weight.value,
                "alias": m.alias,
                "similarity": m.similarity,
                "named_once": m.named_once,
                "span": span_to_dict(m.span),
            }
            for m in score.matched
        ],
        "missed": [
            {
                "label": m.concept.label,
                "weight": m.concept.weight.value,
                "sample_sentence": m.sample_sentence,
            }
            for m in score.missed
        ],
        "misconceptions": [
            {
                "concept": h.concept.label,
                "label": h.misconception.label,
                "span": span_to_dict(h.span),
            }
            for h in score.misconceptions
        ],
        "delivery": delivery_to_dict(score.delivery),
        "text": score.text,
    }


def summary_to_dict(score: Score) -> dict[str, Any]:
    """The short form of `score --batch`: labels only, no spans or delivery."""
    return {
        "question": score.question_id,
        "coverage": score.coverage,
        "matched": [m.concept.label for m in score.matched],
        "missed": [m.concept.label for m in score.missed],
        "misconceptions": [h.misconception.label for h in score.misconceptions],
        "penalty": score.penalty,
    }


def span_from_dict(data: dict[str, Any]) -> Span:
    """Inverse of span_to_dict."""
    return Span(int(data["start"]), int(data["end"]), str(data["text"]))


def delivery_from_dict(data: dict[str, Any]) -> Delivery:
    """Inverse of delivery_to_dict."""
    return Delivery(
        word_count=int(data["word_count"]),
        duration_s=data.get("duration_s"),
        words_per_minute=data.get("words_per_minute"),
        filler_count=int(data.get("filler_count", 0)),
        fillers_per_minute=data.get("fillers_per_minute"),
        filler_rate=float(data.get("filler_rate", 0.0)),
        fillers=tuple(span_from_dict(s) for s in data.get("fillers", [])),
        longest_pause_s=data.get("longest_pause_s"),
        time_to_first_word_s=data.get("time_to_first_word_s"),
    )


def score_from_dict(data: dict[str, Any], question: Question) -> Score:
    """Inverse of score_to_dict, resolving concept labels against `question`.

    Raises SessionError when the data is malformed or names a concept the question lacks
    (the bank changed since): re-score the saved text instead.
    """
    concepts = {c.label: c for c in question.concepts}

    def concept(label: str) -> Concept:
        if label not in concepts:
            raise SessionError(f"question {question.id} has no concept {label!r} any more")
        return concepts[label]

    try:
        return Score(
            question_id=str(data["question"]),
            coverage=float(data["coverage"]),
            matched=tuple(
                ConceptMatch(concept(m["label"]), span_from_dict(m["span"]), str(m["alias"]),
                             float(m["similarity"]), bool(m.get("named_once", False)))
                for m in data["matched"]
            ),
            missed=tuple(
                ConceptMiss(concept(m["label"]), str(m["sample_sentence"]))
                for m in data["missed"]
            ),
            misconceptions=tuple(_hit_from_dict(h, concept(h["concept"]))
                                 for h in data["misconceptions"]),
            delivery=delivery_from_dict(data["delivery"]),
            text=str(data.get("text", "")),
            penalty=float(data.get("penalty", 0.0)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise SessionError(f"saved score for {question.id} is malformed ({exc!r})") from None


def _hit_from_dict(data: dict[str, Any], concept: Concept) -> MisconceptionHit:
    for misconception in concept.misconceptions:
        if misconception.label == data["label"]:
            return MisconceptionHit(concept, misconception, span_from_dict(data["span"]))
    raise SessionError(f"concept {concept.label!r} has no misconception {data['label']!r} any more")
