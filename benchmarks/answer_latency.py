"""How long after the end of an answer is its transcript ready? Live vs naive.

Spoken answers (espeak-ng sentences with natural pauses) go through the real recording
pipeline: SoundDeviceRecorder (streaming VAD, end-of-answer detection) -> Segmenter
(utterances cut at pauses) -> LiveTranscriber (one background worker, in order). Only the
microphone is replaced: speech.input_streams.ArrayInput calls the recorder's stream callback
with the answer's blocks, faster than real time; everything after the callback is the
product's code. The transcriber is a stand-in whose cost grows with audio length (a slow CPU).

Time is simulated so the figures do not depend on how busy this machine is: the clock is the
recorder's position in the audio (it advances as each block is processed), and the stand-in
transcriber waits on that clock for as long as its cost says. Recording itself is taken to
cost nothing (the VAD needs ~0.2-1 ms per 32 ms frame; the measured processing speed is
printed). The naive approach transcribes the whole recording once the answer has ended.

An answer ends in one of two ways: "pause" (the recorder hears the 3 s pause and stops) and
"key" (the candidate presses the key 0.3 s after the last word: the worst case for live).

    .venv/bin/python benchmarks/answer_latency.py             # 30 s, 2 min, 5 min answers
    .venv/bin/python benchmarks/answer_latency.py --lengths 120 --cost 0.3 --per-call 0.5
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from speech.fakes import timed_transcript
from speech.input_streams import ArrayInput
from speech.live import LiveTranscriber
from speech.recorder import SoundDeviceRecorder
from speech.types import SAMPLE_RATE, AudioLevel, Transcript, Utterance

SENTENCES = (
    "Gradient descent moves the weights a small step against the gradient of the loss.",
    "The learning rate sets the size of that step.",
    "If it is too large, training diverges; if it is too small, it crawls.",
    "Regularisation such as weight decay or dropout keeps the model from memorising noise.",
    "We hold out a validation set to choose hyperparameters honestly.",
    "Batch normalisation rescales activations, which makes deeper networks easier to train.",
    "An LSTM keeps a cell state so gradients survive across long sequences.",
    "Attention lets every token look at every other token directly.",
    "Precision counts how many predicted positives are right, recall how many are found.",
    "For imbalanced data, accuracy alone is misleading.",
    "k-means alternates between assigning points and moving the centroids.",
    "ReLU avoids saturating gradients for positive inputs.",
)
PAUSES_S = (0.25, 0.35, 0.5, 0.9, 1.2, 1.6, 2.5)  # between sentences: breaths and thinking
END_PAUSE_S = 3.0
BLOCK_S = 0.05


@cache
def _espeak(text: str, wpm: int) -> np.ndarray:
    import soundfile
    from scipy.signal import resample_poly

    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "s.wav"
        subprocess.run(
            ["espeak-ng", "-s", str(wpm), "-w", str(wav), text], check=True, capture_output=True
        )
        audio, rate = soundfile.read(str(wav), dtype="float32", always_2d=True)
    mono = audio.mean(axis=1)
    voiced = np.flatnonzero(np.abs(mono) > 0.01)
    mono = mono[voiced[0] : voiced[-1] + 1]  # espeak pads silence; the pauses are ours to set
    return resample_poly(mono, SAMPLE_RATE, rate).astype(np.float32)


def build_answer(seconds: float, seed: int) -> tuple[np.ndarray, float]:
    """Speech of about `seconds` with natural pauses; returns (audio, end of last word in s).

    From 20 s on, one 35-second stretch has only short breaths (0.25-0.35 s), so the
    segmenter's breath and length cuts are exercised as well as its pause cuts.
    """
    rng = np.random.default_rng(seed)
    parts: list[np.ndarray] = []
    total = 0.0
    runon_from = 20.0 if seconds >= 40 else None
    while total < seconds:
        text = SENTENCES[int(rng.integers(len(SENTENCES)))]
        speech = _espeak(text, int(rng.choice([150, 165, 180])))
        parts.append(speech)
        total += len(speech) / SAMPLE_RATE
        if total >= seconds:
            break
        in_runon = runon_from is not None and runon_from <= total < runon_from + 35
        pause = float(rng.choice(PAUSES_S[:2] if in_runon else PAUSES_S))
        parts.append(np.zeros(round(pause * SAMPLE_RATE), dtype=np.float32))
        total += pause
    if not np.any(parts[-1]):
        parts.pop()  # end on the last word; the recorder supplies the silence after it
    audio = np.concatenate(parts)
    return audio, len(audio) / SAMPLE_RATE


class VirtualClock:
    """Seconds of answer audio the recorder has processed; others can wait on it."""

    def __init__(self) -> None:
        self._now = 0.0
        self._frozen = False
        self._free = False
        self._cond = threading.Condition()

    @property
    def now(self) -> float:
        """The current simulated time."""
        with self._cond:
            return self._now

    def advance_to(self, t: float) -> None:
        """The recorder has processed audio up to `t` (ignored once frozen)."""
        with self._cond:
            if not self._frozen and t > self._now:
                self._now = t
                self._cond.notify_all()

    def freeze(self) -> None:
        """The answer has ended: audio processed after this (queued blocks) is not time."""
        with self._cond:
            self._frozen = True

    def free_run(self) -> None:
        """Nothing but transcription is left: waits end at once (their deadlines are the time)."""
        with self._cond:
            self._free = True
            self._cond.notify_all()

    def sleep_until(self, t: float) -> None:
        """Block until simulated time reaches `t`."""
        with self._cond:
            self._cond.wait_for(lambda: self._free or self._now >= t)


class CostTranscriber:
    """A stand-in Transcriber costing `per_call_s + cost_per_s * seconds` of simulated time.

    Work is serial, as on LiveTranscriber's single worker: a job starts when it was
    submitted or when the previous one finished, whichever is later.
    """

    def __init__(self, clock: VirtualClock, cost_per_s: float, per_call_s: float) -> None:
        self.clock = clock
        self.cost_per_s = cost_per_s
        self.per_call_s = per_call_s
        self.submitted_at: dict[float, float] = {}  # utterance start -> submit time
        self.jobs: list[tuple[float, float]] = []  # (finish time, seconds of audio)
        self._busy_until = 0.0

    @property
    def model_name(self) -> str:
        """Named after its cost, for the record."""
        return f"cost-{self.cost_per_s:g}x"

    def load(self, progress: object = None) -> None:
        """Nothing to load."""

    def cost(self, seconds: float) -> float:
        """Simulated seconds to transcribe `seconds` of audio."""
        return self.per_call_s + self.cost_per_s * seconds

    def transcribe(
        self, audio: np.ndarray, *, prompt_terms: Sequence[str] = (), offset_s: float = 0.0
    ) -> Transcript:
        """Wait out the simulated cost, then return placeholder words."""
        seconds = len(audio) / SAMPLE_RATE
        start = max(self._busy_until, self.submitted_at.get(offset_s, self.clock.now))
        self._busy_until = start + self.cost(seconds)
        self.jobs.append((self._busy_until, seconds))
        self.clock.sleep_until(self._busy_until)
        words = " ".join(["word"] * max(1, round(seconds * 2.5)))
        return timed_transcript(words, seconds, model=self.model_name, offset_s=offset_s)


@dataclass
class Result:
    """One answer, one way of ending it."""

    recorded_s: float
    utterances: int
    longest_utt_s: float
    live_left_s: float
    live_ready_s: float
    naive_left_s: float
    naive_ready_s: float
    processing_x: float  # how many times faster than real time the recorder ran here


def run_once(
    answer: np.ndarray, speech_end_s: float, end: str, args: argparse.Namespace
) -> Result:
    """Record `answer` through the real pipeline and time both approaches."""
    clock = VirtualClock()
    source = ArrayInput(answer, speed=args.speed)
    recorder = SoundDeviceRecorder(
        pause_s=END_PAUSE_S, max_s=3600.0, stream_factory=source, block_s=BLOCK_S
    )
    transcriber = CostTranscriber(clock, args.cost, args.per_call)
    live = LiveTranscriber(transcriber)
    utterances: list[Utterance] = []
    blocks = [0]

    def on_utterance(u: Utterance) -> None:
        utterances.append(u)
        transcriber.submitted_at[u.start] = clock.now
        live.submit(u)

    def on_level(level: AudioLevel) -> None:
        blocks[0] += 1
        clock.advance_to(blocks[0] * BLOCK_S)
        if end == "key" and blocks[0] * BLOCK_S >= speech_end_s + 0.3:
            clock.freeze()
            recorder.stop()

    started = time.monotonic()
    recording = recorder.record(on_level=on_level, on_utterance=on_utterance)
    wall = time.monotonic() - started
    clock.freeze()
    ended = clock.now
    clock.free_run()
    live.finish(recording.duration_s)
    finish = max((t for t, _ in transcriber.jobs), default=ended)
    return Result(
        recorded_s=ended,
        utterances=len(utterances),
        longest_utt_s=max((u.end - u.start for u in utterances), default=0.0),
        live_left_s=sum(s for t, s in transcriber.jobs if t > ended),
        live_ready_s=max(0.0, finish - ended),
        naive_left_s=ended,
        naive_ready_s=transcriber.cost(ended),
        processing_x=ended / wall if wall else float("inf"),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", default="30,120,300", help="answer lengths in seconds")
    parser.add_argument("--cost", type=float, default=0.15, help="transcribe s per audio s")
    parser.add_argument("--per-call", type=float, default=0.0, help="fixed s per transcribe call")
    parser.add_argument("--speed", type=float, default=40.0, help="feed rate, x real time")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if shutil.which("espeak-ng") is None:
        print("answer_latency: espeak-ng is needed to speak the answers", file=sys.stderr)
        return 2
    lengths = [float(x) for x in args.lengths.split(",")]
    print(
        f"transcriber: {args.cost:g} s per second of audio + {args.per_call:g} s per call; "
        f"end-of-answer pause {END_PAUSE_S:g} s; utterances cut at a 0.7 s pause, at a 0.2 s "
        "breath past 5 s, at the quietest moment by 10 s.\n"
        "Simulated time (the recorder's position in the audio), fed through the real "
        "recorder/segmenter/LiveTranscriber via ArrayInput faster than real time.\n"
    )
    head = (
        f"{'answer':>7} {'end':>5} {'recorded':>9} {'utts':>5} {'longest':>8} | "
        f"{'audio left after end (s)':^25} | {'end -> transcript (s)':^21} | "
        f"{'less work':>9} {'rec. speed':>10}"
    )
    print(head)
    print(
        f"{'':>7} {'':>5} {'(s)':>9} {'':>5} {'utt (s)':>8} | {'naive':>11} {'live':>11}   | "
        f"{'naive':>9} {'live':>9}   | {'(x)':>9} {'(x real)':>10}"
    )
    print("-" * len(head))
    worst_left = 0.0
    ratio_2min: float | None = None
    for length in lengths:
        answer, speech_end = build_answer(length, args.seed)
        for end in ("pause", "key"):
            r = run_once(answer, speech_end, end, args)
            some_left = r.live_left_s > 0.05
            ratio = r.naive_left_s / r.live_left_s if some_left else float("inf")
            ratio_txt = f"{ratio:9.1f}" if some_left else "-"
            print(
                f"{length:>6.0f}s {end:>5} {r.recorded_s:>9.1f} {r.utterances:>5} "
                f"{r.longest_utt_s:>8.1f} | {r.naive_left_s:>11.1f} {r.live_left_s:>11.1f}   | "
                f"{r.naive_ready_s:>9.1f} {r.live_ready_s:>9.1f}   | {ratio_txt:>9} "
                f"{r.processing_x:>10.0f}"
            )
            worst_left = max(worst_left, r.live_left_s)
            if length == 120 and end == "key":
                ratio_2min = ratio
    print(
        "\n'less work' = audio left, naive / live ('-': nothing left; the last utterance was "
        "transcribed during the end pause). 'rec. speed' = how much faster than real time "
        "the recorder processed the audio on this machine (must stay well above 1)."
    )
    print(
        f"target: <= 10 s of audio left for every answer: worst {worst_left:.1f} s -> "
        f"{'PASS' if worst_left <= 10.0 else 'FAIL'}"
    )
    if ratio_2min is not None:
        shown = "nothing left" if ratio_2min == float("inf") else f"{ratio_2min:.1f}x"
        print(
            f"target: >= 10x less work after a 2-minute answer (ended by key, the worst case): "
            f"{shown} -> {'PASS' if ratio_2min >= 10.0 else 'FAIL'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
