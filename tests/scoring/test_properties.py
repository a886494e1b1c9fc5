"""Properties of the scorer over arbitrary input (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewer.models import Bank, Score
from interviewer.scoring import match_concept, score_answer
from interviewer.scoring.serialize import score_to_dict

from .factories import kmeans

QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Arbitrary Unicode, plus text made of the words the scorer cares about, so that matches,
# negations, fillers and misconceptions actually happen.
_VOCABULARY = (
    "k means kmeans nearest neighbours majority vote not unlike rather than instead of um like "
    "you know clusters centroid centroids iteratively . , ; ! ? - ' L1 one 0.5 a u c the "
    "unsupervised segmentation isn't"
)
WORDS = st.sampled_from(_VOCABULARY.split(" "))
ANSWERS = st.one_of(st.text(), st.lists(WORDS, max_size=40).map(" ".join))


@QUICK
@given(text=ANSWERS, duration=st.one_of(st.none(), st.floats(allow_nan=True)))
def test_any_text_scores_within_bounds(text: str, duration: float | None) -> None:
    score = score_answer(kmeans(), text, duration_s=duration)
    assert 0.0 <= score.coverage <= 1.0
    assert len(score.matched) + len(score.missed) == len(kmeans().concepts)
    for span in [m.span for m in score.matched] + [h.span for h in score.misconceptions]:
        assert text[span.start : span.end] == span.text
    for span in score.delivery.fillers:
        assert text[span.start : span.end] == span.text
    json.dumps(score_to_dict(score), allow_nan=False)


@QUICK
@given(text=ANSWERS, data=st.data())
def test_adding_an_alias_never_lowers_coverage(text: str, data: st.DataObject) -> None:
    q = kmeans()
    concept = data.draw(st.sampled_from(q.concepts))
    alias = data.draw(st.sampled_from((concept.label, *concept.aliases)))
    before = score_answer(q, text)
    after = score_answer(q, _append(text, alias))
    assert after.coverage >= before.coverage
    _assert_covered_unless_refuted(concept.label, after)


@settings(QUICK, max_examples=300)
@given(text=ANSWERS, data=st.data())
def test_adding_an_alias_never_lowers_coverage_on_the_shipped_bank(
    bank: Bank, text: str, data: st.DataObject
) -> None:
    q = data.draw(st.sampled_from(bank.questions))
    concept = data.draw(st.sampled_from(q.concepts))
    alias = data.draw(st.sampled_from((concept.label, *concept.aliases)))
    prefix = data.draw(st.sampled_from(["", q.sample_answer, *_misconception_texts(q)]))
    text = f"{prefix} {text}"
    before = score_answer(q, text)
    after = score_answer(q, _append(text, alias))
    assert after.coverage >= before.coverage
    _assert_covered_unless_refuted(concept.label, after)


@QUICK
@given(text=ANSWERS)
def test_match_concept_never_crashes(text: str) -> None:
    for concept in kmeans().concepts:
        match = match_concept(concept, text)
        if match is not None:
            assert text[match.span.start : match.span.end] == match.span.text


def _assert_covered_unless_refuted(label: str, score: Score) -> None:
    """The concept is covered, unless the answer also states a misconception about it (then
    no mention of it counts)."""
    refuted = {h.concept.label for h in score.misconceptions}
    assert label in {m.concept.label for m in score.matched} or label in refuted


def _append(text: str, alias: str) -> str:
    """The answer with the alias said after it: "a + b" parts said one after another, and
    "a ... b" parts in order within one sentence (as they must be to match)."""
    if "..." in alias:
        return ". ".join([text, " ".join(p.strip() for p in alias.split("..."))])
    parts = [p.strip() for p in alias.split("+") if p.strip()]
    return ". ".join([text, *parts])


def _misconception_texts(q) -> list[str]:
    return [p for c in q.concepts for m in c.misconceptions for p in m.patterns]
