"""JSON-ready dicts of scores and delivery, and the way back."""

from __future__ import annotations

import json

import pytest

from interviewer.errors import SessionError
from interviewer.scoring import score_answer
from interviewer.scoring.serialize import (
    delivery_to_dict,
    score_from_dict,
    score_to_dict,
    summary_to_dict,
)
from speech.fakes import timed_transcript

from .factories import kmeans

ANSWER = "Um, k-means is unsupervised; it finds nearest neighbours, like, iteratively."


def _score():
    return score_answer(kmeans(), ANSWER, transcript=timed_transcript(ANSWER, 5.0))


def test_score_dict_is_json_ready_and_complete() -> None:
    data = score_to_dict(_score())
    assert json.loads(json.dumps(data)) == data
    assert data["question"] == "beginner-07"
    assert 0.0 <= data["coverage"] <= 1.0
    assert [m["label"] for m in data["matched"]] == ["unsupervised", "iterative updates"]
    start = ANSWER.index("unsupervised")
    assert data["matched"][0]["span"] == {"start": start, "end": start + 12, "text": "unsupervised"}
    assert data["matched"][0]["weight"] == "core"
    assert [m["named_once"] for m in data["matched"]] == [True, True]
    assert data["missed"][0]["label"] == "groups into clusters"
    assert data["missed"][0]["sample_sentence"].startswith("K-means clustering is")
    assert data["misconceptions"] == [
        {
            "concept": "groups into clusters",
            "label": "Describes k-nearest neighbours classification",
            "span": {
                "start": ANSWER.index("nearest"),
                "end": ANSWER.index("nearest") + 18,
                "text": "nearest neighbours",
            },
        }
    ]
    assert data["penalty"] > 0
    assert data["text"] == ANSWER
    assert data["delivery"]["duration_s"] == 5.0


def test_delivery_dict_has_every_figure() -> None:
    data = delivery_to_dict(_score().delivery)
    assert data == {
        "word_count": 11,
        "duration_s": 5.0,
        "words_per_minute": 132.0,
        "filler_count": 2,
        "filler_rate": 18.18,
        "fillers_per_minute": 24.0,
        "fillers": [
            {"start": 0, "end": 2, "text": "Um"},
            {"start": ANSWER.index("like"), "end": ANSWER.index("like") + 4, "text": "like"},
        ],
        "longest_pause_s": 0.0,
        "time_to_first_word_s": 0.0,
    }


def test_untimed_figures_serialise_as_null() -> None:
    data = delivery_to_dict(score_answer(kmeans(), "kmeans").delivery)
    assert data["words_per_minute"] is None
    assert data["longest_pause_s"] is None
    assert json.dumps(data)


def test_summary_has_labels_only() -> None:
    summary = summary_to_dict(_score())
    assert set(summary) >= {"question", "coverage", "matched", "missed"}
    assert all(isinstance(label, str) for label in summary["matched"] + summary["missed"])


def test_round_trip() -> None:
    score = _score()
    data = json.loads(json.dumps(score_to_dict(score)))
    assert score_from_dict(data, kmeans()) == score


def test_a_score_saved_before_mentions_were_counted_reads_as_covered_in_full() -> None:
    data = score_to_dict(_score())
    for match in data["matched"]:
        del match["named_once"]
    read = score_from_dict(data, kmeans())
    assert [m.named_once for m in read.matched] == [False, False]
    assert read.coverage == data["coverage"]  # the figure saved is kept as it was


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("coverage"),
        lambda d: d["matched"][0].update(label="no such concept"),
        lambda d: d["misconceptions"][0].update(label="no such misconception"),
        lambda d: d["delivery"].update(word_count="many"),
    ],
)
def test_damaged_score_dict_is_a_session_error(damage) -> None:
    data = score_to_dict(_score())
    damage(data)
    with pytest.raises(SessionError):
        score_from_dict(data, kmeans())
