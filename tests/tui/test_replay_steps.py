"""The replay screen's pure parts: step order, moving between steps, time, current word."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from interviewer.models import Span
from interviewer.tui.replay_steps import (
    attempt_labels,
    current_word,
    replay_steps,
    step_to_question,
    step_within_question,
    time_display,
    word_spans,
)
from speech.types import Word
from tests.session.factories import attempt, saved
from tests.tui.replay_data import write_session


def test_steps_follow_the_session_attempts_in_order_then_skips(tmp_path: Path) -> None:
    steps = replay_steps(write_session(tmp_path))
    assert [(s.number, s.kind, s.label, s.attempt_number, s.attempt_count) for s in steps] == [
        (1, "attempt", "Answer", 1, 3),
        (1, "attempt", "Follow-up: Minimises the loss", 2, 3),
        (1, "attempt", "Retry 1", 3, 3),
        (2, "attempt", "Answer", 1, 1),
        (3, "skipped", "Skipped", 0, 0),
    ]
    assert [s.attempt.audio_file if s.attempt else None for s in steps] == [
        "attempt-01.wav", "attempt-02.wav", "attempt-03.wav", None, None,
    ]


def test_a_question_not_reached_is_unanswered_and_answered_skips_show_attempts() -> None:
    session = saved(
        ("beginner-01", "beginner-02", "beginner-03"),
        (attempt("beginner-01", 0.5),),
        skipped=("beginner-01",),
        finished=False,
    )
    steps = replay_steps(session)
    assert [(s.number, s.kind, s.label) for s in steps] == [
        (1, "attempt", "Answer"),
        (2, "unanswered", "Not answered"),
        (3, "unanswered", "Not answered"),
    ]


def test_labels_count_retries_and_name_follow_ups() -> None:
    answer = attempt("beginner-01", 0.5)
    follow = dataclasses.replace(
        attempt("beginner-01", 1.0, kind="follow_up"), follow_up_concept="Gradient"
    )
    assert attempt_labels([answer, follow, answer, answer, follow]) == [
        "Answer", "Follow-up: Gradient", "Retry 1", "Retry 2", "Follow-up: Gradient",
    ]


# Steps of write_session: question 1 has three attempts (0, 1, 2), then 2 (3) and 3 (4).
@pytest.mark.parametrize(
    ("index", "delta", "expected"),
    [(0, 1, 3), (2, 1, 3), (3, 1, 4), (4, 1, 4), (4, -1, 3), (3, -1, 0), (1, -1, 0), (0, -1, 0),
     (0, 5, 4)],
)
def test_moving_by_question_lands_on_its_first_step(
    tmp_path: Path, index: int, delta: int, expected: int
) -> None:
    steps = replay_steps(write_session(tmp_path))
    assert step_to_question(steps, index, delta) == expected


@pytest.mark.parametrize(
    ("index", "delta", "expected"),
    [(0, 1, 1), (1, 1, 2), (2, 1, 2), (2, -1, 1), (0, -1, 0), (3, 1, 3), (4, -1, 4)],
)
def test_moving_by_attempt_stays_within_the_question(
    tmp_path: Path, index: int, delta: int, expected: int
) -> None:
    steps = replay_steps(write_session(tmp_path))
    assert step_within_question(steps, index, delta) == expected


@pytest.mark.parametrize(
    ("position", "duration", "expected"),
    [
        (0.0, 63.0, "0:00 / 1:03"),
        (12.9, 63.0, "0:12 / 1:03"),
        (59.99, 60.0, "0:59 / 1:00"),
        (3725.0, 4000.0, "1:02:05 / 1:06:40"),
        (-1.0, 5.0, "0:00 / 0:05"),
    ],
)
def test_time_display(position: float, duration: float, expected: str) -> None:
    assert time_display(position, duration) == expected


WORDS = (Word(" So", 0.0, 0.4), Word(" the", 0.4, 0.6), Word(" gradient", 0.9, 1.5),
         Word(" descent.", 1.5, 2.0))


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(-0.1, None), (0.0, 0), (0.39, 0), (0.4, 1), (0.7, None), (0.9, 2), (1.5, 3),
     (1.99, 3), (2.0, None), (9.0, None)],
)
def test_current_word(seconds: float, expected: int | None) -> None:
    assert current_word(WORDS, seconds) == expected


def test_current_word_with_no_words() -> None:
    assert current_word((), 1.0) is None


def _texts(text: str, spans: tuple[Span | None, ...]) -> list[str | None]:
    return [None if s is None else text[s.start : s.end] for s in spans]


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("So the gradient descent.", WORDS, ["So", "the", "gradient", "descent."]),
        # Whisper's words carry punctuation the text lacks, and the other way round.
        ("so, THE gradient descent", WORDS, ["so", "THE", "gradient", "descent"]),
        # A word the text lacks (a filtered hallucination) does not shift the others.
        ("So gradient descent.", WORDS, ["So", None, "gradient", "descent."]),
        # Repeated words are found in order, not all at the first one.
        ("the the the", (Word("the", 0, 1), Word("the", 1, 2), Word("the", 2, 3)),
         ["the", "the", "the"]),
        ("", WORDS, [None, None, None, None]),
    ],
)
def test_word_spans(text: str, words: tuple[Word, ...], expected: list[str | None]) -> None:
    spans = word_spans(text, words)
    assert _texts(text, spans) == expected
    starts = [s.start for s in spans if s is not None]
    assert starts == sorted(starts)


def test_word_spans_do_not_jump_far_ahead_for_a_missing_word() -> None:
    text = "alpha " + "filler " * 30 + "beta"
    spans = word_spans(text, (Word("alpha", 0, 1), Word("beta", 1, 2)))
    assert _texts(text, spans) == ["alpha", None]
