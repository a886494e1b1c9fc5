"""The replay screen driven with Pilot over saved sessions, the fake player on a hand-set clock.

The player's position advances only when the test moves the clock, so what the screen
shows at each step is known exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot

from interviewer.tui.screens.replay import ReplayScreen
from interviewer.tui.widgets.playback import PlaybackBar
from interviewer.tui.widgets.spoken import SpokenTranscript
from speech.fakes import FakeSeekablePlayer
from speech.types import SAMPLE_RATE
from tests.tui.factories import SteppingClock
from tests.tui.pilot import notifications, plain, run, until
from tests.tui.replay_data import (
    ANSWER_S,
    FOLLOW_UP_S,
    RETRY_S,
    replay_app,
    write_long_answer,
    write_session,
)


def screen(pilot: Pilot) -> ReplayScreen:
    """The replay screen on top."""
    current = pilot.app.screen
    assert isinstance(current, ReplayScreen)
    return current


def bar(pilot: Pilot) -> PlaybackBar:
    """The player line."""
    return pilot.app.screen.query_one("#rp-player", PlaybackBar)


def bar_text(pilot: Pilot) -> str:
    """What the player line reads."""
    return bar(pilot).render().plain


def word(pilot: Pilot) -> str | None:
    """The word lit in the transcript, as it reads there."""
    transcript = pilot.app.screen.query_one("#rp-transcript", SpokenTranscript)
    index = transcript.current
    if index is None:
        return None
    span = transcript._words[index]
    return None if span is None else transcript._text[span.start : span.end]


async def shows(pilot: Pilot, state: str, position: float | None = None) -> None:
    """Wait until the player line is in `state` (at `position` seconds, if given)."""
    await until(
        pilot,
        lambda: bar(pilot).state == state
        and (position is None or bar(pilot).position == pytest.approx(position)),
        f"the player line to show {state} at {position}",
    )


@pytest.fixture
def clock() -> SteppingClock:
    """The fake player's clock, moved by hand."""
    return SteppingClock()


def test_play_pause_seek_and_the_word_being_spoken(tmp_path: Path, clock: SteppingClock) -> None:
    player = FakeSeekablePlayer(clock=clock)
    app = replay_app(tmp_path, write_session(tmp_path / "sessions"), player)
    # "Um, it goes downhill using the gradient, you know." over 8 s: 0.89 s a word.

    async def scenario(pilot: Pilot) -> None:
        await shows(pilot, "idle", 0.0)
        assert "0:00 / 0:08" in bar_text(pilot)
        assert word(pilot) is None
        assert player.loaded == [(round(ANSWER_S * SAMPLE_RATE), SAMPLE_RATE)]

        await pilot.press("space")
        await shows(pilot, "playing", 0.0)
        assert word(pilot) == "Um,"
        clock.now += 2.0
        await shows(pilot, "playing", 2.0)
        assert word(pilot) == "goes"
        assert "0:02 / 0:08" in bar_text(pilot)

        await pilot.press("right")
        await shows(pilot, "playing", 7.0)
        assert word(pilot) == "you"
        await pilot.press("left", "left", "left")
        await shows(pilot, "playing", 0.0)  # clamped at the start
        assert word(pilot) == "Um,"

        await pilot.press("space")
        await shows(pilot, "paused", 0.0)
        clock.now += 5.0
        await pilot.pause(0.1)
        assert bar(pilot).position == 0.0
        await pilot.press("right")  # seeking while paused moves the place, not the clock
        await shows(pilot, "paused", 5.0)
        assert word(pilot) == "the"
        await pilot.press("space")
        clock.now += 1.0
        await shows(pilot, "playing", 6.0)
        assert word(pilot) == "gradient,"

        await pilot.press("right")  # clamped at the end: playing finishes
        await shows(pilot, "ended", ANSWER_S)
        assert word(pilot) is None
        assert "0:08 / 0:08" in bar_text(pilot)
        await pilot.press("space")  # again, from the start
        await shows(pilot, "playing", 0.0)
        assert player.runs == 2

    run(app, scenario, wait_for_start_up=False)


def test_next_and_previous_question_and_attempt(tmp_path: Path, clock: SteppingClock) -> None:
    player = FakeSeekablePlayer(clock=clock)
    app = replay_app(tmp_path, write_session(tmp_path / "sessions"), player)

    def attempt_line(pilot: Pilot) -> str:
        return plain(pilot.app, "#rp-attempts")

    async def scenario(pilot: Pilot) -> None:
        await shows(pilot, "idle")
        assert "Replay · question 1 of 3" in plain(app, "#progress")
        assert attempt_line(pilot) == "Answer Follow-up: Minimises the loss Retry 1 1 of 3"
        await pilot.press("space")
        await until(pilot, lambda: player.running, "playing")

        await pilot.press("right_square_bracket")  # the follow-up; playback stops
        await shows(pilot, "idle", 0.0)
        assert not player.running
        assert screen(pilot).step.label == "Follow-up: Minimises the loss"
        assert "It is there to minimise the loss." in plain(app, "#rp-transcript")
        caption = app.screen.query_one("#gf-coverage").caption  # type: ignore[attr-defined]
        assert caption == "follow-up on Minimises the loss"
        await pilot.press("right_square_bracket", "right_square_bracket")  # stops at the last
        await shows(pilot, "idle")
        assert screen(pilot).step.label == "Retry 1"
        assert player.loaded[-1][0] == round(RETRY_S * SAMPLE_RATE)
        await pilot.press("left_square_bracket")
        await shows(pilot, "idle")
        assert player.loaded[-1][0] == round(FOLLOW_UP_S * SAMPLE_RATE)

        await pilot.press("n")
        assert "Replay · question 2 of 3" in plain(app, "#progress")
        assert "How does k-means clustering work?" in plain(app, "#rp-question")
        assert bar(pilot).state == "typed"
        assert "Typed answer: there is no audio." in bar_text(pilot)
        assert "Your answer (typed)" in plain(app, "#rp-answer-title")
        await pilot.press("space")
        assert "Typed answer: there is no audio." in notifications(app)

        await pilot.press("n", "n")  # the last question is skipped; n stays there
        assert "Replay · question 3 of 3" in plain(app, "#progress")
        assert bar(pilot).state == "none"
        assert attempt_line(pilot) == "Skipped no answer was given"
        assert not app.screen.query_one("#rp-feedback").display

        await pilot.press("p", "p")
        await shows(pilot, "idle")
        assert screen(pilot).index == 0
        assert player.loaded[-1][0] == round(ANSWER_S * SAMPLE_RATE)

    run(app, scenario, wait_for_start_up=False)


def test_missing_audio_keeps_the_transcript(tmp_path: Path, clock: SteppingClock) -> None:
    player = FakeSeekablePlayer(clock=clock)
    app = replay_app(tmp_path, write_session(tmp_path / "sessions", missing_audio=True), player)

    async def scenario(pilot: Pilot) -> None:
        await shows(pilot, "idle")
        loaded = len(player.loaded)
        await pilot.press("right_square_bracket")
        assert bar(pilot).state == "missing"
        assert bar_text(pilot).strip() == "audio missing (attempt-02.wav not found)"
        assert "It is there to minimise the loss." in plain(app, "#rp-transcript")
        await pilot.press("space", "right")
        assert "audio missing (attempt-02.wav not found)" in notifications(app)
        assert len(player.loaded) == loaded  # nothing was handed to the player
        assert not player.running

    run(app, scenario, wait_for_start_up=False)


def test_feedback_is_shown_as_given_with_a_note_when_rescored(
    tmp_path: Path, clock: SteppingClock
) -> None:
    player = FakeSeekablePlayer(clock=clock)
    saved = write_session(tmp_path / "sessions", rescored=True)
    first = saved.attempts[0]
    assert first.original is not None
    # Each concept the answers cover is mentioned once: 90% of its points.
    assert (first.original.score.coverage, first.score.coverage) == (0.36, 0.72)
    app = replay_app(tmp_path, saved, player)

    async def scenario(pilot: Pilot) -> None:
        await shows(pilot, "idle")
        note = plain(app, "#gf-note")
        assert note == "Re-scored on 2026-03-09: coverage now 72% (shown here as given: 36%)"
        coverage = app.screen.query_one("#gf-coverage")
        assert coverage.coverage == 0.36  # type: ignore[attr-defined]
        assert "Minimises the loss (core)" in plain(app, "#gf-missed")  # missed, as given
        await pilot.press("right_square_bracket")
        assert not app.screen.query_one("#gf-note").display

    run(app, scenario, wait_for_start_up=False)


def test_a_playback_failure_is_one_line_on_screen(tmp_path: Path, clock: SteppingClock) -> None:
    player = FakeSeekablePlayer(clock=clock, fail_with="no audio output device found")
    app = replay_app(tmp_path, write_session(tmp_path / "sessions"), player)

    async def scenario(pilot: Pilot) -> None:
        await shows(pilot, "idle")
        await pilot.press("space")
        await shows(pilot, "error")
        assert bar_text(pilot).strip() == "no audio output device found"
        assert "no audio output device found" in notifications(app)
        assert "It goes downhill" not in plain(app, "#rp-transcript")  # still the transcript
        assert "Um, it goes downhill" in plain(app, "#rp-transcript")

    run(app, scenario, wait_for_start_up=False)


def test_closing_stops_playback_and_quits_when_opened_directly(
    tmp_path: Path, clock: SteppingClock
) -> None:
    player = FakeSeekablePlayer(clock=clock)
    app = replay_app(tmp_path, write_session(tmp_path / "sessions"), player)

    async def scenario(pilot: Pilot) -> None:
        await shows(pilot, "idle")
        await pilot.press("space")
        await until(pilot, lambda: player.running, "playing")
        await pilot.press("q")
        await until(pilot, lambda: not player.running, "playback to stop")

    run(app, scenario, wait_for_start_up=False)
    assert app.return_code == 0
    assert player.duration == 0.0  # the clip was let go


def test_quitting_with_ctrl_q_stops_playback(tmp_path: Path, clock: SteppingClock) -> None:
    player = FakeSeekablePlayer(clock=clock)
    app = replay_app(tmp_path, write_session(tmp_path / "sessions"), player)

    async def scenario(pilot: Pilot) -> None:
        await shows(pilot, "idle")
        await pilot.press("space")
        await until(pilot, lambda: player.running, "playing")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not player.running, "playback to stop")

    run(app, scenario, wait_for_start_up=False)


def test_a_long_answer_keeps_the_word_being_spoken_on_screen(
    tmp_path: Path, clock: SteppingClock
) -> None:
    player = FakeSeekablePlayer(clock=clock)
    app = replay_app(tmp_path, write_long_answer(tmp_path / "sessions"), player)

    def lit_line_visible(pilot: Pilot) -> bool:
        transcript = pilot.app.screen.query_one("#rp-transcript", SpokenTranscript)
        scroller = pilot.app.screen.query_one("#replay", VerticalScroll)
        line = transcript.current_line()
        assert line is not None
        y = transcript.virtual_region.y + line
        return scroller.scroll_y <= y < scroller.scroll_y + scroller.size.height

    async def scenario(pilot: Pilot) -> None:
        scroller = pilot.app.screen.query_one("#replay", VerticalScroll)
        await shows(pilot, "idle", 0.0)
        await pilot.press("space")
        start = clock.now
        for second in (30, 60, 90, 120, 145):
            clock.now = start + second
            await shows(pilot, "playing", float(second))
            await pilot.pause(0.05)
            assert lit_line_visible(pilot), f"lit word off screen at {second} s"
        assert scroller.scroll_y > 0  # it had to scroll to keep up

        # The candidate scrolls back up to read: the screen no longer follows the word.
        scroller.scroll_home(animate=False)
        await pilot.pause(0.05)
        clock.now = start + 148.0
        await shows(pilot, "playing", 148.0)
        await pilot.pause(0.05)
        assert scroller.scroll_y == 0

    run(app, scenario, size=(80, 24), wait_for_start_up=False)
