"""What the replay screen steps through, and which word is being spoken: pure, no textual.

A saved session becomes a flat list of steps, one per attempt (answers, retries and
follow-ups, in the order given) and one per question that has none (skipped, or not
reached before the session ended). Keys move a step at a time within a question, or a
question at a time.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from interviewer.models import Question, Span
from interviewer.session.records import Attempt, SavedSession
from interviewer.tui.text import clock
from speech.types import Word

StepKind = Literal["attempt", "skipped", "unanswered"]
# How far past the last matched word a word of the transcript may be looked for in the text.
_SEARCH_WINDOW = 80
_PUNCTUATION = ".,;:!?\"'()[]…“”‘’-"


@dataclass(frozen=True)
class ReplayStep:
    """One thing to look at: an attempt at a question, or a question with none.

    `number` is the question's place in the session (1-based); `attempt_number` the
    attempt's place among that question's attempts (1-based; 0 when there is none).
    """

    question: Question
    number: int
    kind: StepKind
    attempt: Attempt | None = None
    attempt_number: int = 0
    attempt_count: int = 0
    label: str = ""


def replay_steps(saved: SavedSession) -> tuple[ReplayStep, ...]:
    """Every step of `saved`, question by question, attempts in the order they were given."""
    steps: list[ReplayStep] = []
    for number, question in enumerate(saved.questions, 1):
        attempts = saved.attempts_for(question.id)
        if not attempts:
            kind: StepKind = "skipped" if question.id in saved.skipped else "unanswered"
            label = "Skipped" if kind == "skipped" else "Not answered"
            steps.append(ReplayStep(question, number, kind, label=label))
            continue
        for i, (attempt, label) in enumerate(zip(attempts, attempt_labels(attempts), strict=True)):
            steps.append(
                ReplayStep(question, number, "attempt", attempt, i + 1, len(attempts), label)
            )
    return tuple(steps)


def attempt_labels(attempts: Sequence[Attempt]) -> list[str]:
    """'Answer', 'Retry 1', 'Retry 2', 'Follow-up: <concept>' for a question's attempts."""
    labels = []
    answers = 0
    for attempt in attempts:
        if attempt.kind == "follow_up":
            labels.append(f"Follow-up: {attempt.follow_up_concept or 'a missed concept'}")
            continue
        labels.append("Answer" if answers == 0 else f"Retry {answers}")
        answers += 1
    return labels


def step_to_question(steps: Sequence[ReplayStep], index: int, delta: int) -> int:
    """The first step of the question `delta` questions away (clamped to the ends)."""
    if not steps:
        return 0
    numbers = sorted({s.number for s in steps})
    here = numbers.index(steps[index].number)
    target = numbers[max(0, min(len(numbers) - 1, here + delta))]
    return next(i for i, s in enumerate(steps) if s.number == target)


def step_within_question(steps: Sequence[ReplayStep], index: int, delta: int) -> int:
    """The step `delta` attempts away within the same question (clamped to its attempts)."""
    if not steps:
        return 0
    number = steps[index].number
    same = [i for i, s in enumerate(steps) if s.number == number]
    here = same.index(index)
    return same[max(0, min(len(same) - 1, here + delta))]


def time_display(position: float, duration: float) -> str:
    """'0:12 / 1:03': where playback is, of how long."""
    return f"{clock(position)} / {clock(duration)}"


def word_spans(text: str, words: Sequence[Word]) -> tuple[Span | None, ...]:
    """Where each timed word sits in `text` (None where it cannot be found).

    Words are looked for in order, each after the last one found and not far past it, so a
    word the text lacks (a filtered hallucination, say) does not pull the rest out of
    line. Case and surrounding punctuation are ignored, as Whisper attaches punctuation to
    words differently from the text.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters change length in lower case: keep offsets
        lowered = text
    spans: list[Span | None] = []
    cursor = 0
    for word in words:
        token = word.text.strip().lower()
        bare = token.strip(_PUNCTUATION)
        found = -1
        for wanted in dict.fromkeys((token, bare)):
            if wanted:
                found = lowered.find(wanted, cursor, cursor + _SEARCH_WINDOW + len(wanted))
                if found >= 0:
                    token = wanted
                    break
        if found < 0:
            spans.append(None)
            continue
        end = found + len(token)
        spans.append(Span(found, end, text[found:end]))
        cursor = end
    return tuple(spans)


def current_word(words: Sequence[Word], seconds: float) -> int | None:
    """The index of the word being spoken at `seconds` (None between words or outside)."""
    starts = [w.start for w in words]
    i = bisect.bisect_right(starts, seconds) - 1
    if i < 0 or seconds >= words[i].end:
        return None
    return i
