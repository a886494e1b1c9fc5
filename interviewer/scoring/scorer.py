"""Scoring an answer: concept coverage, misconception penalty and delivery, in one Score."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interviewer.models import Concept, ConceptMatch, Question, Score
from interviewer.scoring.compiled import compile_concept, compile_question
from interviewer.scoring.coverage import concept_match, match_concepts, weighted_share
from interviewer.scoring.delivery import measure_delivery
from interviewer.scoring.misconceptions import find_misconceptions, penalty_for
from interviewer.scoring.phrases import Doc

if TYPE_CHECKING:
    from speech.types import Transcript


def score_answer(
    question: Question,
    text: str,
    *,
    transcript: Transcript | None = None,
    duration_s: float | None = None,
) -> Score:
    """Score `text` as an answer to `question`.

    Coverage is the weighted share of concepts mentioned (core 2 points, supporting 1; a
    concept mentioned in one place only earns `NAMED_ONCE_SHARE` of its points) less a
    penalty per misconception, kept within [0, 1]; a concept the answer states a
    misconception about does not count as mentioned. Span offsets index into `text` exactly
    as given. `transcript` supplies timing (pauses, time to first word, and the duration
    unless `duration_s` is given). The same input always gives the same Score.
    """
    compiled = compile_question(question)
    doc = Doc(text, compiled.reach, compiled.known, compiled.index)
    hits = find_misconceptions(compiled, doc)
    # A concept the answer gets wrong is not covered, as in `match_concept` below.
    refuted = {hit.concept for hit in hits}
    matched, missed = match_concepts(compiled, doc, [hit.span for hit in hits], refuted)
    raw = weighted_share(matched, compiled.total_weight)
    penalty = min(raw, penalty_for(hits))
    return Score(
        question_id=question.id,
        coverage=min(1.0, max(0.0, round(raw - penalty, 4))),
        matched=matched,
        missed=missed,
        misconceptions=hits,
        delivery=measure_delivery(
            text, transcript=transcript, duration_s=duration_s, filler_spans=doc.fillers
        ),
        text=text,
        penalty=round(penalty, 4),
    )


def match_concept(concept: Concept, text: str) -> ConceptMatch | None:
    """Where `text` mentions `concept` (for a follow-up answer about that one concept).

    None when it is not mentioned, or when the text states one of the concept's
    misconceptions: a mention that gets the idea wrong does not cover it.
    """
    compiled = compile_concept(concept)
    doc = Doc(text, compiled.reach, compiled.known)
    match = concept_match(compiled, doc)
    if match is None or find_misconceptions(compiled, doc):
        return None
    return match
