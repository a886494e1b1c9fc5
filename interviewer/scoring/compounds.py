"""Named methods whose last word is a more general term: "logistic regression", "leaky ReLU".

What an answer says of such a method is not said of the general term. "Logistic regression
predicts classes" is right, yet it holds the words of the misconception "regression predicts
classes"; "binary classification only has two classes" holds "classification only has two
classes". A misconception pattern found starting inside one of these names (after its first
word) is therefore not the candidate's claim about the subject.

Only names of a *different* thing belong here. "High bias" or "neural networks" are the
same subject as "bias" or "networks", and a claim about them is a claim about the subject.

Some names instead open with the general term: "the bias term" is a parameter, not bias.
"There's the bias term, the intercept" says nothing about bias, so a pattern whose subject
is only the first word of such a name ("bias ... intercept") is not found there.
"""

from __future__ import annotations

from functools import cache

from interviewer.scoring.normalize import norms
from interviewer.scoring.phrases import Doc, Occurrence

DISTINCT_COMPOUNDS = (
    "logistic regression", "softmax regression", "binary classification",
    "multiclass classification", "multi label classification", "leaky relu",
    "parametric relu", "batch normalization", "layer normalization", "semi supervised learning",
    "self supervised learning", "weakly supervised learning", "variational autoencoder",
    "denoising autoencoder", "kernel pca", "bidirectional lstm", "bidirectional rnn",
    "cross entropy",
)
HEADED_COMPOUNDS = (
    "bias term", "bias terms", "bias parameter", "bias parameters", "bias vector",
    "bias vectors", "bias unit", "bias units", "bias node", "bias neuron",
)


@cache
def _compacts(names: tuple[str, ...]) -> dict[str, int]:
    """Each name's normalised words run together, with its word count."""
    result = {}
    for text in names:
        words = norms(text)
        result["".join(words)] = len(words)
    return result


def compound_names(doc: Doc, names: tuple[str, ...] = DISTINCT_COMPOUNDS) -> list[Occurrence]:
    """Where the answer names one of the compounds, written as one word or several
    ("multiclass" or "multi class") within one sentence, exactly: a near-miss is no reason
    to excuse a claim."""
    compacts = _compacts(names)
    longest = max(compacts.values()) + 1  # a word may also be written apart ("multi class")
    norms = [t.norm for t in doc.tokens]
    found = []
    for i in range(len(norms)):
        joined = ""
        for j in range(i, min(len(norms), i + longest)):
            joined += norms[j]
            if joined in compacts and j > i and doc.same_sentence(i, j + 1):
                found.append(Occurrence(i, j + 1, 0))
    return found


def inside_compound(occ: Occurrence, names: list[Occurrence]) -> bool:
    """Whether `occ` starts inside a compound's name after its first word, so that what it
    says is said of the compound ("logistic [regression predicts classes]")."""
    return any(name.start < occ.start < name.end for name in names)


def opens_headed_compound(occ: Occurrence, subject_words: int, names: list[Occurrence]) -> bool:
    """Whether `occ`, whose subject is its first `subject_words` tokens, starts where a
    `HEADED_COMPOUNDS` name does that is longer than that subject ("[bias] term, the
    intercept"), so that what follows is said of the compound."""
    return any(name.start == occ.start and name.end - name.start > subject_words for name in names)
