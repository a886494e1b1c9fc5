"""The list of saved sessions: one cheap line per folder, damaged folders included.

Listing must stay fast with a thousand sessions whose session.json files hold long
word-timed transcripts, so it never builds the full dataclasses: it reads only the fields
a line shows (and checks those). A folder that lists fine can still fail to open when a
field the list does not read is malformed; opening it then says so in one line.

Results are remembered in `<root>/.index.json`, keyed by folder name and by the
session.json file's identity (modification and change time, size, inode), so unchanged
folders are not parsed again. The index is only a cache: a missing, stale or corrupt one
is rebuilt, and one that cannot be written (a read-only folder) is simply not kept.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean
from typing import Any

from interviewer.session.records import ATTEMPT_KINDS, SCHEMA_VERSION
from interviewer.session.storage import SESSION_FILE, SessionDamage, parse_session_json

INDEX_FILE = ".index.json"
# Bump when an index entry's meaning changes; an index of another format is rebuilt.
INDEX_FORMAT = 1
_LEVELS = ("beginner", "intermediate", "advanced", "mixed")
_FOLDER_TIME = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)(?:-|$)")
_FIELDS = (
    "started_at", "level", "question_count", "answered", "mean_coverage", "finished", "damaged"
)


@dataclass(frozen=True)
class ListedSession:
    """One saved session as the list shows it.

    `level` is the session's level setting (beginner, intermediate, advanced or mixed), or
    the questions' single level when the setting is missing. `mean_coverage` is the mean
    best coverage over the questions answered or skipped (skips count 0), as the summary's
    overall coverage; None when none was. Every figure is None for a damaged folder,
    whose `damaged` gives the reason in one line; `started_at` is then the time in the
    folder's name when it has one.
    """

    id: str
    folder: Path
    started_at: str | None
    level: str | None
    question_count: int | None
    answered: int | None
    mean_coverage: float | None
    finished: bool | None
    damaged: str | None = None


def list_sessions(root: Path) -> list[ListedSession]:
    """Every session folder under `root`, sorted by folder name (oldest first).

    Damaged folders are included with their reason; a missing root lists nothing. Only a
    root that exists but cannot be read raises (a one-line SessionError). Safe to call
    from a worker thread; two listings at once each write a whole index, and either wins.
    """
    root = Path(root).expanduser()
    names = _folder_names(root)
    if not names:
        return []
    index = _load_index(root)
    fresh: dict[str, Any] = {}
    listed = []
    for name in names:
        record = _cached_or_read(root / name, index.get(name))
        if record[0] is not None:
            fresh[name] = list(record)
        listed.append(_listed(name, root / name, record[1]))
    if fresh != index:
        _save_index(root, fresh)
    return listed


def _folder_names(root: Path) -> list[str]:
    try:
        with os.scandir(root) as entries:
            return sorted(
                e.name for e in entries if not e.name.startswith(".") and _is_dir(e)
            )
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        from interviewer.errors import SessionError

        raise SessionError(f"{root}: cannot list sessions ({exc.strerror})") from None


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _signature(st: os.stat_result) -> list[int]:
    # Atomic saves give a new inode; ctime also catches copies that keep the old mtime.
    return [st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino]


def _cached_or_read(folder: Path, cached: Any) -> tuple[list[int] | None, dict[str, Any]]:
    """(signature, entry): the cached entry when session.json is unchanged, else read anew.

    The signature is None when there is no file to key on (nothing is cached then).
    """
    json_path = folder / SESSION_FILE
    if cached is not None:
        try:
            if _signature(os.stat(json_path)) == cached[0]:
                return cached[0], cached[1]
        except OSError:
            pass
    try:
        # fstat of the open file: the signature always matches the bytes read.
        with open(json_path, "rb") as handle:
            signature = _signature(os.fstat(handle.fileno()))
            raw = handle.read()
    except FileNotFoundError:
        reason = f"not a session folder (no {SESSION_FILE})"
        return None, _damaged(folder.name, reason)
    except IsADirectoryError:
        return None, _damaged(folder.name, f"{SESSION_FILE} is a folder")
    except OSError as exc:
        return None, _damaged(folder.name, f"cannot read {SESSION_FILE} ({exc.strerror})")
    return signature, entry_from_bytes(raw, folder.name)


def entry_from_bytes(raw: bytes, name: str) -> dict[str, Any]:
    """The list entry (the ListedSession fields after folder) of one session.json's bytes."""
    try:
        data = parse_session_json(raw)
        return _entry(data)
    except SessionDamage as exc:
        return _damaged(name, str(exc))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return _damaged(name, f"malformed session file ({_describe(exc)})")


def _entry(data: dict[str, Any]) -> dict[str, Any]:
    # Coerce as serialize.session_from_dict does, so a folder that opens is never listed as
    # damaged; fields the list does not show are only checked for presence.
    created = str(data["created_at"])
    finished = bool(data["finished"])
    settings = dict(data["settings"])
    for field in ("id", "app_version", "model"):
        if field not in data:
            raise KeyError(field)
    int(data["position"])
    ids: list[str] = []
    levels: set[str] = set()
    for question in _items(data["questions"], "questions"):
        ids.append(str(question["id"]))
        levels.add(str(question["level"]))
    if not ids:
        raise ValueError("no questions")
    skipped = {str(s) for s in _items(data["skipped"], "skipped")}
    known = set(ids)
    best: dict[str, float] = {}
    for attempt in _items(data["attempts"], "attempts"):
        question_id = str(attempt["question_id"])
        if question_id not in known:
            raise ValueError(
                f"an attempt answers {question_id!r}, which the session does not hold"
            )
        kind = attempt["kind"]
        if kind not in ATTEMPT_KINDS:
            raise ValueError(f"unknown attempt kind {kind!r}")
        if kind == "answer":
            coverage = float(attempt["score"]["coverage"])
            if coverage > best.get(question_id, -1.0):
                best[question_id] = coverage
    # As summary.overall_coverage: answered questions count their best, skipped ones 0.
    reached = [best.get(q, 0.0) for q in ids if q in best or q in skipped]
    level = settings.get("level")
    if level not in _LEVELS:
        level = levels.pop() if len(levels) == 1 else "mixed"
    return {
        "started_at": created,
        "level": level,
        "question_count": len(ids),
        "answered": sum(1 for q in ids if q in best),
        "mean_coverage": fmean(reached) if reached else None,
        "finished": finished,
        "damaged": None,
    }


def _items(value: Any, field: str) -> Iterator[Any]:
    if not isinstance(value, list):
        raise ValueError(f"{field} is not a list")
    return iter(value)


def _damaged(name: str, reason: str) -> dict[str, Any]:
    match = _FOLDER_TIME.match(name)
    started = None if match is None else f"{match[1]}T{match[2]}:{match[3]}:{match[4]}"
    entry: dict[str, Any] = dict.fromkeys(_FIELDS)
    entry.update(started_at=started, damaged=reason)
    return entry


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _listed(name: str, folder: Path, entry: dict[str, Any]) -> ListedSession:
    return ListedSession(name, folder, **entry)


def _load_index(root: Path) -> dict[str, Any]:
    """The usable part of the index: {name: [signature, entry]}; {} when it is unusable."""
    try:
        data = json.loads((root / INDEX_FILE).read_bytes())
    except (OSError, ValueError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("format") != INDEX_FORMAT
        or data.get("reads_schema") != SCHEMA_VERSION
        or not isinstance(data.get("sessions"), dict)
    ):
        return {}
    return {
        name: record for name, record in data["sessions"].items() if _valid_record(record)
    }


def _valid_record(record: Any) -> bool:
    if not (isinstance(record, list) and len(record) == 2):
        return False
    signature, entry = record
    if not (
        isinstance(signature, list)
        and len(signature) == 4
        and all(type(n) is int for n in signature)
        and isinstance(entry, dict)
        and entry.keys() == set(_FIELDS)
    ):
        return False
    return all(isinstance(entry[k], (t, type(None))) for k, t in _TYPES)


# bool is an int, so an int field holding true/false passes: harmless for a cache.
_TYPES = (
    ("started_at", str),
    ("level", str),
    ("question_count", int),
    ("answered", int),
    ("mean_coverage", (int, float)),
    ("finished", bool),
    ("damaged", str),
)


def _save_index(root: Path, sessions: dict[str, Any]) -> None:
    """Write the index atomically; any failure (read-only folder, full disk) is ignored.

    No fsync: a torn index after a crash reads as corrupt and is rebuilt.
    """
    text = json.dumps(
        {"format": INDEX_FORMAT, "reads_schema": SCHEMA_VERSION, "sessions": sessions},
        separators=(",", ":"),
    )
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{INDEX_FILE}.", suffix=".tmp", dir=root)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, root / INDEX_FILE)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
