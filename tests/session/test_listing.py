"""list_sessions: the figures of each folder, damaged folders with a reason, the index cache."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from interviewer.errors import SessionError
from interviewer.session.listing import ListedSession, list_sessions
from interviewer.session.records import SCHEMA_VERSION, Attempt
from interviewer.session.storage import SessionStore
from interviewer.session.summary import overall_coverage, question_results
from tests.session.factories import attempt, saved
from tests.session.listing_data import MISSING, QIDS, edit, write

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
    write(root, "2026-03-04T10-11-12-ab12", session)
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
    write(root, "s1", replace(saved(qids), settings=settings))
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
        edit(path, {"schema_version": SCHEMA_VERSION + 1})
    elif how == "not an object":
        path.write_text("[1, 2, 3]", encoding="utf-8")
    elif how == "no schema_version":
        edit(path, {"schema_version": None})
    elif how == "schema_version is text":
        edit(path, {"schema_version": "2"})
    else:
        field, value = MALFORMED[how]
        edit(path, {field: value})


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
    write(root, "2026-01-01T08-00-00-aaaa", saved(QIDS, (attempt(QIDS[0], 1.0),)))
    bad = write(root, "2026-01-02T09-30-15-bbbb", saved(QIDS, (attempt(QIDS[0], 0.5),)))
    write(root, "2026-01-03T08-00-00-cccc", saved(QIDS, (attempt(QIDS[1], 0.25),)))
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
    path = write(root, "s1", saved(QIDS))
    edit(path, {"schema_version": SCHEMA_VERSION + 5})
    (listed,) = list_sessions(root)
    with pytest.raises(SessionError) as opened:
        SessionStore(root).load("s1")
    assert str(opened.value) == f"{path}: {listed.damaged}"


def test_files_hidden_folders_and_a_missing_root(root: Path, tmp_path: Path) -> None:
    write(root, "s1", saved(QIDS))
    (root / "stray.txt").write_text("x", encoding="utf-8")
    (root / ".trash").mkdir()
    assert [s.id for s in list_sessions(root)] == ["s1"]
    missing = tmp_path / "never"
    assert list_sessions(missing) == []
    assert not missing.exists()


def test_sorted_by_folder_name(root: Path) -> None:
    names = ("2026-02-01T00-00-00-ffff", "2025-12-31T23-59-59-0000", "2026-02-01T00-00-00-0001")
    for name in names:
        write(root, name, saved(QIDS))
    assert [s.id for s in list_sessions(root)] == [
        "2025-12-31T23-59-59-0000", "2026-02-01T00-00-00-0001", "2026-02-01T00-00-00-ffff"
    ]
