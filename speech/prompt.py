"""The vocabulary prompt: a short list of a question's key terms, given to Whisper as
`initial_prompt` so that jargon such as "ReLU", "LSTM" or "k-means" comes out spelled right.

Whisper reads the prompt as text that came before the audio, and keeps at most 223 prompt
tokens; a long prompt also slows every decode. So the list is deduplicated, kept in order of
importance and cut at a token budget (150 by default).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from interviewer.models import Question

DEFAULT_MAX_TOKENS = 150
_SEPARATOR = ", "
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'-]*")
# Acronyms and mixed case (LSTM, ReLU, XGBoost, t-SNE), letter-digit mixes (L2, GPT-3, F1),
# and single-letter prefixes (k-means, k-fold): the words a recogniser gets wrong.
_JARGON = re.compile(
    r"^(?:[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*"  # two capitals anywhere
    r"|[a-z]+[A-Z][A-Za-z0-9-]*"  # lower then upper: tSNE, eGPU
    r"|[A-Za-z]+-?\d[A-Za-z0-9-]*"  # letters then digits: L2, GPT-3, Word2Vec
    r"|[A-Za-z]-[A-Za-z][A-Za-z-]*)$"  # one letter, hyphen: k-means, t-SNE
)


def is_jargon(word: str) -> bool:
    """True for acronyms, mixed-case names, letter-digit mixes and k-style hyphenations."""
    return len(word) >= 2 and bool(_JARGON.match(word))


def _clean_term(term: str) -> str:
    # A bank alias "a + b" means both parts near each other; as prompt text it is "a b".
    text = re.sub(r"\s*\+\s*", " ", term)
    text = text.replace(",", " ")
    return " ".join(text.split()).strip(" .;:")


@cache
def _whisper_counter() -> Callable[[str], int] | None:
    try:
        from whisper.tokenizer import get_tokenizer
    except ImportError:
        return None
    tokenizer = get_tokenizer(multilingual=False)
    return lambda text: len(tokenizer.encode(text))


def estimate_tokens(text: str) -> int:
    """A conservative token count without a tokenizer: every 2 letters, digit or mark is one."""
    pieces = re.findall(r"[A-Za-z]+|\d|[^\sA-Za-z\d]", text)
    return sum(math.ceil(len(p) / 2) if p[0].isalpha() else 1 for p in pieces)


def count_tokens(text: str) -> int:
    """Tokens `text` takes as a Whisper prompt (whisper's tokenizer when installed)."""
    counter = _whisper_counter()
    # Whisper encodes the prompt with a leading space; count it the same way.
    return counter(" " + text) if counter else estimate_tokens(" " + text)


def build_prompt(terms: Sequence[str], max_tokens: int = DEFAULT_MAX_TOKENS) -> str:
    """A comma-separated list of `terms`, deduplicated (case-insensitively), in the order
    given, and cut at whole terms so that it fits in `max_tokens` Whisper tokens."""
    kept: list[str] = []
    seen: set[str] = set()
    for raw in terms:
        term = _clean_term(raw)
        key = term.casefold()
        if not term or key in seen or not any(ch.isalnum() for ch in term):
            continue
        candidate = _SEPARATOR.join([*kept, term]) + "."
        if count_tokens(candidate) > max_tokens:
            break
        seen.add(key)
        kept.append(term)
    return _SEPARATOR.join(kept) + "." if kept else ""


def _casing(texts: Iterable[str]) -> dict[str, str]:
    """lower-case jargon word -> how the bank's own text writes it ("relu" -> "ReLU")."""
    spelled: dict[str, str] = {}
    for text in texts:
        for word in _WORD.findall(text):
            if is_jargon(word):
                spelled.setdefault(word.casefold(), word)
    return spelled


def _respell(term: str, spelled: dict[str, str]) -> str:
    return " ".join(spelled.get(w.casefold(), w) for w in _clean_term(term).split())


def _jargon_in(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if is_jargon(w)]


def _distinctive(alias: str, label: str) -> bool:
    """Aliases worth spending prompt tokens on: jargon, or a short abbreviation of the label."""
    words = alias.split()
    if any(is_jargon(w) for w in words):
        return True
    return len(words) == 1 and len(alias) <= 5 and alias.casefold() != label.casefold()


def prompt_terms_for(question: Question) -> list[str]:
    """The terms to prompt with for `question`, most important first.

    Core concept labels, then distinctive aliases (acronyms, jargon), then supporting
    labels, then jargon from the question and its sample answer. Lower-case bank labels are
    respelled the way the question and sample answer write them ("pca" -> "PCA").
    """
    spelled = _casing([question.text, question.sample_answer])
    core = question.core_concepts
    supporting = [c for c in question.concepts if c not in core]
    terms = [_respell(c.label, spelled) for c in core]
    for concept in (*core, *supporting):
        label = _respell(concept.label, spelled)
        for alias in concept.aliases:
            alias = _respell(alias, spelled)
            if _distinctive(alias, label):
                terms.append(alias)
    terms += [_respell(c.label, spelled) for c in supporting]
    terms += _jargon_in(question.text) + _jargon_in(question.sample_answer)
    seen: set[str] = set()
    unique = []
    for term in terms:
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            unique.append(term)
    return unique
