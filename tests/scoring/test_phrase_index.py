"""The question-wide prefilter (`prefilter.PhraseIndex`, `LastParts`) gives exactly what
`phrases.may_occur` gives phrase by phrase, so scoring with it changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewer.models import Bank
from interviewer.scoring import score_answer
from interviewer.scoring.compiled import compile_question
from interviewer.scoring.coverage import match_concepts
from interviewer.scoring.matching import compile_alias, possible
from interviewer.scoring.misconceptions import find_misconceptions
from interviewer.scoring.phrases import Doc, compile_phrase, may_occur, reach_of
from interviewer.scoring.prefilter import index_phrases, last_parts
from tests.scoring.factories import VOCABULARY

DATA = Path(__file__).parent / "data"
QUICK = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_WORDS = [*VOCABULARY, "unlabeled"]


def _answers(bank: Bank) -> list[tuple[str, str]]:
    """(question id, text): every sample answer, and the curated wrong and spoken answers."""
    rows = [(q.id, q.sample_answer) for q in bank.questions]
    for name in ("curated-wrong", "spoken-correct", "spoken-wrong"):
        with (DATA / f"{name}.jsonl").open(encoding="utf-8") as lines:
            rows += [(r["question"], r["text"]) for r in map(json.loads, lines) if r]
    return rows


def test_every_indexed_phrase_is_live_exactly_when_may_occur_says_so(bank: Bank) -> None:
    checked = 0
    for question_id, text in _answers(bank):
        compiled = compile_question(bank.get(question_id))
        assert compiled.index is not None
        indexed = Doc(text, compiled.reach, compiled.known, compiled.index)
        plain = Doc(text, compiled.reach, compiled.known)  # no index: phrase by phrase
        for phrase in (p for c in compiled.concepts for p in c.phrases):
            assert (phrase.key in indexed.live) == may_occur(phrase, plain), (phrase, text)
            checked += 1
    assert checked > 100_000  # every phrase of every question, on hundreds of answers


def test_scoring_with_the_index_gives_the_same_result_as_without(bank: Bank) -> None:
    for question_id, text in _answers(bank)[::7]:
        compiled = compile_question(bank.get(question_id))
        plain = Doc(text, compiled.reach, compiled.known)
        hits = find_misconceptions(compiled, plain)
        matched, missed = match_concepts(
            compiled, plain, [h.span for h in hits], {h.concept for h in hits}
        )
        score = score_answer(bank.get(question_id), text)  # with the index
        assert (score.misconceptions, score.matched, score.missed) == (hits, matched, missed)


@QUICK
@given(
    phrases=st.lists(
        st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join),
        min_size=1, max_size=12,
    ),
    answer=st.lists(st.sampled_from(_WORDS), max_size=20).map(" ".join),
    max_edits=st.integers(0, 3),
)
def test_index_agrees_with_may_occur_on_any_phrases(
    phrases: list[str], answer: str, max_edits: int
) -> None:
    compiled = [p for p in (compile_phrase(t, max_edits) for t in phrases) if p is not None]
    reach = reach_of(compiled)
    indexed = Doc(answer, reach, index=index_phrases(compiled))
    plain = Doc(answer, reach)
    for phrase in compiled:
        assert may_occur(phrase, indexed) == may_occur(phrase, plain)
        assert (phrase.key in indexed.live) == may_occur(phrase, plain)


@pytest.mark.parametrize(
    ("answer", "places"),
    [
        ("boosting fits the models sequentially", [0, 2]),  # both ending "sequentially"
        ("bagging averages the trees", [1]),
        ("the model learns from labelled data", []),
    ],
)
def test_last_parts_names_the_places_whose_last_part_may_occur(
    answer: str, places: list[int]
) -> None:
    texts = ("bagging ... sequentially", "bagging ... trees", "boosting ... sequentially")
    aliases = [a for a in (compile_alias(t, 2, 1) for t in texts) if a is not None]
    lasts = last_parts(aliases)
    reach = reach_of([p for a in aliases for p in a.parts])
    parts = [p for a in aliases for p in a.parts]
    indexed = Doc(answer, reach, index=index_phrases(parts))
    assert list(lasts.live_places(indexed.live)) == places
    assert possible(aliases, indexed, lasts) == possible(aliases, Doc(answer, reach))
