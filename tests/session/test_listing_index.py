"""The listing index (.index.json): unchanged folders are not read again, a stale or
corrupt index is rebuilt, and a folder where no index can be written still lists."""

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
from interviewer.session.listing import INDEX_FILE, list_sessions
from interviewer.session.records import SCHEMA_VERSION
from interviewer.session.storage import SESSION_FILE, SessionStore
from tests.session.factories import attempt, saved
from tests.session.listing_data import QIDS, edit, write


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
        write(root, name, saved(QIDS, (attempt(QIDS[0], 0.5),)))
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
        write(root, name, saved(QIDS, (attempt(QIDS[0], 0.5),)))
    list_sessions(root)
    reads.clear()
    store = SessionStore(root)
    store.save(replace(store.load("b"), finished=False))  # an atomic save, as the app does
    listed = list_sessions(root)
    assert reads == ["b"]
    assert [s.finished for s in listed] == [True, False]


def test_an_in_place_rewrite_of_the_same_size_is_noticed(root: Path, reads: list[str]) -> None:
    path = write(root, "a", saved(QIDS, (attempt(QIDS[0], 0.5),)))
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
        write(root, name, saved(QIDS))
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
        write(root, name, saved(QIDS, (attempt(QIDS[0], 0.5),)))
    expected = list_sessions(root)
    _index_with(root, INDEX_DAMAGE[how])
    reads.clear()
    assert list_sessions(root) == expected
    assert "a" in reads
    reads.clear()
    assert list_sessions(root) == expected  # and the rebuilt index is good again
    assert reads == []


def test_a_stale_index_entry_for_the_same_file_is_not_trusted(root: Path) -> None:
    path = write(root, "a", saved(QIDS, (attempt(QIDS[0], 0.5),)))
    list_sessions(root)
    edit(path, {"finished": False})
    assert list_sessions(root)[0].finished is False


def test_a_read_only_folder_still_lists(
    root: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a", "b"):
        write(root, name, saved(QIDS, (attempt(QIDS[0], 0.5),)))
    list_sessions(root)
    edit(root / "b" / SESSION_FILE, {"finished": False})  # the index is now stale for b

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
    write(root, "a", saved(QIDS))

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
