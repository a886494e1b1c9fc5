"""The bank's form for an abbreviation rule: `"gan != generative adversarial network"`.

A misconception pattern of this form means "GAN expanded as anything else" (see
`interviewer.scoring.acronyms`, which finds such guesses). Kept free of the scorer so the
bank loader can validate patterns without importing it.
"""

from __future__ import annotations

from dataclasses import dataclass

NOT_EXPANDED_AS = "!="  # "gan != generative adversarial network"
# Small words an expansion may contain without their letter in the abbreviation
# ("bidirectional encoder representations from transformers" is BERT).
SMALL_WORDS = frozenset({"of", "and", "from", "for", "the", "a", "an", "to", "in", "on", "with"})


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """An abbreviation (as one word, "gan") and the words of its right expansion."""

    short: str
    expansion: tuple[str, ...]

    @property
    def initials(self) -> str:
        """Initials of the expansion's main words ("rlu" for rectified linear unit)."""
        return "".join(w[0] for w in self.expansion if w not in SMALL_WORDS)


def parse_abbreviation(pattern: str) -> Abbreviation | None:
    """The rule in `"gan != generative adversarial network"`, or None for other patterns."""
    if NOT_EXPANDED_AS not in pattern:
        return None
    short, _, expansion = pattern.partition(NOT_EXPANDED_AS)
    letters = "".join(ch for ch in short.casefold() if ch.isalnum())
    words = tuple(expansion.casefold().replace("-", " ").split())
    rule = Abbreviation(letters, words)
    return rule if letters and rule.initials else None
