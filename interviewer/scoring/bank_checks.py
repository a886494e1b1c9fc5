"""Checks that a bank's concepts can work as written, for `interviewer bank check`.

A bank can load cleanly and still score badly: an alias holding a word the scorer skips
("basically zero": answers are read without fillers) never matches, a misconception pattern
that cannot fire never flags anything, and a concept its own sample answer does not mention
cannot be shown by example. The loader only checks the file's shape; these checks run the
scorer over the bank's own words, so they find what a bank author cannot see by reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from interviewer.models import Bank, Concept, Misconception, Question
from interviewer.scoring.acronyms import parse_abbreviation
from interviewer.scoring.fillers import find_fillers
from interviewer.scoring.normalize import tokenize
from interviewer.scoring.scorer import match_concept, score_answer

# Plain sentences an alias or pattern is said in. Whether "like" is a filler depends on the
# words around it ("like a human" at the start of a sentence is one, after "it is" it is not),
# so a phrase that matches in any of them can match in an answer.
CARRIERS = ("Well. {}.", "It is {}.", "We see {} here.")


@dataclass(frozen=True, slots=True)
class BankProblem:
    """One thing in a bank that will not score as its author meant."""

    question_id: str
    where: str  # e.g. "concept 'Chain rule', alias 'basically zero'"
    problem: str

    def __str__(self) -> str:
        return f"{self.question_id}: {self.where}: {self.problem}"


def check_bank(bank: Bank) -> list[BankProblem]:
    """Every problem in the bank, question by question in bank order."""
    return [problem for question in bank.questions for problem in check_question(question)]


def check_question(question: Question) -> list[BankProblem]:
    """Problems with one question: concepts its sample answer does not mention, a sample
    answer that states a misconception, and aliases or patterns that can never match."""
    problems = [
        BankProblem(question.id, f"concept {c.label!r}", "the sample answer does not mention it")
        for c in question.concepts
        if match_concept(c, question.sample_answer) is None
    ]
    problems += [
        BankProblem(
            question.id,
            "sample answer",
            f"states the misconception {hit.misconception.label!r} ({hit.span.text!r})",
        )
        for hit in score_answer(question, question.sample_answer).misconceptions
    ]
    for concept in question.concepts:
        problems += _dead_aliases(question.id, concept)
        problems += _dead_patterns(question, concept)
    return problems


def _dead_aliases(question_id: str, concept: Concept) -> list[BankProblem]:
    problems = []
    for alias in dict.fromkeys((concept.label, *concept.aliases)):
        said = _said(alias)
        if not _said_anywhere(said, lambda text: match_concept(concept, text) is not None):
            where = f"concept {concept.label!r}, alias {alias!r}"
            problems.append(BankProblem(question_id, where, _never_matches(said)))
    return problems


def _dead_patterns(question: Question, concept: Concept) -> list[BankProblem]:
    problems = []
    for misconception in concept.misconceptions:
        for pattern in misconception.patterns:
            said = _stated(pattern)
            if not _said_anywhere(said, partial(_flags, question, misconception)):
                where = (
                    f"concept {concept.label!r}, misconception {misconception.label!r}, "
                    f"pattern {pattern!r}"
                )
                problems.append(BankProblem(question.id, where, _never_matches(said)))
    return problems


def _said_anywhere(said: str, found: Callable[[str], bool]) -> bool:
    """Whether `found` holds for the phrase said in any of the carrier sentences."""
    return any(found(carrier.format(said)) for carrier in CARRIERS)


def _flags(question: Question, misconception: Misconception, text: str) -> bool:
    hits = score_answer(question, text).misconceptions
    return any(hit.misconception == misconception for hit in hits)


def _said(alias: str) -> str:
    """The alias as a candidate would say it: its parts one after another."""
    return alias.replace("+", " ").replace("...", " ")


def _stated(pattern: str) -> str:
    """A sentence stating the pattern; for "gan != ...", an expansion that spells GAN wrongly."""
    rule = parse_abbreviation(pattern)
    if rule is None:
        return _said(pattern)
    return f"{rule.short} stands for " + " ".join(f"{letter}xq" for letter in rule.initials)


def _never_matches(said: str) -> str:
    """Why a phrase never matches, as far as can be told: fillers it holds are skipped."""
    text = CARRIERS[0].format(said)
    fillers = [text[start:end] for start, end in find_fillers(text, tokenize(text))]
    if fillers:
        words = ", ".join(repr(f) for f in fillers)
        return f"never matches an answer: answers are read without filler words ({words})"
    return "never matches an answer, even one that says exactly these words"
