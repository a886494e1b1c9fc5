"""Things going wrong: no microphone, a microphone dying mid-answer, no voice, a failing
transcriber. Each shows a message with what to do, keeps what was recorded, and the
interview goes on; none shows a traceback or stops the app."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from textual.pilot import Pilot

from interviewer.errors import SessionError
from interviewer.services import fake_services
from interviewer.tui.screens.question import QuestionScreen
from speech.errors import ModelUnavailable
from speech.fakes import FakeRecorder, FakeSpeaker, FakeTranscriber
from speech.interfaces import ProgressCallback
from tests.tui.factories import DESCENT, FULL_DESCENT, FULL_KMEANS, PARTIAL_DESCENT, make_app
from tests.tui.pilot import notifications, on_screen, plain, run, saved, screen_name, until
from tests.tui.test_typed_session import type_answer


def test_no_microphone_offers_typed_mode(tmp_path: Path) -> None:
    services = fake_services(recorder=FakeRecorder(no_device=True))
    app = make_app(tmp_path, services, speak_questions=False)

    async def scenario(pilot: Pilot) -> None:
        checks = plain(app, "#checks")
        assert "✗ Microphone" in checks and "no microphone found" in checks
        assert "typed mode" in checks  # the check's hint
        hint = plain(app, "#start-hint")
        assert "No microphone. Press m to answer by typing." in hint

        await pilot.press("enter")  # try voice anyway: the failure is explained
        await until(
            pilot,
            lambda: "no microphone found" in plain(app, "#notice"),
            "the no-microphone notice",
        )
        assert "t to type this answer" in plain(app, "#notice")
        assert any("no microphone found" in m for m in notifications(app))

        await pilot.press("t")
        await on_screen(pilot, "TypedQuestionScreen")
        await type_answer(pilot, FULL_DESCENT)
        await pilot.press("ctrl+s")
        await on_screen(pilot, "FeedbackScreen")
        assert [a["mode"] for a in saved(app)["attempts"]] == ["typed"]
        await pilot.press("n")  # the rest of the interview stays typed
        await on_screen(pilot, "TypedQuestionScreen")

    run(app, scenario)


def test_home_m_switches_to_typed_and_start_works(tmp_path: Path) -> None:
    services = fake_services(recorder=FakeRecorder(no_device=True))
    app = make_app(tmp_path, services, speak_questions=False)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("m")
        assert app.settings.answer_mode == "typed"
        assert "No microphone" not in plain(app, "#start-hint")
        checks = plain(app, "#checks")  # typing needs no microphone: no red cross
        assert "– Microphone not needed for typed answers" in checks
        assert "✗" not in checks
        await pilot.press("enter")
        await on_screen(pilot, "TypedQuestionScreen")

    run(app, scenario)


def test_microphone_failing_mid_answer_keeps_audio_and_offers_retry_or_typing(
    tmp_path: Path,
) -> None:
    recorder = FakeRecorder(speech_s=3.0, fail_after_s=1.0)
    services = fake_services(answers=(PARTIAL_DESCENT,), recorder=recorder)
    app = make_app(tmp_path, services, speak_questions=False)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await on_screen(pilot, "FeedbackScreen")
        data = saved(app)
        (attempt,) = data["attempts"]  # no follow-up: the microphone is gone
        assert "microphone stopped working" in attempt["warning"]
        assert attempt["text"] == PARTIAL_DESCENT  # what was said before it failed
        audio = app.session.folder / attempt["audio_file"]
        assert audio.stat().st_size > 44
        warning = plain(app, "#fb-warning")
        assert "microphone stopped working" in warning
        assert "Press r to try again or t to type the answer" in warning

        await pilot.press("t")
        await on_screen(pilot, "TypedQuestionScreen")
        assert app.screen.question.id == DESCENT.id

    run(app, scenario)


def test_voice_failure_warns_once_and_the_interview_goes_on(tmp_path: Path) -> None:
    speaker = FakeSpeaker(fail_with="espeak-ng is not installed")
    services = fake_services(answers=(FULL_DESCENT, FULL_KMEANS), speaker=speaker)
    app = make_app(tmp_path, services)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await on_screen(pilot, "FeedbackScreen")
        await pilot.press("n")
        await until(pilot, lambda: len(saved(app)["attempts"]) == 2, "question 2 answered")
        await on_screen(pilot, "FeedbackScreen")
        warnings = [m for m in notifications(app) if "espeak-ng is not installed" in m]
        assert len(warnings) == 1
        assert "shown as text" in warnings[0]

    run(app, scenario)


def test_question_stays_readable_when_the_voice_fails(tmp_path: Path) -> None:
    speaker = FakeSpeaker(fail_with="espeak-ng is not installed")
    recorder = FakeRecorder(speech_s=0.3, wait_for_stop=True, realtime=0.2)
    services = fake_services(speaker=speaker, recorder=recorder)
    app = make_app(tmp_path, services)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await until(
            pilot,
            lambda: isinstance(app.screen, QuestionScreen) and app.screen.state == "recording",
            "recording to start without the voice",
        )
        assert DESCENT.text in plain(app, "#question-text")
        await pilot.press("q")
        await on_screen(pilot, "SummaryScreen")

    run(app, scenario)


def _broken(_audio: np.ndarray, _terms: Sequence[str]) -> str:
    raise RuntimeError("CUDA error: out of memory\nlong native traceback follows")


def test_transcription_error_is_a_message_and_the_audio_is_kept(tmp_path: Path) -> None:
    services = fake_services(transcriber=FakeTranscriber(handler=_broken))
    app = make_app(tmp_path, services, speak_questions=False)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await until(
            pilot,
            lambda: "transcription failed" in plain(app, "#notice"),
            "the transcription error",
        )
        notice = plain(app, "#notice")
        assert "CUDA error: out of memory" in notice
        assert "long native traceback" not in notice  # one line, not a traceback
        assert "kept as attempt-01-unscored-1.wav" in notice
        # Moved aside, so a new take (written to attempt-01.wav) cannot overwrite it.
        assert (app.session.folder / "attempt-01-unscored-1.wav").stat().st_size > 44
        assert saved(app)["attempts"] == []
        assert screen_name(pilot) == "VoiceQuestionScreen"
        await pilot.press("t")
        await on_screen(pilot, "TypedQuestionScreen")

    run(app, scenario)
    assert app.return_code in (None, 0)


def test_model_that_cannot_load_is_explained_on_home(tmp_path: Path) -> None:
    class Unavailable(FakeTranscriber):
        def load(self, progress: ProgressCallback | None = None) -> None:
            if progress is not None:
                progress(5_000_000, 10_000_000)
            raise ModelUnavailable("cannot download base.en (no network)")

    services = fake_services(transcriber=Unavailable())
    app = make_app(tmp_path, services)

    async def scenario(pilot: Pilot) -> None:
        await until(pilot, lambda: app.model_state == "failed", "the model to fail")
        await pilot.pause()
        assert "cannot download base.en" in plain(app, "#model-status")
        assert "No speech model. Press m to answer by typing." in plain(app, "#start-hint")

    run(app, scenario)


def test_an_answer_that_cannot_be_saved_is_explained_and_kept_on_screen(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, answer_mode="typed", speak_questions=False)

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise SessionError(f"{tmp_path}: cannot save the session (No space left on device)")

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await on_screen(pilot, "TypedQuestionScreen")
        app.session.submit_answer = disk_full  # the disk fills up mid-interview
        await type_answer(pilot, FULL_DESCENT)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "TypedQuestionScreen"
        assert app.screen.query_one("#answer").text == FULL_DESCENT  # nothing typed is lost
        assert app.screen.state == "idle"
        assert any("No space left on device" in m for m in notifications(app))

    run(app, scenario)
