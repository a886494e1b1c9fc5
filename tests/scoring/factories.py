"""Small hand-made questions for scorer tests, independent of the shipped bank."""

from __future__ import annotations

from interviewer.models import Concept, Level, Misconception, Question, Weight

# Words for property tests of matching: terms, their split and joined forms, spelled
# letters, a number and a filler, so random phrases and answers meet in every way.
_VOCABULARY = (
    "gradient descent back propagation roc curve k means labels sequentially trees boosting "
    "the model learns from labelled data weights penalty overfitting l1 0.5 a u c um"
)
VOCABULARY = _VOCABULARY.split()


def concept(
    label: str,
    *aliases: str,
    weight: Weight = Weight.CORE,
    misconceptions: tuple[Misconception, ...] = (),
) -> Concept:
    """A concept with the given aliases (the label counts as one too)."""
    return Concept(label=label, weight=weight, aliases=aliases, misconceptions=misconceptions)


def question(*concepts: Concept, sample: str = "", qid: str = "beginner-07") -> Question:
    """A question holding `concepts`; the sample answer defaults to a sentence per concept."""
    if not sample:
        sample = " ".join(f"It is about {c.label}." for c in concepts)
    return Question(
        id=qid,
        level=Level.BEGINNER,
        number=int(qid.rsplit("-", 1)[1]),
        text="Explain k-means clustering",
        sample_answer=sample,
        concepts=concepts,
    )


KMEANS_SAMPLE = (
    "K-means clustering is an unsupervised learning algorithm that groups data into clusters. "
    "It assigns each point to the nearest cluster centroid and then updates the centroids "
    "iteratively until the clusters are stable. It's commonly used for tasks like customer "
    "segmentation."
)

NEAREST_NEIGHBOURS = Misconception(
    label="Describes k-nearest neighbours classification",
    patterns=("nearest neighbours", "nearest neighbors", "majority vote", "k nn"),
)


def kmeans() -> Question:
    """A k-means question with core and supporting concepts and one misconception."""
    return question(
        concept("unsupervised", "unsupervised learning", "no labels", "unlabelled data"),
        concept(
            "groups into clusters",
            "clusters",
            "clustering",
            "group + similar",
            misconceptions=(NEAREST_NEIGHBOURS,),
        ),
        concept("centroid", "centroids", "cluster centre", "cluster center", "mean of the points"),
        concept("iterative updates", "iteratively", "repeat until", "until + converge"),
        concept("customer segmentation", "segmentation", weight=Weight.SUPPORTING),
        sample=KMEANS_SAMPLE,
    )
