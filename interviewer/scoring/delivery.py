"""Delivery figures: pace, filler words, pauses and length.

Everything that needs no clock (word count, fillers and their rate per 100 words) is
computed from the text alone; pace and per-minute figures need a duration, and pauses and
time to first word need word or segment timestamps from a transcript.
"""

from __future__ import annotations

import math
import re
from itertools import pairwise
from typing import TYPE_CHECKING

from interviewer.models import Delivery, Span
from interviewer.scoring.fillers import find_fillers
from interviewer.scoring.normalize import tokenize

if TYPE_CHECKING:
    from speech.types import Transcript

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def count_words(text: str) -> int:
    """Words as a listener counts them: "isn't" is one word, "non-linear" two."""
    return sum(1 for _ in _WORD.finditer(text))


def measure_delivery(
    text: str,
    *,
    transcript: Transcript | None = None,
    duration_s: float | None = None,
    filler_spans: list[tuple[int, int]] | None = None,
) -> Delivery:
    """Delivery figures for `text`; timing from `duration_s` or else the transcript.

    `filler_spans` may pass the `find_fillers` result for `text` to save redoing it.
    """
    if filler_spans is None:
        filler_spans = find_fillers(text, tokenize(text))
    fillers = tuple(Span(s, e, text[s:e]) for s, e in filler_spans)
    words = count_words(text)
    if duration_s is None and transcript is not None:
        duration_s = transcript.duration_s
    if duration_s is not None and not (math.isfinite(duration_s) and duration_s > 0):
        duration_s = None  # a zero, negative, NaN or infinite duration says nothing
    minutes = duration_s / 60 if duration_s is not None else None
    longest_pause, first_word = _pauses(transcript)
    return Delivery(
        word_count=words,
        duration_s=_round(duration_s),
        words_per_minute=_rate(words, minutes),
        filler_count=len(fillers),
        fillers_per_minute=_rate(len(fillers), minutes),
        filler_rate=round(100 * len(fillers) / words, 2) if words else 0.0,
        fillers=fillers,
        longest_pause_s=_round(longest_pause),
        time_to_first_word_s=_round(first_word),
    )


def _pauses(transcript: Transcript | None) -> tuple[float | None, float | None]:
    """(longest silence between words, time before the first word), from word timestamps,
    falling back to segment timestamps; (None, None) when there is nothing timed."""
    if transcript is None:
        return None, None
    timed: tuple[tuple[float, float], ...] = tuple((w.start, w.end) for w in transcript.words)
    if not timed:
        timed = tuple((s.start, s.end) for s in transcript.segments if s.text.strip())
    if not timed:
        return None, None
    gaps = [later[0] - earlier[1] for earlier, later in pairwise(timed)]
    return max([0.0, *gaps]), max(0.0, timed[0][0])


def _rate(count: int, minutes: float | None) -> float | None:
    """`count` per minute; None without a duration or when a tiny one overflows the float."""
    if not minutes:
        return None
    rate = count / minutes
    return _round(rate) if math.isfinite(rate) else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
