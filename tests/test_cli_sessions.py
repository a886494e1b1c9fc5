"""`interviewer sessions [--json]` on real saved session folders, damaged ones included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interviewer.cli import main
from interviewer.session.flow import InterviewSession
from interviewer.session.storage import SessionStore
from interviewer.settings import Settings
from tests.session.factories import scoring_bank

BANK = scoring_bank()
# 54 %: misses the core loss, names the other two (3 of 5 points) once each: 0.9 * 3 / 5.
PARTIAL = "Um, it just goes downhill, you know, with a step size."
# 90 %: covers every concept, each named once.
FULL = "It minimises the loss by stepping against the gradient, scaled by the learning rate."


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _session(data_dir: Path, answers: list[str | None], *, finish: bool = True) -> str:
    """A saved session over both questions; None skips a question."""
    session = InterviewSession.start(
        BANK, Settings(), list(BANK.questions), model_name="base.en",
        store=SessionStore(data_dir),
    )
    for text in answers:
        if text is None:
            session.skip()
            continue
        attempt = session.submit_answer(text, mode="typed")
        follow_up = session.follow_up_for(attempt)
        if follow_up is not None:
            session.submit_follow_up(follow_up, "Gradient descent minimises the loss.",
                                     mode="typed")
        session.advance()
    if finish:
        session.finish()
    return session.id


def test_no_sessions(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = _run(capsys, data_dir, "sessions")
    assert (code, err) == (0, "")
    assert out.strip() == f"no saved sessions in {data_dir}"
    code, out, err = _run(capsys, data_dir, "sessions", "--json")
    assert (code, out, err) == (0, "[]\n", "")


def _damaged_folder(data_dir: Path) -> str:
    broken = data_dir / "2020-01-01T09-15-00-beef"
    broken.mkdir(parents=True)
    (broken / "session.json").write_text('{"schema_version": 2, "attem', encoding="utf-8")
    return broken.name


def test_the_table_lists_every_session_and_damaged_folders(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    first = _session(data_dir, [PARTIAL, None])
    second = _session(data_dir, [FULL], finish=False)
    broken = _damaged_folder(data_dir)
    code, out, err = _run(capsys, data_dir, "sessions")
    assert (code, err) == (0, "")
    header, *lines = out.splitlines()
    assert header.split() == ["SESSION", "DATE", "LEVEL", "ANSWERED", "COVERAGE", "STATUS"]
    rows = {line.split()[0]: line for line in lines}
    assert list(rows) == sorted([first, second, broken])
    # PARTIAL's 54 % and the skipped question's 0 %, averaged; FULL's 90 % alone.
    assert rows[first].split()[3:] == ["mixed", "1/2", "27%", "finished"]
    assert rows[second].split()[3:] == ["mixed", "1/2", "90%", "unfinished"]
    assert rows[broken].split()[1:6] == ["2020-01-01", "09:15", "-", "-", "-"]
    assert rows[broken].endswith("damaged: corrupt or truncated at line 1")


def test_json_lists_the_documented_fields(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    first = _session(data_dir, [PARTIAL, None])
    broken = _damaged_folder(data_dir)
    code, out, err = _run(capsys, data_dir, "--level", "beginner", "sessions", "--json")
    assert (code, err) == (0, "")
    damaged, good = json.loads(out)  # the damaged folder's name sorts first
    assert good == {
        "id": first,
        "folder": str(data_dir / first),
        "started_at": good["started_at"],
        "level": "mixed",  # the session's own setting, not today's --level
        "question_count": 2,
        "answered": 1,
        "mean_coverage": pytest.approx(0.27),  # (54 % + 0 % for the skipped one) / 2
        "finished": True,
        "status": "finished",
        "damaged": None,
    }
    assert good["started_at"].startswith(first[:10])
    assert damaged == {
        "id": broken,
        "folder": str(data_dir / broken),
        "started_at": "2020-01-01T09:15:00",
        "level": None,
        "question_count": None,
        "answered": None,
        "mean_coverage": None,
        "finished": None,
        "status": "damaged",
        "damaged": "corrupt or truncated at line 1",
    }


def test_the_help_documents_the_json_fields(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["sessions", "--help"])
    out = capsys.readouterr().out
    for name in ("mean_coverage", "question_count", "status", "damaged"):
        assert name in out


@pytest.mark.parametrize("action", ["list", "show", "rescore", "export", "trend"])
def test_the_old_sub_actions_are_gone(
    capsys: pytest.CaptureFixture[str], data_dir: Path, action: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(data_dir), "sessions", action])
    assert exited.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_the_env_variable_picks_the_data_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "env-data"))
    assert Settings().sessions_dir() == tmp_path / "env-data"
    session_id = _session(Settings().sessions_dir(), [FULL])
    assert main(["sessions"]) == 0
    assert session_id in capsys.readouterr().out
