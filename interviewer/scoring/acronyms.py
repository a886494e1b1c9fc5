"""Spotting a wrong expansion of an abbreviation: "ROC is rate of change", "a GAN is a
global area network".

Candidates who do not know a term often guess what its letters stand for, and the guess
uses none of the words a pattern could list in advance. What gives it away is its shape:
the abbreviation, a cue ("stands for", "is short for", "is"), then words whose initials
spell the abbreviation but which are not the right expansion. A bank states the rule as a
misconception pattern `"gan != generative adversarial network"`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

# The rule's form lives outside the scoring package so the bank loader can check it
# without importing the scorer; re-exported here for the scorer's callers.
from interviewer.abbreviations import (
    NOT_EXPANDED_AS,
    SMALL_WORDS,
    Abbreviation,
    parse_abbreviation,
)
from interviewer.scoring.normalize import Token
from interviewer.scoring.phrases import Doc, Occurrence

__all__ = ["NOT_EXPANDED_AS", "Abbreviation", "find_wrong_expansions", "parse_abbreviation"]

_MAX_CUE_TOKENS = 4  # "stands for", "is short for", "is an abbreviation for"
# Words that may sit between an abbreviation and its expansion.
_CUES = frozenset(
    {"stand", "stands", "for", "is", "are", "short", "means", "meaning", "mean", "abbreviation",
     "acronym", "abbreviated", "a", "an", "the", "refers", "to", "called"}
)
# Cues that are an expansion on their own; a bare "is" is weaker, see `_plausible`.
_STRONG_CUES = frozenset({"stand", "stands", "short", "means", "meaning", "mean",
                          "abbreviation", "acronym", "abbreviated"})
# One of these must be among the cues: "RL for robot locomotion" expands nothing.
_LINKS = _STRONG_CUES | {"is", "are", "refers", "called"}
# Words that start a description, not a name: after a bare "is", "about intelligence" or
# "mostly learning" spell AI and ML by chance.
_FUNCTION = frozenset(
    {"about", "all", "also", "any", "as", "at", "basically", "be", "because", "by", "can",
     "just", "like", "many", "more", "most", "much", "not", "only", "one", "some", "so",
     "such", "that", "this", "used", "using", "very", "what", "when", "where", "which",
     "while", "who", "how", "it", "its", "there", "their", "they", "we", "you", "your",
     "our", "really", "quite", "simply", "actually", "kind", "sort", "type", "way"}
)


def find_wrong_expansions(rule: Abbreviation, doc: Doc) -> list[Occurrence]:
    """Where `doc` expands the abbreviation as something other than its right expansion:
    after a cue ("ROC stands for rate of change") or set off beside it ("ROC (rate of
    change)", "ROC, or rate of change", "rate of change (ROC)")."""
    found = []
    tokens = doc.tokens
    for start in _mentions(rule.short, doc):
        apposed = _set_off(rule, doc, start)
        if apposed is not None:
            found.append(apposed)
            continue
        cue_end = start.end
        limit = min(len(tokens), start.end + _MAX_CUE_TOKENS)
        while cue_end < limit and tokens[cue_end].lower in _CUES:
            cue_end += 1
        cues = {t.lower for t in tokens[start.end : cue_end]}
        if cues.isdisjoint(_LINKS) or tokens[cue_end - 1].sentence != tokens[start.start].sentence:
            continue
        words = _spelling(rule, doc, cue_end)
        if words is None:
            continue
        strong = not cues.isdisjoint(_STRONG_CUES)
        if _wrong_name(tokens[cue_end:words], rule, strong=strong):
            found.append(Occurrence(start.start, words, 0))
    return found


def _set_off(rule: Abbreviation, doc: Doc, mention: Occurrence) -> Occurrence | None:
    """A wrong expansion written beside the abbreviation, the way a name is glossed:
    "ROC (rate of change)", "ROC, or rate of change", "rate of change (ROC)". Only the
    punctuation links the two, so the words must read as a name (see `_plausible`)."""
    return _gloss_after(rule, doc, mention) or _gloss_before(rule, doc, mention)


def _gloss_after(rule: Abbreviation, doc: Doc, mention: Occurrence) -> Occurrence | None:
    """"ROC (rate of change)" or "ROC, or rate of change", when that is not the right one."""
    tokens = doc.tokens
    start = mention.end
    if start >= len(tokens):
        return None
    gap = doc.text[tokens[start - 1].end : tokens[start].start]
    if "," in gap and tokens[start].lower == "or":
        start += 1
    elif "(" not in gap:
        return None
    end = _spelling(rule, doc, start) if start < len(tokens) else None
    if end is None or tokens[start].sentence != tokens[mention.start].sentence:
        return None
    return Occurrence(mention.start, end, 0) if _wrong_name(tokens[start:end], rule) else None


def _gloss_before(rule: Abbreviation, doc: Doc, mention: Occurrence) -> Occurrence | None:
    """"rate of change (ROC)": the shortest run of words just before the "(" that spells
    the abbreviation, when that is not the right expansion."""
    tokens = doc.tokens
    if mention.start == 0 or doc.text[: tokens[mention.start].start].rstrip()[-1:] != "(":
        return None
    lowest = max(-1, mention.start - 2 * len(rule.initials) - 3)
    for begin in range(mention.start - 1, lowest, -1):
        if _spelling(rule, doc, begin) == mention.start:
            wrong = _wrong_name(tokens[begin : mention.start], rule)
            return Occurrence(begin, mention.end, 0) if wrong else None
    return None


def _wrong_name(words: Sequence[Token], rule: Abbreviation, *, strong: bool = False) -> bool:
    """Whether these words read as a name (see `_plausible`) and are not the abbreviation's
    right expansion."""
    said = tuple(t.lower for t in words)
    return _plausible(said, strong=strong) and not _same(said, rule)


def _mentions(short: str, doc: Doc) -> list[Occurrence]:
    """The abbreviation as one word ("gan") or spelled out ("g a n")."""
    tokens = doc.tokens
    found = [Occurrence(i, i + 1, 0) for i, t in enumerate(tokens) if t.lower == short]
    n = len(short)
    if n > 1:
        found += [
            Occurrence(i, i + n, 0)
            for i in range(len(tokens) - n + 1)
            if "".join(t.lower for t in tokens[i : i + n]) == short
            and all(len(t.lower) == 1 for t in tokens[i : i + n])
        ]
    return sorted(found)


def _spelling(rule: Abbreviation, doc: Doc, start: int) -> int | None:
    """End of the shortest run of words from `start` whose initials spell the
    abbreviation's, in one sentence; None when there is none. A small word may count or
    not: "rate of change" spells ROC, "bidirectional encoder representations from
    transformers" spells BERT."""
    tokens = doc.tokens
    target = rule.initials
    spelled = {""}
    for end in range(start, min(len(tokens), start + 2 * len(target) + 2)):
        word = tokens[end].lower
        if tokens[end].sentence != tokens[start].sentence or not word.isalpha():
            return None
        grown = {p + word[0] for p in spelled}
        if word in SMALL_WORDS:
            grown |= spelled
        spelled = {p for p in grown if target.startswith(p)}
        if target in spelled:
            return end + 1
        if not spelled:
            return None
    return None


def _plausible(words: Sequence[str], *, strong: bool) -> bool:
    """Whether these words read as a name (an expansion), not as the start of a sentence."""
    if not words or words[0] in SMALL_WORDS or words[-1] in SMALL_WORDS:
        return False
    if strong:
        return True
    # After a bare "is", demand name-like words: "about intelligence" spells AI by chance.
    return all(
        w in SMALL_WORDS or (w not in _FUNCTION and len(w) >= 3 and not w.endswith("ly"))
        for w in words
    )


def _same(words: Sequence[str], rule: Abbreviation) -> bool:
    """Whether the words are the right expansion, allowing misheard words ("adversary")."""
    said = [w for w in words if w not in SMALL_WORDS]
    right = [w for w in rule.expansion if w not in SMALL_WORDS]
    return len(said) == len(right) and all(_close(a, b) for a, b in zip(said, right, strict=True))


def _close(said: str, right: str) -> bool:
    """Same word, shortened ("net" for network) or misheard ("adversary" for adversarial)."""
    if said[:4] == right[:4] or (len(said) >= 3 and right.startswith(said)):
        return True
    return Levenshtein.normalized_similarity(said, right) >= 0.75
