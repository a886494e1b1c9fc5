"""Spotting misconceptions: statements that give a wrong answer away, unless negated.

"Unlike k-NN, k-means does not look at the nearest neighbours" must not be punished for
"nearest neighbours", so a negation cue shortly before a pattern cancels it. A pattern
found entirely inside a correct alias of the question is not a misconception either: the
answer said the right thing. That rule also guarantees that adding a correct alias to an
answer can never lower its score.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import partial
from itertools import pairwise
from typing import Literal

from interviewer.models import MisconceptionHit
from interviewer.scoring.acronyms import find_wrong_expansions
from interviewer.scoring.compiled import CompiledConcept, CompiledMisconception, CompiledQuestion
from interviewer.scoring.compounds import (
    HEADED_COMPOUNDS,
    compound_names,
    inside_compound,
    opens_headed_compound,
)
from interviewer.scoring.coverage import span_of
from interviewer.scoring.likeness import denies_a_likeness
from interviewer.scoring.matching import Alias, find_alias, find_ordered, possible
from interviewer.scoring.phrases import Doc, Occurrence, Phrase, find_phrase
from interviewer.scoring.reported import (
    REPORT_LOOKBACK,
    continues_a_report,
    frames_a_mistake,
    reports_a_mistake,
)
from interviewer.scoring.retraction import is_retracted
from interviewer.scoring.topics import (
    about_other_method,
    contrasted,
    heads_clause,
    opens_own_clause,
    reaches_other_method,
)

NEGATION_LOOKBACK = 6  # tokens before a pattern searched for a negation cue
# Cues that what follows is denied, contrasted with, or reported as a mistake ("a common
# misconception is that LSTMs remember everything", "whereas k-NN takes a majority vote").
_NEGATION_WORDS = frozenset(
    {"not", "no", "never", "nor", "neither", "nothing", "unlike", "without", "whereas",
     "versus", "vs", "compared", "mistake", "mistakes", "misconception", "myth", "wrong",
     "wrongly", "incorrect", "incorrectly", "mistakenly", "false", "rarely", "seldom",
     "hardly", "nobody", "noone", "none"}
)
# Two-word cues. A belief held by others ("people think", "some say") is a reported mistake,
# recognised with the rest of them in `reported`.
_NEGATION_PHRASES = (
    ("rather", "than"), ("instead", "of"), ("opposed", "to"), ("often", "think"),
    ("often", "confused"), ("confused", "with"), ("common", "belief"), ("sometimes", "say"),
)
# Contrasts that open a phrase of their own: "Unlike a regular network, a CNN is ..." asserts
# what follows the comma. Unpunctuated speech keeps the whole sentence in the contrast.
_FRONTED_CONTRASTS = frozenset({"unlike", "compared"})
_RELATIVE = frozenset({"which", "who", "whom", "whose", "where", "that"})
PhraseState = Literal["closed", "relative", "open"]  # see _phrase_state
# Inside a match, "non" denies too: three letters are within a long pattern's fuzzy reach.
_DENIED_INSIDE = _NEGATION_WORDS | {"non"}
_DENYING_PREFIXES = ("non", "un")  # "nonlinear", "unsupervised" when the pattern has the rest
# Words that end one clause and start another: an ordered pattern ("bagging ... sequential")
# must not reach across them, or "bagging runs in parallel and boosting is sequential" would
# say that bagging is sequential. "or" is left out: it joins synonyms ("L1 or lasso").
# Also words that deny or contrast what follows without being a plain "not": "less robust",
# "non linear", "avoids saturating", "both left to right and right to left", "separate from
# the test set", "before the final test", "extraction differs from selection: selection keeps
# a subset", "a confusion matrix is meaningless for regression". And words that announce a
# list of senses, each said of the term only as one of them: "'bias' is overloaded: there's
# the intercept term, ...".
_CLAUSE_BREAKS = frozenset(
    {"and", "but", "while", "whilst", "whereas", "however", "although", "though", "unlike",
     "instead", "rather", "than", "except", "opposed", "versus", "vs", "compared", "both",
     "less", "non", "avoid", "avoids", "avoiding", "prevent", "prevents", "preventing",
     "before", "after", "separate", "separately", "different", "differs", "differ", "distinct",
     "invalid", "meaningless", "useless", "pointless", "unsuitable", "inappropriate",
     "undefined", "irrelevant", "overloaded", "ambiguous", "meanings", "senses"}
)
_BARRIER_WORDS = _CLAUSE_BREAKS | _NEGATION_WORDS  # what an ordered pattern may not span

# "Almost every AI system today uses machine learning": a sweeping claim ("every", "always")
# that the speaker softens is a true observation, not the mistake of saying it of all.
_SWEEPING = frozenset({"every", "all", "always", "any", "everything", "everyone"})
_SOFTENERS = frozenset({"almost", "nearly", "virtually", "practically"})

# "Less regularisation increases variance" is right where "regularisation increases
# variance" is wrong: a word that scales the subject down, just before it, turns the claim
# about what the subject does around (see `_diminished`). Verbs are left out: in "remove
# the neurons with the smallest weights" the removal is the claim itself.
_DIMINISHERS = frozenset({"less", "fewer", "little", "lower", "weaker", "smaller"})
_PUNCTUATION = frozenset(",;:.!?")  # any mark between a diminisher and its subject

_FULL_STOPS = frozenset(".!?")
# "False positive", "false alarm": terms, not a verdict on what follows.
_FALSE_TERMS = frozenset(
    {"positive", "positives", "negative", "negatives", "alarm", "alarms", "start", "starts"}
)

# Share of the whole coverage one misconception takes away. A wrong answer that borrows the
# right words (up to two thirds of the points among the graded wrong answers) drops to zero,
# below any correct answer. One that names every concept but states a misconception keeps a
# quarter: an interviewer weighs the mistake above the vocabulary, so it ranks below a
# partial answer.
MISCONCEPTION_PENALTY = 0.75


def is_negated(doc: Doc, start: int) -> bool:
    """Whether a negation cue ("not", "unlike", "rather than", ...) or a mistake reported as
    someone else's ("beginners often assume", see `reported`) shortly precedes token `start`
    in the same sentence."""
    sentence = doc.tokens[start].sentence
    opening = [t.lower for t in doc.tokens[:start] if t.sentence == sentence]
    # A report frames the whole claim, so it may stand further back than a plain "not".
    reach = max(NEGATION_LOOKBACK, REPORT_LOOKBACK)
    window = range(start - min(reach, len(opening)), start)
    contrasts = {
        i: _phrase_state(doc, i, start)
        for i in window
        if doc.tokens[i].lower in _FRONTED_CONTRASTS
    }
    # A "which ..." clause on the contrasted thing may run longer than a plain negation
    # reaches: "Unlike k-nearest neighbours, where you take a majority vote, ...".
    if "relative" in contrasts.values():
        return True
    # A contrast whose phrase a comma has closed covers nothing after it.
    before = [
        doc.tokens[i].lower
        for i in window[-NEGATION_LOOKBACK:]
        if contrasts.get(i) != "closed" and not _names_a_term(doc, i)
    ]
    if not _NEGATION_WORDS.isdisjoint(before):
        return True
    pairs = set(pairwise(before))
    return (
        any(p in pairs for p in _NEGATION_PHRASES)
        or reports_a_mistake(opening[-REPORT_LOOKBACK:])
        or frames_a_mistake(opening)
        or _continues_a_report(doc, start, opening)
    )


def _softened(doc: Doc, start: int) -> bool:
    """Whether the claim at token `start` opens with a sweeping word that the speaker softens
    ("almost every", "nearly always")."""
    return (
        start > 0
        and doc.tokens[start].lower in _SWEEPING
        and doc.tokens[start - 1].lower in _SOFTENERS
    )


def _diminished(doc: Doc, start: int) -> bool:
    """Whether the claim at token `start` is made of less of its subject ("less
    regularisation", "a smaller learning rate"): the pattern's wrong claim is about the
    subject itself, and the opposite change reverses what it does. Only the word just
    before counts: further back it scales something else ("sees less data", "to reduce
    variance boosting ...", where speech drops the comma)."""
    return (
        start > 0
        and doc.tokens[start - 1].lower in _DIMINISHERS
        and _PUNCTUATION.isdisjoint(doc.between(start - 1, start))
    )


def _names_a_term(doc: Doc, i: int) -> bool:
    """Whether token `i` opens a term rather than negating: the "false" of "false positive
    rate" says nothing about the claim that follows it."""
    return (
        doc.tokens[i].lower == "false"
        and i + 1 < len(doc.tokens)
        and doc.tokens[i + 1].lower in _FALSE_TERMS
    )


def _continues_a_report(doc: Doc, start: int, opening: Sequence[str]) -> bool:
    """Whether token `start`, after the `opening` words of its sentence, is in a sentence
    that goes on listing the mistakes the one before it reported ("... Another is that it
    uses the labels")."""
    if doc.tokens[start].sentence == 0:
        return False
    first = start - len(opening)
    # The sentence before reaches back over semicolons to its full stop: "A frequent
    # misconception is that PCA picks columns; it doesn't. Another is ..." lists the mistake
    # in the clause before the semicolon.
    begin = first - 1
    while begin > 0 and not _ends_statement(doc, begin - 1, begin):
        begin -= 1
    previous = [t.lower for t in doc.tokens[begin:first]]
    return continues_a_report(opening, previous)


def _ends_statement(doc: Doc, before: int, after: int) -> bool:
    """Whether a full stop, question or exclamation mark lies between two tokens."""
    return not _FULL_STOPS.isdisjoint(doc.between(before, after))


def _phrase_state(doc: Doc, cue: int, start: int) -> PhraseState:
    """How the phrase that a contrast at token `cue` opens ("unlike a regular network,")
    stands at token `start`: "closed" by a comma, inside a "relative" clause on the
    contrasted thing ("unlike k-NN, which takes a majority vote,"), which still belongs to
    the phrase, or "open" (no comma yet, as in unpunctuated speech)."""
    relative = False
    for i in range(cue + 1, start + 1):
        if "," not in doc.between(i - 1, i):
            continue
        if relative or doc.tokens[i].lower not in _RELATIVE:
            return "closed"
        relative = True
    return "relative" if relative else "open"


def find_misconceptions(
    scope: CompiledQuestion | CompiledConcept,
    doc: Doc,
) -> tuple[MisconceptionHit, ...]:
    """Each misconception of the question's (or the one concept's) concepts stated (not
    negated) in `doc`, at its first place.

    A pattern occurrence that lies wholly inside an occurrence of one of the correct aliases
    is a correct mention, not a misconception. Nor is one that starts inside the name of a
    different method ("logistic [regression predicts classes]"; see `compounds`), nor one
    said of a method it is true of ("k-NN: k is the number of neighbours"; see `topics`),
    unless a name of the question's own subject is named closer to it. Nor is an item of a
    list the subject is said not to be ("not the same as X or Y"; see `likeness`), or a
    sweeping claim the speaker softens ("almost every").
    """
    if isinstance(scope, CompiledConcept):
        concepts: Sequence[CompiledConcept] = (scope,)
        own_names: Sequence[Phrase] = ()
    else:
        concepts, own_names = scope.concepts, scope.own_names
    hits: list[MisconceptionHit] = []
    excused: list[Occurrence] | None = None  # computed once a pattern is found
    compounds: list[Occurrence] = []
    barriers, subjects = _barriers(scope.subjects, scope.true_of, doc)
    for concept in concepts:
        for compiled in concept.misconceptions:
            occurrences = _pattern_occurrences(compiled, doc, barriers, subjects)
            for rule in compiled.abbreviations:
                occurrences += find_wrong_expansions(rule, doc)
            for occ in occurrences:
                if is_negated(doc, occ.start) or is_retracted(doc, occ):
                    continue
                if denies_a_likeness(doc, occ) or _softened(doc, occ.start):
                    continue
                if _diminished(doc, occ.start):
                    continue
                if excused is None:
                    excused = _phrase_occurrences(scope.aliases, doc)
                    compounds = compound_names(doc)
                if any(e.start <= occ.start and occ.end <= e.end for e in excused):
                    continue
                if inside_compound(occ, compounds):
                    continue
                if compiled.true_of and (
                    about_other_method(doc, occ.start, compiled.true_of, own_names)
                    or reaches_other_method(doc, occ, compiled.true_of)
                ):
                    continue
                hits.append(
                    MisconceptionHit(concept.concept, compiled.misconception, span_of(doc, occ))
                )
                break
    return tuple(sorted(hits, key=lambda h: (h.span.start, h.span.end)))


def penalty_for(hits: Sequence[MisconceptionHit]) -> float:
    """Coverage taken away for these misconceptions (before clamping at zero)."""
    return MISCONCEPTION_PENALTY * len(hits)


def _pattern_occurrences(
    compiled: CompiledMisconception,
    doc: Doc,
    barriers: frozenset[int],
    subjects: Sequence[Occurrence],
) -> list[Occurrence]:
    """All occurrences of any of the misconception's patterns, within one sentence, in text
    order."""
    found: set[Occurrence] = set()
    headed: list[Occurrence] | None = None  # computed once a pattern is found
    own_clause = partial(opens_own_clause, doc)
    # The last part is what is said of the subject, and rare: nearly every pattern fails
    # here, before any search is set up (see `matching._every_part`).
    for _, pattern in possible(compiled.patterns, doc, compiled.lasts):
        if pattern.ordered:
            occurrences = find_ordered(
                pattern, doc, barriers, subjects=subjects, own_clause=own_clause
            )
        else:
            occurrences = find_alias(pattern, doc, same_sentence=True)
        if occurrences:  # nearly always empty: skip setting up the filter
            if headed is None:
                headed = compound_names(doc, HEADED_COMPOUNDS)
            subject_words = len(pattern.parts[0].tokens)
            found.update(
                o
                for o in occurrences
                if not _denied_inside(pattern, doc, o)
                and not opens_headed_compound(o, subject_words, headed)
                # An ordered pattern opens on its subject; after "than" or "unlike" that
                # name is what the claim is measured against, not what it is said of.
                and not (pattern.ordered and contrasted(doc, o.start))
            )
    return sorted(found)


def _denied_inside(pattern: Alias, doc: Doc, occ: Occurrence) -> bool:
    """Whether a negation the pattern does not have lies inside the occurrence: a fuzzy
    match of "it is a correlation matrix" also finds "it's not a correlation matrix", and
    one of "are linear functions" finds "are non linear functions", "are nonlinear
    functions" ("non" + a word of the pattern), and "is a supervised" finds "is an
    unsupervised"."""
    own = {token for part in pattern.parts for token in part.tokens}
    return any(
        (t.lower in _DENIED_INSIDE and t.norm not in own)
        or any(t.norm.startswith(p) and t.norm[len(p) :] in own for p in _DENYING_PREFIXES)
        for t in doc.tokens[occ.start : occ.end]
    )


def _barriers(
    names: AbstractSet[Phrase], others: AbstractSet[Phrase], doc: Doc
) -> tuple[frozenset[int], list[Occurrence]]:
    """Tokens an ordered pattern may not span (clause breaks, negations), and where the
    subjects occur (a rival one may not lie between two parts either; see `find_ordered`).

    `names` are the first parts of the question's ordered patterns ("bagging",
    "boosting"): in "bagging averages the models, boosting is sequential" what follows
    "boosting" is said of boosting, so "bagging ... sequential" must stop there. So is one of
    `others`, a method a misconception is true of, where it opens a clause: in "BERT gives
    contextual vectors, word2vec gives one fixed vector" the fixed vector is word2vec's.
    Elsewhere that name may be the claim itself ("a CNN is a recurrent network that ...").
    """
    if not names and not others:
        return frozenset(), []
    blocked = {i for i, t in enumerate(doc.tokens) if t.lower in _BARRIER_WORDS}
    subjects = [occ for name in names for occ in find_phrase(name, doc)]
    subjects += [
        occ for name in others for occ in find_phrase(name, doc)
        if heads_clause(doc, occ.start, occ.end)
    ]
    return frozenset(blocked), subjects


def _phrase_occurrences(aliases: Sequence[Alias], doc: Doc) -> list[Occurrence]:
    """Occurrences of every contiguous part of the correct aliases."""
    return [occ for a in aliases for part in a.parts for occ in find_phrase(part, doc)]
