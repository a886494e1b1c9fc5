"""Which framings cancel a stated misconception: a negation, a retraction, a mistake reported
as someone else's, a contrast; and which leave it the speaker's own claim."""

from __future__ import annotations

import pytest

from interviewer.models import Misconception
from interviewer.scoring import score_answer

from .factories import concept, kmeans, question


@pytest.mark.parametrize(
    "answer",
    [
        "It does not use nearest neighbours.",
        "It isn't about nearest neighbours at all.",
        "Unlike k-NN it has no majority vote.",
        "Unlike a classifier it never takes a majority vote.",
        "It uses centroids rather than nearest neighbours.",
        "It uses centroids instead of nearest neighbours.",
        "It clusters without a majority vote.",
        "It cannot take a majority vote, there are no labels.",
        "It is nothing like nearest neighbours, which is no majority vote either.",
        "It uses centroids, whereas k-NN takes a majority vote.",
        "K-means clusters versus k-NN, which finds nearest neighbours.",
        "A common misconception is that it finds nearest neighbours.",
        "It is a mistake to say it takes a majority vote.",
        "People often think it finds nearest neighbours, but it moves centroids.",
        "Some people believe it takes a majority vote; it does not.",
        "It is often confused with k-NN, which finds nearest neighbours.",
        "It rarely if ever takes a majority vote.",
        "Nobody takes a majority vote in k-means.",
        "None of its steps takes a majority vote.",
        "Some say it takes a majority vote, but it moves centroids.",
        "People sometimes say it finds nearest neighbours; it does not.",
        # a mistake reported as someone else's, in order to reject it
        "A classic trap is to say it takes a majority vote; it moves centroids.",
        "It's tempting to say it finds nearest neighbours, but it moves centroids.",
        "A common pitfall is thinking it takes a majority vote.",
        "A common misreading is that it takes a majority vote; it moves centroids.",
        "A frequent mix-up is to say it takes a majority vote; it moves centroids.",
        # ... however far into the sentence the claim runs
        "The textbook slip is to say that because the data has labels somewhere, the "
        "algorithm in the end takes a majority vote.",
        "It's tempting, and wrong, to describe the assignment step as something that takes a "
        "majority vote.",
        "Mixups happen: people say it finds nearest neighbours. Another mix-up is that it "
        "takes a majority vote.",
        "Beginners often assume it finds nearest neighbours, but it moves centroids.",
        "Juniors tend to say it takes a majority vote, which it never does.",
        "Juniors also tend to say it takes a majority vote; the truth is it moves centroids.",
        "A lot of candidates say it finds nearest neighbours; it does not.",
        "You might think it takes a majority vote, but it averages the points.",
        "One may hear that it finds nearest neighbours; it moves centroids.",
        # ... or put the mistake into words
        "People sometimes describe it as taking a majority vote, but it moves centroids.",
        "Beginners often read it as a majority vote over neighbours; it moves centroids.",
        # the next sentence goes on listing the mistakes
        "A common misconception is that it uses labels. Another is that it takes a majority vote.",
        "A classic trap is skipping scaling. Another common one is saying it takes majority votes.",
        # ... also when the mistake was named before a semicolon
        "A common misconception is that it uses labels; it doesn't. Another is that it takes a "
        "majority vote.",
        # taken back at once, as speakers do
        "It finds the nearest neighbours... no, wait, that's k-NN. It moves centroids.",
        "It takes a majority vote, wait, no, it assigns each point to the nearest centroid.",
        "It finds the nearest neighbours of each point, sorry, no, the nearest centroid.",
        "It takes a majority vote. Scratch that, it averages the points of each cluster.",
    ],
)
def test_negated_or_retracted_misconception_not_counted(answer: str) -> None:
    assert score_answer(kmeans(), answer).misconceptions == ()


@pytest.mark.parametrize(
    "answer",
    [
        # a lone "actually" or "wait" goes on; it does not take anything back
        "It finds the nearest neighbours. Actually, it then takes a majority vote.",
        "It takes a majority vote, wait for it, over the nearest neighbours.",
        # a retraction two sentences later belongs to something else
        "It takes a majority vote. It is fast. It is simple. No, wait, it is not that simple.",
    ],
)
def test_a_statement_not_taken_back_is_still_a_misconception(answer: str) -> None:
    assert score_answer(kmeans(), answer).misconceptions


@pytest.mark.parametrize(
    "answer",
    [
        "I think it finds nearest neighbours.",
        "I might say it takes a majority vote over the nearest neighbours.",
        "We assume it finds nearest neighbours and takes a majority vote.",
        # the holder nearest the verb is its subject, not an earlier "some"
        "For some reason I think it finds nearest neighbours.",
        "Many of us, I think, would say it takes a majority vote.",
        # "another" with no mistake just reported, or opening the speaker's own point
        "It moves centroids. Another is that it takes a majority vote.",
        "A common mistake is to skip scaling. Another point: it takes a majority vote.",
        "A common mistake is to skip scaling. It is fast; it scales. Another is that it takes a "
        "majority vote.",
        # what follows "contrary to popular belief" is asserted, not rejected
        "Contrary to popular belief, it takes a majority vote.",
        "I would describe it as taking a majority vote.",
        "It works the other way from what people expect: it takes a majority vote.",
    ],
)
def test_the_candidates_own_belief_is_still_a_misconception(answer: str) -> None:
    assert score_answer(kmeans(), answer).misconceptions


@pytest.mark.parametrize(
    ("answer", "flagged"),
    [
        # a fronted contrast covers its own phrase; what follows the comma is asserted
        ("Unlike k-NN, it takes a majority vote.", True),
        ("Compared to k-NN, it takes a majority vote over the nearest neighbours.", True),
        ("K-means, unlike k-NN, takes a majority vote.", True),
        # a relative clause on the contrasted method still belongs to the contrast
        ("Unlike k-NN, which takes a majority vote, k-means moves centroids.", False),
        ("Unlike k-NN, that takes a majority vote, k-means moves centroids.", False),
        # ... however long it runs, within one sentence
        ("Unlike k-nearest neighbours classification, where you take a majority vote, k-means "
         "moves centroids.", False),
        ("Unlike k-NN, which is supervised, it takes a majority vote.", True),
        # unpunctuated speech: the whole sentence stays in the contrast
        ("unlike k nn which takes a majority vote k means moves centroids", False),
        ("Unlike k-NN it has no majority vote.", False),
    ],
)
def test_a_fronted_contrast_covers_only_its_own_phrase(answer: str, flagged: bool) -> None:
    assert bool(score_answer(kmeans(), answer).misconceptions) is flagged


@pytest.mark.parametrize(
    "answer",
    [
        "It tracks the false positive rate, and it takes a majority vote.",
        "Too many false alarms: it takes a majority vote.",
    ],
)
def test_false_in_a_term_is_not_a_negation(answer: str) -> None:
    assert score_answer(kmeans(), answer).misconceptions


def test_negation_does_not_reach_into_the_next_sentence() -> None:
    score = score_answer(kmeans(), "It is not supervised. It finds nearest neighbours.")
    assert len(score.misconceptions) == 1


@pytest.mark.parametrize(
    ("answer", "flagged"),
    [
        # a sweeping claim the speaker softens is an observation, not the mistake
        ("Almost every clustering method takes a majority vote somewhere.", False),
        ("It nearly always takes a majority vote.", False),
        ("Every clustering method takes a majority vote.", True),
        ("It always takes a majority vote.", True),
    ],
)
def test_a_softened_sweeping_claim_is_not_a_misconception(answer: str, flagged: bool) -> None:
    sweeping = Misconception("Sweeping", ("every clustering method takes", "always takes"))
    q = question(concept("groups", "clusters", misconceptions=(sweeping,)))
    assert bool(score_answer(q, answer).misconceptions) is flagged


@pytest.mark.parametrize(
    ("answer", "flagged"),
    [
        # less of the subject reverses what it does: the claim is then right
        ("Less regularisation increases variance.", False),
        ("Too little regularisation increases variance.", False),
        ("A smaller dropout rate increases variance.", False),
        # the claim about the subject itself, or a diminisher that scales something else
        ("Regularisation increases variance.", True),
        ("More regularisation increases variance.", True),
        ("The model sees less, regularisation increases variance.", True),
        ("To reduce the bias regularisation increases variance.", True),
        ("You remove regularisation increases variance.", True),
    ],
)
def test_less_of_the_subject_reverses_the_claim(answer: str, flagged: bool) -> None:
    wrong = Misconception(
        "Regularisation raises variance",
        ("regularisation ... increases variance", "dropout rate ... increases variance"),
    )
    q = question(concept("penalty", "penalty", misconceptions=(wrong,)))
    assert bool(score_answer(q, answer).misconceptions) is flagged
