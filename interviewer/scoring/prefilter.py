"""Which of a question's phrases may occur in an answer, worked out for all of them at once.

`phrases.may_occur` rules a phrase out when the answer holds too few of its chunks (see
`Phrase.chunks`) or, for a phrase matched exactly, not the phrase itself. A question has
hundreds of phrases, and asking each of them on every answer took a fifth of the time to
score one. A `PhraseIndex` turns the test around: it lists, for each chunk, the phrases
cut into it, so the chunks an answer holds count, in one pass, how many each phrase has
(`Doc.live`). `LastParts` does the same for a group of aliases or patterns, which are only
tried when their last part may occur. Both give exactly the answers `may_occur` gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from interviewer.scoring.matching import Alias
    from interviewer.scoring.phrases import Phrase


@dataclass(frozen=True, eq=False, slots=True)
class PhraseIndex:
    """The phrases of one question, by the chunks (and exact forms) that let them occur."""

    keys: frozenset[int]  # `Phrase.key` of every phrase indexed
    by_chunk: dict[str, list[int]]  # a chunk -> the fuzzy phrases cut into it
    chunks: frozenset[str]  # the keys of `by_chunk`, for a fast intersection
    shared: dict[int, int]  # a fuzzy phrase's key -> its `Phrase.shared`
    always: frozenset[int]  # fuzzy phrases too short to rule out by chunks
    by_compact: dict[str, list[int]]  # a compact form -> the exact phrases of that form
    compacts: frozenset[str]  # the keys of `by_compact`

    def live(self, grams: AbstractSet[str], stretches: Iterable[str]) -> set[int]:
        """The keys of the phrases that may occur in an answer holding these `grams` (see
        `Doc.grams`) and these `stretches` (compact forms of its runs of tokens)."""
        live = set(self.always)
        by_chunk, shared = self.by_chunk, self.shared
        counts = Counter(chain.from_iterable([by_chunk[c] for c in self.chunks & grams]))
        live.update([key for key, count in counts.items() if count >= shared[key]])
        by_compact = self.by_compact
        for stretch in self.compacts.intersection(stretches):
            live.update(by_compact[stretch])
        return live


def index_phrases(phrases: Iterable[Phrase]) -> PhraseIndex:
    """The index of these phrases (repeats are indexed once)."""
    keys: set[int] = set()
    by_chunk: dict[str, list[int]] = {}
    by_compact: dict[str, list[int]] = {}
    shared: dict[int, int] = {}
    always: set[int] = set()
    for phrase in phrases:
        if phrase.key in keys:
            continue
        keys.add(phrase.key)
        if not phrase.max_distance:
            by_compact.setdefault(phrase.compact, []).append(phrase.key)
        elif phrase.shared <= 0:
            always.add(phrase.key)
        else:
            shared[phrase.key] = phrase.shared
            for chunk in phrase.chunks:
                by_chunk.setdefault(chunk, []).append(phrase.key)
    return PhraseIndex(
        keys=frozenset(keys),
        by_chunk=by_chunk,
        chunks=frozenset(by_chunk),
        shared=shared,
        always=frozenset(always),
        by_compact=by_compact,
        compacts=frozenset(by_compact),
    )


@dataclass(frozen=True, eq=False, slots=True)
class LastParts:
    """Where each last part occurs in a group of aliases: `Phrase.key` -> their places."""

    keys: frozenset[int]
    places: dict[int, tuple[int, ...]]

    def live_places(self, live: AbstractSet[int]) -> Sequence[int]:
        """The places, in order, of the aliases whose last part is among `live` keys."""
        hits = self.keys.intersection(live)
        if not hits:
            return ()
        if len(hits) == 1:
            return self.places[next(iter(hits))]
        return sorted(chain.from_iterable(map(self.places.__getitem__, hits)))


def last_parts(aliases: Sequence[Alias]) -> LastParts:
    """The `LastParts` of a group of aliases (a concept's, or a misconception's patterns)."""
    places: dict[int, list[int]] = {}
    for place, alias in enumerate(aliases):
        places.setdefault(alias.parts[-1].key, []).append(place)
    return LastParts(frozenset(places), {key: tuple(found) for key, found in places.items()})
