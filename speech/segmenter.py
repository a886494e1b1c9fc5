"""Cut a live recording into utterances at voice-activity pauses, so each can be
transcribed while the candidate is still talking.

Pure logic: it is fed frames already labelled speech / not speech (by speech.vad) and never
runs a model itself. An utterance ends after `pause_s` of non-speech (a breath between
sentences, much shorter than the pause that ends the answer), or, once it is longer than
`soft_max_s`, after a mere breath (`short_pause_s`), so the last utterance of an answer, the
only one still to transcribe when the answer ends, stays short. At `max_s` (Whisper's
30-second window) it is cut at the quietest point of its last few seconds regardless.
Each utterance keeps a little audio before its first speech frame and after its last, since
VAD marks onsets and word endings late; the long silences between utterances are dropped.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from speech.types import SAMPLE_RATE, Utterance


@dataclass
class _Frame:
    start: int  # sample index from the start of the recording
    audio: np.ndarray
    speech: bool
    rms: float

    @property
    def end(self) -> int:
        return self.start + len(self.audio)


class Segmenter:
    """Turns labelled frames into Utterances; call `push` per frame and `flush` at the end."""

    def __init__(
        self,
        *,
        pause_s: float = 0.7,
        max_s: float = 30.0,
        soft_max_s: float = 8.0,
        short_pause_s: float = 0.3,
        preroll_s: float = 0.3,
        tail_s: float = 0.3,
        search_s: float = 5.0,
        on_utterance: Callable[[Utterance], None] | None = None,
    ) -> None:
        if max_s <= preroll_s + tail_s or pause_s <= 0:
            raise ValueError("max_s must exceed preroll_s + tail_s, and pause_s must be > 0")
        self.pause = round(pause_s * SAMPLE_RATE)
        self.max_len = round(max_s * SAMPLE_RATE)
        self.soft_max = round(soft_max_s * SAMPLE_RATE)
        self.short_pause = round(min(short_pause_s, pause_s) * SAMPLE_RATE)
        self.preroll = round(preroll_s * SAMPLE_RATE)
        self.tail = round(tail_s * SAMPLE_RATE)
        self.search = round(search_s * SAMPLE_RATE)
        self.on_utterance = on_utterance
        self._pos = 0  # samples pushed so far
        self._last_end = 0  # where the previous utterance ended: pre-roll may not reach back
        self._idle: deque[_Frame] = deque()  # recent non-utterance frames, for pre-roll
        self._current: list[_Frame] = []
        self._silent = 0  # samples of non-speech at the end of the current utterance
        self.emitted: list[Utterance] = []

    @property
    def in_utterance(self) -> bool:
        """Whether speech has started and not yet been cut off."""
        return bool(self._current)

    def push(self, frame: np.ndarray, speech: bool) -> list[Utterance]:
        """Add the next frame of audio and whether VAD judged it speech.

        Returns the utterances this frame completed (usually none).
        """
        audio = np.asarray(frame, dtype=np.float32).reshape(-1)
        rms = float(np.sqrt(np.mean(audio.astype(np.float64) ** 2))) if len(audio) else 0.0
        item = _Frame(self._pos, audio, speech, rms if np.isfinite(rms) else 0.0)
        self._pos += len(audio)
        done: list[Utterance] = []
        if self._current and self._length() + len(audio) > self.max_len:
            done.append(self._cut_at_quietest())
        if not self._current:
            if speech:
                self._current = [f for f in self._idle if f.start >= self._last_end] + [item]
                self._idle.clear()
                self._silent = 0
            else:
                self._remember_idle(item)
            return done
        self._current.append(item)
        self._silent = 0 if speech else self._silent + len(audio)
        long_enough = self._length() - self._silent >= self.soft_max
        if self._silent >= (self.short_pause if long_enough else self.pause):
            done.append(self._end_at_pause())
        return done

    def flush(self, tail: np.ndarray | None = None) -> list[Utterance]:
        """The recording is over: emit the utterance in progress, if any.

        `tail` is leftover audio shorter than a frame, appended to an utterance in progress.
        """
        if tail is not None and len(tail) and self._current:
            self.push(tail, speech=False)
        if not self._current:
            return []
        return [self._end_at_pause()]

    def _length(self) -> int:
        return self._current[-1].end - self._current[0].start if self._current else 0

    def _remember_idle(self, item: _Frame) -> None:
        self._idle.append(item)
        while self._idle and item.end - self._idle[0].start > self.preroll:
            self._idle.popleft()

    def _end_at_pause(self) -> Utterance:
        """Emit up to the last speech plus `tail_s`; the rest of the silence becomes idle."""
        keep_silence = min(self._silent, self.tail)
        cut_at = self._current[-1].end - self._silent + keep_silence
        kept = [f for f in self._current if f.start < cut_at]
        rest = [f for f in self._current if f.start >= cut_at]
        utterance = self._emit(kept)
        self._current, self._silent = [], 0
        for f in rest:
            self._remember_idle(f)
        return utterance

    def _cut_at_quietest(self) -> Utterance:
        """Emit up to the quietest frame of the last `search_s` (preferring non-speech)."""
        frames = self._current
        first = 1
        while first < len(frames) and frames[-1].end - frames[first].start > self.search:
            first += 1
        first = min(first, len(frames) - 1)
        rms = np.array([f.rms for f in frames])
        smooth = np.convolve(rms, np.ones(3) / 3, mode="same")  # a dip, not a single sample
        candidates = range(max(first, 1), len(frames)) if len(frames) > 1 else range(1)
        k = min(candidates, key=lambda i: (frames[i].speech, smooth[i], -i))
        if k == 0:  # a single overlong frame: nothing to choose
            k = len(frames)
        utterance = self._emit(frames[:k])
        self._current = frames[k:]
        self._silent = 0
        for f in self._current:
            self._silent = 0 if f.speech else self._silent + len(f.audio)
        if self._current and not any(f.speech for f in self._current):
            for f in self._current:
                self._remember_idle(f)
            self._current, self._silent = [], 0
        return utterance

    def _emit(self, frames: list[_Frame]) -> Utterance:
        audio = np.concatenate([f.audio for f in frames])
        start, end = frames[0].start, frames[-1].end
        self._last_end = end
        utterance = Utterance(audio=audio, start=start / SAMPLE_RATE, end=end / SAMPLE_RATE)
        self.emitted.append(utterance)
        if self.on_utterance is not None:
            self.on_utterance(utterance)
        return utterance
