"""Session folders on disk: naming, permissions, atomic saves, loading and its errors."""

from __future__ import annotations

import json
import re
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from interviewer.errors import SessionError
from interviewer.session import atomic
from interviewer.session.records import SCHEMA_VERSION, SavedSession
from interviewer.session.storage import SessionFolder, SessionStore
from interviewer.settings import Settings
from tests.session.factories import scoring_bank

BANK = scoring_bank()
NAME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-[0-9a-f]{4}$")


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "data" / "sessions")


def _create(store: SessionStore, settings: Settings | None = None) -> SessionFolder:
    return store.create(settings or Settings(), "base.en", BANK.questions)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_create_writes_a_private_self_contained_folder(store: SessionStore) -> None:
    folder = _create(store, Settings(rate=200, follow_ups=False))
    assert NAME.match(folder.id)
    assert _mode(store.root) == 0o700
    assert _mode(folder.path) == 0o700
    assert _mode(folder.json_path) == 0o600
    data = json.loads(folder.json_path.read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["app_version"]
    assert data["model"] == "base.en"
    assert data["settings"]["rate"] == 200 and data["settings"]["follow_ups"] is False
    assert [q["id"] for q in data["questions"]] == ["beginner-05", "intermediate-07"]
    assert data["questions"][0]["concepts"][0]["label"] == "Minimises the loss"
    assert (data["attempts"], data["skipped"], data["position"], data["finished"]) == (
        [], [], 0, False
    )
    assert folder.audio_path(3) == folder.path / "attempt-03.wav"


def test_permissions_hold_under_a_permissive_umask(store: SessionStore) -> None:
    import os

    old = os.umask(0)
    try:
        folder = _create(store)
    finally:
        os.umask(old)
    assert (_mode(store.root), _mode(folder.path), _mode(folder.json_path)) == (
        0o700, 0o700, 0o600
    )


def test_folder_names_are_unique_and_sort_by_creation(store: SessionStore) -> None:
    ids = [_create(store).id for _ in range(12)]
    assert len(set(ids)) == 12
    assert sorted(p.name for p in store.folders()) == sorted(ids)
    # Same-second folders share the time prefix, which orders them against other seconds.
    assert all(NAME.match(i) for i in ids)


def test_load_by_id_prefix_path_and_file(store: SessionStore) -> None:
    folder = _create(store)
    for handle in (
        folder.id,
        folder.id[:-2],
        str(folder.path),
        folder.path,
        str(folder.json_path),
    ):
        loaded = store.load(handle)
        assert (loaded.id, loaded.folder) == (folder.id, folder.path)
        assert loaded.questions == BANK.questions


def test_an_ambiguous_prefix_is_an_error(store: SessionStore) -> None:
    first, second = _create(store), _create(store)
    assert first.id[:4] == second.id[:4]  # the year
    with pytest.raises(SessionError, match="ambiguous"):
        store.load(first.id[:4])


def _corrupt(folder: SessionFolder, how: str) -> None:
    text = folder.json_path.read_text(encoding="utf-8")
    data = json.loads(text)
    if how == "truncated":
        folder.json_path.write_text(text[: len(text) // 2], encoding="utf-8")
    elif how == "garbage":
        folder.json_path.write_bytes(b"\x00\xff\xfe binary junk")
    elif how == "empty":
        folder.json_path.write_text("", encoding="utf-8")
    elif how == "newer":
        data["schema_version"] = 99
        folder.json_path.write_text(json.dumps(data), encoding="utf-8")
    elif how == "not-a-session":
        folder.json_path.write_text("[1, 2, 3]", encoding="utf-8")
    elif how == "missing-field":
        del data["attempts"]
        folder.json_path.write_text(json.dumps(data), encoding="utf-8")
    elif how == "bad-question":
        data["questions"][0]["level"] = "expert"
        folder.json_path.write_text(json.dumps(data), encoding="utf-8")
    elif how == "no-json":
        folder.json_path.unlink()


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("truncated", "corrupt or truncated"),
        ("garbage", "corrupt or truncated"),
        ("empty", "corrupt or truncated"),
        ("newer", "newer interviewer"),
        ("not-a-session", "not a session file"),
        ("missing-field", "missing field 'attempts'"),
        ("bad-question", "malformed session file"),
        ("no-json", "not a session folder"),
    ],
)
def test_unreadable_sessions_give_one_line_errors(
    store: SessionStore, how: str, message: str
) -> None:
    folder = _create(store)
    _corrupt(folder, how)
    with pytest.raises(SessionError) as caught:
        store.load(folder.id)
    text = str(caught.value)
    assert message in text
    assert str(folder.path) in text
    assert "\n" not in text


@pytest.mark.parametrize(
    ("handle", "message"),
    [
        ("2020-01-01T00-00-00-dead", "no saved session"),
        ("/no/such/folder", "no such session folder"),
        ("", "no session given"),
    ],
)
def test_wrong_ids_and_paths(store: SessionStore, handle: str, message: str) -> None:
    _create(store)
    with pytest.raises(SessionError, match=message):
        store.load(handle)


def test_a_file_or_an_unrelated_folder_is_not_a_session(
    store: SessionStore, tmp_path: Path
) -> None:
    some_file = tmp_path / "notes.txt"
    some_file.write_text("hello", encoding="utf-8")
    with pytest.raises(SessionError, match="not a folder"):
        store.load(some_file)
    with pytest.raises(SessionError, match="not a session folder"):
        store.load(tmp_path)


def test_list_includes_broken_folders_with_their_reason(store: SessionStore) -> None:
    good = _create(store)
    broken = _create(store)
    _corrupt(broken, "truncated")
    stray = store.root / "not-a-session"
    stray.mkdir()
    listed = {s.id: s for s in store.list()}
    assert list(listed) == sorted([good.id, broken.id, "not-a-session"])  # by folder name
    first = listed[good.id]
    assert (first.question_count, first.answered, first.mean_coverage) == (2, 0, None)
    assert first.damaged is None and first.finished is False
    assert "truncated" in str(listed[broken.id].damaged)
    assert listed["not-a-session"].damaged == "not a session folder (no session.json)"


def test_list_of_a_missing_root_is_empty(tmp_path: Path) -> None:
    assert SessionStore(tmp_path / "never-created").list() == []


def test_a_failed_save_leaves_the_previous_file_whole(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _create(store)
    before = folder.json_path.read_bytes()
    saved = folder.load()

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError):
        folder.save(replace(saved, finished=True))
    assert folder.json_path.read_bytes() == before
    assert sorted(p.name for p in folder.path.iterdir()) == ["session.json"]


def test_save_replaces_the_file_atomically(store: SessionStore) -> None:
    folder = _create(store)
    saved = folder.load()
    store.save(replace(saved, finished=True, position=2))
    again = store.load(folder.id)
    assert (again.finished, again.position) == (True, 2)
    assert _mode(folder.json_path) == 0o600
    assert sorted(p.name for p in folder.path.iterdir()) == ["session.json"]


def test_unreferenced_audio_is_reported(store: SessionStore) -> None:
    folder = _create(store)
    folder.audio_path(1).write_bytes(b"RIFF....")
    loaded: SavedSession = store.load(folder.id)
    assert loaded.unreferenced_audio == ("attempt-01.wav",)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("..", "'..' is not a session name; to open a folder by its path, write it with a slash"),
        (".", "'.' is not a session name; to open a folder by its path, write it with a slash"),
        ("x..y", "'x..y' is not a session name (names have no '..'"),
        ("..hidden", "is not a session name"),
        (".index.json", "'.index.json' is not a session name"),
        ("a\\b", "is not a session name (names have no '..', no '\\'"),
        ("a\0b", "contains a NUL"),
        ("   ", "no session given"),
    ],
)
def test_names_that_could_leave_the_sessions_folder_are_refused(
    store: SessionStore, name: str, message: str
) -> None:
    _create(store)
    with pytest.raises(SessionError) as caught:
        store.resolve(name)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_dot_dot_is_refused_even_when_the_parent_is_a_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The folder above the sessions folder holds a session.json: `..` still is no name.
    outer = SessionStore(tmp_path).create(Settings(), "base.en", BANK.questions)
    store = SessionStore(outer.path / "sessions")
    _create(store)
    monkeypatch.chdir(store.root)
    with pytest.raises(SessionError, match="not a session name"):
        store.load("..")
    assert store.load("../").id == outer.id  # written as a path, it opens


def test_a_bare_name_is_looked_up_only_in_the_sessions_folder(
    store: SessionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = SessionStore(tmp_path / "elsewhere").create(Settings(), "base.en", BANK.questions)
    monkeypatch.chdir(elsewhere.path.parent)
    assert (Path.cwd() / elsewhere.id).is_dir()
    with pytest.raises(SessionError) as caught:
        store.load(elsewhere.id)
    assert f"no saved session {elsewhere.id!r} in {store.root}" in str(caught.value)
    assert "give its path, e.g. ./NAME" in str(caught.value)
    assert store.load(f"./{elsewhere.id}").id == elsewhere.id


@pytest.mark.parametrize("form", ["relative", "dot-dot", "absolute", "home", "file"])
def test_explicit_paths_are_opened_wherever_they_point(
    store: SessionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    folder = SessionStore(tmp_path / "samples").create(Settings(), "base.en", BANK.questions)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work if form == "dot-dot" else tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    handle = {
        "relative": f"samples/{folder.id}",
        "dot-dot": f"../samples/{folder.id}",
        "absolute": str(folder.path),
        "home": f"~/samples/{folder.id}",
        "file": f"samples/{folder.id}/session.json",
    }[form]
    assert store.resolve(handle).resolve() == folder.path.resolve()
    assert store.load(handle).id == folder.id


def test_a_newer_schema_is_one_clear_line_by_name_and_by_path(
    store: SessionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _create(store)
    _corrupt(folder, "newer")
    expected = (
        f"{folder.json_path}: saved by a newer interviewer (schema 99, this version reads up to"
        f" {SCHEMA_VERSION}); upgrade to open it"
    )
    for handle in (folder.id, str(folder.path), folder.path):
        with pytest.raises(SessionError) as caught:
            store.load(handle)
        assert str(caught.value) == expected
    monkeypatch.chdir(store.root)
    with pytest.raises(SessionError, match="newer interviewer"):
        store.load(f"./{folder.id}")
    (listed,) = store.list()
    assert listed.damaged == expected.split(": ", 1)[1]
