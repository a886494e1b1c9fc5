"""Text to comparable tokens, each remembering where it came from in the original text.

Normalisation covers case, accents, curly quotes, punctuation, hyphens (a separator, so
"non-linear" and "non linear" agree; "nonlinear" is matched by joining words later),
contractions ("isn't" -> "is not"), numbers (digits or words), "%" as "percent", a light
suffix stemmer so "predicts", "predicted" and "predicting" agree, and everyday synonyms
("technique" is "method"; see `synonyms`). Every token keeps the character span of the word
it came from, so matches can be highlighted in the text exactly as given.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from interviewer.scoring.numbers import digit_tokens, number_word
from interviewer.scoring.synonyms import GROUPS

# A number (with thousands separators or a decimal part) or a run of letters, possibly with
# apostrophes inside (contractions, possessives). Letters and digits are separate runs, so
# "L1" is "l" "1" just like the spoken "l one". A percent sign is the word "percent": a
# recogniser writes "ninety percent" as "90%".
_WORD = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[^\W\d_]+(?:['’‘ʼ`][^\W\d_]+)*|%"
)
_PERCENT = (("percent", "percent"),)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_SENTENCE_END = frozenset(".!?;")
# "It's... trained to predict", "BERT is an... LSTM": a recogniser writes a spoken
# hesitation as an ellipsis. Only a capitalised word ("... Then we") starts a new sentence.
_ELLIPSIS = re.compile(r"\.{2,3}(?!\.)|…")

# Articles carry no meaning for matching; dropping them lets "area under the curve" match
# "area under a curve" and "area under curve". "a" stays: it is also the letter in "a u c".
DROPPED = frozenset({"the", "an"})

# British spellings to American, so "normalisation", "neighbours" and "centre" agree with
# "normalization", "neighbors" and "center" without spending fuzzy tolerance on them.
_BRITISH = (
    (re.compile(r"(?<=..)is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=..)ys(e|es|ed|ing|er|ers)$"), r"yz\1"),
    (re.compile(r"(?<=..)our(s?)$"), r"or\1"),
    (re.compile(r"(?<=..)tre(s?)$"), r"ter\1"),
)

_CONTRACTION_SUFFIX = {"re": "are", "ve": "have", "ll": "will", "d": "would", "m": "am"}
_NEGATED_BASE = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}


class Token(NamedTuple):
    """One normalised token and the span of the word it came from."""

    norm: str  # compared when matching: stemmed, numbers as digits
    lower: str  # the plain lower-case word (after expanding contractions), for fillers/cues
    start: int
    end: int
    sentence: int  # index of the sentence it is in (split at . ! ? ;)


def tokenize(text: str) -> list[Token]:
    """All tokens of `text` in order, articles included (see `matchable`)."""
    tokens: list[Token] = []
    sentence = 0
    previous_end = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        if tokens and _ends_sentence(text[previous_end:start], match.group()):
            sentence += 1
        previous_end = end
        for lower, norm in _word_forms(match.group()):
            tokens.append(Token(norm, lower, start, end, sentence))
    return tokens


def _ends_sentence(gap: str, next_word: str) -> bool:
    """Whether the text between two words ends a sentence (before `next_word`)."""
    if _SENTENCE_END.isdisjoint(gap):
        return False
    if not (next_word[0].isupper() and not next_word.isupper()):  # not "Then", "The"
        gap = _ELLIPSIS.sub("", gap)  # "scale.... t-SNE" keeps its full stop
    return not _SENTENCE_END.isdisjoint(gap)


def matchable(tokens: list[Token]) -> list[Token]:
    """The tokens that take part in matching (articles left out)."""
    return [t for t in tokens if t.norm not in DROPPED]


def norms(text: str) -> list[str]:
    """The normalised forms of the matchable tokens, without their places: what compiling a
    bank's many thousand phrases needs, at half the cost of `tokenize`."""
    # Nearly all of them are plain words and spaces, which `_WORD` would split at the
    # spaces anyway; splitting them without it makes compiling a question a tenth faster.
    if text.isascii() and text.replace(" ", "").isalpha():
        words = text.split()
    else:
        words = [match.group() for match in _WORD.finditer(text)]
    return [norm for word in words for _, norm in _word_forms(word) if norm not in DROPPED]


def normalize(text: str) -> str:
    """The matchable normalised tokens joined by spaces, e.g. "Isn't L1" -> "is not l 1"."""
    return " ".join(norms(text))


def clear_cache() -> None:
    """Forget the cached forms of words seen so far."""
    _word_forms.cache_clear()


@lru_cache(maxsize=1 << 16)
def _word_forms(raw: str) -> tuple[tuple[str, str], ...]:
    """(lower, norm) pairs for one matched word; a contraction or number may give several.

    Cached: answers reuse a small vocabulary, and this is most of the cost of tokenising.
    """
    if raw[0].isdecimal():
        return tuple((tok, tok) for tok in digit_tokens(raw))
    if raw == "%":
        return _PERCENT
    pairs = []
    for word in _expand_contraction(_fold(raw)):
        if not word:  # e.g. a lone "ʼ", which Unicode counts as a letter
            continue
        number = number_word(word)
        pairs.append((word, number if number is not None else _canonical(stem(word))))
    return tuple(pairs)


def _fold(raw: str) -> str:
    """Lower case, straight apostrophes, accents removed ("Naïve" -> "naive")."""
    folded = unicodedata.normalize("NFKD", raw.translate(_APOSTROPHES).casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def _expand_contraction(word: str) -> list[str]:
    if word == "cannot":  # one word in writing, but the same "can not" as "can't"
        return ["can", "not"]
    if "'" not in word:
        return [word]
    base, _, suffix = word.partition("'")
    if suffix == "t" and base.endswith("n") and len(base) > 1:
        stem_part = base[:-1]
        return [_NEGATED_BASE.get(stem_part, stem_part), "not"]
    if suffix == "s":  # possessive or "is": neither matters for matching
        return [base]
    if suffix in _CONTRACTION_SUFFIX:
        return [base, _CONTRACTION_SUFFIX[suffix]]
    return [word.replace("'", "")]


def stem(word: str) -> str:
    """A light, conservative suffix stripper so inflections agree ("labels"/"labeled" -> "label").

    It only needs to be consistent (both sides go through it), not linguistically right; short
    words are left alone because they are matched exactly anyway.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if len(word) >= 6:
        for pattern, replacement in _BRITISH:
            word = pattern.sub(replacement, word)
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes")) or (
        word.endswith("ses") and len(word) > 4 and word[:-2].endswith(("as", "us", "is"))
    ):  # "buses" -> "bus", but "uses" -> "use"
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is", "as", "os")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = _undouble(word[:-3])
    elif len(word) > 5 and word.endswith("ed") and not word.endswith("eed"):
        word = _undouble(word[:-2])
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("ll"):  # "labelled"/"labeled", "modelling"/"modeling"
        word = word[:-1]
    return word


def _undouble(word: str) -> str:
    """'runn' -> 'run', 'stopp' -> 'stop'; keeps 'ss' and vowels ('ll' is handled after)."""
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsaeiou":
        return word[:-1]
    return word


def _canonical(stemmed: str) -> str:
    """The one word a group of everyday synonyms is folded to (see `synonyms`)."""
    return _SYNONYM_OF.get(stemmed, stemmed)


_SYNONYM_OF = {stem(word): stem(group[0]) for group in GROUPS for word in group[1:]}
