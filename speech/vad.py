"""Voice activity detection with silero-vad: where is the speech in 16 kHz mono audio?

Two ways in: `speech_regions` / `has_speech` for a whole clip (the transcriber's gate), and
`VadStream` for audio arriving block by block (the recorder's end-of-answer detector).
torch and silero are imported on first use so `import speech.vad` stays cheap.
"""

from __future__ import annotations

import ctypes
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from speech.types import SAMPLE_RATE, SpeechRegion

FRAME = 512  # samples per silero frame at 16 kHz (32 ms); the model accepts no other size
FRAME_S = FRAME / SAMPLE_RATE
THRESHOLD = 0.5  # silero's own default: probability at or above this is speech
_NEG_OFFSET = 0.15  # hysteresis: once in speech, stay there until below THRESHOLD - this

_lock = threading.Lock()  # guards _shared (the model is stateful) and the first import
_shared: Any = None
_omp: Any = None  # torch's own OpenMP runtime (ctypes), False when it cannot be found


def _load_model() -> Any:
    """A fresh silero model (each holds its own recurrent state)."""
    with _lock:
        import torch

        if "silero_vad.model" not in sys.modules:
            threads = torch.get_num_threads()
            import silero_vad.model  # noqa: F401

            # Its import runs torch.set_num_threads(1), which also becomes the default for
            # every thread that starts using torch later (Whisper's included). Undo it.
            torch.set_num_threads(threads)
        from silero_vad import load_silero_vad

        with warnings.catch_warnings():
            # torch.jit.load and importlib.resources.path deprecation notices, not ours to fix.
            warnings.simplefilter("ignore", DeprecationWarning)
            return load_silero_vad()


def _openmp() -> Any:
    """torch's bundled OpenMP library, to set the calling thread's thread count alone."""
    global _omp
    if _omp is None:
        import torch

        lib = Path(torch.__file__).parent / "lib"
        found = sorted(lib.glob("libgomp*.so*")) + sorted(lib.glob("lib*omp*.dylib"))
        try:
            _omp = ctypes.CDLL(str(found[0])) if found else False
        except OSError:
            _omp = False
    return _omp


@contextmanager
def _one_thread() -> Iterator[None]:
    """Run silero on one thread, for the calling thread only.

    A 512-sample frame is far too small to split across threads: with two OpenMP threads
    on a busy two-core machine (Whisper transcribing alongside) each frame waits on the
    other thread and VAD runs ~10x slower, so the recorder falls behind the microphone.
    torch.set_num_threads would change the default for every new thread too, so the
    OpenMP setting of this thread is changed directly and put back afterwards.
    """
    import torch

    omp = _openmp()
    if not omp:
        yield
        return
    torch.get_num_threads()  # torch sets each thread's count on first use; let it go first
    previous = omp.omp_get_max_threads()
    omp.omp_set_num_threads(1)
    try:
        yield
    finally:
        omp.omp_set_num_threads(previous)


def _shared_model() -> Any:
    global _shared
    if _shared is None:
        model = _load_model()
        with _lock:
            if _shared is None:
                _shared = model
    return _shared


def _clean(audio: np.ndarray) -> np.ndarray | None:
    """Mono float32, or None when there is nothing a VAD can judge (empty, NaN, inf)."""
    data = np.asarray(audio, dtype=np.float32)
    if data.ndim > 1:
        data = data.mean(axis=tuple(range(1, data.ndim))).astype(np.float32)
    if data.size == 0 or not np.all(np.isfinite(data)):
        return None
    return data


def _frame_probability(model: Any, frame: np.ndarray) -> float:
    import torch

    with torch.inference_mode(), _one_thread():
        return float(model(torch.from_numpy(np.ascontiguousarray(frame)), SAMPLE_RATE).item())


def speech_probabilities(audio: np.ndarray) -> np.ndarray:
    """Per-frame (512 samples) speech probability of a whole clip; empty for unusable input."""
    data = _clean(audio)
    if data is None:
        return np.zeros(0, dtype=np.float32)
    padded = np.pad(data, (0, (-len(data)) % FRAME))
    model = _shared_model()
    probs = np.empty(len(padded) // FRAME, dtype=np.float32)
    with _lock:
        model.reset_states()
        for i in range(len(probs)):
            probs[i] = _frame_probability(model, padded[i * FRAME : (i + 1) * FRAME])
    return probs


def regions_from_probabilities(
    probs: np.ndarray | list[float],
    n_samples: int,
    *,
    min_speech_s: float = 0.25,
    min_silence_s: float = 0.1,
    pad_s: float = 0.03,
) -> tuple[SpeechRegion, ...]:
    """Speech regions (seconds) from per-frame probabilities, using silero's own rules."""
    if len(probs) == 0 or n_samples <= 0:
        return ()
    from silero_vad import get_speech_timestamps_from_probs

    stamps = get_speech_timestamps_from_probs(
        [float(p) for p in probs],
        sampling_rate=SAMPLE_RATE,
        threshold=THRESHOLD,
        min_speech_duration_ms=round(min_speech_s * 1000),
        min_silence_duration_ms=round(min_silence_s * 1000),
        speech_pad_ms=round(pad_s * 1000),
        audio_length_samples=n_samples,
    )
    return tuple(
        SpeechRegion(start=s["start"] / SAMPLE_RATE, end=s["end"] / SAMPLE_RATE) for s in stamps
    )


def speech_regions(audio: np.ndarray, *, min_speech_s: float = 0.25) -> tuple[SpeechRegion, ...]:
    """Where `audio` (16 kHz mono float32) holds speech, in seconds; () for none or bad input."""
    data = _clean(audio)
    if data is None:
        return ()
    return regions_from_probabilities(
        speech_probabilities(data), len(data), min_speech_s=min_speech_s
    )


def has_speech(audio: np.ndarray, *, min_speech_s: float = 0.25) -> bool:
    """True if `audio` holds at least one stretch of speech of `min_speech_s` or more."""
    return bool(speech_regions(audio, min_speech_s=min_speech_s))


class VadStream:
    """Streaming VAD: feed audio in any block size, get a probability per 512-sample frame.

    Each stream owns its own model (silero is stateful), so it can run on the recorder's
    thread while `speech_regions` runs elsewhere. `in_speech` follows silero's hysteresis:
    on at THRESHOLD, off below THRESHOLD - 0.15.
    """

    def __init__(self) -> None:
        self._model = _load_model()
        self._pending = np.zeros(0, dtype=np.float32)
        self.probabilities: list[float] = []
        self.in_speech = False

    @property
    def samples_seen(self) -> int:
        """Samples judged so far (whole frames only)."""
        return len(self.probabilities) * FRAME

    def feed_frame(self, frame: np.ndarray) -> float:
        """Judge exactly one 512-sample frame; NaN/inf frames count as silence."""
        data = np.asarray(frame, dtype=np.float32).reshape(-1)
        if len(data) != FRAME:
            raise ValueError(f"a VAD frame is {FRAME} samples, got {len(data)}")
        # A NaN would poison the model's recurrent state for every later frame.
        prob = _frame_probability(self._model, data) if np.all(np.isfinite(data)) else 0.0
        self.probabilities.append(prob)
        if prob >= THRESHOLD:
            self.in_speech = True
        elif prob < THRESHOLD - _NEG_OFFSET:
            self.in_speech = False
        return prob

    def feed(self, audio: np.ndarray) -> list[float]:
        """Add audio of any length; returns the probabilities of the frames it completed."""
        data = np.concatenate([self._pending, np.asarray(audio, dtype=np.float32).reshape(-1)])
        whole = len(data) - len(data) % FRAME
        out = [self.feed_frame(data[i : i + FRAME]) for i in range(0, whole, FRAME)]
        self._pending = data[whole:]
        return out

    def regions(
        self, n_samples: int | None = None, *, min_speech_s: float = 0.25
    ) -> tuple[SpeechRegion, ...]:
        """Speech regions over everything fed so far."""
        total = self.samples_seen if n_samples is None else n_samples
        return regions_from_probabilities(self.probabilities, total, min_speech_s=min_speech_s)

    def reset(self) -> None:
        """Forget all audio and model state, to judge an unrelated stream."""
        self._model.reset_states()
        self._pending = np.zeros(0, dtype=np.float32)
        self.probabilities = []
        self.in_speech = False
