"""Things an answer says its subject is not: "statistical bias is not the same thing as
societal unfairness or the bias term, the intercept".

Careful candidates separate the term from its neighbours, and list them. Every item of that
list is denied, however far it stands from the "not", so a misconception named there
("bias ... intercept") is a distinction the speaker draws, not a belief. A plain negation
reaches only a few words (see `misconceptions.NEGATION_LOOKBACK`); this reach ends instead
where the list does.
"""

from __future__ import annotations

from interviewer.scoring.phrases import Doc, Occurrence

LIKENESS_REACH = 12  # tokens a denied likeness may stand before the item it denies
# The word that introduces the list, with the words that must stand just before it:
# "different from", "confused with", "mistaken for". "The same as" asserts a likeness, so
# "as" also needs a negation before its "same" (see `_denied_same`).
_INTRODUCERS = {
    "from": frozenset({"different", "distinct", "differs", "differ"}),
    "with": frozenset({"confused", "confuse", "confusing", "conflate", "conflated"}),
    "for": frozenset({"mistaken", "mistake"}),
    "as": frozenset({"same"}),
}
_SAME_REACH = 2  # "same thing as", "same kind of ... as" leave a word or two before "as"
_DENIALS = frozenset({"not", "no", "never", "nor", "neither"})
# Words that start a statement of their own rather than another item of the list: "not the
# same as variance, it is the intercept" asserts what follows "it is".
_LIST_ENDS = frozenset(
    {"is", "are", "was", "were", "be", "means", "mean", "because", "so", "since", "which",
     "that", "it", "they", "this", "these", "but", "while", "whereas", "then", "therefore"}
)
_CLAUSE_MARKS = frozenset(";:.!?")


def denies_a_likeness(doc: Doc, occ: Occurrence) -> bool:
    """Whether the statement at `occ` is an item of a list the answer says its subject is not
    ("not the same as X or Y", "different from X", "not to be confused with X")."""
    if any(t.lower in _LIST_ENDS for t in doc.tokens[occ.start : occ.end]):
        return False  # a claim with its own verb, not a list item
    sentence = doc.tokens[occ.start].sentence
    for i in range(occ.start - 1, max(-1, occ.start - 1 - LIKENESS_REACH), -1):
        token = doc.tokens[i]
        if token.sentence != sentence or not _CLAUSE_MARKS.isdisjoint(doc.between(i, i + 1)):
            return False
        if _introduces_list(doc, i):
            return True
        if token.lower in _LIST_ENDS:
            return False
    return False


def _introduces_list(doc: Doc, i: int) -> bool:
    """Whether token `i` ends a denied likeness: "different from", "not the same thing as"."""
    before = _INTRODUCERS.get(doc.tokens[i].lower)
    if before is None:
        return False
    lowers = [t.lower for t in doc.tokens[max(0, i - 1 - _SAME_REACH) : i]]
    if doc.tokens[i].lower != "as":
        return bool(lowers) and lowers[-1] in before
    return any(
        word in before and _denied_same(doc, i - len(lowers) + k)
        for k, word in enumerate(lowers)
    )


def _denied_same(doc: Doc, same: int) -> bool:
    """Whether a negation stands just before the "same" at token `same` ("isn't the same")."""
    return any(t.lower in _DENIALS for t in doc.tokens[max(0, same - 2) : same])
