"""The seekable player's bookkeeping, driven by a simulated sound card on a hand-set clock.

An ideal device at 1 kHz with 100-frame blocks and three blocks queued: block k is heard
from t = k/10 s and asked for 0.2 s before that (the first three at once). Each callback
is told the delay PortAudio would report. So what is heard at any time is known exactly,
and `position` must say it.
"""

from __future__ import annotations

import numpy as np
import pytest

from speech.transport import Transport

RATE = 1000
BLOCK = 100
LEAD_IN = 150  # speech.playback's 0.15 s lead-in, at 1 kHz
TAIL = 300  # latency 0.2 s + tail 0.1 s


class Clock:
    """Time the test sets."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Device:
    """Calls the transport's callback when an ideal device would, up to a time."""

    def __init__(self, transport: Transport, clock: Clock) -> None:
        self.transport = transport
        self.clock = clock
        self.blocks: list[np.ndarray] = []
        self.drained = False

    def advance_to(self, t: float) -> None:
        """Make every callback due by `t`, then set the clock to `t`."""
        while not self.drained:
            k = len(self.blocks)
            called = max(0.0, (k - 2) / 10)
            if called > t + 1e-9:
                break
            self.clock.now = called
            block = np.full(BLOCK, np.nan, dtype=np.float32)
            self.drained = not self.transport.fill(block, k / 10 - called)
            self.blocks.append(block)
        self.clock.now = t

    @property
    def stream(self) -> np.ndarray:
        """Everything handed to the device so far."""
        return np.concatenate(self.blocks)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def started(clock: Clock, seconds: int = 3) -> tuple[Transport, Device, np.ndarray]:
    """A run begun on a ramp clip of `seconds` (no zero samples), and its device."""
    clip = (np.arange(seconds * RATE, dtype=np.float32) + 1) / (seconds * RATE)  # no zeros
    transport = Transport(clip, RATE, clock)
    transport.begin(RATE, clip)
    return transport, Device(transport, clock), clip


@pytest.mark.parametrize("t", [0.0, 0.1, 0.15, 0.2, 0.55, 0.99, 1.234, 2.5])
def test_position_is_the_heard_place_after_the_lead_in(clock: Clock, t: float) -> None:
    transport, device, _ = started(clock)
    device.advance_to(t)
    assert transport.position() == pytest.approx(max(0.0, t - LEAD_IN / RATE), abs=1e-3)


def test_a_stalled_device_holds_the_position(clock: Clock) -> None:
    transport, device, _ = started(clock)
    device.advance_to(1.0)
    clock.now = 5.0  # no callback for 4 s: the device stopped consuming
    assert transport.position() == pytest.approx(0.85 + BLOCK / RATE)


def test_seek_shows_the_target_until_it_is_heard(clock: Clock) -> None:
    transport, device, clip = started(clock)
    device.advance_to(1.0)
    assert transport.seek_to(transport.position() + 1.0) == pytest.approx(1.85)
    for t in (1.0, 1.1, 1.2, 1.3):  # blocks written before the seek still play until 1.3
        device.advance_to(t)
        assert transport.position() == pytest.approx(1.85), t
    device.advance_to(1.35)
    assert transport.position() == pytest.approx(1.9)
    stream = device.stream
    np.testing.assert_array_equal(stream[:LEAD_IN], 0)
    np.testing.assert_array_equal(stream[LEAD_IN:1300], clip[:1150])
    np.testing.assert_array_equal(stream[1300:1400], clip[1850:1950])


def test_pause_plays_silence_and_resume_goes_on_from_the_heard_place(clock: Clock) -> None:
    transport, device, clip = started(clock)
    device.advance_to(2.0)
    heard = transport.position()
    assert heard == pytest.approx(1.85)
    transport.set_paused(True)
    written = len(device.stream)
    device.advance_to(3.0)
    assert transport.position() == heard
    np.testing.assert_array_equal(device.stream[written:], 0)

    transport.set_paused(False)
    assert transport.position() == heard
    device.advance_to(3.3)  # the first block after resuming is written at 3.1, heard at 3.3
    assert transport.position() == pytest.approx(heard)
    device.advance_to(3.35)
    assert transport.position() == pytest.approx(heard + 0.05)
    resumed = device.stream[written:]
    first = int(np.argmax(resumed > 0))
    np.testing.assert_array_equal(resumed[first : first + 100], clip[1850:1950])


def test_the_clip_ends_after_the_tail_and_a_new_run_starts_over(clock: Clock) -> None:
    transport, device, clip = started(clock, seconds=1)
    device.advance_to(10.0)
    assert device.drained
    stream = device.stream
    np.testing.assert_array_equal(stream[LEAD_IN : LEAD_IN + RATE], clip)
    np.testing.assert_array_equal(stream[LEAD_IN + RATE :], 0)
    assert len(stream) >= LEAD_IN + RATE + TAIL
    transport.end(True)
    assert (transport.finished, transport.position()) == (True, 1.0)
    transport.begin(RATE, clip)
    assert (transport.finished, transport.position()) == (False, 0.0)


def test_stopping_keeps_the_heard_place_not_the_queued_one(clock: Clock) -> None:
    transport, device, _ = started(clock)
    device.advance_to(1.0)
    transport.end(False)
    assert transport.position() == pytest.approx(0.85)
    assert transport.finished is False


def test_a_device_at_another_rate_keeps_the_place_in_seconds(clock: Clock) -> None:
    clip = np.ones(2 * RATE, dtype=np.float32)
    transport = Transport(clip, RATE, clock)
    transport.seek_to(1.5)
    transport.begin(2 * RATE, np.ones(4 * RATE, dtype=np.float32))
    assert transport.position() == pytest.approx(1.5)
    assert transport.seek_to(9.0) == pytest.approx(2.0)
