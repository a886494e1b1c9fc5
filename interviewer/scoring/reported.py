"""Mistakes an answer reports in order to reject them: "a classic trap is to say k-means
needs labels", "beginners often assume it does", "you might think so, but".

Senior candidates name the usual mistake before giving the right idea. What they report is
not what they believe, so it must not count as their misconception. The speaker's own
belief still does: "I think" and "we assume" hedge wrong answers as often as right ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from interviewer.scoring.verbs import COPULAS

# Words that present what follows as a mistake ("a common pitfall is thinking ..."). Some
# are plain negation cues too; here they reach over a longer claim ("a common misconception
# is that RL is just supervised learning with rewards as labels"). "Contrary (to popular
# belief)" is left out: what follows it is asserted, not rejected.
_MISTAKE_WORDS = frozenset(
    {"trap", "traps", "pitfall", "pitfalls", "misunderstanding", "misunderstandings",
     "misconception", "misconceptions", "mistake", "mistakes", "myth", "myths", "fallacy",
     "tempting", "misreading", "misreadings", "misinterpretation", "misinterpretations",
     "mixup", "mixups", "slip", "slips"}
)
# "A frequent mix-up is to say ...": the hyphen splits the word in two.
_MISTAKE_PAIRS = frozenset({("mix", "up"), ("mix", "ups")})
# Someone other than the speaker, holding a belief.
_OTHERS = frozenset(
    {"people", "juniors", "beginners", "candidates", "folks", "newcomers", "students",
     "novices", "others", "many", "some", "everyone", "most"}
)
# Also the verbs that put a view into words, when others hold it: "people sometimes describe
# attention as deleting the irrelevant inputs, but", "beginners read AUC as accuracy".
_BELIEF_VERBS = frozenset(
    {"think", "thinks", "believe", "believes", "assume", "assumes", "say", "says", "claim",
     "claims", "hear", "expect", "imagine", "suppose", "describe", "describes", "read", "reads",
     "call", "calls", "treat", "treats", "picture", "pictures", "confuse", "confuses"}
)
# "You might think", "one may hear": a belief offered as a possibility, unless the speaker
# offers it ("I might say" hedges their own answer).
_MAYBE = frozenset({"might", "may", "could"})
_SPEAKER = frozenset({"i", "we"})
# Tokens before a pattern searched for the report: "a classic trap is to say it takes a
# majority vote" frames a claim whose pattern may start several words in.
REPORT_LOOKBACK = 10
# Words before the verb in which its holder may stand ("juniors also tend to say").
_HOLDER_REACH = 5
# "From what people expect", "contrary to what many think": the belief is a yardstick.
_COMPARED_WITH = frozenset({"from", "to", "than"})
# "Another is", "another one", "another common one": more of what was just listed.
_ANOTHER_OF_THE_SAME = frozenset(
    {"is", "one", "common", "classic", "frequent", "typical", "popular"}
)

# "The textbook slip is to say ...", "it's tempting, and wrong, to describe RL as ...": the
# mistake is all that the saying verb introduces, however long, until the speaker turns back
# to their own view ("but", "whereas", "instead").
_SAYING_VERBS = frozenset(
    {"say", "saying", "describe", "describing", "treat", "treating", "call", "calling",
     "think", "thinking", "assume", "assuming", "claim", "claiming", "believe", "believing",
     "read", "reading", "picture", "picturing", "explain", "explaining"}
)
_FRAMERS = _MISTAKE_WORDS | {"wrong", "misleading", "incorrect", "inaccurate"}
_FRAMING_REACH = 4  # words between the mistake word and its verb: "slip is to say"
_TURNS = frozenset(
    {"but", "whereas", "while", "however", "instead", "actually", "rather", "yet", "though",
     "although", "really", "truth", "fact"}
)


def frames_a_mistake(before: Sequence[str]) -> bool:
    """Whether the words of the sentence before a statement (lower case, in order) open with
    a mistake that a saying verb ("the classic slip is to say ...") or "is that" ("a common
    misconception is that ...") introduces, and run on to the statement without turning
    back to the speaker's own view."""
    for i in range(len(before)):
        lead = before[max(0, i - _FRAMING_REACH) : i]
        if _introduces_content(before, i) and not _FRAMERS.isdisjoint(lead):
            return _TURNS.isdisjoint(before[i + 1 :])
    return False


def _introduces_content(words: Sequence[str], i: int) -> bool:
    """Whether word `i` introduces what the mistake says: a saying verb, or the "that" of
    "is that", "was that" ("the myth is that dropout ...")."""
    return words[i] in _SAYING_VERBS or (
        words[i] == "that" and i > 0 and words[i - 1] in COPULAS
    )


def reports_a_mistake(before: Sequence[str]) -> bool:
    """Whether the words just before a statement (lower case, in order) present it as a
    mistake someone else makes rather than the speaker's own claim."""
    if _names_a_mistake(before):
        return True
    for i, word in enumerate(before):
        if word not in _BELIEF_VERBS:
            continue
        # "I used to believe ..., until": a belief the speaker has given up.
        if before[max(0, i - 2) : i] == ["used", "to"]:
            return True
        holder = before[max(0, i - _HOLDER_REACH) : i]
        nearest = next((w for w in reversed(holder) if w in _SPEAKER or w in _OTHERS), None)
        # The holder nearest the verb is its subject: "for some reason I think" is the
        # speaker's own claim, however many others stand further back.
        if nearest in _OTHERS and not _measured_against(holder):
            return True
        if nearest is None and not _MAYBE.isdisjoint(holder):
            return True
    return False


def _measured_against(holder: Sequence[str]) -> bool:
    """Whether the belief is what a claim is measured against, not the claim: "the other way
    from what people expect:", "contrary to what most people think," and "better than what
    many assume" go on to assert what follows."""
    return any(
        word == "what" and i > 0 and holder[i - 1] in _COMPARED_WITH
        for i, word in enumerate(holder)
    )


def continues_a_report(opening: Sequence[str], previous: Sequence[str]) -> bool:
    """Whether a sentence that opens with `opening` (its words before a statement) goes on
    listing the mistakes the `previous` sentence reported: "A frequent misconception is that
    PCA picks columns. Another is that it uses the labels." Without a mistake word just
    before, "another" opens the speaker's own next point, as does "another point"."""
    return (
        1 < len(opening) <= REPORT_LOOKBACK
        and opening[0] == "another"
        and (opening[1] in _ANOTHER_OF_THE_SAME or opening[1] in _MISTAKE_WORDS)
        and _names_a_mistake(previous)
    )


def _names_a_mistake(words: Sequence[str]) -> bool:
    """Whether the words name a mistake ("a classic trap", "a frequent mix-up")."""
    return not _MISTAKE_WORDS.isdisjoint(words) or not _MISTAKE_PAIRS.isdisjoint(pairwise(words))
