"""`interviewer sessions list|show|rescore|export|trend` on real saved session folders."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from interviewer.bank.writer import bank_to_toml
from interviewer.cli import main
from interviewer.models import Bank
from interviewer.session.flow import InterviewSession
from interviewer.session.storage import SessionStore
from interviewer.settings import Settings
from tests.session.factories import scoring_bank

BANK = scoring_bank()
DESCENT, KMEANS = BANK.questions
PARTIAL = "Um, it just goes downhill, you know, with a step size."  # 60 %: misses the core loss
FULL = "It minimises the loss by stepping against the gradient, scaled by the learning rate."


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _bank_file(tmp_path: Path, bank: Bank, name: str = "bank.toml") -> Path:
    path = tmp_path / name
    path.write_text(bank_to_toml(bank), encoding="utf-8")
    return path


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


def test_list_with_no_sessions(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = _run(capsys, data_dir, "sessions", "list")
    assert (code, err) == (0, "")
    assert out.strip() == f"no saved sessions in {data_dir}"


def test_list_shows_sessions_and_reports_broken_ones(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    first = _session(data_dir, [PARTIAL, None])
    second = _session(data_dir, [FULL], finish=False)
    broken = data_dir / "2020-01-01T00-00-00-beef"
    broken.mkdir()
    (broken / "session.json").write_text('{"schema_version": 1, "attem', encoding="utf-8")
    code, out, err = _run(capsys, data_dir, "sessions", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "STARTED", "ANSWERED", "COVERAGE", "STATUS"]
    assert lines[1].split()[0] == first and lines[1].split()[3:] == ["1/2", "30%", "finished"]
    assert lines[2].split()[0] == second and lines[2].split()[3:] == ["1/2", "100%", "unfinished"]
    assert err.count("\n") == 1
    assert err.startswith("interviewer: warning: skipped ") and "corrupt or truncated" in err


def test_show_prints_the_summary_and_every_attempt(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    session_id = _session(data_dir, [PARTIAL, None])
    code, out, err = _run(capsys, data_dir, "sessions", "show", session_id)
    assert (code, err) == (0, "")
    assert f"session {session_id} (finished)" in out
    assert "overall coverage: 30%" in out
    assert "skipped" in out
    assert "missed most often: Minimises the loss (1x)" in out
    assert "--- attempt 1: beginner-05, answer (typed" in out
    assert f"answer: {PARTIAL}" in out
    assert "--- attempt 2: beginner-05, follow-up about Minimises the loss" in out
    assert "Coverage: 60%" in out and "Coverage: 100%" in out  # the scorer's own report
    assert "Sample answer: Gradient descent minimises a loss function." in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "2020-01-01T00-00-00-dead"), "no saved session"),
        (("export", "/no/such/folder"), "no such session folder"),
        (("rescore", "nothing-like-this"), "no saved session"),
        (("trend", "--question", "beginner-99"), "unknown question id"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: tuple[str, ...], message: str
) -> None:
    _session(data_dir, [FULL])
    code, out, err = _run(capsys, data_dir, "sessions", *args)
    assert (code, out) == (2, "")
    assert err.startswith("interviewer: error: ") and message in err
    assert err.count("\n") == 1


def test_a_corrupt_session_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    session_id = _session(data_dir, [FULL])
    path = data_dir / session_id / "session.json"
    path.write_text(path.read_text(encoding="utf-8")[:200], encoding="utf-8")
    code, out, err = _run(capsys, data_dir, "sessions", "show", session_id)
    assert code == 2 and out == ""
    assert "corrupt or truncated" in err and err.count("\n") == 1


def _generous_bank() -> Bank:
    """The bank after an edit: "step size" now also counts as minimising the loss."""
    loss = dataclasses.replace(
        DESCENT.concepts[0], aliases=(*DESCENT.concepts[0].aliases, "step size")
    )
    descent = dataclasses.replace(DESCENT, concepts=(loss, *DESCENT.concepts[1:]))
    return Bank(questions=(descent, KMEANS))


def test_rescore_prints_old_and_new_and_saves_only_when_asked(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    session_id = _session(data_dir, [PARTIAL, None])
    json_path = data_dir / session_id / "session.json"
    before = json_path.read_bytes()
    bank = _bank_file(tmp_path, _generous_bank())

    code, out, _ = _run(capsys, data_dir, "--bank", str(bank), "sessions", "rescore", session_id)
    assert code == 0
    assert out.splitlines() == [
        "  1 beginner-05      answer      60% -> 100%",
        "  2 beginner-05      follow-up  100% -> 100%",
    ]
    assert json_path.read_bytes() == before

    code, out, _ = _run(
        capsys, data_dir, "--bank", str(bank), "sessions", "rescore", session_id, "--save"
    )
    assert code == 0 and out.endswith(f"saved the new scores in {data_dir / session_id}\n")
    saved = SessionStore(data_dir).load(session_id)
    assert [a.score.coverage for a in saved.attempts] == [1.0, 1.0]
    assert json.loads(json_path.read_text(encoding="utf-8"))["attempts"][0]["coverage"] == 1.0


def test_rescore_keeps_attempts_the_bank_cannot_score(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    session_id = _session(data_dir, [PARTIAL])
    bank = _bank_file(tmp_path, Bank(questions=(KMEANS,)))
    code, out, _ = _run(capsys, data_dir, "--bank", str(bank), "sessions", "rescore", session_id)
    assert code == 0
    assert "60% -> kept (question beginner-05 is not in this bank)" in out


def test_export_writes_a_markdown_report(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    session_id = _session(data_dir, [PARTIAL, None])
    code, out, _ = _run(capsys, data_dir, "sessions", "export", session_id)
    default = data_dir / session_id / "report.md"
    assert (code, out) == (0, f"wrote {default}\n")
    text = default.read_text(encoding="utf-8")
    assert text.startswith(f"# Interview session {session_id}")
    assert f"## 1. {DESCENT.text}" in text and "*Skipped.*" in text
    assert "Overall coverage: **30%**" in text

    chosen = tmp_path / "out" / "me.md"
    code, out, _ = _run(capsys, data_dir, "sessions", "export", session_id, "-o", str(chosen))
    assert (code, out) == (0, f"wrote {chosen}\n")
    assert chosen.read_text(encoding="utf-8") == text

    code, _, err = _run(capsys, data_dir, "sessions", "export", session_id, "-o", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_trend_over_sessions(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    bank = _bank_file(tmp_path, BANK)
    code, out, _ = _run(capsys, data_dir, "--bank", str(bank), "sessions", "trend")
    assert (code, out) == (0, "no answers saved yet\n")
    first = _session(data_dir, [PARTIAL, None])
    second = _session(data_dir, [FULL, "k clusters around the nearest centroid"])
    code, out, _ = _run(capsys, data_dir, "--bank", str(bank), "sessions", "trend")
    assert code == 0
    assert out.splitlines() == [
        "beginner-05      60% 100%",
        "intermediate-07  skip 100%",
    ]
    code, out, _ = _run(
        capsys, data_dir, "--bank", str(bank), "sessions", "trend", "--question", KMEANS.id
    )
    lines = out.splitlines()
    assert [line.split()[2:] for line in lines] == [["skipped", first], ["100%", second]]
    # A question the saved sessions know needs no entry in the current bank.
    other = _bank_file(tmp_path, Bank(questions=(KMEANS,)), "other.toml")
    code, out, _ = _run(
        capsys, data_dir, "--bank", str(other), "sessions", "trend", "--question", DESCENT.id
    )
    assert code == 0 and len(out.splitlines()) == 2


def test_the_env_variable_picks_the_data_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVIEWER_DATA_DIR", str(tmp_path / "env-data"))
    assert Settings().sessions_dir() == tmp_path / "env-data"
    session_id = _session(Settings().sessions_dir(), [FULL])
    assert main(["sessions", "list"]) == 0
    assert session_id in capsys.readouterr().out
