"""`check_question`: what in a bank will not score as written, named by question and field."""

from __future__ import annotations

import pytest

from interviewer.models import Misconception, Question
from interviewer.scoring.bank_checks import check_question

from .factories import KMEANS_SAMPLE, concept, kmeans, question


def _with(*extra_aliases: str, patterns: tuple[str, ...] = ()) -> Question:
    """The k-means question, its centroid concept given extra aliases and a misconception."""
    misconceptions = (Misconception("Mixes it up", patterns),) if patterns else ()
    return question(
        *kmeans().concepts[:2],
        concept("centroid", "centroid", *extra_aliases, misconceptions=misconceptions),
        sample=KMEANS_SAMPLE,
    )


def test_a_sound_question_has_no_problems() -> None:
    assert check_question(kmeans()) == []


@pytest.mark.parametrize(
    ("alias", "why"),
    [
        ("basically zero", ": answers are read without filler words ('basically')"),
        ("um centre point", ": answers are read without filler words ('um')"),
        ("the", ", even one that says exactly these words"),
    ],
)
def test_an_alias_that_can_never_match_is_named(alias: str, why: str) -> None:
    assert [str(p) for p in check_question(_with(alias))] == [
        f"beginner-07: concept 'centroid', alias {alias!r}: never matches an answer{why}"
    ]


@pytest.mark.parametrize(
    "alias",
    [
        "like a centre point",  # "like" is a filler at the start of a sentence only
        "middle + points",
        "mean ... points",
        "centre point",
    ],
)
def test_an_alias_that_can_match_somewhere_is_fine(alias: str) -> None:
    assert check_question(_with(alias)) == []


@pytest.mark.parametrize(
    ("pattern", "ok"),
    [
        ("centroid is a label", True),
        ("centroid ... labelled point", True),
        ("knn != k nearest neighbours", True),
        ("centroid is basically a label", False),
        ("it is uh a label", False),
    ],
)
def test_a_pattern_that_can_never_fire_is_named(pattern: str, ok: bool) -> None:
    problems = check_question(_with(patterns=(pattern,)))
    expected = [] if ok else [
        f"beginner-07: concept 'centroid', misconception 'Mixes it up', pattern {pattern!r}: "
        "never matches an answer: answers are read without filler words"
    ]
    assert [str(p).split(" (")[0] for p in problems] == expected


def test_a_concept_missing_from_the_sample_answer_is_named() -> None:
    q = question(*kmeans().concepts, concept("elbow method", "elbow"), sample=KMEANS_SAMPLE)
    assert [str(p) for p in check_question(q)] == [
        "beginner-07: concept 'elbow method': the sample answer does not mention it"
    ]


def test_a_sample_answer_stating_a_misconception_is_named() -> None:
    sample = KMEANS_SAMPLE + " Each point takes a majority vote of its neighbours."
    q = question(*kmeans().concepts, sample=sample)
    # The concept it is about is not covered by the sample answer either.
    assert [str(p) for p in check_question(q)] == [
        "beginner-07: concept 'groups into clusters': the sample answer does not mention it",
        "beginner-07: sample answer: states the misconception 'Describes k-nearest neighbours "
        "classification' ('majority vote')",
    ]
