"""SoundDeviceSeekablePlayer through real PortAudio into a PulseAudio null sink.

The clip is a staircase of tones, one pitch per second, so the sink's monitor tells which
second of the clip is being heard at any moment; that is compared with `position`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest

from speech.devices import load_sounddevice
from speech.errors import AudioDeviceError
from speech.seekable import SoundDeviceSeekablePlayer
from tests.virtual_audio import virtual_audio  # noqa: F401

real_audio = pytest.mark.usefixtures("virtual_audio")

RATE = 16_000
BLOCK = 160  # 10 ms: when each tone was first heard is known to about this
START_S = 5.0  # a suspended sound server took 1.7 s to start a stream (measured)


def staircase(seconds: int) -> np.ndarray:
    """One second of tone per step: step k is 300 + 150k Hz."""
    t = np.arange(RATE) / RATE
    steps = [0.3 * np.sin(2 * np.pi * (300 + 150 * k) * t) for k in range(seconds)]
    return np.concatenate(steps).astype(np.float32)


def step_of(block: np.ndarray) -> int | None:
    """Which step's tone a block holds (None: silence)."""
    if np.sqrt(np.mean(block**2)) < 0.02:
        return None
    spectrum = np.abs(np.fft.rfft(block * np.hanning(len(block)), n=4096))
    return round((np.argmax(spectrum) * RATE / 4096 - 300) / 150)


class TimedCapture:
    """The sink's monitor in 10 ms blocks, each with the time it arrived."""

    def __init__(self) -> None:
        self.blocks: list[tuple[float, np.ndarray]] = []
        self._lock = threading.Lock()

    def add(self, block: np.ndarray) -> None:
        """Keep one block (audio thread)."""
        with self._lock:
            self.blocks.append((time.monotonic(), block[:, 0].copy()))

    def steps(
        self, since: float = 0.0, until: float = float("inf")
    ) -> list[tuple[float, int | None]]:
        """(arrival time, step heard) for every block that arrived in [since, until)."""
        with self._lock:
            blocks = list(self.blocks)
        return [(t, step_of(b)) for t, b in blocks if since <= t < until]

    def first_heard(self, step: int) -> float | None:
        """When `step`'s tone first arrived."""
        return next((t for t, s in self.steps() if s == step), None)


@contextmanager
def timed_monitor() -> Iterator[TimedCapture]:
    """Record the sink's monitor while the block runs."""
    sd = load_sounddevice()
    capture = TimedCapture()
    stream = sd.InputStream(
        samplerate=RATE, channels=1, dtype="float32", blocksize=BLOCK,
        callback=lambda indata, _frames, _time, _status: capture.add(indata),
    )
    stream.start()
    try:
        yield capture
    finally:
        stream.stop()
        stream.close()


class Running:
    """player.run() on a thread, with its result, and the position sampled every 10 ms."""

    def __init__(self, player: SoundDeviceSeekablePlayer) -> None:
        self.player = player
        self.result: list[bool | BaseException] = []
        self.trace: list[tuple[float, float]] = []
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run)
        self._tracer = threading.Thread(target=self._trace)
        self._thread.start()
        self._tracer.start()

    def _run(self) -> None:
        try:
            self.result.append(self.player.run())
        except BaseException as exc:  # re-raised in the test by join()
            self.result.append(exc)
        finally:
            self._done.set()

    def _trace(self) -> None:
        while not self._done.is_set():
            self.trace.append((time.monotonic(), self.player.position))
            time.sleep(0.01)

    def wait_for(self, seconds: float, timeout: float = START_S) -> None:
        """Block until the position reaches `seconds`."""
        deadline = time.monotonic() + timeout
        while self.player.position < seconds:
            assert not self._done.is_set(), f"run ended early: {self.result}"
            assert time.monotonic() < deadline, f"position stuck at {self.player.position}"
            time.sleep(0.005)

    def join(self, timeout: float = 15.0) -> bool:
        """Wait for run() to return; its result (its exception is raised)."""
        self._thread.join(timeout)
        self._tracer.join(timeout)
        assert not self._thread.is_alive(), "run() did not return"
        (result,) = self.result
        if isinstance(result, BaseException):
            raise result
        return result

    def crossed(self, seconds: float) -> float | None:
        """When the position first reached `seconds`."""
        return next((t for t, p in self.trace if p >= seconds), None)


@real_audio
@pytest.mark.timeout(60)
def test_position_is_what_is_being_heard() -> None:
    player = SoundDeviceSeekablePlayer()
    player.load(staircase(4), RATE)
    assert (player.position, player.duration, player.running) == (0.0, 4.0, False)
    with timed_monitor() as capture:
        running = Running(player)
        finished = running.join()
        time.sleep(0.2)
    assert finished is True
    assert player.finished is True
    assert player.position == 4.0
    heard = [s for _t, s in capture.steps() if s is not None]
    assert sorted(set(heard)) == [0, 1, 2, 3]
    for step in (1, 2, 3):
        when_heard = capture.first_heard(step)
        when_shown = running.crossed(float(step))
        assert when_heard is not None and when_shown is not None
        # The monitor adds its own small input delay: the position may lead it a little,
        # but it must not run a buffer (0.25 s) ahead of the sound, nor lag behind it.
        assert -0.12 <= when_heard - when_shown <= 0.15, (step, when_heard - when_shown)


@real_audio
@pytest.mark.timeout(60)
def test_seek_skips_pause_is_silent_and_resume_goes_on() -> None:
    player = SoundDeviceSeekablePlayer()
    player.load(staircase(8), RATE)
    with timed_monitor() as capture:
        running = Running(player)
        running.wait_for(0.3)
        t0, p0 = time.monotonic(), player.position
        time.sleep(0.8)
        t1, p1 = time.monotonic(), player.position
        assert p1 - p0 == pytest.approx(t1 - t0, abs=0.12)  # plays in real time

        target = player.seek(3.0)
        assert target == pytest.approx(p1 + 3.0, abs=0.1)
        assert player.position == pytest.approx(target, abs=0.01)  # shown at once
        running.wait_for(target + 0.5)

        player.pause()
        paused_at = player.position
        paused = time.monotonic()
        time.sleep(1.0)
        assert player.paused is True
        assert player.position == paused_at
        quiet = capture.steps(since=paused + 0.5, until=paused + 1.0)

        player.resume()
        assert player.position == pytest.approx(paused_at, abs=0.01)
        resumed = time.monotonic()
        finished = running.join()
        time.sleep(0.2)
    assert finished is True
    assert player.position == 8.0

    assert len(quiet) > 30 and all(s is None for _t, s in quiet), quiet
    before = {s for t, s in capture.steps(until=paused) if s is not None}
    after = {s for t, s in capture.steps(since=resumed) if s is not None}
    # Seeking from about 1.1 s to 4.1 s: seconds 2 and 3 are never heard.
    assert before == {0, 1, 4}, before
    assert after >= {5, 6, 7}
    assert int(paused_at) in after  # resuming repeats nothing lost: from the paused second


@real_audio
@pytest.mark.timeout(30)
def test_stop_ends_the_run_and_keeps_the_place() -> None:
    player = SoundDeviceSeekablePlayer()
    player.load(staircase(8), RATE)
    running = Running(player)
    running.wait_for(0.5)
    player.stop()
    stopped = time.monotonic()
    assert running.join() is False
    assert time.monotonic() - stopped < 0.5
    assert player.running is False
    assert player.finished is False
    assert 0.5 <= player.position < 1.5
    assert player.run() is False  # stopped until the next load


def test_a_stop_before_run_is_not_lost() -> None:
    player = SoundDeviceSeekablePlayer(device="no such device")
    player.load(staircase(1), RATE)
    player.stop()
    assert player.run() is False  # returns before looking for the device


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        ([("seek", -5.0)], 0.0),
        ([("seek", 5.0)], 5.0),
        ([("seek", 5.0), ("seek", 5.0)], 8.0),
        ([("seek_to", 3.5), ("seek", -1.0)], 2.5),
        ([("seek_to", -2.0)], 0.0),
        ([("seek_to", 99.0)], 8.0),
    ],
)
def test_seeking_while_idle_is_clamped_to_the_clip(
    moves: list[tuple[str, float]], expected: float
) -> None:
    player = SoundDeviceSeekablePlayer()
    player.load(staircase(8), RATE)
    for method, value in moves:
        getattr(player, method)(value)
    assert player.position == pytest.approx(expected)


def test_nothing_loaded_is_harmless() -> None:
    player = SoundDeviceSeekablePlayer()
    assert player.run() is False
    assert (player.position, player.duration, player.seek(5), player.paused) == (0, 0, 0, False)
    player.pause()
    player.resume()
    player.stop()
    player.close()


@pytest.mark.parametrize(
    ("device", "fragment"),
    [("no such speaker", "'no such speaker'"), ("97", "index 97")],
)
@real_audio
def test_unknown_device_is_a_one_line_error(device: str, fragment: str) -> None:
    player = SoundDeviceSeekablePlayer(device=device)
    player.load(staircase(1), RATE)
    with pytest.raises(AudioDeviceError) as caught:
        player.run()
    message = str(caught.value)
    assert fragment in message
    assert "\n" not in message
