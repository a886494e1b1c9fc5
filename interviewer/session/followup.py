"""Follow-up questions about a missed core concept, and scoring their answers.

An interviewer who hears an answer skip something essential asks about it once. So:
one follow-up per answer attempt, about the first core concept the answer missed (the
bank lists concepts in the order a good answer builds them up), and none for an empty
answer (nothing was said, so the candidate should retry rather than be quizzed).
"""

from __future__ import annotations

import dataclasses
import zlib

from interviewer.models import Concept, ConceptMiss, Question, Score, Weight
from interviewer.scoring import match_concept, score_answer
from interviewer.session.records import Attempt, FollowUp

# Spoken wording; one is chosen per (question, concept) so repeats stay stable but varied.
# Bank labels are noun phrases ("Chain rule") or short statements ("ML learns from data"),
# so the label stands on its own after a colon, where either reads naturally.
_TEMPLATES = (
    "One thing you didn't mention: {label}. How does that fit in?",
    "Before we move on: {label}. Can you say more about that?",
    "You left out one point: {label}. Could you expand on it?",
    "Could you add something on this point: {label}?",
)
# Written shorthand in labels, as it should be read aloud.
_SPOKEN = (("…", ""), ("...", ""), (" = ", " means "), ("/", " or "), (": ", ", "))


def missed_core_concept(attempt: Attempt) -> Concept | None:
    """The first core concept `attempt` missed, or None (no core miss, or nothing said)."""
    if attempt.kind != "answer" or not attempt.text.strip():
        return None
    for miss in attempt.score.missed:
        if miss.concept.weight is Weight.CORE:
            return miss.concept
    return None


def follow_up_prompt(question_id: str, concept: Concept) -> str:
    """A short, natural spoken question about `concept`, built from its label."""
    key = f"{question_id}:{concept.label}".encode()
    template = _TEMPLATES[zlib.crc32(key) % len(_TEMPLATES)]
    return template.format(label=spoken_label(concept.label))


def spoken_label(label: str) -> str:
    """The label as it reads mid-sentence: shorthand spelled out, acronyms and names kept."""
    for written, spoken in _SPOKEN:
        label = label.replace(written, spoken)
    label = " ".join(label.split()).rstrip(" ,.")
    first = label.split(" ", 1)[0]
    # "ReLU", "AUC", "k-NN", "Adam": keep words that are not plain capitalised words.
    keep = len(first) > 1 and (first.isupper() or not first[1:].islower())
    return label if keep or not first[:1].isupper() else label[:1].lower() + label[1:]


def make_follow_up(question_id: str, concept: Concept) -> FollowUp:
    """The FollowUp record for `concept`."""
    return FollowUp(
        question_id=question_id, concept=concept, prompt=follow_up_prompt(question_id, concept)
    )


def concept_question(question: Question, concept: Concept) -> Question:
    """`question` narrowed to one concept, so the scorer judges only that concept."""
    return dataclasses.replace(question, concepts=(concept,))


def score_follow_up(
    question: Question,
    concept: Concept,
    text: str,
    *,
    transcript: object | None = None,
    duration_s: float | None = None,
) -> Score:
    """Score a follow-up answer for `concept` only.

    Coverage is 1.0 when interviewer.scoring.match_concept finds the concept (it refuses a
    mention that states one of the concept's misconceptions) and 0.0 otherwise. The
    misconceptions, delivery and the missed concept's explaining sentence come from the
    real scorer run on the question narrowed to that one concept.
    """
    narrowed = concept_question(question, concept)
    score = score_answer(narrowed, text, transcript=transcript, duration_s=duration_s)
    match = match_concept(concept, text)
    if match is not None:
        return dataclasses.replace(score, coverage=1.0, matched=(match,), missed=())
    # The scorer may have seen the words while match_concept rejected them as a
    # misconception; either way the concept counts as missed.
    explanation = next((m.sample_sentence for m in score.missed), "") or _sentence(question)
    return dataclasses.replace(
        score, coverage=0.0, matched=(), missed=(ConceptMiss(concept, explanation),)
    )


def _sentence(question: Question) -> str:
    """The sample answer's first sentence: a fallback explanation."""
    return question.sample_answer.strip().split(". ", 1)[0].strip()
