"""What do Whisper word timestamps cost on CPU? Decides speech.transcriber's default.

Builds a model with the real base.en dimensions and random weights (no download needed),
transcribes the same audio with the transcriber's own options, with and without
word_timestamps, and prints the time per 30 s window beside the baseline.

Random weights never stop early, so every window decodes exactly `--tokens` tokens
(100 is about what 30 s of speech at 150 words a minute takes). Temperature is fixed at 0:
a trained model decodes each window once, while random output would trigger whisper's
five fallback temperatures and inflate the baseline. Word timing can also change how far
whisper seeks after a window, so the figure is per decoded window, measured by timing
whisper's add_word_timestamps itself; whole-run times are printed too.

    .venv/bin/python benchmarks/word_timestamps.py [--seconds 60] [--tokens 100] [--repeat 3]
        [--threads N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

BASE_EN = {
    "n_mels": 80,
    "n_audio_ctx": 1500,
    "n_audio_state": 512,
    "n_audio_head": 8,
    "n_audio_layer": 6,
    "n_vocab": 51864,
    "n_text_ctx": 448,
    "n_text_state": 512,
    "n_text_head": 8,
    "n_text_layer": 6,
}


def build_model() -> Any:
    """A base.en-shaped Whisper with random weights and base.en's alignment heads."""
    import torch
    import whisper
    from whisper.model import ModelDimensions, Whisper

    torch.manual_seed(0)
    model = Whisper(ModelDimensions(**BASE_EN))
    with torch.no_grad():
        model.decoder.positional_embedding.normal_(0.0, 0.01)  # created with torch.empty
    model.set_alignment_heads(whisper._ALIGNMENT_HEADS["base.en"])
    return model.eval()


def prepare(model: Any, shared_features: bool) -> Any:
    """The model as WhisperTranscriber.load() leaves it (encoder output reused), or plain."""
    from speech.transcriber import forget_audio_features, reuse_audio_features

    if shared_features:
        reuse_audio_features(model)
    else:
        forget_audio_features(model)
        vars(model.encoder).pop("forward", None)
    return model


class Counter:
    """Wraps a function, counting calls and the seconds spent in them."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn, self.calls, self.seconds = fn, 0, 0.0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return self.fn(*args, **kwargs)
        finally:
            self.calls += 1
            self.seconds += time.perf_counter() - start


def run_once(model: Any, audio: Any, options: dict[str, Any]) -> tuple[float, int, float]:
    """(whole seconds, windows decoded, seconds in word timing) for one transcription."""
    import importlib

    # `import whisper.transcribe` would give the function that whisper/__init__ re-exports.
    wt = importlib.import_module("whisper.transcribe")
    decode = Counter(model.decode)
    timing = Counter(wt.add_word_timestamps)
    model.decode, wt.add_word_timestamps = decode, timing
    try:
        start = time.perf_counter()
        model.transcribe(audio, **options)
        return time.perf_counter() - start, decode.calls, timing.seconds
    finally:
        del model.decode
        wt.add_word_timestamps = timing.fn


def main() -> None:
    """Print the per-window cost of word timestamps beside the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="audio length")
    parser.add_argument("--tokens", type=int, default=100, help="tokens decoded per window")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's)")
    args = parser.parse_args()

    import os
    import platform
    import warnings

    import torch

    from speech.fakes import synthetic_speech
    from speech.transcriber import _compile_word_timing

    warnings.simplefilter("ignore")
    if args.threads:
        torch.set_num_threads(args.threads)
    start = time.perf_counter()
    _compile_word_timing()
    compile_s = time.perf_counter() - start
    model = build_model()
    audio = synthetic_speech(args.seconds)
    configs = {  # name: (word_timestamps, encoder output reused)
        "baseline, no word timing": (False, True),
        "word timing, as WhisperTranscriber runs it": (True, True),
        "word timing, whisper as shipped": (True, False),
    }
    runs: dict[str, list[tuple[float, int, float]]] = {name: [] for name in configs}
    for words, shared in configs.values():  # warm-up: first-call allocations, caches
        run_once(prepare(model, shared), audio[: 16_000 * 5], _options(words, args.tokens))
    for _ in range(args.repeat):
        for name, (words, shared) in configs.items():
            runs[name].append(run_once(prepare(model, shared), audio, _options(words, args.tokens)))

    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, "
          f"torch threads {torch.get_num_threads()}; {args.repeat} runs, medians")
    print(f"audio {args.seconds:.0f} s, base.en dims, random weights, {args.tokens} tokens/window")
    baseline = runs["baseline, no word timing"]
    base = statistics.median(total / windows for total, windows, _ in baseline)
    for name, results in runs.items():
        total = statistics.median(r[0] for r in results)
        per_window = statistics.median(r[0] / r[1] for r in results)
        line = f"{name:<44} {per_window:6.3f} s/window ({total:.2f} s, {results[0][1]} windows)"
        if configs[name][0]:
            added = statistics.median(r[2] / r[1] for r in results)
            line += f"; word timing {added:.3f} s/window = +{100 * added / base:.0f}%"
        print(line)
    print(f"one-off numba compile of whisper's DTW: {compile_s:.2f} s (done in load())")


def _options(words: bool, tokens: int) -> dict[str, Any]:
    from speech.transcriber import WhisperTranscriber

    options = WhisperTranscriber(word_timestamps=words, sample_len=tokens).options(None)
    options["temperature"] = 0.0
    return options


if __name__ == "__main__":
    main()
