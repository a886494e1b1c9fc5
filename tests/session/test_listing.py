"""list_sessions: the figures of each folder, damaged folders with a reason, the index cache."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from interviewer.errors import SessionError
from interviewer.session import listing
from interviewer.session.listing import INDEX_FILE, ListedSession, list_sessions
from interviewer.session.records import SCHEMA_VERSION, Attempt, SavedSession
from interviewer.session.storage import SESSION_FILE, SessionFolder, SessionStore
from interviewer.session.summary import overall_coverage, question_results
from tests.session.factories import attempt, saved

QIDS = ("beginner-01", "beginner-02", "intermediate-01")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    path = tmp_path / "sessions"
    path.mkdir()
    return path


def _write(root: Path, name: str, session: SavedSession) -> Path:
    """Save `session` as folder `name` under `root`, as the app writes it."""
    folder = root / name
    folder.mkdir()
    SessionFolder(folder).save(replace(session, id=name, folder=folder))
    return folder / SESSION_FILE


MISSING = object()  # as a value in _edit: remove the field


def _edit(path: Path, change: dict[str, object]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(change)
    for field in [f for f, value in change.items() if value is MISSING]:
        del data[field]
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


# (attempts, skipped, questions asked, expected answered, expected mean coverage)
Case = tuple[tuple[Attempt, ...], tuple[str, ...], tuple[str, ...], int, float | None]
CASES: dict[str, Case] = {
    "all answered": (
        (attempt(QIDS[0], 0.5), attempt(QIDS[1], 1.0), attempt(QIDS[2], 0.75)),
        (), QIDS, 3, 0.75,
    ),
    "best answer of retries counts": (
        (attempt(QIDS[0], 0.2), attempt(QIDS[0], 0.8), attempt(QIDS[0], 0.4)),
        (), QIDS, 1, 0.8,
    ),
    "skips count 0": (
        (attempt(QIDS[0], 0.9),), (QIDS[1],), QIDS, 1, 0.45,
    ),
    "follow-ups do not raise the best": (
        (attempt(QIDS[0], 0.5), attempt(QIDS[0], 1.0, kind="follow_up")),
        (), QIDS, 1, 0.5,
    ),
    "nothing reached": ((), (), QIDS, 0, None),
    "only skipped": ((), QIDS[:2], QIDS, 0, 0.0),
    "one question": ((attempt(QIDS[2], 0.3),), (), QIDS[2:], 1, 0.3),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("finished", [True, False])
def test_figures_match_the_full_summary(root: Path, case: str, finished: bool) -> None:
    attempts, skipped, qids, answered, mean = CASES[case]
    session = saved(qids, attempts, skipped=skipped, finished=finished,
                    created_at="2026-03-04T10:11:12.000001+01:00")
    _write(root, "2026-03-04T10-11-12-ab12", session)
    (listed,) = list_sessions(root)
    assert listed == ListedSession(
        id="2026-03-04T10-11-12-ab12",
        folder=root / "2026-03-04T10-11-12-ab12",
        started_at="2026-03-04T10:11:12.000001+01:00",
        level="mixed" if len(qids) > 1 else "intermediate",  # no setting: the questions' level
        question_count=len(qids),
        answered=answered,
        mean_coverage=pytest.approx(mean) if mean is not None else None,
        finished=finished,
        damaged=None,
    )
    # The same figures as opening the session and summarising it.
    full = SessionStore(root).load(listed.id)
    results = question_results(full)
    reached = [r for r in results if r.skipped or r.best_coverage is not None]
    assert listed.mean_coverage == (overall_coverage(results) if reached else None)
    assert listed.answered == sum(1 for r in results if r.best_coverage is not None)


@pytest.mark.parametrize(
    ("settings", "qids", "level"),
    [
        ({"level": "advanced"}, QIDS, "advanced"),  # the setting wins over the questions
        ({"level": "mixed"}, QIDS[:2], "mixed"),
        ({}, QIDS[:2], "beginner"),  # no setting: the questions' single level
        ({"level": "expert"}, QIDS, "mixed"),  # unknown setting: questions of two levels
    ],
)
def test_level(root: Path, settings: dict[str, object], qids: tuple[str, ...],
               level: str) -> None:
    _write(root, "s1", replace(saved(qids), settings=settings))
    assert list_sessions(root)[0].level == level


def _damage(path: Path, how: str) -> None:
    text = path.read_text(encoding="utf-8")
    if how == "truncated":
        path.write_text(text[: len(text) // 2], encoding="utf-8")
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "not UTF-8":
        path.write_bytes(text.encode("utf-8").replace(b"Question", b"Qu\xe9stion", 1))
    elif how == "binary junk":
        path.write_bytes(b"\x00\xff\xfe junk")
    elif how == "missing session.json":
        path.unlink()
    elif how == "session.json is a folder":
        path.unlink()
        path.mkdir()
    elif how == "newer schema":
        _edit(path, {"schema_version": SCHEMA_VERSION + 1})
    elif how == "not an object":
        path.write_text("[1, 2, 3]", encoding="utf-8")
    elif how == "no schema_version":
        _edit(path, {"schema_version": None})
    elif how == "schema_version is text":
        _edit(path, {"schema_version": "2"})
    else:
        field, value = MALFORMED[how]
        _edit(path, {field: value})


MALFORMED: dict[str, tuple[str, object]] = {
    "no attempts": ("attempts", None),
    "attempts not a list": ("attempts", {"a": 1}),
    "attempt of an unknown question": (
        "attempts", [{"question_id": "advanced-09", "kind": "answer", "score": {}}]
    ),
    "unknown attempt kind": (
        "attempts", [{"question_id": QIDS[0], "kind": "guess", "score": {"coverage": 1}}]
    ),
    "coverage not a number": (
        "attempts", [{"question_id": QIDS[0], "kind": "answer", "score": {"coverage": "lots"}}]
    ),
    "score missing": ("attempts", [{"question_id": QIDS[0], "kind": "answer"}]),
    "questions not a list": ("questions", "beginner-01"),
    "no questions": ("questions", []),
    "settings not an object": ("settings", "level"),
    "no model": ("model", MISSING),
    "position not a number": ("position", "third"),
}

DAMAGE = [
    ("truncated", "corrupt or truncated at line"),
    ("empty", "corrupt or truncated at line 1"),
    ("not UTF-8", "corrupt or truncated (not UTF-8 text at byte"),
    ("binary junk", "corrupt or truncated"),
    ("missing session.json", "not a session folder (no session.json)"),
    ("session.json is a folder", "session.json is a folder"),
    ("newer schema", f"saved by a newer interviewer (schema {SCHEMA_VERSION + 1}, "
     f"this version reads up to {SCHEMA_VERSION}); upgrade to open it"),
    ("not an object", "not a session file (no schema_version)"),
    ("no schema_version", "not a session file (no schema_version)"),
    ("schema_version is text", "not a session file (no schema_version)"),
    ("no attempts", "malformed session file (attempts is not a list)"),
    ("attempts not a list", "malformed session file (attempts is not a list)"),
    ("attempt of an unknown question", "malformed session file (an attempt answers "
     "'advanced-09', which the session does not hold)"),
    ("unknown attempt kind", "malformed session file (unknown attempt kind 'guess')"),
    ("coverage not a number", "malformed session file (could not convert string to float"),
    ("score missing", "malformed session file (missing field 'score')"),
    ("questions not a list", "malformed session file (questions is not a list)"),
    ("no questions", "malformed session file (no questions)"),
    ("settings not an object", "malformed session file (dictionary update sequence"),
    ("no model", "malformed session file (missing field 'model')"),
    ("position not a number", "malformed session file (invalid literal for int()"),
]


@pytest.mark.parametrize(("how", "reason"), DAMAGE)
def test_damaged_folders_are_listed_with_the_reason(root: Path, how: str, reason: str) -> None:
    _write(root, "2026-01-01T08-00-00-aaaa", saved(QIDS, (attempt(QIDS[0], 1.0),)))
    bad = _write(root, "2026-01-02T09-30-15-bbbb", saved(QIDS, (attempt(QIDS[0], 0.5),)))
    _write(root, "2026-01-03T08-00-00-cccc", saved(QIDS, (attempt(QIDS[1], 0.25),)))
    _damage(bad, how)
    for _ in range(2):  # listed afresh, then from the index
        first, damaged, last = list_sessions(root)
        assert (first.damaged, first.mean_coverage) == (None, 1.0)
        assert (last.damaged, last.mean_coverage) == (None, 0.25)
        assert damaged.damaged is not None and damaged.damaged.startswith(reason)
        assert "\n" not in damaged.damaged
        with pytest.raises(SessionError):  # what the list calls damaged does not open
            SessionStore(root).load(damaged.id)
        assert damaged == ListedSession(
            id="2026-01-02T09-30-15-bbbb",
            folder=root / "2026-01-02T09-30-15-bbbb",
            started_at="2026-01-02T09:30:15",  # from the folder's name
            level=None, question_count=None, answered=None, mean_coverage=None,
            finished=None, damaged=damaged.damaged,
        )


def test_a_damaged_folder_without_a_time_in_its_name(root: Path) -> None:
    (root / "notes").mkdir()
    assert list_sessions(root) == [ListedSession(
        "notes", root / "notes", None, None, None, None, None, None,
        "not a session folder (no session.json)",
    )]


def test_the_newer_schema_message_is_the_one_opening_gives(root: Path) -> None:
    path = _write(root, "s1", saved(QIDS))
    _edit(path, {"schema_version": SCHEMA_VERSION + 5})
    (listed,) = list_sessions(root)
    with pytest.raises(SessionError) as opened:
        SessionStore(root).load("s1")
    assert str(opened.value) == f"{path}: {listed.damaged}"


def test_files_hidden_folders_and_a_missing_root(root: Path, tmp_path: Path) -> None:
    _write(root, "s1", saved(QIDS))
    (root / "stray.txt").write_text("x", encoding="utf-8")
    (root / ".trash").mkdir()
    assert [s.id for s in list_sessions(root)] == ["s1"]
    missing = tmp_path / "never"
    assert list_sessions(missing) == []
    assert not missing.exists()


def test_sorted_by_folder_name(root: Path) -> None:
    names = ("2026-02-01T00-00-00-ffff", "2025-12-31T23-59-59-0000", "2026-02-01T00-00-00-0001")
    for name in names:
        _write(root, name, saved(QIDS))
    assert [s.id for s in list_sessions(root)] == [
        "2025-12-31T23-59-59-0000", "2026-02-01T00-00-00-0001", "2026-02-01T00-00-00-ffff"
    ]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The folder names whose session.json listing parsed (rather than took from the index)."""
    parsed: list[str] = []
    real = listing.entry_from_bytes

    def counting(raw: bytes, name: str) -> dict[str, object]:
        parsed.append(name)
        return real(raw, name)

    monkeypatch.setattr(listing, "entry_from_bytes", counting)
    yield parsed


def test_the_index_spares_unchanged_folders(root: Path, reads: list[str]) -> None:
    for name in ("a", "b", "c"):
        _write(root, name, saved(QIDS, (attempt(QIDS[0], 0.5),)))
    first = list_sessions(root)
    assert reads == ["a", "b", "c"]
    assert (root / INDEX_FILE).is_file()
    assert stat.S_IMODE((root / INDEX_FILE).stat().st_mode) == 0o600
    reads.clear()
    before = (root / INDEX_FILE).stat().st_mtime_ns
    assert list_sessions(root) == first
    assert reads == []
    assert (root / INDEX_FILE).stat().st_mtime_ns == before  # nothing changed: not rewritten


def test_a_changed_session_is_read_again(root: Path, reads: list[str]) -> None:
    for name in ("a", "b"):
        _write(root, name, saved(QIDS, (attempt(QIDS[0], 0.5),)))
    list_sessions(root)
    reads.clear()
    store = SessionStore(root)
    store.save(replace(store.load("b"), finished=False))  # an atomic save, as the app does
    listed = list_sessions(root)
    assert reads == ["b"]
    assert [s.finished for s in listed] == [True, False]


def test_an_in_place_rewrite_of_the_same_size_is_noticed(root: Path, reads: list[str]) -> None:
    path = _write(root, "a", saved(QIDS, (attempt(QIDS[0], 0.5),)))
    list_sessions(root)
    reads.clear()
    text = path.read_text(encoding="utf-8")
    assert '"coverage": 0.5' in text
    stamp = path.stat()
    # Same length, same inode, old mtime put back: only the change time tells.
    with path.open("r+", encoding="utf-8") as handle:
        handle.write(text.replace('"coverage": 0.5', '"coverage": 0.7'))
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert list_sessions(root)[0].mean_coverage == 0.7
    assert reads == ["a"]


def test_removed_folders_leave_the_index(root: Path) -> None:
    for name in ("a", "b"):
        _write(root, name, saved(QIDS))
    list_sessions(root)
    for child in (root / "b").iterdir():
        child.unlink()
    (root / "b").rmdir()
    assert [s.id for s in list_sessions(root)] == ["a"]
    index = json.loads((root / INDEX_FILE).read_text(encoding="utf-8"))
    assert list(index["sessions"]) == ["a"]


def _index_with(root: Path, change: object) -> None:
    path = root / INDEX_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    if callable(change):
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        path.write_bytes(change)  # type: ignore[arg-type]


def _lie(data: dict) -> None:
    data["sessions"]["a"][1]["mean_coverage"] = "high"


def _wrong_signature(data: dict) -> None:
    data["sessions"]["a"][0] = [1, 2, 3]


INDEX_DAMAGE = {
    "garbage": b"\x00not json",
    "truncated": b'{"format": 1, "sess',
    "a list": b"[]",
    "another format": lambda d: d.update(format=99),
    "another reader": lambda d: d.update(reads_schema=SCHEMA_VERSION + 1),
    "sessions not an object": lambda d: d.update(sessions=[]),
    "a field of the wrong type": _lie,
    "a malformed signature": _wrong_signature,
    "an entry missing a field": lambda d: d["sessions"]["a"][1].pop("answered"),
}


@pytest.mark.parametrize("how", list(INDEX_DAMAGE))
def test_a_corrupt_index_is_rebuilt(root: Path, how: str, reads: list[str]) -> None:
    for name in ("a", "b"):
        _write(root, name, saved(QIDS, (attempt(QIDS[0], 0.5),)))
    expected = list_sessions(root)
    _index_with(root, INDEX_DAMAGE[how])
    reads.clear()
    assert list_sessions(root) == expected
    assert "a" in reads
    reads.clear()
    assert list_sessions(root) == expected  # and the rebuilt index is good again
    assert reads == []


def test_a_stale_index_entry_for_the_same_file_is_not_trusted(root: Path) -> None:
    path = _write(root, "a", saved(QIDS, (attempt(QIDS[0], 0.5),)))
    list_sessions(root)
    _edit(path, {"finished": False})
    assert list_sessions(root)[0].finished is False


def test_a_read_only_folder_still_lists(
    root: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a", "b"):
        _write(root, name, saved(QIDS, (attempt(QIDS[0], 0.5),)))
    list_sessions(root)
    _edit(root / "b" / SESSION_FILE, {"finished": False})  # the index is now stale for b

    def refused(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    mode = stat.S_IMODE(root.stat().st_mode)
    os.chmod(root, 0o500)
    # chmod does not stop root (as in some containers); refuse the write for everyone.
    monkeypatch.setattr(listing.tempfile, "mkstemp", refused)
    try:
        reads.clear()
        index_before = (root / INDEX_FILE).read_bytes()
        for _ in range(2):
            listed = list_sessions(root)
            assert [(s.id, s.finished) for s in listed] == [("a", True), ("b", False)]
        assert reads == ["b", "b"]  # the index could not be updated, so b is read each time
        assert (root / INDEX_FILE).read_bytes() == index_before
        assert sorted(p.name for p in root.iterdir()) == [INDEX_FILE, "a", "b"]
    finally:
        os.chmod(root, mode)


def test_a_failed_index_write_leaves_no_temporary_file(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(root, "a", saved(QIDS))

    def full_disk(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(listing.os, "replace", full_disk)
    assert [s.id for s in list_sessions(root)] == ["a"]
    assert sorted(p.name for p in root.iterdir()) == ["a"]


def test_an_unreadable_root_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    assert list_sessions(not_a_folder) == []  # nothing saved there

    def refused(path: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(listing.os, "scandir", refused)
    with pytest.raises(SessionError) as caught:
        list_sessions(tmp_path)
    assert str(caught.value) == f"{tmp_path}: cannot list sessions (Permission denied)"
