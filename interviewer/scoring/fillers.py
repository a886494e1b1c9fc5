"""Filler words, told apart from the same words used for their meaning.

"um" and "uh" are always fillers. "like" is one in "it's, like, a tree" or "so like the
model..." but not in "like a valley", "functions like ReLU" or "I like it"; "kind of" is a
hedge in "it's kind of slow" but not in "a kind of model"; "you know" is a filler in "it
splits, you know, the data" but not in "if you know the labels". The rules below look at
the neighbouring words and commas; they favour missing a filler over inventing one.
"""

from __future__ import annotations

import itertools

from interviewer.scoring.normalize import Token

ALWAYS_FILLERS = frozenset(
    {"um", "umm", "uhm", "uh", "uhh", "er", "erm", "ah", "hmm", "hm", "mm", "basically"}
)
_LIKE_NEVER_AFTER = frozenset(
    {"i", "you", "we", "they", "would", "not", "look", "looks", "looked", "seem", "seems",
     "feel", "feels", "something", "things", "just", "more", "much", "less", "nothing",
     "anything", "exactly", "do", "did", "does", "really"}
)
_LIKE_AFTER = frozenset({"so", "yeah", "well", "oh", "okay", "ok"})
_LIKE_BEFORE = frozenset({"really", "totally", "super", "literally", "very", "pretty"})
_DETERMINERS = frozenset(
    {"a", "an", "the", "this", "that", "what", "which", "some", "any", "every", "each", "one",
     "same", "different", "another", "these", "those", "all", "no", "other", "new", "special",
     "particular", "specific", "whatever", "certain", "right", "wrong"}
)
_KNOW_NOT_AFTER = frozenset(
    {"if", "when", "do", "did", "not", "as", "unless", "since", "because", "what", "once",
     "until", "whether", "how", "that", "where", "already"}
)
_KNOW_OBJECTS = frozenset(
    {"what", "how", "that", "which", "whether", "why", "where", "when", "who", "it", "its",
     "their", "your", "this", "these", "those", "the", "a", "an", "about", "if", "him", "her",
     "them", "his", "our", "my", "everything", "nothing", "something", "exactly", "in"}
)
_MEAN_NOT_AFTER = frozenset({"what", "do", "did", "not", "if", "whatever"})
_MEAN_OBJECTS = frozenset({"that", "it", "is", "by", "to"})


def find_fillers(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Character spans of the filler words in `text` (tokens from normalize.tokenize)."""
    spans: list[tuple[int, int]] = []
    words = [t.lower for t in tokens]
    i = 0
    while i < len(words):
        size = _filler_size(text, tokens, words, i)
        if size:
            spans.append((tokens[i].start, tokens[i + size - 1].end))
            i += size
        else:
            i += 1
    return spans


def _filler_size(text: str, tokens: list[Token], words: list[str], i: int) -> int:
    """How many words the filler starting at word i spans (0: not a filler)."""
    word = words[i]
    # A two-word filler lies within one phrase: "...as I. Mean of the points..." is not "I mean".
    joined = i + 1 < len(words) and _same_phrase(text, tokens, i)
    nxt = words[i + 1] if joined else ""
    if word in ALWAYS_FILLERS or (word == "like" and _like_is_filler(text, tokens, words, i)):
        return 1
    if word in ("kind", "sort") and nxt == "of":
        return 0 if _prev(words, i) in _DETERMINERS else 2
    if word == "you" and nxt == "know":
        return 2 if _you_know_is_filler(text, tokens, words, i) else 0
    if word == "i" and nxt == "mean":
        return 2 if _i_mean_is_filler(text, tokens, words, i) else 0
    return 0


def _same_phrase(text: str, tokens: list[Token], i: int) -> bool:
    """Whether no sentence or clause punctuation separates token i from the next one."""
    gap = text[tokens[i].end : tokens[i + 1].start]
    return not any(mark in gap for mark in ".!?;:")


def _prev(words: list[str], i: int) -> str:
    return words[i - 1] if i > 0 else ""


def _comma_after(text: str, tokens: list[Token], i: int) -> bool:
    """Whether a comma (or the end of the text) follows token i."""
    following = tokens[i + 1].start if i + 1 < len(tokens) else len(text)
    gap = text[tokens[i].end : following]
    return "," in gap or (i + 1 == len(tokens) and not gap.strip(" .!?"))


def _like_is_filler(text: str, tokens: list[Token], words: list[str], i: int) -> bool:
    prev = _prev(words, i)
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if prev in _LIKE_NEVER_AFTER:
        return False
    if i + 1 < len(words) and _comma_after(text, tokens, i):
        return True
    # "um, like sales" is still an example: only a filler right after "like" marks it.
    return nxt in ALWAYS_FILLERS or prev in _LIKE_AFTER or nxt in _LIKE_BEFORE


def _you_know_is_filler(text: str, tokens: list[Token], words: list[str], i: int) -> bool:
    if _prev(words, i) in _KNOW_NOT_AFTER:
        return False
    if _comma_after(text, tokens, i + 1):
        return True
    nxt = words[i + 2] if i + 2 < len(words) else ""
    return nxt not in _KNOW_OBJECTS


def _i_mean_is_filler(text: str, tokens: list[Token], words: list[str], i: int) -> bool:
    if _prev(words, i) in _MEAN_NOT_AFTER:
        return False
    nxt = words[i + 2] if i + 2 < len(words) else ""
    return _comma_after(text, tokens, i + 1) or nxt not in _MEAN_OBJECTS


# Phrases that introduce an example rather than speak of examples: "a neural network learns,
# for example, to spot faces" says nothing of learning from examples, nor "for instance" of
# instances. Not fillers (a speaker who says them is not hesitating), but left out of matching.
_ASIDES = frozenset({("for", "example"), ("for", "instance")})


def find_asides(tokens: list[Token]) -> list[tuple[int, int]]:
    """Character spans of "for example" and "for instance" (tokens from normalize.tokenize)."""
    return [
        (first.start, second.end)
        for first, second in itertools.pairwise(tokens)
        if (first.lower, second.lower) in _ASIDES and first.sentence == second.sentence
    ]
