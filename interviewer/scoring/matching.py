"""Finding alias phrases in an answer: exact, split/joined and fuzzy, scaled by length.

Comparison happens on "compact" strings (the normalised tokens of a phrase or of a stretch
of the answer joined without spaces), so "back propagation" finds "backpropagation", "k
means" finds "kmeans" and "p c a" finds "pca". Misrecognitions ("rock curve" for "roc
curve") are caught by a Levenshtein distance that grows with the phrase's length: short
phrases ("ai", "l1", "relu") must match exactly, because one letter off is another word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from interviewer.scoring.fillers import find_fillers
from interviewer.scoring.normalize import matchable, tokenize

WINDOW_TOKENS = 12  # "a + b": all parts within this many tokens, in any order
ORDERED = "..."  # "a ... b": b follows a in the same clause (see find_ordered)
ORDERED_GAP_TOKENS = 8  # at most this many tokens between consecutive parts of "a ... b"
_JOIN_MIN_LENGTH = 5  # shorter phrases may only be joined from spelled letters ("p c a")
_FUZZY_SPLIT_MIN_LENGTH = 10  # a fuzzy match may also differ in word count from this length


def allowed_distance(length: int) -> int:
    """Edits tolerated for a phrase whose compact form has `length` characters.

    Up to 6 characters nothing is tolerated ("relu" vs "really", "compute" vs "compete"); then
    one edit up to 13 characters ("rock curve" for "roc curve"), two up to 20, three beyond.
    A looser rule turns one word into another ("gradients flow" / "gradients for").
    """
    if length <= 6:
        return 0
    if length <= 13:
        return 1
    return 2 if length <= 20 else 3


@dataclass(frozen=True, slots=True)
class Phrase:
    """A contiguous phrase in normalised form."""

    tokens: tuple[str, ...]
    compact: str
    max_distance: int
    max_word_distance: int | None = None  # edits any one word may take; None: no limit

    @property
    def spelled(self) -> bool:
        """Whether the phrase is written as single letters ("a u c")."""
        return all(len(t) == 1 for t in self.tokens)


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


class Occurrence(NamedTuple):
    """Where a phrase or alias was found: matchable-token indices [start, end) and edits."""

    start: int
    end: int
    distance: int


def compile_phrase(
    text: str, max_edits: int = 3, max_word_edits: int | None = None
) -> Phrase | None:
    """The normalised phrase, or None when nothing matchable is left (e.g. only "the").
    It tolerates `allowed_distance` edits, but never more than `max_edits`, and never more
    than `max_word_edits` (when given) within one word."""
    tokens = tuple(t.norm for t in matchable(tokenize(text)))
    if not tokens:
        return None
    compact = "".join(tokens)
    distance = min(allowed_distance(len(compact)), max_edits)
    return Phrase(tokens, compact, distance, max_word_edits)


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


class Reach(NamedTuple):
    """How far stretches of an answer must go to hold any phrase: tokens and characters."""

    tokens: int = 1
    chars: int = 1

    def union(self, other: Reach) -> Reach:
        """The reach that covers both."""
        return Reach(max(self.tokens, other.tokens), max(self.chars, other.chars))


def reach_of(phrases: Sequence[Phrase]) -> Reach:
    """The longest stretch of answer tokens (and of their characters) these phrases can match."""
    tokens = chars = 1
    for p in phrases:
        tokens = max(tokens, len(p.tokens) + 1)
        if len(p.compact) < _JOIN_MIN_LENGTH or p.max_distance == 0:
            # joined from spelled letters: one token per character
            tokens = max(tokens, min(len(p.compact), 8))
        chars = max(chars, len(p.compact) + p.max_distance)
    return Reach(tokens, chars)


class Doc:
    """An answer prepared for matching: its tokens and every short stretch of them, indexed."""

    def __init__(self, text: str, reach: Reach, known: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.known = known  # real words: never taken for a misrecognised single-word alias
        self.all_tokens = tokenize(text)
        # Fillers are skipped, so "gradient um descent" and "mean, you know, squared error"
        # still hold their phrase contiguously (spoken answers are full of them).
        spans = find_fillers(text, self.all_tokens)
        self.tokens = [
            t for t in matchable(self.all_tokens) if not any(s <= t.start < e for s, e in spans)
        ]
        self.exact: dict[str, list[tuple[int, int]]] = {}
        self.by_head: dict[tuple[str, int], list[tuple[str, int, int]]] = {}
        norms = [t.norm for t in self.tokens]
        count = len(norms)
        for i in range(count):
            compact = ""
            for m in range(1, min(reach.tokens, count - i) + 1):
                compact += norms[i + m - 1]
                if len(compact) > reach.chars:
                    break
                self.exact.setdefault(compact, []).append((i, m))
                self.by_head.setdefault((compact[0], len(compact)), []).append((compact, i, m))

    def all_single(self, start: int, count: int) -> bool:
        """Whether tokens [start, start+count) are all single characters (a spelled word)."""
        return all(len(t.norm) == 1 for t in self.tokens[start : start + count])

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets in the text covered by matchable tokens [start, end)."""
        return self.tokens[start].start, self.tokens[end - 1].end

    def same_sentence(self, start: int, end: int) -> bool:
        """Whether tokens [start, end) lie in one sentence."""
        return self.tokens[start].sentence == self.tokens[end - 1].sentence


def _shape_ok(phrase: Phrase, doc: Doc, start: int, count: int, distance: int) -> bool:
    """Whether `count` answer tokens may stand for the phrase (split or joined words)."""
    n = len(phrase.tokens)
    if count == n:
        return True
    if distance == 0:
        return (
            len(phrase.compact) >= _JOIN_MIN_LENGTH
            or phrase.spelled
            or doc.all_single(start, count)
        )
    return len(phrase.compact) >= _FUZZY_SPLIT_MIN_LENGTH and abs(count - n) <= 1 and distance <= 1


def _words_ok(phrase: Phrase, doc: Doc, start: int, count: int, distance: int) -> bool:
    """Whether no single word of a fuzzy match takes more edits than the phrase allows one
    word: spread over a phrase, two edits are a misrecognition; spent on one short word they
    make another word ("train the model like" is not "train the model file"). A number never
    takes an edit: "l2 is ridge" is not a misrecognised "l1 is ridge"."""
    if count != len(phrase.tokens):
        return True
    limit = phrase.max_word_distance
    cap = limit if limit is not None and distance > limit else None  # None: any word may
    for word, token in zip(phrase.tokens, doc.tokens[start : start + count], strict=True):
        if word.isdigit() and token.norm != word:
            return False
        if cap is not None and Levenshtein.distance(word, token.norm, score_cutoff=cap + 1) > cap:
            return False
    return True


def find_phrase(phrase: Phrase, doc: Doc, *, fuzzy: bool = True) -> list[Occurrence]:
    """Every occurrence of `phrase` in `doc`, ordered by position."""
    found = [
        Occurrence(i, i + m, 0)
        for i, m in doc.exact.get(phrase.compact, ())
        if _shape_ok(phrase, doc, i, m, 0)
    ]
    d = phrase.max_distance
    if fuzzy and d:
        target = phrase.compact
        head, length = target[0], len(target)
        single = len(phrase.tokens) == 1
        for size in range(length - d, length + d + 1):
            for compact, i, m in doc.by_head.get((head, size), ()):
                if compact == target or (m == 1 and single and compact in doc.known):
                    continue
                dist = Levenshtein.distance(target, compact, score_cutoff=d)
                if dist <= d and _shape_ok(phrase, doc, i, m, dist) and _words_ok(
                    phrase, doc, i, m, dist
                ):
                    found.append(Occurrence(i, i + m, dist))
        found.sort()
    return found


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
        if same_sentence:
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
) -> list[Occurrence]:
    """Occurrences of "a ... b": each part after the previous one, in one sentence.

    Statements such as "bagging trains the models sequentially" are phrased in many ways; the
    subject and what is said of it are the stable part. Order matters ("a + b" would also find
    "boosting is sequential, bagging parallel"), and so does the clause: no token in
    `barriers` (the caller's clause breaks and negations: "and", "whereas", "not"...) and no
    rival from `subjects` may lie between two parts, and each gap is at most
    ORDERED_GAP_TOKENS long.
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
            ):
                ok = False
                break
            end, distance = nxt.end, distance + nxt.distance
        if ok and doc.same_sentence(first.start, first.end):
            found.append(Occurrence(first.start, end, distance))
    return found


def _every_part(alias: Alias, doc: Doc, fuzzy: bool) -> list[list[Occurrence]] | None:
    """Each part's occurrences, or None as soon as one part has none (most patterns stop
    at their second part, so the rest is never searched)."""
    per_part = []
    for part in alias.parts:
        found = find_phrase(part, doc, fuzzy=fuzzy)
        if not found:
            return None
        per_part.append(found)
    return per_part


def _rival_between(subject: Occurrence, first: Occurrence, start: int, end: int) -> bool:
    """Whether `subject` names a rival in the gap [start, end) between two parts. A subject
    starting where the pattern's first part does is that same mention ("dropout is" when
    the pattern is "dropout ... rows"), so it never blocks its own pattern."""
    return subject.start != first.start and max(subject.start, start) < min(subject.end, end)


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
    for fuzzy in (False, True):
        best: tuple[tuple[int, int, int], Alias, Occurrence] | None = None
        for index, alias in enumerate(aliases):
            for occ in find_alias(alias, doc, fuzzy=fuzzy):
                if avoid and _inside(doc.char_span(occ.start, occ.end), avoid):
                    continue
                key = (occ.distance, occ.start, index)
                if best is None or key < best[0]:
                    best = (key, alias, occ)
        if best is not None:
            return best[1], best[2]
    return None


def _inside(span: tuple[int, int], ranges: Sequence[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in ranges)
