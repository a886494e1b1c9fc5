"""Where a clause starts in an answer without commas, as a recogniser may write it.

Punctuated answers mark their clauses ("batch norm needs a batch, layer norm works per
token"), and `topics` reads the commas. A transcript without them runs the clauses together,
whether or not it keeps its full stops: "batch norm needs a batch layer norm works per
token". There, a method's name followed by its verb is the subject of a new clause.
Telling a verb without a parser: the auxiliaries and a few adverbs that open a predicate,
and a word in -s after a singular name ("layer norm normalizes", "word2vec maps"), except
the plural nouns that follow a name as a compound ("attention weights", "LSTM layers").
"""

from __future__ import annotations

# An answer with any of these marks its clauses itself, and there the verb test costs real
# flags: "it groups points like k-means does" is not a clause about k-means.
_CLAUSE_MARKS = frozenset(",;:")
COPULAS = frozenset({"is", "are", "was", "were"})
_AUXILIARIES = COPULAS | frozenset(
    {"has", "have", "had", "does", "do", "did", "can", "could",
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


def no_clause_marks(text: str) -> bool:
    """Whether `text` has no comma, semicolon or colon: full stops alone do not say where a
    sentence's clauses meet, so its clauses must be told by their verbs."""
    return _CLAUSE_MARKS.isdisjoint(text)


# Words after which an "-ed" word is a participle describing the name, not its verb: "LSTMs
# stacked in both directions", "a CNN trained on images", "BERT is based on".
_AFTER_PARTICIPLES = frozenset(
    {"in", "on", "by", "with", "for", "from", "to", "at", "as", "into", "over", "under",
     "and", "or", "but", "so", "that", "which", "is", "are", "was", "were"}
)

_COMPOUND_PARTICIPLES = frozenset(
    {"based", "weighted", "driven", "shaped", "powered", "enabled", "supervised", "trained",
     "pretrained", "labelled", "labeled", "connected", "related", "oriented"}
)


# An object pronoun after a word makes it a verb, whatever its form: "finite differences
# estimate them numerically" (a plural name's verb has no "-s"). A preposition takes one too
# ("methods like them"), and "it" is a subject after a conjunction ("RNNs because it
# needs"), so those (the connectives, with the copulas) are left out.
_OBJECT_PRONOUNS = frozenset({"them", "it", "us", "me", "him", "her"})
CONNECTIVES = _AFTER_PARTICIPLES | {
    "like", "of", "than", "about", "without", "via", "per", "because", "since", "when",
    "while", "if", "where", "until", "unless", "although", "though", "once", "whether",
    "before", "after",
}


def is_verb(word: str, after: str | None = None) -> bool:
    """Whether `word` (lower case), right after a method's name, is likely its verb; `after`
    is the word that follows it, if any. A word in "-ed" is a past tense ("ELMo used LSTM
    layers") when an object follows it, not a preposition ("LSTMs stacked in both
    directions"); so is any word before an object pronoun but a preposition or conjunction."""
    if word in _AUXILIARIES or word in _BEFORE_VERBS:
        return True
    if after in _OBJECT_PRONOUNS and word not in CONNECTIVES:
        return True
    if len(word) > 3 and word.endswith("ed"):
        # "LSTM based", "attention weighted": half of a compound adjective, not a verb
        return word not in _COMPOUND_PARTICIPLES and after is not None and (
            after not in _AFTER_PARTICIPLES
        )
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(_NOT_VERB_ENDINGS)
        and word not in _PLURAL_NOUNS
    )
