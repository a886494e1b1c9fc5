"""`interviewer rescore SESSION [--dry-run]` on real saved session folders: by id and by
path, an edited bank, dry runs, unchanged sessions left alone, bad input, interruptions."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

import interviewer.session.rescore as rescore_mod
from interviewer.models import Bank
from interviewer.session.flow import InterviewSession
from interviewer.session.storage import SessionStore
from interviewer.settings import Settings
from tests.rescore_cli.helpers import (
    BANK,
    DESCENT,
    KMEANS,
    LOSS,
    bank_file,
    leftovers,
    run_cli,
    session_json,
    typed_session,
)


@pytest.mark.parametrize("how", ["id", "prefix", "folder"])
def test_an_edited_bank_rescores_and_shows_the_difference(
    capsys: pytest.CaptureFixture[str], data_dir: Path, generous_bank: Path, how: str
) -> None:
    saved = typed_session(data_dir)
    stored = json.loads(session_json(saved).read_text(encoding="utf-8"))
    given = {"id": saved.id, "prefix": saved.id[:-2], "folder": str(saved.folder)}[how]
    code, out, err = run_cli(capsys, data_dir, "--bank", str(generous_bank), "rescore", given)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"session {saved.id}: scored again with {generous_bank}",
        "coverage: as given -> before this re-score -> now",
        # Every concept now, each named once (90 %); overall (54 % + 45 %) / 2 -> (90 % + 45 %) / 2.
        "  beginner-05      54% ->  54% ->  90%  +36 points",
        "      newly covered: Minimises the loss",
        "  intermediate-07  45% ->  45% ->  45%  no change",
        "overall coverage: 50% -> 50% -> 68% (+18 points)",
        f"saved in {saved.folder} (the scores given live are kept as the originals)",
    ]
    reloaded = SessionStore(data_dir).load(saved.id)
    answer = reloaded.attempts[0]
    assert (answer.score.coverage, answer.as_given.score.coverage) == pytest.approx((0.9, 0.54))
    assert answer.original is not None and answer.rescored_at is not None
    data = json.loads(session_json(saved).read_text(encoding="utf-8"))
    assert data["attempts"][0]["original"]["coverage"] == pytest.approx(0.54)
    assert data["attempts"][1:] == stored["attempts"][1:]  # unchanged ones stay as they were
    # The question is stored as the bank has it now.
    assert "step size" in data["questions"][0]["concepts"][0]["aliases"]


def test_rescoring_again_changes_nothing_and_leaves_the_file_alone(
    capsys: pytest.CaptureFixture[str], data_dir: Path, generous_bank: Path
) -> None:
    saved = typed_session(data_dir)
    assert run_cli(capsys, data_dir, "--bank", str(generous_bank), "rescore", saved.id)[0] == 0
    before = session_json(saved).read_bytes()
    stat = os.stat(session_json(saved))
    code, out, _ = run_cli(capsys, data_dir, "--bank", str(generous_bank), "rescore", saved.id)
    assert code == 0
    assert "  beginner-05      54% ->  90% ->  90%  no change" in out.splitlines()
    assert out.splitlines()[-2:] == [
        "overall coverage: 50% -> 68% -> 68% (+0 points)".replace("+0", "\u00b10"),
        "nothing changed: every attempt scores as saved; the session was not rewritten",
    ]
    assert session_json(saved).read_bytes() == before
    assert os.stat(session_json(saved)).st_mtime_ns == stat.st_mtime_ns


def test_a_session_scored_with_the_shipped_bank_is_left_byte_identical(
    capsys: pytest.CaptureFixture[str], data_dir: Path, bank: Bank
) -> None:
    # What rescoring a tracked sample folder in a fresh clone does: nothing to write.
    saved = typed_session(data_dir, bank)
    before = session_json(saved).read_bytes()
    code, out, err = run_cli(capsys, data_dir, "rescore", str(saved.folder))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"session {saved.id}: scored again with the shipped bank"
    assert out.rstrip().endswith("the session was not rewritten")
    assert session_json(saved).read_bytes() == before and leftovers(saved) == []


def test_dry_run_shows_without_writing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, generous_bank: Path
) -> None:
    saved = typed_session(data_dir)
    before = session_json(saved).read_bytes()
    code, out, _ = run_cli(
        capsys, data_dir, "--bank", str(generous_bank), "rescore", saved.id, "--dry-run"
    )
    assert code == 0
    assert "  beginner-05      54% ->  54% ->  90%  +36 points" in out.splitlines()
    assert out.splitlines()[-1] == "dry run: nothing was saved"
    assert session_json(saved).read_bytes() == before


def test_attempts_the_bank_cannot_score_are_kept_with_the_reason(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    saved = typed_session(data_dir)
    before = session_json(saved).read_bytes()
    only_kmeans = bank_file(tmp_path, Bank(questions=(KMEANS,)), "kmeans.toml")
    code, out, _ = run_cli(capsys, data_dir, "--bank", str(only_kmeans), "rescore", saved.id)
    assert code == 0
    lines = out.splitlines()
    assert lines[2:5] == [
        "  beginner-05      54% ->  54% ->  54%  no change",
        "      attempt 1 kept as saved: question beginner-05 is not in this bank",
        "      attempt 2 kept as saved: question beginner-05 is not in this bank",
    ]
    assert session_json(saved).read_bytes() == before


def test_a_follow_up_that_scores_differently_is_listed(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    saved = typed_session(data_dir)
    strict_loss = dataclasses.replace(LOSS, aliases=("minimise the loss",))
    strict = Bank(questions=(
        dataclasses.replace(DESCENT, concepts=(strict_loss, *DESCENT.concepts[1:])), KMEANS,
    ))
    path = bank_file(tmp_path, strict, "strict.toml")
    code, out, _ = run_cli(capsys, data_dir, "--bank", str(path), "rescore", saved.id)
    assert code == 0
    assert out.splitlines()[2:4] == [
        "  beginner-05      54% ->  54% ->  54%  \u00b10 points",
        "      follow-up about Minimises the loss: 100% -> 0%",
    ]


def test_a_session_without_answers(
    capsys: pytest.CaptureFixture[str], data_dir: Path, live_bank: Path
) -> None:
    session = InterviewSession.start(
        BANK, Settings(), [DESCENT], model_name="base.en", store=SessionStore(data_dir)
    )
    session.skip()
    code, out, _ = run_cli(capsys, data_dir, "--bank", str(live_bank), "rescore", session.id)
    assert (code, out) == (0, f"session {session.id} has no answers to re-score\n")


@pytest.mark.parametrize(
    ("damage", "needle"),
    [
        ("truncated", "corrupt or truncated"),
        ("newer", "saved by a newer interviewer"),
        ("no-file", "not a session folder"),
        ("unknown-id", "no saved session 'nothing-like-this'"),
    ],
)
def test_a_damaged_or_unknown_session_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path, live_bank: Path, damage: str,
    needle: str,
) -> None:
    saved = typed_session(data_dir)
    target = str(saved.folder)
    if damage == "truncated":
        session_json(saved).write_bytes(session_json(saved).read_bytes()[:200])
    elif damage == "newer":
        data = json.loads(session_json(saved).read_text(encoding="utf-8"))
        session_json(saved).write_text(json.dumps({**data, "schema_version": 99}), encoding="utf-8")
    elif damage == "no-file":
        session_json(saved).unlink()
    else:
        target = "nothing-like-this"
    before = session_json(saved).read_bytes() if session_json(saved).exists() else None
    code, out, err = run_cli(capsys, data_dir, "--bank", str(live_bank), "rescore", target)
    assert (code, out) == (2, "")
    assert err.startswith("interviewer: error: ") and err.count("\n") == 1 and needle in err
    assert (session_json(saved).read_bytes() if session_json(saved).exists() else None) == before


def test_an_interrupt_while_scoring_leaves_the_session_intact(
    capsys: pytest.CaptureFixture[str], data_dir: Path, generous_bank: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    saved = typed_session(data_dir)
    before = session_json(saved).read_bytes()
    real = rescore_mod.rescore_attempt
    calls = []

    def interrupted_on_the_third(*args: object, **kwargs: object) -> object:
        # The first attempt has a new score by then; it must not reach the file.
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(rescore_mod, "rescore_attempt", interrupted_on_the_third)
    code, out, err = run_cli(capsys, data_dir, "--bank", str(generous_bank), "rescore", saved.id)
    assert (code, out, err) == (130, "", "interviewer: interrupted\n")
    assert len(calls) == 3
    assert session_json(saved).read_bytes() == before and leftovers(saved) == []


@pytest.mark.parametrize(
    ("fail", "error", "exit_code"),
    [
        ("replace", OSError(28, "No space left on device"), 2),
        ("fsync", KeyboardInterrupt(), 130),
    ],
)
def test_a_failed_or_interrupted_write_leaves_the_session_intact(
    capsys: pytest.CaptureFixture[str], data_dir: Path, generous_bank: Path,
    monkeypatch: pytest.MonkeyPatch, fail: str, error: BaseException, exit_code: int,
) -> None:
    saved = typed_session(data_dir)
    before = session_json(saved).read_bytes()

    def broken(*args: object) -> None:
        raise error

    monkeypatch.setattr(os, fail, broken)
    code, _, err = run_cli(capsys, data_dir, "--bank", str(generous_bank), "rescore", saved.id)
    monkeypatch.undo()
    assert code == exit_code and err.count("\n") == 1
    if exit_code == 2:
        assert "cannot save the new scores (No space left on device)" in err
    assert session_json(saved).read_bytes() == before and leftovers(saved) == []


