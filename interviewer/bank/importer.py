"""`interviewer bank import`: turn an article into a bank with suggested concepts to edit."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from interviewer.bank.article import ArticleQuestion, parse_article
from interviewer.bank.writer import bank_to_toml
from interviewer.errors import BankError
from interviewer.models import Bank, Concept, Question, Weight
from interviewer.scoring.fillers import ALWAYS_FILLERS

# Words that never make a key term on their own.
_STOP = frozenset(
    """
    a about above after again all allowing also an and any are as at be because been
    before being between both but by can could do does doing during each either
    especially essentially etc even every example few for from further get gives giving
    has have having helps how however if in into is it its it's itself just less like
    lot make makes making many may means meaning might more most much need needs new not
    of often on once one only or other others our out over own part particularly rather
    same see set should similar since so some such than that the their them then there
    these they this those through thus to too two under until up us used useful uses
    using very want way ways we well were what when where whether which while who why
    will with without would you your it’s they’re doesn’t isn’t
    """.split()  # noqa: SIM905 - a word list reads better as prose
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9’'\-]*")
_CLAUSE_END = re.compile(r"[.,;:!?()]+(?:\s|$)")
MAX_SUGGESTED = 6
HEADER = (
    "Question bank imported by `interviewer bank import`.\n"
    "The concepts are suggestions (key terms of each sample answer): edit labels, weights\n"
    "('core' or 'supporting'), aliases and misconceptions before relying on the scores."
)


def suggest_concepts(sample_answer: str) -> tuple[Concept, ...]:
    """Key terms of a sample answer as draft concepts: acronyms, repeated pairs, frequent words.

    A pair of words is taken only within one clause: "...a model. Basically, ..." holds no
    term "model basically".
    """
    terms: Counter[str] = Counter()
    for clause in _CLAUSE_END.split(sample_answer):
        words = _WORD.findall(clause)
        lowered = [w.lower().strip("’'-") for w in words]
        for i, word in enumerate(lowered):
            if not _keyword(word):
                continue
            original = words[i]
            bonus = 3 if original.isupper() and len(original) >= 2 else 0
            terms[word] += 1 + bonus
            if i + 1 < len(lowered) and _keyword(lowered[i + 1]):
                terms[f"{word} {lowered[i + 1]}"] += 2
    chosen: list[str] = []
    for term, _count in terms.most_common():
        if any(term in other or other in term for other in chosen):
            continue
        chosen.append(term)
        if len(chosen) == MAX_SUGGESTED:
            break
    return tuple(
        Concept(
            label=term,
            weight=Weight.CORE if rank < 2 else Weight.SUPPORTING,
            aliases=tuple(dict.fromkeys([term, term.replace("-", " ")])),
        )
        for rank, term in enumerate(chosen)
    )


def article_to_bank(text: str, source: str = "article") -> Bank:
    """Parse an article and attach suggested concepts to every question."""
    article = parse_article(text, source)
    return Bank(
        questions=tuple(_with_concepts(q) for q in article.questions),
        tips=article.tips,
        source=source,
    )


def _keyword(word: str) -> bool:
    """Whether a word may be (part of) a key term. Fillers never are: answers are matched
    without them, so an alias holding "basically" could never match."""
    return len(word) >= 3 and word not in _STOP and word not in ALWAYS_FILLERS


def _with_concepts(q: ArticleQuestion) -> Question:
    return Question(
        id=q.id,
        level=q.level,
        number=q.number,
        text=q.text,
        sample_answer=q.sample_answer,
        concepts=suggest_concepts(q.sample_answer) or (
            Concept(label=q.text, weight=Weight.CORE, aliases=()),
        ),
    )


def import_article(article_path: Path, out_path: Path) -> Bank:
    """Read `article_path`, write the bank to `out_path` (atomically) and return it."""
    from interviewer.session.atomic import write_text_atomic

    try:
        text = article_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BankError(f"{article_path}: article not found") from None
    except UnicodeDecodeError:
        raise BankError(f"{article_path}: not a UTF-8 text file") from None
    except OSError as exc:
        raise BankError(f"{article_path}: cannot read ({exc.strerror})") from None
    bank = article_to_bank(text, str(article_path))
    write_text_atomic(out_path, bank_to_toml(bank, HEADER))
    return bank
