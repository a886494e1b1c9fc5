"""`interviewer progress [--question ID] [--json]` over real saved session folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interviewer.cli import COMMANDS, main
from interviewer.models import Weight
from interviewer.plot import coverage_plot
from interviewer.session.storage import SessionStore
from tests.session.factories import concept, question
from tests.session.progress_data import save_damaged_session, save_planned_sessions

DESCENT = question(
    "beginner-05", concept("Minimises the loss"), concept("Gradient"),
    concept("Learning rate", Weight.SUPPORTING),
)
KMEANS = question(
    "intermediate-07", concept("Centroids"), concept("Nearest centroid"),
    concept("Mean of points", Weight.SUPPORTING),
)
QUESTIONS = (DESCENT, KMEANS)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COLUMNS", "80")  # the chart is as wide as the terminal
    return tmp_path / "sessions"


def _run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), "progress", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_progress_is_a_command() -> None:
    assert "progress" in COMMANDS


@pytest.mark.parametrize("args", [(), ("--question", "beginner-05")])
def test_no_sessions_is_a_friendly_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: tuple[str, ...]
) -> None:
    code, out, err = _run(capsys, data_dir, *args)
    assert code == 0
    assert out.count("\n") == 1 and ("no saved sessions" in out or "not answered" in out)
    assert err == ""


def test_no_sessions_as_json(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = _run(capsys, data_dir, "--json")
    assert code == 0
    assert json.loads(out) == {
        "sessions": [], "questions": [], "concepts": [], "damaged_sessions": 0
    }


def test_overview_chart_table_and_most_missed(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    save_planned_sessions(data_dir, QUESTIONS)
    code, out, err = _run(capsys, data_dir)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Overall coverage per session (2026-03-02 to 2026-03-14)"
    # The chart is the shared renderer's, at the terminal's width.
    overall = [1 / 6, 1 / 2, 2 / 3, 5 / 6]
    dates = ["2026-03-02", "2026-03-05", "2026-03-09", "2026-03-14"]
    chart = coverage_plot(overall, dates, width=80, height=11)
    assert lines[1:1 + len(chart)] == chart
    assert any(line.endswith(" 83%") for line in chart)
    table = lines[lines.index("") + 1:]
    assert table[0].split() == ["QUESTION", "SESSIONS", "BEST", "LATEST", "TREND", "HISTORY"]
    assert table[1].split() == ["beginner-05", "4", "100%", "100%", "↑", "+67", "pts", "▃▆▆█"]
    assert table[2].split() == ["intermediate-07", "4", "67%", "67%", "↑", "+67", "pts", "▁▃▆▆"]
    missed = out.split("Missed most often\n", 1)[1].splitlines()
    # Aligned columns: every "missed" starts at the same place.
    assert len({line.index("missed") for line in missed}) == 1
    assert [" ".join(line.split()) for line in missed] == [
        "intermediate-07 Mean of points (supporting) missed 3 of 4",
        "intermediate-07 Nearest centroid missed 3 of 4",
        "beginner-05 Learning rate (supporting) missed 2 of 4",
        "beginner-05 Minimises the loss missed 2 of 4, 1 only when asked",
        "intermediate-07 Centroids missed 1 of 4",
    ]


def test_one_question(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    save_planned_sessions(data_dir, QUESTIONS)
    code, out, _ = _run(capsys, data_dir, "--question", "intermediate-07")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "intermediate-07: Question intermediate-07?"
    chart = coverage_plot(
        [0.0, 1 / 3, 2 / 3, 2 / 3],
        ["2026-03-02", "2026-03-05", "2026-03-09", "2026-03-14"], width=80, height=11,
    )
    assert lines[1:1 + len(chart)] == chart
    assert " ".join(lines[1 + len(chart)].split()) == (
        "4 sessions, skipped 1x best 67% latest 67% trend ↑ +67 pts"
    )
    concepts = out.split("Concepts\n", 1)[1].splitlines()
    assert [" ".join(line.split()) for line in concepts] == [
        "Mean of points (supporting) missed 3 of 4",
        "Nearest centroid missed 3 of 4",
        "Centroids missed 1 of 4",
    ]


def test_one_question_as_json(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    save_planned_sessions(data_dir, QUESTIONS)
    code, out, _ = _run(capsys, data_dir, "--question", "beginner-05", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["question"]["question"] == "beginner-05"
    assert [p["coverage"] for p in data["question"]["series"]] == pytest.approx(
        [1 / 3, 2 / 3, 2 / 3, 1.0]
    )
    loss = next(c for c in data["concepts"] if c["concept"] == "Minimises the loss")
    assert (loss["asked"], loss["missed"], loss["recovered_in_follow_up"]) == (4, 2, 1)
    assert data["damaged_sessions"] == 0


def test_all_figures_as_json(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    written = save_planned_sessions(data_dir, QUESTIONS)
    code, out, _ = _run(capsys, data_dir, "--json")
    assert code == 0
    data = json.loads(out)
    assert [s["session"] for s in data["sessions"]] == [s.id for s in written]
    assert [s["coverage"] for s in data["sessions"]] == pytest.approx([1 / 6, 1 / 2, 2 / 3, 5 / 6])
    assert [q["question"] for q in data["questions"]] == ["beginner-05", "intermediate-07"]
    assert len(data["concepts"]) == 6


def test_a_question_never_answered(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    save_planned_sessions(data_dir, QUESTIONS)
    code, out, _ = _run(capsys, data_dir, "--question", "advanced-01")
    assert code == 0
    assert out == "advanced-01: not answered in any saved session yet\n"
    code, out, _ = _run(capsys, data_dir, "--question", "advanced-01", "--json")
    assert json.loads(out) == {"question": None, "concepts": [], "damaged_sessions": 0}


def test_an_unknown_question_is_one_error_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    save_planned_sessions(data_dir, QUESTIONS, count=1)
    code, out, err = _run(capsys, data_dir, "--question", "nope-99")
    assert code == 2 and out == ""
    assert err.startswith("interviewer: error: ") and err.count("\n") == 1
    assert "nope-99" in err


def test_damaged_sessions_are_counted_not_fatal(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    save_planned_sessions(data_dir, QUESTIONS, count=2)
    save_damaged_session(data_dir)
    save_damaged_session(data_dir)
    code, out, err = _run(capsys, data_dir)
    assert code == 0
    assert err == (
        "interviewer: warning: left out 2 saved sessions that could not be read"
        " (`interviewer sessions` says why)\n"
    )
    assert "beginner-05" in out
    assert len(SessionStore(data_dir).load_all()) == 2
    code, out, _ = _run(capsys, data_dir, "--json")
    assert json.loads(out)["damaged_sessions"] == 2
