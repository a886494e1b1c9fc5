"""Replay through the real player: the app plays a saved answer into the virtual sound card,
the position on screen moves with it, pausing silences it and leaving stops it."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
import soundfile
from textual.pilot import Pilot

from interviewer.tui.widgets.playback import PlaybackBar
from speech.seekable import SoundDeviceSeekablePlayer
from speech.types import SAMPLE_RATE
from tests.speech.monitor import best_alignment, monitor
from tests.tui.pilot import run, until
from tests.tui.replay_data import ANSWER_S, replay_app, write_session
from tests.virtual_audio import virtual_audio  # noqa: F401

real_audio = pytest.mark.usefixtures("virtual_audio")


def bar(pilot: Pilot) -> PlaybackBar:
    """The player line."""
    return pilot.app.screen.query_one("#rp-player", PlaybackBar)


@real_audio
@pytest.mark.timeout(90)
def test_replay_plays_the_recording_and_follows_it(tmp_path: Path) -> None:
    saved = write_session(tmp_path / "sessions")
    recording, _rate = soundfile.read(str(saved.folder / "attempt-01.wav"), dtype="float32")
    player = SoundDeviceSeekablePlayer()
    app = replay_app(tmp_path, saved, player)
    seen: dict[str, float] = {}

    async def scenario(pilot: Pilot) -> None:
        await pilot.pause()
        await until(pilot, lambda: bar(pilot).state == "idle", "the recording")
        with monitor(SAMPLE_RATE) as capture:
            await pilot.press("space")
            await until(pilot, lambda: bar(pilot).position >= 1.0, "playback to reach 0:01")
            t0, p0 = time.monotonic(), bar(pilot).position
            await pilot.pause(1.0)
            seen["rate"] = (bar(pilot).position - p0) / (time.monotonic() - t0)
            assert bar(pilot).state == "playing"

            await pilot.press("space")
            await until(pilot, lambda: bar(pilot).state == "paused", "paused")
            await pilot.pause(0.5)  # what was queued plays out
            before = len(capture.audio)
            await pilot.pause(0.6)
            seen["paused_rms"] = float(np.sqrt(np.mean(capture.audio[before:] ** 2)))
            second = recording[SAMPLE_RATE : 2 * SAMPLE_RATE]
            seen["heard"] = best_alignment(capture.audio, second)[1]

            await pilot.press("space")
            await until(pilot, lambda: bar(pilot).state == "playing", "playing again")
            await pilot.press("q")
            left = time.monotonic()
            await until(pilot, lambda: not player.running, "playback to stop")
            seen["stop_s"] = time.monotonic() - left

    run(app, scenario, wait_for_start_up=False)
    assert seen["rate"] == pytest.approx(1.0, abs=0.15)  # the time shown moves in real time
    assert seen["heard"] > 0.9  # the second second of the answer reached the speaker
    assert seen["paused_rms"] < 1e-3
    assert seen["stop_s"] < 1.0
    assert player.duration == 0.0  # leaving let the clip go
    assert pytest.approx(len(recording) / SAMPLE_RATE) == ANSWER_S
