"""Parse an interview-questions article in the seed's format.

The format: a level heading ("Beginner ... questions"), questions as "N. Question", each
answer starting "Sample answer: " and running on over following paragraphs; then an FAQ
section ("Frequently asked questions ...") of question lines and answer paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer.errors import BankError
from interviewer.models import Level, Tip

_LEVEL_HEADING = re.compile(r"^(beginner|intermediate|advanced)\b.*\bquestions\s*$", re.I)
_QUESTION = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_ANSWER = re.compile(r"^sample answer:\s*", re.I)
_FAQ_HEADING = re.compile(r"^frequently asked questions\b", re.I)
_SENTENCE_END = re.compile(r"[.?!:;)\"”’]\s*$")


@dataclass(frozen=True)
class ArticleQuestion:
    """A question as it stands in the article, before concepts are added."""

    level: Level
    number: int
    text: str
    sample_answer: str

    @property
    def id(self) -> str:
        """The stable bank id, `<level>-<NN>`."""
        return f"{self.level.value}-{self.number:02d}"


@dataclass(frozen=True)
class Article:
    """Everything usable in an article: questions by level and the FAQ tips."""

    questions: tuple[ArticleQuestion, ...]
    tips: tuple[Tip, ...]


def parse_article(text: str, source: str = "article") -> Article:
    """Parse article text; raise BankError naming the line when the structure is broken."""
    lines = [line.strip() for line in text.splitlines()]
    questions: list[ArticleQuestion] = []
    level: Level | None = None
    current: dict[str, object] | None = None
    faq_start: int | None = None

    def finish() -> None:
        if current is None:
            return
        answer = "\n".join(current["answer"])  # type: ignore[arg-type]
        if not answer.strip():
            raise BankError(
                f"{source}: line {current['line']}: question {current['number']} has no "
                "'Sample answer:'"
            )
        questions.append(
            ArticleQuestion(level, current["number"], current["text"], answer)  # type: ignore[arg-type]
        )

    for index, line in enumerate(lines, start=1):
        if not line:
            continue
        if _FAQ_HEADING.match(line):
            finish()
            current = None
            faq_start = index
            break
        heading = _LEVEL_HEADING.match(line)
        if heading:
            finish()
            current = None
            level = Level(heading.group(1).lower())
            continue
        numbered = _QUESTION.match(line)
        if numbered and level is not None and current is not None and not current["answer"]:
            finish()  # raises: the previous question never got its sample answer
        # A numbered line inside an answer is a list item unless it is the next question.
        if numbered and level is not None and (
            current is None or int(numbered.group(1)) == current["number"] + 1
        ):
            finish()
            current = {"number": int(numbered.group(1)), "text": numbered.group(2).strip(),
                       "answer": [], "line": index}
            continue
        if current is None:
            continue  # intro prose before the first question of a level
        if _ANSWER.match(line):
            current["answer"].append(_ANSWER.sub("", line, count=1))  # type: ignore[union-attr]
        elif current["answer"]:
            current["answer"].append(line)  # type: ignore[union-attr]
    else:
        finish()

    if not questions:
        raise BankError(
            f"{source}: no questions found (expected level headings, 'N. Question' lines"
            " and 'Sample answer:' paragraphs)"
        )
    _check_numbering(questions, source)
    tips = _parse_faq(lines[faq_start:]) if faq_start is not None else ()
    return Article(tuple(questions), tips)


def _check_numbering(questions: list[ArticleQuestion], source: str) -> None:
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise BankError(f"{source}: question {q.id} appears twice")
        seen.add(q.id)


def _parse_faq(lines: list[str]) -> tuple[Tip, ...]:
    """FAQ entries: a question line, then answer paragraphs ending in punctuation or bullets.

    The first line that is neither (an author byline, a newsletter box) ends the section.
    """
    tips: list[Tip] = []
    title: str | None = None
    body: list[str] = []
    for line in lines[1:]:
        if not line:
            continue
        is_bullet = line.startswith(("-", "•", "*"))
        if line.endswith("?") and not is_bullet:
            if title is not None and body:
                tips.append(Tip(title, "\n".join(body)))
            title, body = line, []
        elif title is None:
            continue  # the section's intro sentence
        elif is_bullet or _SENTENCE_END.search(line):
            body.append(line)
        else:
            break
    if title is not None and body:
        tips.append(Tip(title, "\n".join(body)))
    return tuple(tips)
