"""A whole interview answered by typing: the text area replaces the microphone."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import TextArea

from interviewer.services import fake_services
from speech.fakes import FakeRecorder, FakeSpeaker
from tests.tui.factories import (
    DESCENT,
    FOLLOW_UP_ANSWER,
    KMEANS,
    PARTIAL_DESCENT,
    make_app,
)
from tests.tui.pilot import on_screen, plain, run, saved, screen_name, send_at_once, until

KEYED = 12  # characters typed key by key; the rest is pasted, to keep the test quick


async def type_answer(pilot: Pilot, text: str) -> None:
    """Type into the focused text area: real key presses first (letters such as s, n, r
    and q must reach the text, not the screen's bindings), then paste the rest."""
    area = pilot.app.focused
    assert isinstance(area, TextArea)
    await pilot.press(*[c if c != " " else "space" for c in text[:KEYED]])
    area.insert(text[KEYED:])
    await pilot.pause()
    assert area.text == text


def test_typed_answer_follow_up_skip_and_summary(tmp_path: Path) -> None:
    speaker = FakeSpeaker()
    recorder = FakeRecorder()
    services = fake_services(speaker=speaker, recorder=recorder)
    app = make_app(tmp_path, services, answer_mode="typed")

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await on_screen(pilot, "TypedQuestionScreen")
        await until(pilot, lambda: speaker.spoken == [DESCENT.text], "the question spoken")

        await pilot.press("ctrl+s")  # nothing typed yet: refused, nothing saved
        assert saved(app)["attempts"] == []
        assert screen_name(pilot) == "TypedQuestionScreen"

        await type_answer(pilot, PARTIAL_DESCENT)
        await pilot.press("ctrl+s")
        await until(
            pilot,
            lambda: screen_name(pilot) == "TypedQuestionScreen"
            and app.screen.follow_up is not None,
            "the follow-up",
        )
        data = saved(app)
        assert [(a["kind"], a["mode"], a["text"]) for a in data["attempts"]] == [
            ("answer", "typed", PARTIAL_DESCENT)
        ]
        assert data["attempts"][0]["audio_file"] is None

        await type_answer(pilot, FOLLOW_UP_ANSWER)
        await pilot.press("ctrl+s")
        await on_screen(pilot, "FeedbackScreen")
        data = saved(app)
        assert [a["kind"] for a in data["attempts"]] == ["answer", "follow_up"]
        assert "typed" in plain(app, "#fb-delivery")  # no pace for typing

        await pilot.press("n")
        await on_screen(pilot, "TypedQuestionScreen")
        assert app.screen.question.id == KMEANS.id
        await pilot.press("ctrl+n")  # skip the last question: the interview ends
        await on_screen(pilot, "SummaryScreen")
        data = saved(app)
        assert data["skipped"] == [KMEANS.id]
        assert data["finished"] is True
        assert "skipped" in plain(app, "#per-question")
        assert recorder.recordings == 0  # typed mode never opens the microphone

    run(app, scenario)


def test_typed_retry_keeps_both_attempts_and_escape_ends(tmp_path: Path) -> None:
    app = make_app(tmp_path, answer_mode="typed", follow_ups=False, speak_questions=False)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await on_screen(pilot, "TypedQuestionScreen")
        await type_answer(pilot, "gradient")
        await pilot.press("ctrl+s")
        await on_screen(pilot, "FeedbackScreen")
        await pilot.press("r")
        await on_screen(pilot, "TypedQuestionScreen")
        await type_answer(pilot, "minimise the loss with the gradient")
        await pilot.press("ctrl+s")
        await on_screen(pilot, "FeedbackScreen")
        data = saved(app)
        assert [a["text"] for a in data["attempts"]] == [
            "gradient", "minimise the loss with the gradient",
        ]
        table = plain(app, "#fb-attempts")
        assert "#1" in table and "#2" in table
        await pilot.press("left_square_bracket")  # look at the first attempt again
        assert app.screen.selected == 0
        await pilot.press("escape")
        await on_screen(pilot, "SummaryScreen")
        assert saved(app)["finished"] is True

    run(app, scenario)


def test_ctrl_s_right_after_typing_submits_every_key(tmp_path: Path) -> None:
    """Keys that arrive faster than the text area takes them (a quick typist, a busy
    machine, a terminal pasting without bracketed paste) are all in the answer ctrl+s
    submits: the binding must not overtake the keys queued before it."""
    app = make_app(tmp_path, answer_mode="typed", follow_ups=False, speak_questions=False)
    text = "the gradient points uphill so step against it"

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await on_screen(pilot, "TypedQuestionScreen")
        send_at_once(app, text, "ctrl+s")
        await on_screen(pilot, "FeedbackScreen")
        assert [a["text"] for a in saved(app)["attempts"]] == [text]
        # Let the feedback screen mount before the test ends and the app shuts down.
        await pilot.pause()
        assert text in plain(app, "#fb-transcript")

    run(app, scenario)
