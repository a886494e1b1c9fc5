"""SVG snapshots of every screen at 100x30 and 80x24 (pytest-textual-snapshot).

Deterministic by construction: the test bank, questions in order, the fakes, a clock the
test sets, cursors not blinking, and nothing animating when the picture is taken.
Refresh with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from interviewer.services import fake_services
from interviewer.tui.app import InterviewApp
from interviewer.tui.screens.question import QuestionScreen
from speech.fakes import FakeRecorder, FakeSpeaker
from tests.tui.factories import (
    FOLLOW_UP_ANSWER,
    FULL_DESCENT,
    PARTIAL_DESCENT,
    HeldRecorder,
    SteppingClock,
    make_app,
)
from tests.tui.pilot import on_screen, settle, until

SIZES = pytest.mark.parametrize(
    "size", [(100, 30), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}"
)
# The summary names its folder; a real one carries the time it was made.
FIXED_FOLDER = Path.home() / ".local/share/interviewer/sessions/2026-03-02T09-30-00-ab12"

Step = Callable[[Pilot], Awaitable[None]]
Size = tuple[int, int]
Compare = Callable[..., bool]  # the snap_compare fixture


async def still(pilot: Pilot) -> None:
    """Stop cursors blinking and let pending messages through (a recording in progress
    keeps its worker running, so workers are not waited for here)."""
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    await pilot.pause()


def snapshot(snap_compare: Compare, app: InterviewApp, size: Size, step: Step) -> bool:
    """Drive the app with `step`, then compare the screen with the stored SVG."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await step(pilot)
        await still(pilot)

    return snap_compare(app, terminal_size=size, run_before=run_before)


async def nothing(pilot: Pilot) -> None:
    """The screen as it first appears (once the readiness checks are back)."""


@SIZES
def test_home(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    assert snapshot(snap_compare, make_app(tmp_path), size, nothing)


@SIZES
def test_home_no_microphone(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    services = fake_services(recorder=FakeRecorder(no_device=True))
    assert snapshot(snap_compare, make_app(tmp_path, services), size, nothing)


@SIZES
def test_settings(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    app = make_app(
        tmp_path,
        data_dir="~/interviews",
        config_path=Path.home() / ".config/interviewer/config.toml",
    )

    async def open_settings(pilot: Pilot) -> None:
        await pilot.press("s")
        await on_screen(pilot, "SettingsScreen")

    assert snapshot(snap_compare, app, size, open_settings)


@SIZES
def test_recording(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    clock = SteppingClock()
    services = fake_services(answers=(PARTIAL_DESCENT,), recorder=HeldRecorder())
    app = make_app(tmp_path, services, clock=clock)

    async def record(pilot: Pilot) -> None:
        await pilot.press("enter")
        await until(
            pilot,
            lambda: isinstance(pilot.app.screen, QuestionScreen)
            and pilot.app.screen.state == "recording"
            and pilot.app.screen.query_one("LevelMeter").level > 0
            and "downhill" in str(pilot.app.screen.query_one("#live").content),
            "recording with a level and a live transcript",
        )
        clock.now += 12.0
        await pilot.pause(0.4)  # one tick of the elapsed-time display

    assert snapshot(snap_compare, app, size, record)


@SIZES
def test_typed_answer(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    app = make_app(tmp_path, answer_mode="typed")

    async def type_some(pilot: Pilot) -> None:
        await pilot.press("enter")
        await on_screen(pilot, "TypedQuestionScreen")
        pilot.app.screen.query_one(TextArea).insert(PARTIAL_DESCENT)

    assert snapshot(snap_compare, app, size, type_some)


@SIZES
def test_feedback_after_follow_up(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    services = fake_services(answers=(PARTIAL_DESCENT, FOLLOW_UP_ANSWER))
    app = make_app(tmp_path, services, speak_questions=False)

    async def answer(pilot: Pilot) -> None:
        await pilot.press("enter")
        await on_screen(pilot, "FeedbackScreen")

    assert snapshot(snap_compare, app, size, answer)


@SIZES
def test_feedback_retries_side_by_side(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    services = fake_services(answers=(PARTIAL_DESCENT, FULL_DESCENT))
    app = make_app(tmp_path, services, speak_questions=False, follow_ups=False)

    async def retry(pilot: Pilot) -> None:
        await pilot.press("enter")
        await on_screen(pilot, "FeedbackScreen")
        await pilot.press("r")
        await until(
            pilot,
            lambda: pilot.app.session is not None and len(pilot.app.session.attempts) == 2,
            "the retry",
        )
        await on_screen(pilot, "FeedbackScreen")

    assert snapshot(snap_compare, app, size, retry)


@SIZES
def test_summary(snap_compare: Compare, tmp_path: Path, size: Size) -> None:
    # A slow voice holds each screen in "speaking" until a key, so every step is taken
    # at a known state; the recordings themselves end by the fake's own pause.
    speaker = FakeSpeaker(seconds_per_call=60.0)
    services = fake_services(
        answers=(PARTIAL_DESCENT, FOLLOW_UP_ANSWER),
        speaker=speaker,
        recorder=FakeRecorder(speech_s=4.0, pause_s=1.0),
    )
    app = make_app(tmp_path, services)

    def speaking(n: int) -> Callable[[], bool]:
        def ready() -> bool:
            screen = app.screen
            return (
                isinstance(screen, QuestionScreen)
                and screen.state == "speaking"
                and len(speaker.spoken) == n
            )

        return ready

    async def finish(pilot: Pilot) -> None:
        await pilot.press("enter")
        await until(pilot, speaking(1), "question 1 being asked")
        await pilot.press("space")  # interrupt the question and answer at once
        await until(pilot, speaking(2), "the follow-up being asked")
        await pilot.press("space")
        await on_screen(pilot, "FeedbackScreen")
        await pilot.press("n")
        await until(pilot, speaking(3), "question 2 being asked")
        await pilot.press("s")  # skip the last question: the interview ends
        await on_screen(pilot, "SummaryScreen")
        summary = pilot.app.screen.summary
        pilot.app.show_summary(dataclasses.replace(summary, folder=FIXED_FOLDER))
        await pilot.pause()

    assert snapshot(snap_compare, app, size, finish)
