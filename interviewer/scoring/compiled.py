"""Questions and concepts compiled once for matching, then cached.

Compiling normalises every label, alias and misconception pattern and picks, for each
concept, the sample-answer sentence that explains it. Scoring many answers to the same
question (a batch, the benchmark, re-scoring a history) pays for this only once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache, reduce

from interviewer.models import Concept, Misconception, Question
from interviewer.scoring import normalize
from interviewer.scoring.acronyms import NOT_EXPANDED_AS, Abbreviation, parse_abbreviation
from interviewer.scoring.lexicon import words_of
from interviewer.scoring.matching import Alias, compile_alias
from interviewer.scoring.phrases import Doc, Phrase, Reach, compile_phrase, find_phrase, reach_of
from interviewer.scoring.prefilter import LastParts, PhraseIndex, index_phrases, last_parts
from interviewer.scoring.sample import explaining_sentences

# A misconception pattern tolerates fewer misrecognitions than an alias: three edits can
# turn a short word into another ("are like the functions" into "are linear functions"),
# and a false alarm tells a correct candidate they are wrong.
MISCONCEPTION_MAX_EDITS = 2
# ...and at most one of them within a word: two edits turn "like" into "file" and "right"
# into "weight", while a misheard word is one letter off ("rock" for "roc").
MISCONCEPTION_MAX_WORD_EDITS = 1


@dataclass(frozen=True)
class CompiledMisconception:
    """A misconception with its patterns compiled."""

    misconception: Misconception
    patterns: tuple[Alias, ...]
    abbreviations: tuple[Abbreviation, ...] = ()  # "gan != generative adversarial network"
    true_of: tuple[Phrase, ...] = ()  # the other methods it is true of (see `topics`)
    lasts: LastParts = field(init=False, repr=False, compare=False)  # of `patterns`

    def __post_init__(self) -> None:
        object.__setattr__(self, "lasts", last_parts(self.patterns))


@dataclass(frozen=True)
class CompiledConcept:
    """A concept whose label and aliases are compiled (label first, duplicates removed)."""

    concept: Concept
    aliases: tuple[Alias, ...]
    misconceptions: tuple[CompiledMisconception, ...]
    reach: Reach  # how long a stretch of an answer its phrases can match
    known: frozenset[str]  # real words (see lexicon): its own
    # The subjects of its ordered patterns ("k means" of "k means ... labels") and the
    # methods its misconceptions are true of: every answer looks for them (see
    # `misconceptions._barriers`), so they are gathered once here.
    subjects: frozenset[Phrase] = frozenset()
    true_of: frozenset[Phrase] = frozenset()
    phrases: tuple[Phrase, ...] = ()  # every phrase above: aliases, patterns, `true_of`
    lasts: LastParts = field(init=False, repr=False, compare=False)  # of `aliases`

    def __post_init__(self) -> None:
        object.__setattr__(self, "lasts", last_parts(self.aliases))


@dataclass(frozen=True)
class CompiledQuestion:
    """A question ready for scoring: compiled concepts and each one's explaining sentence."""

    question: Question
    concepts: tuple[CompiledConcept, ...]
    explanations: tuple[str, ...]  # parallel to `concepts`
    total_weight: float
    reach: Reach
    known: frozenset[str]
    # Names of the question's own subject ("k means"), which end a clause about another
    # method: in "k-NN and k-means are the same, k is ..." the claim is about k-means.
    own_names: tuple[Phrase, ...] = ()
    # Gathered from the concepts once, as every answer needs them: every alias (to excuse
    # a misconception hit inside one), the subjects and `true_of` names (see `CompiledConcept`).
    aliases: tuple[Alias, ...] = ()
    subjects: frozenset[Phrase] = frozenset()
    true_of: frozenset[Phrase] = frozenset()
    # The concepts' phrases, indexed for `Doc.live`: built here, once per question, since
    # every answer to it is prefiltered against them.
    index: PhraseIndex | None = field(default=None, repr=False, compare=False)


@lru_cache(maxsize=4096)
def compile_concept(concept: Concept) -> CompiledConcept:
    """Compile one concept (cached: concepts are frozen, so equal ones share the result)."""
    aliases = _unique_aliases((concept.label, *concept.aliases))
    misconceptions = tuple(_compile_misconception(m) for m in concept.misconceptions)
    phrases = [p for a in aliases for p in a.parts]
    phrases += [p for m in misconceptions for a in m.patterns for p in a.parts]
    phrases += [p for m in misconceptions for p in m.true_of]
    # The phrases hold every word of the label, aliases and patterns already tokenised;
    # only "gan != ..." rules are not phrases, so their words are read here.
    rules = [p for m in concept.misconceptions for p in m.patterns if NOT_EXPANDED_AS in p]
    known = frozenset(word for p in phrases for word in p.tokens) | words_of(rules)
    return CompiledConcept(
        concept, aliases, misconceptions, reach_of(phrases), known,
        subjects=frozenset(
            a.parts[0] for m in misconceptions for a in m.patterns if a.ordered
        ),
        true_of=frozenset(name for m in misconceptions for name in m.true_of),
        phrases=tuple(phrases),
    )


# The questions last compiled, by identity. The cache below keys on the question's value,
# and hashing a question hashes all its concepts and their aliases: 8 µs, paid again on
# every answer to it. Each entry keeps its question alive, so an id is never reused.
_BY_IDENTITY: dict[int, tuple[Question, CompiledQuestion]] = {}
_BY_IDENTITY_SIZE = 512


def compile_question(question: Question) -> CompiledQuestion:
    """Compile a question's concepts and pick their explaining sentences (cached)."""
    seen = _BY_IDENTITY.get(id(question))
    if seen is not None and seen[0] is question:
        return seen[1]
    compiled = _compile_question(question)
    if len(_BY_IDENTITY) >= _BY_IDENTITY_SIZE:
        _BY_IDENTITY.clear()
    _BY_IDENTITY[id(question)] = (question, compiled)
    return compiled


@lru_cache(maxsize=512)
def _compile_question(question: Question) -> CompiledQuestion:
    """`compile_question`, cached by value: an equal question loaded again shares it."""
    concepts = tuple(compile_concept(c) for c in question.concepts)
    reach = reduce(Reach.union, (c.reach for c in concepts), Reach())
    return CompiledQuestion(
        question=question,
        concepts=concepts,
        explanations=explaining_sentences(question.sample_answer, concepts, reach),
        total_weight=sum(c.weight.value_points for c in question.concepts),
        reach=reach,
        # The concepts' words are already known to them; only the wording is new here.
        known=words_of((question.text, question.sample_answer)).union(
            *(c.known for c in concepts)
        ),
        own_names=_own_names(question.text, concepts),
        aliases=tuple(a for c in concepts for a in c.aliases),
        subjects=ordered_subjects(concepts),
        true_of=frozenset().union(*(c.true_of for c in concepts)),
        index=index_phrases(p for c in concepts for p in c.phrases),
    )


def clear_caches() -> None:
    """Forget compiled questions, concepts and phrases and the word cache (for honest
    timings)."""
    _BY_IDENTITY.clear()
    _compile_question.cache_clear()
    compile_concept.cache_clear()
    compile_phrase.cache_clear()
    normalize.clear_cache()


def _compile_misconception(misconception: Misconception) -> CompiledMisconception:
    """Phrase patterns compiled as aliases; "x != expansion" ones as abbreviation rules."""
    rules = [parse_abbreviation(p) for p in misconception.patterns]
    phrases = tuple(p for p, rule in zip(misconception.patterns, rules, strict=True) if not rule)
    names = (compile_phrase(name) for name in misconception.true_of)
    return CompiledMisconception(
        misconception,
        _unique_aliases(phrases, MISCONCEPTION_MAX_EDITS, MISCONCEPTION_MAX_WORD_EDITS),
        tuple(r for r in rules if r is not None),
        tuple(name for name in names if name is not None),
    )


def ordered_subjects(concepts: Sequence[CompiledConcept]) -> frozenset[Phrase]:
    """The first parts of the concepts' ordered misconception patterns ("k means" of "k means
    ... labels"): the subjects those patterns make claims about."""
    return frozenset().union(*(c.subjects for c in concepts))


def _own_names(text: str, concepts: tuple[CompiledConcept, ...]) -> tuple[Phrase, ...]:
    """The `ordered_subjects` that the question itself names ("Explain K-means clustering"):
    the names of what the question is about."""
    subjects = ordered_subjects(concepts)
    if not subjects:
        return ()
    doc = Doc(text, reach_of(list(subjects)))
    return tuple(
        sorted((s for s in subjects if find_phrase(s, doc, fuzzy=False)), key=lambda s: s.tokens)
    )


def _unique_aliases(
    texts: tuple[str, ...], max_edits: int = 3, max_word_edits: int | None = None
) -> tuple[Alias, ...]:
    """Compiled aliases in the given order, skipping empty ones and normalised duplicates."""
    seen: set[tuple[tuple[str, ...], ...]] = set()
    result = []
    for text in texts:
        alias = compile_alias(text, max_edits, max_word_edits)
        if alias is None:
            continue
        key = tuple(p.tokens for p in alias.parts)
        if key not in seen:
            seen.add(key)
            result.append(alias)
    return tuple(result)
