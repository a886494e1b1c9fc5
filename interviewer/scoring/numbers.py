"""Numbers written as digits or as words normalise to the same tokens.

A recogniser writes "zero point five" where a typist writes "0.5", and "l one" where a
typist writes "L1"; both sides of a comparison go through here, so either spelling matches.
Compound numbers are deliberately not combined ("twenty one" stays "20 1"): each word maps on
its own, which keeps normalisation local to a word and so independent of the text around it.
"""

from __future__ import annotations

import unicodedata

_WORD_VALUES = {
    "zero": 0,
    "nought": 0,
    "naught": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}

NUMBER_WORDS: dict[str, str] = {word: str(value) for word, value in _WORD_VALUES.items()}

POINT = "point"


def number_word(word: str) -> str | None:
    """The digits for a lower-case number word ("seven" -> "7"), or None if it is not one."""
    return NUMBER_WORDS.get(word)


def digit_tokens(raw: str) -> list[str]:
    """Tokens for a run of digits as written: "1,000" -> ["1000"], "0.5" -> ["0", "point", "5"].

    The decimal point becomes the word "point" because that is how it is spoken. Leading zeros
    of the whole part are dropped ("007" -> "7"); the fractional digits are kept as written.
    """
    whole, _, fraction = raw.replace(",", "").partition(".")
    tokens = [_ascii_digits(whole).lstrip("0") or "0"]
    if fraction:
        tokens += [POINT, _ascii_digits(fraction)]
    return tokens


def _ascii_digits(digits: str) -> str:
    # Any Unicode decimal digit ("٣") counts; int() is avoided because it refuses very long
    # digit strings, and an answer may hold anything.
    return "".join(str(unicodedata.decimal(ch)) for ch in digits)
