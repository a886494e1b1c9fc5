"""Record one spoken answer from the microphone, knowing when it is over.

PortAudio calls back from its own thread with each block; the callback only copies the
block into a queue. The thread that called `record()` does the rest per block: resample to
16 kHz if needed, append to the crash-safe spool, publish the level, run the streaming VAD,
cut utterances for live transcription, and decide whether the answer has ended (stop key,
a long pause after speech, the length limit, or a failing device).
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from speech.errors import AudioDeviceError
from speech.input_streams import InputStreamLike, SoundDeviceInput, StreamFactory
from speech.segmenter import Segmenter
from speech.stream_resample import StreamResampler
from speech.types import SAMPLE_RATE, AudioLevel, Recording, StopReason, Utterance
from speech.vad import FRAME, VadStream
from speech.wav_spool import WavSpool

_ARM_SPEECH_S = 0.25  # speech needed before a pause can end the answer (not a cough or click)
_FLAGS_FATAL_S = 1.0  # error flags on every block for this long means the device is failing


class SoundDeviceRecorder:
    """The real Recorder (speech.interfaces.Recorder) over PortAudio via sounddevice.

    `device`: index or name ("" = the system default). `pause_s`: silence after speech that
    ends the answer. `max_s`: the length limit. `stream_factory`: where audio comes from
    (default: the microphone; speech.input_streams.ArrayInput for tests and benchmarks).

    Utterances for live transcription end at a `utterance_pause_s` pause, at a breath
    (0.2 s) once longer than `soft_max_utterance_s`, and at the quietest moment before
    `max_utterance_s`. Whisper would take 30 s, but 10 s bounds what is still left to
    transcribe when the answer ends, whoever is speaking.
    """

    def __init__(
        self,
        *,
        device: str = "",
        pause_s: float = 3.0,
        max_s: float = 300.0,
        stream_factory: StreamFactory | None = None,
        utterance_pause_s: float = 0.7,
        soft_max_utterance_s: float = 5.0,
        max_utterance_s: float = 10.0,
        block_s: float = 0.05,
        stall_s: float = 2.0,
        start_timeout_s: float = 8.0,
    ) -> None:
        if pause_s <= 0 or max_s <= 0:
            raise ValueError("pause_s and max_s must be positive")
        self.device = device
        self.pause_s = pause_s
        self.max_s = max_s
        self.stream_factory = stream_factory or SoundDeviceInput(device)
        self.utterance_pause_s = min(utterance_pause_s, pause_s)
        self.max_utterance_s = max_utterance_s
        self.soft_max_utterance_s = soft_max_utterance_s
        self.block_s = block_s
        self.stall_s = stall_s
        self.start_timeout_s = start_timeout_s
        self._stop = threading.Event()

    def stop(self) -> None:
        """End the recording now (thread-safe): the 'I'm done' key."""
        self._stop.set()

    def record(
        self,
        *,
        spool_path: Path | None = None,
        on_level: Callable[[AudioLevel], None] | None = None,
        on_utterance: Callable[[Utterance], None] | None = None,
    ) -> Recording:
        """Record until stop(), a pause after speech, the maximum length, or device failure.

        Raises AudioDeviceError (one line) when no microphone can be opened at all.
        """
        self._stop.clear()
        take = _Take(self, on_level, on_utterance)  # loads the VAD before the mic opens
        blocks: queue.SimpleQueue[tuple[np.ndarray, str]] = queue.SimpleQueue()
        last_call = [0.0]

        def callback(indata: np.ndarray, frames: int, time_info: object, status: object) -> None:
            # PortAudio's thread: copy (indata is reused) and hand over, nothing more.
            last_call[0] = time.monotonic()
            blocks.put((np.array(indata[:, 0], dtype=np.float32), str(status) if status else ""))

        stream, rate = self.stream_factory(callback, self.block_s)
        take.resampler = StreamResampler(rate, SAMPLE_RATE)
        spool = WavSpool(spool_path) if spool_path is not None else None
        take.spool = spool
        try:
            _start(stream)
            reason, warning = self._loop(stream, blocks, last_call, take)
            _close_quietly(stream)
            if reason in (StopReason.KEY, StopReason.DEVICE_ERROR):
                while not blocks.empty():  # what was already captured is the candidate's
                    take.add(blocks.get()[0])
            take.finish()
        finally:
            _close_quietly(stream)
            if spool is not None:
                spool.close()
        if warning is None and take.flagged_blocks:
            warning = (
                f"{take.flagged_blocks} short gaps in the audio "
                f"({take.last_flags}): the computer may have been too busy"
            )
        return Recording(
            audio=take.audio(),
            regions=take.vad.regions(take.samples),
            stop_reason=reason,
            path=spool_path,
            warning=warning,
        )

    def _loop(
        self,
        stream: InputStreamLike,
        blocks: queue.SimpleQueue[tuple[np.ndarray, str]],
        last_call: list[float],
        take: _Take,
    ) -> tuple[StopReason, str | None]:
        opened = time.monotonic()
        started = False
        failing_s = 0.0
        while True:
            if self._stop.is_set():
                return StopReason.KEY, None
            try:
                block, flags = blocks.get(timeout=0.05)
            except queue.Empty:
                idle = time.monotonic() - (last_call[0] if started else opened)
                if not started and idle > self.start_timeout_s:
                    raise AudioDeviceError(
                        f"the microphone sent no audio in {self.start_timeout_s:g} s: check it "
                        "(`interviewer doctor`), or answer in typed mode"
                    ) from None
                if started and (idle > self.stall_s or not stream.active):
                    return StopReason.DEVICE_ERROR, (
                        f"the microphone stopped sending audio {take.seconds:.0f} s into the "
                        "answer; what was recorded is kept"
                    )
                continue
            started = True
            if flags:
                take.flagged_blocks += 1
                take.last_flags = flags
                failing_s += len(block) / take.rate
                if failing_s >= _FLAGS_FATAL_S:
                    # This block is audio too: left out, the blocks queued behind it would
                    # be joined on one block early, and the answer would skip.
                    take.add(block)
                    return StopReason.DEVICE_ERROR, (
                        f"the microphone keeps reporting errors ({flags}); "
                        "what was recorded is kept"
                    )
            else:
                failing_s = 0.0
            ended = take.add(block)
            if ended is StopReason.MAX_LENGTH:
                return ended, (
                    f"the answer reached the {self.max_s:g}-second limit and was cut off there"
                )
            if ended is not None:
                return ended, None


class _Take:
    """The per-recording state: audio so far, VAD, segmenter and spool."""

    def __init__(
        self,
        rec: SoundDeviceRecorder,
        on_level: Callable[[AudioLevel], None] | None,
        on_utterance: Callable[[Utterance], None] | None,
    ) -> None:
        self.vad = VadStream()
        self.segmenter = Segmenter(
            pause_s=rec.utterance_pause_s,
            max_s=rec.max_utterance_s,
            soft_max_s=rec.soft_max_utterance_s,
            short_pause_s=0.2,
            on_utterance=on_utterance,
        )
        self.on_level = on_level
        self.max_samples = round(rec.max_s * SAMPLE_RATE)
        self.pause_samples = round(rec.pause_s * SAMPLE_RATE)
        self.resampler = StreamResampler(SAMPLE_RATE)
        self.spool: WavSpool | None = None
        self.chunks: list[np.ndarray] = []
        self.samples = 0
        self.pending = np.zeros(0, dtype=np.float32)  # < one VAD frame, not yet judged
        self.speech_samples = 0
        self.silent_samples = 0
        self.flagged_blocks = 0
        self.last_flags = ""

    @property
    def rate(self) -> int:
        """The device's sample rate."""
        return round(SAMPLE_RATE * self.resampler.down / self.resampler.up)

    @property
    def seconds(self) -> float:
        """Seconds of audio kept so far."""
        return self.samples / SAMPLE_RATE

    def add(self, block: np.ndarray) -> StopReason | None:
        """Take one device block; say whether the answer has now ended."""
        block = np.nan_to_num(block, nan=0.0, posinf=1.0, neginf=-1.0)
        if self.on_level is not None:
            self.on_level(_level(block))
        ended = self._keep(self.resampler.process(block))
        if ended is None and self.samples >= self.max_samples:
            return StopReason.MAX_LENGTH
        return ended

    def finish(self) -> None:
        """Recording over: keep the resampler's tail, then emit the last utterance."""
        self._keep(self.resampler.flush(), judge=False)
        self.segmenter.flush(self.pending)
        self.pending = np.zeros(0, dtype=np.float32)

    def audio(self) -> np.ndarray:
        """Everything kept, as one 16 kHz array."""
        return np.concatenate(self.chunks) if self.chunks else np.zeros(0, dtype=np.float32)

    def _keep(self, audio: np.ndarray, *, judge: bool = True) -> StopReason | None:
        audio = audio[: max(0, self.max_samples - self.samples)]
        if not len(audio):
            return None
        self.chunks.append(audio)
        self.samples += len(audio)
        if self.spool is not None:
            self.spool.write(audio)
        self.pending = np.concatenate([self.pending, audio])
        if not judge:
            return None
        whole = len(self.pending) - len(self.pending) % FRAME
        frames, self.pending = self.pending[:whole], self.pending[whole:]
        for i in range(0, whole, FRAME):
            frame = frames[i : i + FRAME]
            self.vad.feed_frame(frame)
            speech = self.vad.in_speech
            self.segmenter.push(frame, speech)
            if speech:
                self.speech_samples += FRAME
                self.silent_samples = 0
            else:
                self.silent_samples += FRAME
            armed = self.speech_samples >= _ARM_SPEECH_S * SAMPLE_RATE
            if armed and self.silent_samples >= self.pause_samples:
                self.pending = np.concatenate([frames[i + FRAME :], self.pending])
                return StopReason.PAUSE
        return None


def _level(block: np.ndarray) -> AudioLevel:
    if not len(block):
        return AudioLevel(0.0, 0.0)
    data = block.astype(np.float64)
    return AudioLevel(
        rms=min(1.0, float(np.sqrt(np.mean(data**2)))), peak=min(1.0, float(np.max(np.abs(data))))
    )


def _start(stream: InputStreamLike) -> None:
    try:
        stream.start()
    except AudioDeviceError:
        raise
    except Exception as exc:  # sounddevice.PortAudioError, without importing sounddevice here
        raise AudioDeviceError(
            f"cannot start the microphone ({' '.join(str(exc).split())}); "
            "see `interviewer devices`, or answer in typed mode"
        ) from None


def _close_quietly(stream: InputStreamLike) -> None:
    """Stop and close, ignoring a device that has already gone away."""
    for step in (stream.stop, stream.close):
        with contextlib.suppress(Exception):  # a vanished device fails to stop; audio is safe
            step()
