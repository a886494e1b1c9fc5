"""Finding one phrase in an answer: exact, split/joined and fuzzy, scaled by length.

Comparison happens on "compact" strings (the normalised tokens of a phrase or of a stretch
of the answer joined without spaces), so "back propagation" finds "backpropagation", "k
means" finds "kmeans" and "p c a" finds "pca". Misrecognitions ("rock curve" for "roc
curve") are caught by a Levenshtein distance that grows with the phrase's length: short
phrases ("ai", "l1", "relu") must match exactly, because one letter off is another word.
Aliases of several parts ("a + b", "a ... b") are combined from these in `matching`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz.distance import Levenshtein

from interviewer.scoring.fillers import find_asides, find_fillers
from interviewer.scoring.normalize import matchable, norms, tokenize
from interviewer.scoring.verbs import COPULAS

if TYPE_CHECKING:
    from interviewer.scoring.prefilter import PhraseIndex

# Length of the substrings `may_occur` compares (`Phrase.chunks`, `Doc.grams`): 3 cuts even
# the shortest fuzzy phrase (7 characters) into two chunks; 4 let 1.7 times as many phrases
# through on the graded answers.
CHUNK = 3
_JOIN_MIN_LENGTH = 5  # shorter phrases may only be joined from spelled letters ("p c a")
_FUZZY_SPLIT_MIN_LENGTH = 10  # a fuzzy match may also differ in word count from this length

# Short words one or two edits apart that say the opposite; a long phrase's edit budget
# would otherwise let one stand for the other.
_OPPOSITE = {
    a: b
    for x, y in (("on", "off"), ("in", "out"), ("up", "down"), ("high", "low"),
                 ("more", "less"), ("over", "under"), ("min", "max"), ("pre", "post"))
    for a, b in ((x, y), (y, x))
}
# A short word the question itself uses is a term, not a misrecognition of another short
# term (see `_distinct_terms`); these common words are the exception, as recognisers blur
# them and a long phrase may tolerate that. Listed as normalised (stemmed) forms.
_TERM_LENGTH = 3
_SHORT_FUNCTION_WORDS = frozenset(
    """a an as at be by do if in is it no of on or so to up we us am are and but can did for
    had has how its not now our out she too was who why yes yet you all any few may one two
    own per via use get got let put say see set way new old big low add end fit lot cut run
    sum row log net cap lie the off her his him doe goe giv mak ris""".split()  # noqa: SIM905
)


# What may stand for a pattern's copula: another one, "as" ("I'd describe BERT as a
# bidirectional LSTM" says BERT is one) and "it" ("it's", whose "'s" tokenising drops). A
# recogniser writes "is" from context, so any other word there ("in", "if") is another
# sentence, not a misheard one.
_COPULA_STAND_INS = COPULAS | {"as", "it"}

_KEYS = itertools.count()  # `Phrase.key`: each phrase made gets the next
_NONE: frozenset[str] = frozenset()


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


def bucket(head: str, size: int) -> int:
    """The `Doc.by_head` key of stretches that start with `head` and are `size` characters
    long. An int rather than a (head, size) tuple: every answer looks up every phrase's
    buckets, and an int hashes at no cost."""
    return ord(head) << 16 | size


@dataclass(frozen=True, slots=True)
class Phrase:
    """A contiguous phrase in normalised form."""

    tokens: tuple[str, ...]
    compact: str
    max_distance: int
    max_word_distance: int | None = None  # edits any one word may take; None: no limit
    # The `Doc.by_head` buckets a fuzzy match may lie in: same first letter, a length within
    # the edit budget. Worked out once here because every answer asks for them.
    buckets: tuple[int, ...] = field(init=False, repr=False, compare=False)
    # The compact form cut into CHUNK-character pieces (a last shorter one left out), and
    # how many of them any stretch within the edit budget still holds: an edit spoils at most
    # one, and the others stay whole, however far it shifts them (see `may_occur`). Repeated
    # chunks count once, as do the answer's: of k distinct ones, at most d go missing.
    # Empty, and 0, for a phrase matched exactly.
    chunks: frozenset[str] = field(init=False, repr=False, compare=False)
    shared: int = field(init=False, repr=False, compare=False)
    # Names this phrase object in a `PhraseIndex`; equal phrases made apart differ in it.
    key: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Written out plainly: a question compiles hundreds of phrases, so this is most of
        # the time to compile one.
        put = object.__setattr__
        put(self, "key", next(_KEYS))
        compact, d = self.compact, self.max_distance
        if not d:
            put(self, "buckets", ())
            put(self, "chunks", _NONE)
            put(self, "shared", 0)
            return
        length = len(compact)
        home = bucket(compact[0], length)
        put(self, "buckets", tuple(range(home - d, home + d + 1)))
        chunks = frozenset([compact[a : a + CHUNK] for a in range(0, length - CHUNK + 1, CHUNK)])
        put(self, "chunks", chunks)
        put(self, "shared", len(chunks) - d)

    @property
    def spelled(self) -> bool:
        """Whether the phrase is written as single letters ("a u c")."""
        return all(len(t) == 1 for t in self.tokens)


class Occurrence(NamedTuple):
    """Where a phrase or alias was found: matchable-token indices [start, end) and edits."""

    start: int
    end: int
    distance: int


@lru_cache(maxsize=1 << 16)
def compile_phrase(
    text: str, max_edits: int = 3, max_word_edits: int | None = None
) -> Phrase | None:
    """The normalised phrase, or None when nothing matchable is left (e.g. only "the").
    It tolerates `allowed_distance` edits, but never more than `max_edits`, and never more
    than `max_word_edits` (when given) within one word.

    Cached: patterns repeat their parts ("k means ... labels", "k means ... supervised"),
    so about a fifth of a question's parts were compiled before."""
    tokens = tuple(norms(text))
    if not tokens:
        return None
    compact = "".join(tokens)
    distance = min(allowed_distance(len(compact)), max_edits)
    return Phrase(tokens, compact, distance, max_word_edits)


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

    def __init__(
        self,
        text: str,
        reach: Reach,
        known: frozenset[str] = frozenset(),
        index: PhraseIndex | None = None,
    ) -> None:
        self.text = text
        self.known = known  # real words: never taken for a misrecognised single-word alias
        self.all_tokens = tokenize(text)
        # Fillers are skipped, so "gradient um descent" and "mean, you know, squared error"
        # still hold their phrase contiguously (spoken answers are full of them), and so are
        # "for example" and "for instance", which name no examples (see `find_asides`).
        self.fillers = find_fillers(text, self.all_tokens)  # character spans, also for delivery
        self._clauses: str | None = None  # the text for `between`, made on first use
        skipped = self.fillers + find_asides(self.all_tokens)
        self.tokens = [
            t
            for t in matchable(self.all_tokens)
            if not any(s <= t.start < e for s, e in skipped)
        ]
        # Every stretch is listed once, in its bucket; an exact lookup finds it there too
        # (see `_exact`), after `compacts` has turned away the many that are not there.
        # The most time an answer takes outside the search, so written for speed.
        compacts: set[str] = set()
        by_head: dict[int, list[tuple[str, int, int]]] = {}
        words = [t.norm for t in self.tokens]
        longest, most = reach.chars, reach.tokens
        for i in range(len(words)):
            compact = ""
            # Every stretch from token i has its first letter: bucket(head, size) == head | size.
            head = bucket(words[i][0], 0)
            for m, word in enumerate(words[i : i + most], 1):
                compact += word
                size = len(compact)
                if size > longest:
                    break
                compacts.add(compact)
                stretch = (compact, i, m)
                found = by_head.get(head | size)
                if found is None:
                    by_head[head | size] = [stretch]
                else:
                    found.append(stretch)
        self.compacts = compacts
        self.by_head = by_head
        # Every stretch's compact form is a substring of `joined`, so its chunks are here.
        joined = "".join(words)
        self.grams = {joined[i : i + CHUNK] for i in range(len(joined) - CHUNK + 1)}
        # The keys of the indexed phrases that may occur, all found at once (see `prefilter`).
        self.index = index
        self.live: set[int] = index.live(self.grams, compacts) if index is not None else set()

    def between(self, left: int, right: int) -> str:
        """The text between tokens `left` and `right`: the punctuation and spaces that say
        where a clause or sentence ends. The commas around a filler are not among them."""
        if self._clauses is None:
            self._clauses = _without_fillers(self.text, self.fillers)
        return self._clauses[self.tokens[left].end : self.tokens[right].start]

    def all_single(self, start: int, count: int) -> bool:
        """Whether tokens [start, start+count) are all single characters (a spelled word)."""
        return all(len(t.norm) == 1 for t in self.tokens[start : start + count])

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets in the text covered by matchable tokens [start, end)."""
        return self.tokens[start].start, self.tokens[end - 1].end

    def same_sentence(self, start: int, end: int) -> bool:
        """Whether tokens [start, end) lie in one sentence."""
        return self.tokens[start].sentence == self.tokens[end - 1].sentence


def _without_fillers(text: str, fillers: list[tuple[int, int]]) -> str:
    """`text` with each filler, and the commas that bracket it, blanked out: "BERT is, um,
    an LSTM" pauses; it does not start a clause at "an LSTM". Other punctuation stays
    ("pruning., uh, It ..." still ends a sentence)."""
    if not fillers:
        return text
    chars = list(text)
    for start, end in fillers:
        chars[start:end] = " " * (end - start)
        for i, step in ((start - 1, -1), (end, 1)):
            while 0 <= i < len(chars) and chars[i].isspace():
                i += step
            if 0 <= i < len(chars) and chars[i] == ",":
                chars[i] = " "
    return "".join(chars)


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
    takes an edit or goes missing: "l2 is ridge" is not a misrecognised "l1 is ridge", and
    neither does a word become its opposite: "off the diagonal" is not "on the diagonal".
    In a misconception pattern (one with a per-word limit) a copula is never misheard (see
    `_COPULA_STAND_INS`): "... or regression in unsupervised learning there are no labels"
    is another sentence, not "regression is unsupervised"."""
    if count != len(phrase.tokens):
        # Split or joined words pair up no word by word, but the number must still be said:
        # "for big errors the gradient is" has lost the "0" of "... the gradient is 0".
        said = {token.norm for token in doc.tokens[start : start + count]}
        return all(word in said for word in phrase.tokens if word.isdigit())
    limit = phrase.max_word_distance
    cap = limit if limit is not None and distance > limit else None  # None: any word may
    for word, token in zip(phrase.tokens, doc.tokens[start : start + count], strict=True):
        if word.isdigit() and token.norm != word:
            return False
        if _OPPOSITE.get(word) == token.norm:
            return False
        if token.norm != word and _distinct_terms(word, token.norm, doc.known):
            return False
        if limit is not None and word in COPULAS and token.norm not in _COPULA_STAND_INS:
            return False
        if cap is not None and Levenshtein.distance(word, token.norm, score_cutoff=cap + 1) > cap:
            return False
    return True


def _distinct_terms(word: str, said: str, known: frozenset[str]) -> bool:
    """Whether the answer's short word `said` is a term of the subject in its own right, not
    a misrecognised `word`: "mse" is not "mae", nor "cnn" "rnn", nor "1" "y". Only words of
    up to three letters: a longer known word may still be an inflection ("draws", "drawn"),
    and short function words ("is", "it's") stay open to recognition errors."""
    return (
        len(word) <= _TERM_LENGTH
        and len(said) <= _TERM_LENGTH
        and said in known
        and word not in _SHORT_FUNCTION_WORDS
        and said not in _SHORT_FUNCTION_WORDS
    )


def may_occur(phrase: Phrase, doc: Doc) -> bool:
    """Whether `find_phrase` could find the phrase: a cheap test that rules out most of a
    question's phrases on each answer before any search is set up. It never rules out one
    that is there, exactly or within its edit budget (see `Phrase.chunks`)."""
    if not phrase.max_distance:
        return phrase.compact in doc.compacts
    index = doc.index
    if index is not None and phrase.key in index.keys:
        return phrase.key in doc.live
    return phrase.shared <= 0 or len(phrase.chunks.intersection(doc.grams)) >= phrase.shared


def _exact(doc: Doc, compact: str) -> list[tuple[int, int]]:
    """(first token, token count) of each stretch of `doc` whose compact form is `compact`."""
    if compact not in doc.compacts:
        return []
    stretches = doc.by_head[bucket(compact[0], len(compact))]
    return [(i, m) for form, i, m in stretches if form == compact]


def find_phrase(phrase: Phrase, doc: Doc, *, fuzzy: bool = True) -> list[Occurrence]:
    """Every occurrence of `phrase` in `doc`, ordered by position."""
    # Called for every phrase of the question on every answer, and nearly always in vain:
    # the empty cases return before any list or loop is set up.
    target = phrase.compact
    exact = _exact(doc, target)
    found = (
        [Occurrence(i, i + m, 0) for i, m in exact if _shape_ok(phrase, doc, i, m, 0)]
        if exact
        else []
    )
    if not fuzzy or not phrase.buckets or not may_occur(phrase, doc):
        return found
    d = phrase.max_distance
    single = len(phrase.tokens) == 1
    fuzzy_found = False
    for bucket in phrase.buckets:
        candidates = doc.by_head.get(bucket)
        if not candidates:
            continue
        for compact, i, m in candidates:
            if compact == target or (m == 1 and single and compact in doc.known):
                continue
            dist = Levenshtein.distance(target, compact, score_cutoff=d)
            if dist <= d and _shape_ok(phrase, doc, i, m, dist) and _words_ok(
                phrase, doc, i, m, dist
            ):
                found.append(Occurrence(i, i + m, dist))
                fuzzy_found = True
    if fuzzy_found:
        found.sort()
    return found
