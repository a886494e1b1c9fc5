"""Whole interviews answered by voice with the shipped fakes, driven by keys.

After each answer the session folder is read back from disk: "saved as it goes".
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from interviewer.services import fake_services
from interviewer.tui.screens.question import QuestionScreen
from interviewer.tui.widgets.meter import LevelMeter, RecordingStatus
from speech.fakes import FakePlayer, FakeRecorder, FakeSpeaker, FakeTranscriber
from tests.tui.factories import (
    DESCENT,
    FOLLOW_UP_ANSWER,
    FULL_DESCENT,
    FULL_KMEANS,
    KMEANS,
    PARTIAL_DESCENT,
    HeldRecorder,
    SteppingClock,
    make_app,
)
from tests.tui.pilot import on_screen, plain, run, saved, screen_name, session_folder, until


def test_answer_follow_up_retry_next_and_summary(tmp_path: Path) -> None:
    speaker = FakeSpeaker()
    player = FakePlayer()
    services = fake_services(
        answers=(PARTIAL_DESCENT, FOLLOW_UP_ANSWER, FULL_DESCENT, FULL_KMEANS),
        speaker=speaker,
        player=player,
        recorder=FakeRecorder(speech_s=2.0, pause_s=0.5),
    )
    app = make_app(tmp_path, services)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await on_screen(pilot, "FeedbackScreen")
        # The partial answer missed a core concept, so a follow-up was asked and answered.
        data = saved(app)
        assert [(a["kind"], a["mode"]) for a in data["attempts"]] == [
            ("answer", "voice"), ("follow_up", "voice"),
        ]
        first, follow = data["attempts"]
        assert first["text"] == PARTIAL_DESCENT
        assert follow["follow_up_concept"] == "Minimises the loss"
        assert follow["text"] == FOLLOW_UP_ANSWER
        folder = session_folder(app)
        for attempt in data["attempts"]:
            assert (folder / attempt["audio_file"]).stat().st_size > 44
        assert speaker.spoken[0] == DESCENT.text
        assert "minimises the loss" in speaker.spoken[1].lower()
        follow_up_text = plain(app, "#fb-follow")
        assert "✓ covered" in follow_up_text

        await pilot.press("l")  # listen to my answer
        await until(pilot, lambda: len(player.played) == 1, "playback")
        samples, rate = player.played[0]
        assert rate == 16_000 and samples > 0

        await pilot.press("r")  # retry: a new attempt, the old ones kept
        await until(pilot, lambda: len(saved(app)["attempts"]) == 3, "the retry to be saved")
        await on_screen(pilot, "FeedbackScreen")
        data = saved(app)
        assert data["attempts"][2]["kind"] == "answer"
        assert data["attempts"][2]["text"] == FULL_DESCENT
        assert len(speaker.spoken) == 2  # a retry does not read the question again
        assert app.screen.query_one("#fb-attempts").display  # attempts side by side

        await pilot.press("n")
        await until(pilot, lambda: len(saved(app)["attempts"]) == 4, "question 2's answer")
        await on_screen(pilot, "FeedbackScreen")
        assert saved(app)["attempts"][3]["question_id"] == KMEANS.id
        assert speaker.spoken[-1] == KMEANS.text

        await pilot.press("n")
        await on_screen(pilot, "SummaryScreen")
        data = saved(app)
        assert data["finished"] is True
        assert len(data["attempts"]) == 4
        overall = plain(app, "#per-question")
        assert DESCENT.text in overall and KMEANS.text in overall

    run(app, scenario)


def test_stop_key_repeat_and_rerecord_keep_one_attempt(tmp_path: Path) -> None:
    speaker = FakeSpeaker()
    recorder = FakeRecorder(speech_s=0.3, wait_for_stop=True, realtime=0.2)
    services = fake_services(
        answers=(FULL_DESCENT,), speaker=speaker, recorder=recorder
    )
    app = make_app(tmp_path, services, question_count=1)

    def recording() -> bool:
        screen = app.screen
        return isinstance(screen, QuestionScreen) and screen.state == "recording"

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await until(pilot, recording, "recording to start")
        status = app.screen.query_one(RecordingStatus)
        assert status.state == "recording"

        await pilot.press("r")  # repeat: the recording is dropped, the question read again
        await until(pilot, lambda: len(speaker.spoken) == 2 and recording(), "the repeat")
        await pilot.press("a")  # re-record: dropped again, recording restarts
        await until(pilot, lambda: recorder.recordings == 3 and recording(), "re-recording")

        await pilot.press("space")  # "I'm done"
        await on_screen(pilot, "FeedbackScreen")
        data = saved(app)
        assert len(data["attempts"]) == 1
        assert data["attempts"][0]["text"] == FULL_DESCENT

    run(app, scenario)


def test_repeat_while_speaking_asks_again_without_overlap(tmp_path: Path) -> None:
    speaker = FakeSpeaker(seconds_per_call=30.0)  # holds until stopped
    services = fake_services(answers=(FULL_DESCENT,), speaker=speaker)
    app = make_app(tmp_path, services, question_count=1)

    def speaking(times: int) -> bool:
        screen = app.screen
        return (
            isinstance(screen, QuestionScreen)
            and screen.state == "speaking"
            and len(speaker.spoken) == times
        )

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await until(pilot, lambda: speaking(1), "the question being asked")
        await pilot.press("r")
        await until(pilot, lambda: speaking(2), "the question asked again")
        await pilot.press("space")  # interrupt and answer
        await on_screen(pilot, "FeedbackScreen")
        assert speaker.spoken == [DESCENT.text, DESCENT.text]
        assert saved(app)["attempts"][0]["text"] == FULL_DESCENT

    run(app, scenario)


def test_skip_and_quit_while_recording(tmp_path: Path) -> None:
    recorder = FakeRecorder(speech_s=0.3, wait_for_stop=True, realtime=0.2)
    services = fake_services(answers=(FULL_KMEANS,), recorder=recorder)
    app = make_app(tmp_path, services)

    def recording_question(question_id: str) -> bool:
        screen = app.screen
        return (
            isinstance(screen, QuestionScreen)
            and screen.question.id == question_id
            and screen.state == "recording"
        )

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await until(pilot, lambda: recording_question(DESCENT.id), "question 1 recording")
        await pilot.press("s")
        await until(pilot, lambda: recording_question(KMEANS.id), "question 2 recording")
        data = saved(app)
        assert data["skipped"] == [DESCENT.id]
        assert data["attempts"] == []

        await pilot.press("q")  # end the interview mid-answer: that answer is dropped
        await on_screen(pilot, "SummaryScreen")
        data = saved(app)
        assert data["finished"] is True
        assert data["attempts"] == []
        table = plain(app, "#per-question")
        assert "skipped" in table

    run(app, scenario)
    assert recorder.recordings == 2  # one per question; neither left running


def test_live_transcript_level_meter_and_elapsed_time_while_recording(tmp_path: Path) -> None:
    clock = SteppingClock()
    transcriber = FakeTranscriber((PARTIAL_DESCENT,))
    services = fake_services(transcriber=transcriber, recorder=HeldRecorder())
    app = make_app(
        tmp_path, services, question_count=1, speak_questions=False, follow_ups=False,
        clock=clock,
    )

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("enter")
        await until(
            pilot,
            lambda: screen_name(pilot) == "VoiceQuestionScreen"
            and app.screen.query_one(LevelMeter).level == HeldRecorder.LEVEL.rms,
            "the level meter to show the microphone level",
        )
        await until(
            pilot,
            lambda: PARTIAL_DESCENT in plain(app, "#live"),
            "the live transcript of the first utterance",
        )
        clock.now += 75.0
        await until(
            pilot,
            lambda: app.screen.query_one(RecordingStatus).elapsed == 75.0,
            "the elapsed time",
        )
        assert "REC 1:15" in " ".join(str(app.screen.query_one(RecordingStatus).render()).split())
        await pilot.press("enter")
        await on_screen(pilot, "FeedbackScreen")
        assert saved(app)["attempts"][0]["text"] == PARTIAL_DESCENT

    run(app, scenario)
