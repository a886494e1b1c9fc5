"""Where a clause starts in an answer with no punctuation, as a recogniser may write it.

Punctuated answers mark their clauses ("batch norm needs a batch, layer norm works per
token"), and `topics` reads the commas. A transcript with none runs the clauses together:
"batch norm needs a batch layer norm works per token". There, a method's name followed by
its verb is the subject of a new clause. Telling a verb without a parser: the auxiliaries
and a few adverbs that open a predicate, and a word in -s after a singular name ("layer norm
normalizes", "word2vec maps"), except the plural nouns that follow a name as a compound
("attention weights", "LSTM layers").
"""

from __future__ import annotations

_PUNCTUATION = frozenset(",.;:!?")
_AUXILIARIES = frozenset(
    {"is", "are", "was", "were", "has", "have", "had", "does", "do", "did", "can", "could",
     "will", "would", "should", "may", "might", "must"}
)
# Adverbs that stand between a subject and its verb: "dropout randomly sets", "a bandit
# only maximises", "pca by contrast combines".
_BEFORE_VERBS = frozenset(
    {"only", "also", "just", "instead", "randomly", "always", "simply", "then", "by",
     "actually", "really", "itself"}
)
_PLURAL_NOUNS = frozenset(
    {"weights", "layers", "units", "cells", "models", "networks", "vectors", "embeddings",
     "features", "values", "outputs", "inputs", "states", "gates", "heads", "tokens", "scores",
     "labels", "parameters", "methods", "algorithms", "systems", "steps", "errors", "losses",
     "functions", "matrices", "examples", "samples", "points", "trees", "nodes", "neurons",
     "classes", "clusters", "components", "predictions", "gradients", "updates"}
)
_NOT_VERB_ENDINGS = ("ss", "us", "is")  # "loss", "bonus", "analysis"


def unpunctuated(text: str) -> bool:
    """Whether `text` has no clause or sentence punctuation at all."""
    return _PUNCTUATION.isdisjoint(text)


def is_verb(word: str) -> bool:
    """Whether `word` (lower case), right after a method's name, is likely its verb."""
    if word in _AUXILIARIES or word in _BEFORE_VERBS:
        return True
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(_NOT_VERB_ENDINGS)
        and word not in _PLURAL_NOUNS
    )
