"""Phrases Whisper invents on silence, noise or breath ("Thank you for watching.").

They come from the YouTube subtitles Whisper was trained on. A segment is dropped only when
the phrase is the whole segment (possibly repeated, in any case and punctuation): the same
words inside a real sentence ("thank you for watching the loss curve") are kept.
"""

from __future__ import annotations

import re

PHRASES: frozenset[str] = frozenset(
    {
        "thank you for watching",
        "thanks for watching",
        "thank you so much for watching",
        "thank you very much for watching",
        "thank you for watching and see you next time",
        "thanks for watching and see you next time",
        "see you next time",
        "see you in the next video",
        "i'll see you in the next video",
        "please subscribe",
        "subscribe",
        "please subscribe to my channel",
        "subscribe to my channel",
        "like and subscribe",
        "please like and subscribe",
        "don't forget to like and subscribe",
        "don't forget to subscribe",
        "thank you",
        "thank you very much",
        "thank you so much",
        "thanks",
        "you",
        "bye",
        "bye bye",
        "goodbye",
        "the end",
        "music",
        "applause",
        "silence",
        "blank audio",
        "subtitles by the amara org community",
        "transcription by castingwords",
    }
)

_PUNCT = re.compile(r"[^\w\s']+")


def normalise(text: str) -> str:
    """Lower case, punctuation and brackets removed, spaces collapsed: "[Music]" -> "music"."""
    text = text.replace("’", "'").replace(".", " ")
    return " ".join(_PUNCT.sub(" ", text.casefold()).split())


def _repeats_of(text: str, phrase: str) -> bool:
    """True if `text` is `phrase` said one or more times ("bye bye bye")."""
    words, unit = text.split(), phrase.split()
    n = len(unit)
    return len(words) % n == 0 and all(words[i : i + n] == unit for i in range(0, len(words), n))


def is_hallucination(segment_text: str) -> bool:
    """True if the whole segment is a known hallucination phrase (or only punctuation/music
    symbols, which carry no words)."""
    text = normalise(segment_text)
    if not text:
        return True
    if text in PHRASES:
        return True
    return any(_repeats_of(text, phrase) for phrase in PHRASES)


def echoes_prompt(segment_text: str, prompt: str | None) -> bool:
    """True if the segment is the vocabulary prompt read back, a known Whisper failure on
    near-silence. Only a whole-prompt echo of three or more terms counts: a candidate may
    well say one or two of the terms on their own."""
    if not prompt or prompt.count(",") < 2:
        return False
    text = normalise(segment_text)
    return bool(text) and text == normalise(prompt)
