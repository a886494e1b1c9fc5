"""Which concepts an answer covers, and the weighted share of them it covers."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from interviewer.models import Concept, ConceptMatch, ConceptMiss, Span
from interviewer.scoring.compiled import CompiledConcept, CompiledQuestion
from interviewer.scoring.matching import find_mention
from interviewer.scoring.phrases import Doc, Occurrence

# An interviewer listens for the explanation, not the name: "L1 and L2, which make the model
# simpler" names the concepts a strong answer goes on to explain, restate or illustrate. On
# graded answers, coming back to a concept is what sets a strong answer above a partial one
# that names the same concepts. Only a tenth is held back, so naming a concept still earns
# far more than missing it, and the sample answers, which name each point once, keep 90%.
NAMED_ONCE_SHARE = 0.9
# What each renderer says of such a concept, and why it cost points.
NAMED_ONCE_MARK = "mentioned once"
NAMED_ONCE_HINT = (
    "Mentioned once: you said it but did not come back to explain it or give an example, "
    f"so it earns {NAMED_ONCE_SHARE:.0%} of its points."
)


def span_of(doc: Doc, occ: Occurrence) -> Span:
    """The character span of an occurrence in the answer text as given."""
    start, end = doc.char_span(occ.start, occ.end)
    return Span(start, end, doc.text[start:end])


def concept_match(
    concept: CompiledConcept, doc: Doc, wrong: Sequence[Span] = ()
) -> ConceptMatch | None:
    """The best place the concept is mentioned in `doc`, or None.

    A mention wholly inside a `wrong` span (a misconception the answer stated, e.g. "too
    simple" in "high variance means the model is too simple") does not count: the words
    were used to say something wrong.
    """
    avoid = [(s.start, s.end) for s in wrong]
    found = find_mention(concept.aliases, doc, avoid, concept.lasts)
    if found is None:
        return None
    alias, occ = found.alias, found.occurrence
    similarity = 1.0 - occ.distance / max(alias.length, 1)
    return ConceptMatch(
        concept=concept.concept, span=span_of(doc, occ), alias=alias.text,
        similarity=round(similarity, 3),
        named_once=not found.again,
    )


def match_concepts(
    question: CompiledQuestion,
    doc: Doc,
    wrong: Sequence[Span] = (),
    refuted: Collection[Concept] = (),
) -> tuple[tuple[ConceptMatch, ...], tuple[ConceptMiss, ...]]:
    """Matched concepts (bank order) and missed ones with their explaining sentence.

    Mentions inside a `wrong` span (a stated misconception) do not count, and neither does
    any mention of a `refuted` concept: one the answer states a misconception about ("L1
    squares the weights") has not been covered, however often its terms occur.
    """
    matched: list[ConceptMatch] = []
    missed: list[ConceptMiss] = []
    for concept, sentence in zip(question.concepts, question.explanations, strict=True):
        # Asked only when something is refuted: a concept hashes all its aliases.
        refutes = bool(refuted) and concept.concept in refuted
        match = None if refutes else concept_match(concept, doc, wrong)
        if match is None:
            missed.append(ConceptMiss(concept.concept, sentence))
        else:
            matched.append(match)
    return tuple(matched), tuple(missed)


def weighted_share(matched: Iterable[ConceptMatch], total_weight: float) -> float:
    """Core concepts count 2, supporting 1; the share of all points the matches earn.

    A concept the answer names only once earns `NAMED_ONCE_SHARE` of its points.
    """
    if total_weight <= 0:
        return 0.0
    earned = sum(
        m.concept.weight.value_points * (NAMED_ONCE_SHARE if m.named_once else 1.0)
        for m in matched
    )
    return earned / total_weight
