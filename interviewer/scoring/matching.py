"""Finding an alias in an answer: one phrase, or several parts near each other or in order.

An alias is one phrase ("gradient descent"), parts that must occur close together in any
order ("a + b"), or parts that must follow each other in one clause ("a ... b", the shape of
most misconception patterns). Each part is found by `phrases.find_phrase`; this module
combines the parts and picks the best occurrence among a concept's aliases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from interviewer.scoring.phrases import (
    Doc,
    Occurrence,
    Phrase,
    compile_phrase,
    find_phrase,
    may_occur,
)

if TYPE_CHECKING:
    from interviewer.scoring.prefilter import LastParts

WINDOW_TOKENS = 12  # "a + b": all parts within this many tokens, in any order
ORDERED = "..."  # "a ... b": b follows a in the same clause (see find_ordered)
ORDERED_GAP_TOKENS = 8  # at most this many tokens between consecutive parts of "a ... b"


@dataclass(frozen=True, slots=True)
class Alias:
    """A compiled alias: one phrase, or several parts ("a + b") that must occur close together.

    An ordered alias ("a ... b") needs its parts in that order; see `find_ordered`.
    """

    text: str
    parts: tuple[Phrase, ...]
    ordered: bool = False

    @property
    def length(self) -> int:
        """Characters of all parts' compact forms, the base for a similarity figure."""
        return sum(len(p.compact) for p in self.parts)


def compile_alias(
    text: str, max_edits: int = 3, max_word_edits: int | None = None
) -> Alias | None:
    """An alias as written in the bank; "+" separates parts that must occur near each other,
    "..." parts that must occur in that order (see `find_ordered`). Each part tolerates at
    most `max_edits` edits, and at most `max_word_edits` (when given) within one word."""
    ordered = ORDERED in text
    pieces = text.split(ORDERED) if ordered else text.split("+")
    parts = tuple(
        p
        for p in (compile_phrase(part, max_edits, max_word_edits) for part in pieces)
        if p is not None
    )
    if not parts:
        return None
    return Alias(text, parts, ordered=ordered and len(parts) > 1)


def find_alias(
    alias: Alias, doc: Doc, *, fuzzy: bool = True, same_sentence: bool = False
) -> list[Occurrence]:
    """Occurrences of the alias; for "a + b", each close-together combination of the parts.

    The occurrence of a combination spans from its first to its last part; its distance is
    the sum of the parts' distances. Sorted by (start, end, distance).
    """
    if alias.ordered:
        return find_ordered(alias, doc, frozenset(), fuzzy=fuzzy)
    if len(alias.parts) == 1:
        found = find_phrase(alias.parts[0], doc, fuzzy=fuzzy)
        if same_sentence and found:
            found = [o for o in found if doc.same_sentence(o.start, o.end)]
        return found
    per_part = _every_part(alias, doc, fuzzy)
    if per_part is None:
        return []
    return _combinations(per_part, doc, same_sentence)


def find_ordered(
    alias: Alias,
    doc: Doc,
    barriers: frozenset[int],
    *,
    fuzzy: bool = True,
    subjects: Sequence[Occurrence] = (),
    own_clause: Callable[[int, int], bool] | None = None,
) -> list[Occurrence]:
    """Occurrences of "a ... b": each part after the previous one, in one sentence.

    Statements such as "bagging trains the models sequentially" are phrased in many ways; the
    subject and what is said of it are the stable part. Order matters ("a + b" would also find
    "boosting is sequential, bagging parallel"), and so does the clause: no token in
    `barriers` (the caller's clause breaks and negations: "and", "whereas", "not"...) and no
    rival from `subjects` may lie between two parts, and each gap is at most
    ORDERED_GAP_TOKENS long.
    Nor may a later part open a clause of its own (`own_clause`, given its tokens): in
    "huber is a regression loss, for classification you would use", "classification" is not
    what is said of Huber.
    The first occurrence of each next part is taken, so a combination is as tight as it can be.
    A later part may not be the opening piece of one of `subjects` (the rival subjects): in
    "grid search or random search", "random" belongs to "random search", not to grid search.
    """
    per_part = _every_part(alias, doc, fuzzy)
    if per_part is None:
        return []
    found: list[Occurrence] = []
    for first in per_part[0]:
        end, distance, ok = first.end, first.distance, True
        sentence = doc.tokens[first.start].sentence
        for occurrences in per_part[1:]:
            nxt = next(
                (o for o in occurrences
                 if end <= o.start <= end + ORDERED_GAP_TOKENS
                 and doc.tokens[o.end - 1].sentence == sentence),
                None,
            )
            if (
                nxt is None
                or any(end <= b < nxt.start for b in barriers)
                or any(_splits(nxt, s) for s in subjects)
                or any(_rival_between(s, first, end, nxt.start) for s in subjects)
                or (own_clause is not None and own_clause(nxt.start, nxt.end))
            ):
                ok = False
                break
            end, distance = nxt.end, distance + nxt.distance
        if ok and doc.same_sentence(first.start, first.end):
            found.append(Occurrence(first.start, end, distance))
    return found


def _every_part(alias: Alias, doc: Doc, fuzzy: bool) -> list[list[Occurrence]] | None:
    """Each part's occurrences, or None as soon as one part has none.

    The last part is searched first: a pattern's first part is mostly the question's own
    subject ("k-means ... labels"), found in nearly every answer, while what is said of it
    is rare, so most patterns fail at their first lookup and the subject is never searched.
    """
    per_part = []
    for part in reversed(alias.parts):
        found = find_phrase(part, doc, fuzzy=fuzzy)
        if not found:
            return None
        per_part.append(found)
    per_part.reverse()
    return per_part


def _rival_between(subject: Occurrence, first: Occurrence, start: int, end: int) -> bool:
    """Whether `subject` names a rival in the gap [start, end) between two parts. A subject
    overlapping the pattern's first part is that same mention ("dropout is" when the pattern
    is "dropout ... rows", "high bias means" when it is "bias ... sensitive"), so it never
    blocks its own pattern."""
    same_mention = max(subject.start, first.start) < min(subject.end, first.end)
    return not same_mention and max(subject.start, start) < min(subject.end, end)


def _splits(part: Occurrence, subject: Occurrence) -> bool:
    """Whether `part` is the opening piece of `subject` ("random" of "random search")."""
    return part.start == subject.start and part.end < subject.end


def _combinations(
    per_part: list[list[Occurrence]], doc: Doc, same_sentence: bool
) -> list[Occurrence]:
    """Spans where every part occurs within WINDOW_TOKENS of the leftmost one.

    Each occurrence of each part is tried as the leftmost; every other part then takes its
    closest match (fewest edits, then earliest) inside the window. Every valid combination
    has a leftmost part, so none is missed, and the work stays linear in the occurrences.
    """
    found = {
        combo
        for anchor_part, anchors in enumerate(per_part)
        for anchor in anchors
        if (combo := _around(anchor, anchor_part, per_part, doc, same_sentence)) is not None
    }
    return sorted(found)


def _around(
    anchor: Occurrence,
    anchor_part: int,
    per_part: list[list[Occurrence]],
    doc: Doc,
    same_sentence: bool,
) -> Occurrence | None:
    """The combination with `anchor` leftmost, or None when some part is not close enough."""
    limit = anchor.start + WINDOW_TOKENS
    sentence = doc.tokens[anchor.start].sentence
    if anchor.end > limit or (same_sentence and not doc.same_sentence(anchor.start, anchor.end)):
        return None
    end, distance = anchor.end, anchor.distance
    for other, occurrences in enumerate(per_part):
        if other == anchor_part:
            continue
        inside = [
            o
            for o in occurrences
            if o.start >= anchor.start
            and o.end <= limit
            and (not same_sentence or doc.tokens[o.end - 1].sentence == sentence)
        ]
        if not inside:
            return None
        pick = min(inside, key=lambda o: (o.distance, o.start))
        end, distance = max(end, pick.end), distance + pick.distance
    return Occurrence(anchor.start, end, distance)


def best_occurrence(
    aliases: Sequence[Alias], doc: Doc, avoid: Sequence[tuple[int, int]] = ()
) -> tuple[Alias, Occurrence] | None:
    """The best-matching alias and where: fewest edits, then earliest, then alias order.

    Exact matches are looked for first across all aliases; fuzzy matching only runs when
    none is found, which keeps the common case fast. Occurrences lying wholly inside one
    of the `avoid` character ranges (start, end) of the text are not counted.
    """
    live = possible(aliases, doc)
    for fuzzy in (False, True):
        found = _occurrences(live, doc, avoid, fuzzy)
        if found:
            _, alias, occ = min(found, key=_key)
            return alias, occ
    return None


class Mention(NamedTuple):
    """Where an answer best mentions a concept, and whether it comes back to it."""

    alias: Alias
    occurrence: Occurrence
    again: bool  # the aliases also occur in a separate place of the answer


def find_mention(
    aliases: Sequence[Alias],
    doc: Doc,
    avoid: Sequence[tuple[int, int]] = (),
    lasts: LastParts | None = None,
) -> Mention | None:
    """The `best_occurrence` of `aliases`, and whether they occur again elsewhere.

    Occurrences that overlap are one place: "a penalty on large weights" found by both
    "penalty" and "penalty on large weights" is one mention. The fuzzy search, which also
    finds misrecognised repeats ("drop out ... dropped out"), only runs when the exact
    matches do not settle both questions. `lasts` are the aliases' `LastParts`, when known.
    """
    live = possible(aliases, doc, lasts)
    exact = _occurrences(live, doc, avoid, fuzzy=False)
    if exact and _apart(exact):
        _, alias, occ = min(exact, key=_key)
        return Mention(alias, occ, again=True)
    fuzzy = _occurrences(live, doc, avoid, fuzzy=True)
    if not fuzzy:
        return None
    _, alias, occ = min(exact or fuzzy, key=_key)
    return Mention(alias, occ, again=_apart(fuzzy))


_Found = tuple[tuple[int, int, int], Alias, Occurrence]


def possible(
    aliases: Sequence[Alias], doc: Doc, lasts: LastParts | None = None
) -> list[tuple[int, Alias]]:
    """The aliases (with their place in `aliases`) whose last part `may_occur` in `doc`: a
    concept has dozens of aliases, and an answer holds few of them. With the aliases'
    `lasts`, and a `doc` whose index holds their phrases, they are looked up all at once."""
    if lasts is not None and doc.index is not None:
        return [(i, aliases[i]) for i in lasts.live_places(doc.live)]
    return [(i, alias) for i, alias in enumerate(aliases) if may_occur(alias.parts[-1], doc)]


def _occurrences(
    aliases: Sequence[tuple[int, Alias]],
    doc: Doc,
    avoid: Sequence[tuple[int, int]],
    fuzzy: bool,
) -> list[_Found]:
    """Every occurrence of each (place, alias) outside `avoid`, keyed (edits, start, place)."""
    return [
        ((occ.distance, occ.start, index), alias, occ)
        for index, alias in aliases
        for occ in find_alias(alias, doc, fuzzy=fuzzy)
        if not (avoid and _inside(doc.char_span(occ.start, occ.end), avoid))
    ]


def _key(found: _Found) -> tuple[int, int, int]:
    return found[0]


def _apart(found: Sequence[_Found]) -> bool:
    """Whether two of the occurrences do not overlap."""
    reached = 0  # the furthest end so far; every occurrence ends after token 0
    for start, end in sorted((occ.start, occ.end) for _, _, occ in found):
        if reached and start >= reached:
            return True
        reached = max(reached, end)
    return False


def _inside(span: tuple[int, int], ranges: Sequence[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in ranges)
