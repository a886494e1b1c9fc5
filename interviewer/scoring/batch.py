"""Reading answers to score: a JSON-lines batch, a text file or bytes, with one-line errors.

Every problem is a UserError that names the source and, in a batch, the line, e.g.
`answers.jsonl line 3: not valid JSON (Expecting value)`. Nothing is scored until the whole
input has been read and checked, so a bad line never leaves half the output behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from interviewer.errors import UnknownQuestion, UserError
from interviewer.models import Bank, Question

_SHAPE = 'expected a JSON object like {"question": "beginner-01", "text": "..."}'


@dataclass(frozen=True)
class BatchItem:
    """One answer of a batch: the question it answers and the text."""

    line: int
    question: Question
    text: str


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a UserError naming the file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, expected a file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror})") from None


def decode_text(raw: bytes, where: str) -> str:
    """UTF-8 text without NUL bytes, or a UserError saying it is not text."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{where}: not UTF-8 text (binary data?)") from None
    if "\x00" in text:
        raise UserError(f"{where}: binary data, expected text")
    return text


def answer_text(raw: bytes, where: str) -> str:
    """A single answer: non-empty text."""
    text = decode_text(raw, where)
    if not text.strip():
        raise UserError(f"{where}: empty answer, nothing to score")
    return text.strip()


def parse_batch(raw: bytes, where: str, bank: Bank) -> list[BatchItem]:
    """Every non-blank line of a JSON-lines batch, checked; the first problem raises."""
    items: list[BatchItem] = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        items.append(_parse_line(line, f"{where} line {number}", number, bank))
    if not items:
        raise UserError(f"{where}: empty file, {_SHAPE} on each line")
    return items


def _parse_line(line: bytes, where: str, number: int, bank: Bank) -> BatchItem:
    text = decode_text(line, where)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{where}: not valid JSON ({exc.msg}); {_SHAPE}") from None
    if not isinstance(record, dict):
        raise UserError(f"{where}: {_SHAPE}")
    question_id = record.get("question")
    if not isinstance(question_id, str) or not question_id:
        raise UserError(f'{where}: missing "question" (a question id); {_SHAPE}')
    answer = record.get("text")
    if not isinstance(answer, str):
        raise UserError(f'{where}: missing "text" (the answer as a string); {_SHAPE}')
    try:
        question = bank.get(question_id)
    except UnknownQuestion as exc:
        raise UserError(f"{where}: {exc}") from None
    return BatchItem(number, question, answer)
