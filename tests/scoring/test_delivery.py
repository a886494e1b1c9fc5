"""Delivery figures: fillers (and words that only look like them), pace, pauses, length."""

from __future__ import annotations

import pytest

from interviewer.scoring.delivery import count_words, measure_delivery
from speech.types import Segment, Transcript, Word


def fillers(text: str) -> list[str]:
    """The filler words found in `text`, as written."""
    return [span.text for span in measure_delivery(text).fillers]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Um, it is a model, uh, that learns.", ["Um", "uh"]),
        ("Erm hmm okay", ["Erm", "hmm"]),
        ("It's, like, a tree.", ["like"]),
        ("So like the model learns.", ["like"]),
        ("It was like really fast.", ["like"]),
        ("It splits, you know, the data.", ["you know"]),
        ("It splits the data, you know.", ["you know"]),
        ("Basically it is a tree.", ["Basically"]),
        ("It's sort of a tree.", ["sort of"]),
        ("It's kind of slow.", ["kind of"]),
        ("I mean, it learns.", ["I mean"]),
        ("Like, um, it learns.", ["Like", "um"]),
    ],
)
def test_fillers_found(text: str, expected: list[str]) -> None:
    assert fillers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "It is like a valley.",
        "Functions like ReLU or sigmoid.",
        "I like decision trees.",
        "It looks like a flowchart.",
        "Like sales numbers, a price is continuous.",
        "It is a kind of model.",
        "What kind of data do you have?",
        "There are two kinds of problems.",
        "This sort of regularisation helps.",
        "If you know the labels, it is supervised.",
        "You know what the labels are.",
        "What I mean is the validation set.",
        "I mean that the loss goes down.",
        "The user manual explains it.",
        "Said by I. Mean of the points is next.",
        "It is what you. Know the labels first.",
        "A different kind. Of the two, one wins.",
        "",
    ],
)
def test_words_that_only_look_like_fillers(text: str) -> None:
    assert fillers(text) == []


def test_filler_after_a_filler_is_not_dragged_in() -> None:
    assert fillers("Regression predicts a value, um, like sales.") == ["um"]


def test_filler_spans_index_into_the_text() -> None:
    text = "Well… UM, it’s, like, you know, a tree."
    delivery = measure_delivery(text)
    assert [text[s.start : s.end] for s in delivery.fillers] == ["UM", "like", "you know"]


@pytest.mark.parametrize(
    ("text", "words"),
    [("", 0), ("one", 1), ("isn't it", 2), ("non-linear model", 3), ("L1, L2 and 0.5", 5)],
)
def test_word_count(text: str, words: int) -> None:
    assert count_words(text) == words


def test_text_without_timing_gets_every_figure_that_needs_no_clock() -> None:
    delivery = measure_delivery("um this is uh ten words long, like, you know")
    assert delivery.word_count == 10
    assert delivery.filler_count == 4
    assert delivery.filler_rate == 40.0
    assert delivery.duration_s is None
    assert delivery.words_per_minute is None
    assert delivery.fillers_per_minute is None
    assert delivery.longest_pause_s is None
    assert delivery.time_to_first_word_s is None


def test_duration_alone_gives_pace_but_no_pauses() -> None:
    delivery = measure_delivery("one two three four five six um", duration_s=3.5)
    assert delivery.words_per_minute == 120.0
    assert delivery.fillers_per_minute == pytest.approx(60 / 3.5, abs=0.01)
    assert delivery.longest_pause_s is None


@pytest.mark.parametrize("duration", [0.0, -1.0, float("nan"), float("inf")])
def test_non_positive_duration_is_treated_as_unknown(duration: float) -> None:
    assert measure_delivery("one two", duration_s=duration).words_per_minute is None


def _transcript(words: list[tuple[str, float, float]], duration: float) -> Transcript:
    timed = tuple(Word(text, start, end) for text, start, end in words)
    segment = Segment(" ".join(w[0] for w in words), words[0][1], words[-1][2], timed)
    return Transcript(segment.text, (segment,), False, "test", duration)


def test_pauses_and_time_to_first_word_from_word_timestamps() -> None:
    transcript = _transcript(
        [("gradient", 1.2, 1.6), ("descent", 1.7, 2.1), ("um", 4.6, 4.8), ("minimises", 5.0, 5.6)],
        6.0,
    )
    delivery = measure_delivery(transcript.text, transcript=transcript)
    assert delivery.time_to_first_word_s == 1.2
    assert delivery.longest_pause_s == 2.5
    assert delivery.duration_s == 6.0
    assert delivery.words_per_minute == 40.0
    assert delivery.fillers_per_minute == 10.0


def test_segment_timestamps_when_words_are_not_timed() -> None:
    segments = (Segment("first part", 0.5, 2.0), Segment("second part", 3.5, 5.0))
    transcript = Transcript("first part second part", segments, False, "test", 5.0)
    delivery = measure_delivery(transcript.text, transcript=transcript)
    assert delivery.time_to_first_word_s == 0.5
    assert delivery.longest_pause_s == 1.5


def test_transcript_with_no_speech_has_no_pause_figures() -> None:
    transcript = Transcript.empty("test", 4.0)
    delivery = measure_delivery("", transcript=transcript)
    assert delivery.word_count == 0
    assert delivery.duration_s == 4.0
    assert delivery.words_per_minute == 0.0
    assert delivery.longest_pause_s is None
    assert delivery.time_to_first_word_s is None
