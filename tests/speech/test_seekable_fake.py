"""FakeSeekablePlayer: the same controls as the real one, on a clock the test moves."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from speech.errors import AudioDeviceError
from speech.fakes import FakeSeekablePlayer
from speech.interfaces import SeekablePlayer
from speech.seekable import SoundDeviceSeekablePlayer

RATE = 16_000


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Background:
    """run() on a thread, with its result."""

    def __init__(self, player: FakeSeekablePlayer) -> None:
        self.result: list[bool] = []
        self.thread = threading.Thread(target=lambda: self.result.append(player.run()))
        self.thread.start()
        deadline = time.monotonic() + 5
        while not player.running and not self.result:
            assert time.monotonic() < deadline, "run() did not start"
            time.sleep(0.001)

    def join(self) -> bool:
        """Wait for run() to return; its result."""
        self.thread.join(5)
        assert not self.thread.is_alive()
        return self.result[0]


def loaded(clock: Clock, seconds: float = 10.0) -> FakeSeekablePlayer:
    """A fake player on `clock` with a silent clip of `seconds` loaded."""
    player = FakeSeekablePlayer(clock=clock)
    player.load(np.zeros(round(seconds * RATE), dtype=np.float32), RATE)
    return player


@pytest.mark.parametrize("player", [FakeSeekablePlayer(), SoundDeviceSeekablePlayer()])
def test_both_players_have_the_interface(player: object) -> None:
    assert isinstance(player, SeekablePlayer)


def test_position_follows_the_clock_while_playing() -> None:
    clock = Clock()
    player = loaded(clock)
    run = Background(player)
    clock.now += 2.5
    assert player.position == 2.5
    player.pause()
    clock.now += 3.0
    assert (player.position, player.paused) == (2.5, True)
    player.resume()
    clock.now += 1.0
    assert player.position == 3.5
    clock.now += 100.0
    assert run.join() is True
    assert (player.finished, player.position, player.running) == (True, 10.0, False)
    assert player.loaded == [(10 * RATE, RATE)]


@pytest.mark.parametrize(
    ("at", "delta", "expected"),
    [(2.0, -5.0, 0.0), (2.0, 5.0, 7.0), (8.0, 5.0, 10.0), (0.0, -1.0, 0.0)],
)
def test_seek_is_clamped_to_the_clip(at: float, delta: float, expected: float) -> None:
    clock = Clock()
    player = loaded(clock)
    player.seek_to(at)
    assert player.seek(delta) == expected
    assert player.position == expected


def test_stop_ends_the_run_and_holds_until_the_next_load() -> None:
    clock = Clock()
    player = loaded(clock)
    run = Background(player)
    clock.now += 1.0
    player.stop()
    assert run.join() is False
    assert (player.position, player.finished) == (1.0, False)
    assert player.run() is False
    player.load(np.zeros(RATE, dtype=np.float32), RATE)
    assert (player.position, player.duration) == (0.0, 1.0)


def test_loading_another_clip_stops_the_run_of_the_last() -> None:
    clock = Clock()
    player = loaded(clock)
    run = Background(player)
    player.load(np.zeros(RATE, dtype=np.float32), RATE)
    assert run.join() is False


def test_a_run_from_the_end_starts_over() -> None:
    clock = Clock()
    player = loaded(clock, seconds=2.0)
    player.seek_to(2.0)
    run = Background(player)
    assert player.position == 0.0
    clock.now += 2.0
    assert run.join() is True
    assert player.runs == 1


def test_fail_with_raises_like_a_missing_device() -> None:
    player = FakeSeekablePlayer(fail_with="no audio output device found")
    player.load(np.zeros(RATE, dtype=np.float32), RATE)
    with pytest.raises(AudioDeviceError, match="no audio output device"):
        player.run()
