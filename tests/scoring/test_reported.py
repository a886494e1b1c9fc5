"""The words before a claim that make it someone else's mistake rather than the speaker's."""

from __future__ import annotations

import pytest

from interviewer.scoring.reported import continues_a_report, frames_a_mistake, reports_a_mistake


@pytest.mark.parametrize(
    ("before", "reported"),
    [
        ("a classic trap is to say", True),
        ("a common misreading is that", True),
        ("juniors also tend to say", True),
        ("beginners very often tend to say", True),
        ("you might think", True),
        ("many people believe", True),
        # the speaker's own belief, however many others stand further back
        ("i think", False),
        ("for some reason i think", False),
        ("many of us i think would say", False),
        ("i might say", False),
        ("we may assume", False),
        # a holder too far from the verb to be its subject
        ("people who work with large teams always say", False),
        ("it moves the centroids", False),
        # the belief is what the claim is measured against, and the claim is asserted
        ("it runs the other way from what people expect", False),
        ("contrary to what most people think", False),
        ("it is simpler than what many assume", False),
        ("what people think is that", True),
        ("the textbook slip is to say", True),
        # a belief the speaker has given up
        ("i used to believe", True),
        ("we used to think that", True),
        ("i still think", False),
        # others putting the mistake into words
        ("people sometimes describe it as", True),
        ("beginners often read auc as", True),
        ("many treat the two as", True),
        ("i would describe it as", False),
        ("we call it", False),
    ],
)
def test_reports_a_mistake(before: str, reported: bool) -> None:
    assert reports_a_mistake(before.split()) is reported


@pytest.mark.parametrize(
    ("opening", "previous", "continues"),
    [
        (("another", "is", "that"), ("a", "common", "misconception", "is"), True),
        (("another", "common", "one", "is"), ("a", "classic", "trap", "is"), True),
        (("another", "myth"), ("one", "myth", "is"), True),
        # no mistake named in the sentence before
        (("another", "is", "that"), ("it", "moves", "centroids"), False),
        # the speaker's own next point
        (("another", "point"), ("a", "common", "mistake", "is"), False),
        (("another",), ("a", "common", "mistake", "is"), False),
        (("also", "it", "is"), ("a", "common", "mistake", "is"), False),
    ],
)
def test_continues_a_report(
    opening: tuple[str, ...], previous: tuple[str, ...], continues: bool
) -> None:
    assert continues_a_report(opening, previous) is continues


@pytest.mark.parametrize(
    ("before", "framed"),
    [
        ("the textbook slip is to say a random forest improves because its many trees", True),
        ("it's tempting and wrong to describe reinforcement learning as supervised learning "
         "where", True),
        ("a classic mistake is treating the two as", True),
        # "is that" introduces what the mistake says, however long it runs
        ("a common misconception is that because a dot product is symmetric you can", True),
        ("the myth was that with enough layers you", True),
        # the speaker turns back to their own view
        ("the classic slip is to say it is fast but in fact", False),
        ("a common misconception is that it is fast but actually", False),
        # a saying verb without a mistake before it is the speaker's own claim
        ("i would say that", False),
        ("we describe it as", False),
        ("the point is that", False),
    ],
)
def test_frames_a_mistake(before: str, framed: bool) -> None:
    assert frames_a_mistake(before.split()) is framed
