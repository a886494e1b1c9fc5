"""Claims made about another method: "On the left, k-NN: k is the number of neighbours".

Comparing the asked-about method with a neighbouring one is a strong answer, and it means
saying, correctly, what is true of the neighbour. A misconception that is true of another
method (its `true_of` names) is therefore not a mistake in a clause whose topic is that
method. The topic is the method named last before the claim in its sentence, provided that
name opens its clause ("k-NN: ...", "In k-NN, ...", "For k-NN, ...") or starts a relative
clause ("k-NN, where k is ..."). A name in the middle of a clause is not its topic:
"k-means is basically k-NN: k is the number of neighbours" still says it of k-means.
"""

from __future__ import annotations

from collections.abc import Sequence

from interviewer.scoring.normalize import DROPPED as _DROPPED_ARTICLES
from interviewer.scoring.phrases import Doc, Occurrence, Phrase, find_phrase
from interviewer.scoring.verbs import CONNECTIVES, is_verb, no_clause_marks

# Words that may stand before a topic at the start of its clause: "on the right, k-NN: ...",
# "and for k-NN, ...", "whereas in k-NN, ...".
_LEAD_INS = frozenset(
    {"in", "for", "with", "on", "the", "a", "left", "right", "then", "and", "but", "whereas",
     "while", "as", "by", "now", "first", "second", "finally", "also", "so", "meanwhile",
     "contrast", "of", "case"}
)
_MAX_LEAD_INS = 3
# Words that name what a claim is contrasted with, not what it is about: "unlike AUC",
# "as opposed to k-NN", "versus RNNs".
_CONTRASTS = frozenset({"unlike", "opposed", "versus", "vs", "than", "compared"})
_CLAUSE_MARKS = frozenset(",:;(")
# Narrower than the relative words of `misconceptions`: "who" and "whom" are said of people,
# and after a comma "that" opens a plain claim as often as a relative clause ("k-NN, that is
# the supervised one"), so neither hands the topic on.
_RELATIVE = frozenset({"where", "which", "whose"})
# Words that put a name inside the claim rather than at the head of a clause of its own,
# however a verb follows it: a comparison ("the way LDA does") or a relative clause ("the
# mechanism by which a recurrent network remembers"). "Like" does so only before a verb
# that stands in for the claim ("like k-means does"): "unsupervised learning like
# clustering finds structure" goes on with its subject's own verb.
_EMBEDDING = frozenset({"as", "way", "which", "whom", "whose"})
_STAND_IN_VERBS = frozenset({"does", "do", "did"})
# Without commas, or after one, "in imitation learning the agent is given ..." and "for
# classification you would use ..." open their clause on the preposition: a new subject
# follows the name, a pronoun, or an article whose noun has a verb. Without one ("for
# example emails labelled spam"), or with "there" ("functions in each node are there to"),
# it does not.
_ADVERBIAL_LEADS = frozenset({"in", "for"})
_NEW_SUBJECTS = frozenset({"i", "you", "we", "they", "he", "she"})
_ASIDE_VERBS = frozenset({"know", "see", "mean", "guess"})  # "you know", "I mean"
_ADVERBIAL_REACH = 4  # words of the name between the preposition and the new subject
# Words after a name that set what follows against what came before: "pca by contrast
# combines features", "k-NN however needs labels". ("The" is no token: "on the other hand".)
_CONTRAST_MARKERS = (("by", "contrast"), ("in", "contrast"), ("however",), ("on", "other", "hand"))
_LONGEST_CONTRAST_MARKER = max(len(marker) for marker in _CONTRAST_MARKERS)


def about_other_method(
    doc: Doc, start: int, others: Sequence[Phrase], own: Sequence[Phrase]
) -> bool:
    """Whether the claim at token `start` is made of one of the `others` methods: one of
    them is the last method named before it in its sentence (the question's `own` names
    count as methods too) and is the topic of the clause the claim is in."""
    sentence = doc.tokens[start].sentence
    # Ends first, then the longest name: "gradient boosting" rather than the "boosting" in it.
    named = [
        (occ.end, -occ.start, is_other)
        for names, is_other in ((others, True), (own, False))
        for name in names
        for occ in find_phrase(name, doc, fuzzy=False)
        if occ.end <= start
        and doc.tokens[occ.start].sentence == sentence
        and not contrasted(doc, occ.start)
    ]
    if not named:
        return False
    end, minus_first, is_other = max(named)
    if not is_other:
        return False
    return heads_clause(doc, -minus_first, end) or _relative_up_to(doc, end, start)


def reaches_other_method(doc: Doc, occ: Occurrence, others: Sequence[Phrase]) -> bool:
    """Whether the claim at `occ` runs into a clause that one of the `others` methods opens:
    "extraction turns raw data into features, ETL pulls data" holds "extraction ... etl",
    but what follows the comma is said of ETL. (`misconceptions` already stops an ordered
    pattern at such a name between its parts; this covers a part that is the name.)"""
    return any(
        occ.start < found.start < occ.end and heads_clause(doc, found.start, found.end)
        for name in others
        for found in find_phrase(name, doc, fuzzy=False)
    )


def contrasted(doc: Doc, i: int) -> bool:
    """Whether the name at token `i` is only the yardstick of a contrast ("accuracy, unlike
    AUC, is ...", "L2 punishes big weights more than L1, since the square ..."), so the claim
    after it is said of something else."""
    sentence = doc.tokens[i].sentence  # "... than before. More features" starts afresh
    return any(
        t.lower in _CONTRASTS and t.sentence == sentence for t in doc.tokens[max(0, i - 2) : i]
    )


def heads_clause(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at tokens [start, end) is the subject of its own clause: it opens
    one, or, in an answer without commas, a verb follows it ("transformers give contextual
    vectors word2vec maps each word to a fixed vector")."""
    if opens_clause(doc, start):
        return True
    return (
        no_clause_marks(doc.text)
        and end < len(doc.tokens)
        and is_verb(
            doc.tokens[end].lower,
            doc.tokens[end + 1].lower if end + 1 < len(doc.tokens) else None,
        )
        and not _embedded(doc, start, end)
    )


def _embedded(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at tokens [start, end) stands inside a comparison or a relative
    clause (see `_EMBEDDING`), an article aside."""
    before = start - 1 if start and doc.tokens[start - 1].lower != "a" else start - 2
    if before < 0:
        return False
    word = doc.tokens[before].lower
    return word in _EMBEDDING or (word == "like" and doc.tokens[end].lower in _STAND_IN_VERBS)


def opens_clause(doc: Doc, i: int) -> bool:
    """Whether token `i` opens its clause, after at most a few lead-in words ("k-NN: ...",
    "and for k-NN, ...")."""
    for _ in range(_MAX_LEAD_INS + 1):
        if _clause_starts_at(doc, i):
            return True
        i -= 1
        if doc.tokens[i].lower not in _LEAD_INS:
            return False
    return False


def _clause_starts_at(doc: Doc, i: int) -> bool:
    """Whether a sentence or clause starts at token `i` (a comma, colon, ... before it, or,
    without commas, an `opens_adverbial` preposition)."""
    if i == 0 or doc.tokens[i - 1].sentence != doc.tokens[i].sentence:
        return True
    return _after_clause_mark(doc, i) or opens_adverbial(doc, i)


def _after_clause_mark(doc: Doc, i: int) -> bool:
    """Whether a comma, colon, ... stands between token `i` and the one before it."""
    return i > 0 and not _CLAUSE_MARKS.isdisjoint(doc.between(i - 1, i))


def opens_adverbial(doc: Doc, i: int) -> bool:
    """Whether token `i` is the preposition of a phrase that opens a clause ("in imitation
    learning the agent is given", "for classification you would use"; see
    `_ADVERBIAL_LEADS`), in an answer without commas or after a comma."""
    if doc.tokens[i].lower not in _ADVERBIAL_LEADS:
        return False
    if not (_after_clause_mark(doc, i) or no_clause_marks(doc.text)):
        return False
    last = min(i + 1 + _ADVERBIAL_REACH, len(doc.tokens) - 1)
    for j in range(i + 2, last + 1):  # the name takes at least token i + 1
        if doc.tokens[j].sentence != doc.tokens[i].sentence:
            return False
        word = doc.tokens[j].lower
        if word in _NEW_SUBJECTS:
            # "in cross attention you know where ..." may be an aside, not a new subject
            return j + 1 == len(doc.tokens) or doc.tokens[j + 1].lower not in _ASIDE_VERBS
        if word in CONNECTIVES:  # "in cross attention where they ...": a relative clause
            return False
        if word == "a":
            noun = j + 1
        elif _DROPPED_ARTICLES.isdisjoint(doc.between(j - 1, j).lower().split()):
            continue
        else:  # "the" and "an" are no tokens (see `normalize.DROPPED`): they lie between
            noun = j
        return noun + 1 < len(doc.tokens) and is_verb(doc.tokens[noun + 1].lower)
    return False


def opens_own_clause(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at tokens [start, end) begins a clause of its own: it is the name in
    an `opens_adverbial` phrase ("huber are regression losses for classification you would
    use"), or a contrast marker follows it ("... the original columns pca by contrast
    combines"). What follows is said of it, so it is not what the words before it say of
    something else."""
    if start > 0 and opens_adverbial(doc, start - 1):
        return True
    following = tuple(t.lower for t in doc.tokens[end : end + _LONGEST_CONTRAST_MARKER])
    return any(following[: len(marker)] == marker for marker in _CONTRAST_MARKERS)


def _relative_up_to(doc: Doc, end: int, start: int) -> bool:
    """Whether a relative clause opens at token `end` ("k-NN, where ...") and runs, without
    a comma closing it, up to the claim at token `start`."""
    if end >= start or doc.tokens[end].lower not in _RELATIVE:
        return False
    return all("," not in doc.between(i, i + 1) for i in range(end, start))
