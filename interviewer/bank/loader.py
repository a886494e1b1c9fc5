"""Load and validate a bank file. Every problem is a BankError naming file, question, field."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from interviewer.abbreviations import NOT_EXPANDED_AS, parse_abbreviation
from interviewer.errors import BankError
from interviewer.models import Bank, Concept, Level, Misconception, Question, Tip, Weight

_ID = re.compile(r"^([a-z]+)-(\d{2,3})$")


def shipped_bank_path() -> Path:
    """The bank that ships inside the package (works from a wheel, not only a checkout)."""
    from content import BANK_PATH

    return BANK_PATH


def load_bank(path: Path | str | None = None) -> Bank:
    """Read and validate a bank file (the shipped one when `path` is None or empty)."""
    path = Path(path).expanduser() if path else shipped_bank_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BankError(f"{path}: bank file not found") from None
    except IsADirectoryError:
        raise BankError(f"{path}: is a folder, expected a bank .toml file") from None
    except OSError as exc:
        raise BankError(f"{path}: cannot read bank file ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BankError(f"{path}: not a text file (expected a TOML bank)") from None
    except tomllib.TOMLDecodeError as exc:
        raise BankError(f"{path}: not valid TOML: {exc}") from None
    return parse_bank(data, str(path))


def parse_bank(data: dict[str, Any], source: str) -> Bank:
    """Validate already-parsed TOML data into a Bank."""
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise BankError(f"{source}: no [[questions]] tables found")
    questions: list[Question] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw_questions, start=1):
        where = f"{source}: question #{index}"
        if not isinstance(entry, dict):
            raise BankError(f"{where}: expected a table")
        qid = _text(entry, "id", where)
        where = f"{source}: question {qid}"
        if qid in seen:
            raise BankError(f"{where}: duplicate id")
        seen.add(qid)
        questions.append(_question(entry, qid, where))
    tips = tuple(_tip(t, f"{source}: tip #{i}") for i, t in enumerate(data.get("tips", []), 1))
    return Bank(questions=tuple(questions), tips=tips, source=source)


def _question(entry: dict[str, Any], qid: str, where: str) -> Question:
    level_name = _text(entry, "level", where)
    try:
        level = Level(level_name)
    except ValueError:
        choices = ", ".join(lv.value for lv in Level)
        raise BankError(
            f"{where}: field 'level': unknown level {level_name!r} ({choices})"
        ) from None
    match = _ID.match(qid)
    if not match or match.group(1) != level.value:
        raise BankError(f"{where}: field 'id' must look like '{level.value}-01'")
    concepts = entry.get("concepts")
    if not isinstance(concepts, list) or not concepts:
        raise BankError(f"{where}: field 'concepts': needs at least one concept")
    return Question(
        id=qid,
        level=level,
        number=int(match.group(2)),
        text=_text(entry, "question", where),
        sample_answer=_text(entry, "sample_answer", where),
        concepts=tuple(
            parse_concept(c, f"{where}: concept #{i}") for i, c in enumerate(concepts, 1)
        ),
    )


def parse_concept(entry: Any, where: str) -> Concept:
    """Validate one concept table; `where` prefixes every error (file, question, concept)."""
    if not isinstance(entry, dict):
        raise BankError(f"{where}: expected a table")
    label = _text(entry, "label", where)
    where = f"{where} ({label!r})"
    weight_name = entry.get("weight", "core")
    try:
        weight = Weight(weight_name)
    except ValueError:
        raise BankError(f"{where}: field 'weight' must be 'core' or 'supporting'") from None
    misconceptions = entry.get("misconceptions", [])
    if not isinstance(misconceptions, list):
        raise BankError(f"{where}: field 'misconceptions' must be a list of tables")
    return Concept(
        label=label,
        weight=weight,
        aliases=_strings(entry, "aliases", where),
        misconceptions=tuple(
            _misconception(m, f"{where}: misconception #{i}")
            for i, m in enumerate(misconceptions, 1)
        ),
    )


def _misconception(entry: Any, where: str) -> Misconception:
    if not isinstance(entry, dict):
        raise BankError(f"{where}: expected a table")
    patterns = _strings(entry, "patterns", where)
    if not patterns:
        raise BankError(f"{where}: field 'patterns' needs at least one phrase")
    for pattern in patterns:
        if NOT_EXPANDED_AS in pattern and parse_abbreviation(pattern) is None:
            raise BankError(
                f"{where}: field 'patterns': {pattern!r} needs an abbreviation before "
                f"'{NOT_EXPANDED_AS}' and its expansion after, like 'gan {NOT_EXPANDED_AS} "
                "generative adversarial network'"
            )
    return Misconception(
        label=_text(entry, "label", where),
        patterns=patterns,
        true_of=_strings(entry, "true_of", where),
    )


def _tip(entry: Any, where: str) -> Tip:
    if not isinstance(entry, dict):
        raise BankError(f"{where}: expected a table")
    return Tip(title=_text(entry, "title", where), text=_text(entry, "text", where))


def _text(entry: dict[str, Any], field: str, where: str) -> str:
    value = entry.get(field)
    if value is None:
        raise BankError(f"{where}: missing field {field!r}")
    if not isinstance(value, str) or not value.strip():
        raise BankError(f"{where}: field {field!r} must be non-empty text")
    return value.strip()


def _strings(entry: dict[str, Any], field: str, where: str) -> tuple[str, ...]:
    value = entry.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise BankError(f"{where}: field {field!r} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)
