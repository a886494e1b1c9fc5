"""What the two sample candidates say: the scripts scripts/make_samples.py speaks and scores.

The answers are written for these samples from the subject (not taken from the bank's sample
answers or any graded answer set). Pauses are the seconds of silence before each part.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One thing the candidate does: `answer`, `follow_up` (answer the follow-up just asked)
    or `skip`. `parts` are (silence before, words) pairs; `tail_s` is the silence after."""

    kind: str
    parts: tuple[tuple[float, str], ...] = ()
    tail_s: float = 0.3


@dataclass(frozen=True)
class Sample:
    """One sample session: who speaks (espeak voice and rate), when, and what."""

    name: str
    created_at: str
    voice: str
    rate: int
    settings: dict[str, object]
    script: tuple[tuple[str, tuple[Step, ...]], ...]  # (question id, steps) in asked order


def say(*parts: tuple[float, str], tail_s: float = 0.3) -> Step:
    """An answer spoken in parts separated by silences."""
    return Step("answer", parts, tail_s)


def follow_up(*parts: tuple[float, str], tail_s: float = 0.3) -> Step:
    """The answer to the follow-up the previous answer prompted."""
    return Step("follow_up", parts, tail_s)


SKIP = Step("skip")

STRONG = Sample(
    name="strong-intermediate",
    created_at="2026-11-25T10:00:00+00:00",
    voice="en-us",
    rate=190,
    settings={"level": "intermediate", "question_count": 4},
    script=(
        ("intermediate-01", (say((0.8,
            "A random forest trains many decision trees, each on a bootstrap sample of the rows"
            " and a random subset of the features. For classification the trees take a majority"
            " vote, for regression they are averaged. That reduces variance, so it overfits"
            " less.")),)),
        ("intermediate-03", (say((0.9,
            "Regularization keeps a model from overfitting, so it generalizes to new data. It"
            " adds a penalty term to the loss that discourages large weights and overly complex"
            " models.")),)),
        ("intermediate-07", (say((0.7,
            "K-means is an unsupervised algorithm that groups unlabeled data into k clusters. It"
            " assigns each point to the nearest centroid, moves each centroid to the mean of its"
            " points, and repeats until nothing changes.")),)),
        ("intermediate-13", (say((1.0,
            "Dropout is a regularization technique. During training it randomly sets some"
            " neurons to zero, so units cannot rely on each other and learn robust features. At"
            " inference it is off.")),)),
    ),
)

WEAK = Sample(
    name="weak-mixed",
    created_at="2026-11-23T18:30:00+00:00",
    voice="en",
    rate=160,
    settings={"level": "mixed", "question_count": 4},
    script=(
        ("beginner-12", (
            say((1.5, "Um, variance is, like, how spread out the data is."),
                (0.9, "So high variance means the model is too simple, I think.")),
            follow_up((1.2, "Uh, if you train it on different data,"),
                      (0.5, "you get, um, different predictions?")),
        )),
        ("beginner-05", (
            say((1.1, "It's an optimization thing."),
                (0.7, "You step in the direction of the gradient.")),
            # The follow-up this prompts is skipped; the candidate retries instead.
            say((0.7, "Sorry. Gradient descent tries to minimize the loss,"),
                (0.4, "by taking small steps, um, downhill.")),
        )),
        ("intermediate-12", (SKIP,)),
        ("advanced-13", (
            say((1.3, "Um, ReLU adds some non-linearity, and it is cheap to compute."),
                (0.9, "But ReLU causes vanishing gradients, so, uh, it is not perfect.")),
        )),
    ),
)

SAMPLES = (STRONG, WEAK)
