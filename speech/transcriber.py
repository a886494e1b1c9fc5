"""speech.interfaces.Transcriber over openai-whisper, with the hallucination guards.

- Every clip is gated by voice activity detection: no speech means an empty transcript and
  Whisper is not run at all (it invents "Thank you for watching." on silence).
- condition_on_previous_text=False, so one invented sentence cannot seed the next window;
  Whisper's own no-speech, log-probability and compression-ratio thresholds stay on (their
  defaults are used as they are).
- Segments that are nothing but a known hallucination phrase are dropped.
Whisper's result dict is turned into a speech.types.Transcript here and goes no further.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from speech.hallucinations import echoes_prompt, is_hallucination
from speech.interfaces import ProgressCallback
from speech.prompt import build_prompt
from speech.types import SAMPLE_RATE, Segment, Transcript, Word

if TYPE_CHECKING:
    from whisper.model import Whisper

DEFAULT_MODEL = "base.en"
# Word timings cost +11% transcription time per 30 s window on CPU (base.en dimensions,
# 100 tokens/window, 1 torch thread; +24% with 2 threads on a busy 2-core box), because the
# encoder output is reused for the alignment; whisper as shipped re-encodes and costs +57%.
# Plus a one-off 2 s numba compile, paid in load(). Measured with
#   .venv/bin/python benchmarks/word_timestamps.py --repeat 5 --threads 1
# Cheap enough: on by default, so pauses and pace come from real word times.
WORD_TIMESTAMPS_DEFAULT = True
# Tokens decoded per 30 s window when the constructor is given None; None = whisper's own
# (224). Tests of code that builds its own transcriber (the CLI) lower it, because a
# random-weight test model never ends a window by itself.
DEFAULT_SAMPLE_LEN: int | None = None


class WhisperTranscriber:
    """Transcribes 16 kHz mono float32 audio with a local Whisper model.

    `model`: a whisper model name (downloaded to `download_root` on first use) or a
    checkpoint path. `word_timestamps`: None for the measured default. `sample_len`: the
    most tokens decoded per 30 s window (None for whisper's default); random-weight test
    models never emit end-of-text, so tests cap it. The model loads once, on first use or
    when `load()` is called (from any thread, e.g. to warm up in the background).
    """

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        download_root: Path | None = None,
        word_timestamps: bool | None = None,
        sample_len: int | None = None,
        device: str = "cpu",
    ) -> None:
        self._model_spec = str(model)
        self._download_root = download_root
        self.word_timestamps = (
            WORD_TIMESTAMPS_DEFAULT if word_timestamps is None else bool(word_timestamps)
        )
        self.sample_len = sample_len
        self.device = device
        self._model: Whisper | None = None
        self._load_lock = threading.Lock()
        # One decode at a time: whisper installs key/value-cache hooks on the shared model.
        self._run_lock = threading.Lock()

    @property
    def model_name(self) -> str:
        """The model name or checkpoint path, as given."""
        return self._model_spec

    @property
    def loaded(self) -> bool:
        """Whether the model is in memory."""
        return self._model is not None

    def load(self, progress: ProgressCallback | None = None) -> None:
        """Download (first use) and load the model, once; later calls return at once.

        Raises speech.errors.ModelUnavailable with a one-line message on failure.
        """
        if self._model is not None:
            return
        with self._load_lock:
            if self._model is not None:
                return
            from speech.whisper_model import load_whisper

            model = load_whisper(
                self._model_spec,
                download_root=self._download_root,
                device=self.device,
                progress=progress,
            )
            reuse_audio_features(model)
            if self.word_timestamps:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # numba's own notices
                    _compile_word_timing()
            self._model = model

    def transcribe(
        self,
        audio: np.ndarray,
        *,
        prompt_terms: Sequence[str] = (),
        offset_s: float = 0.0,
    ) -> Transcript:
        """Transcribe `audio`; an empty, silent, noise-only or non-finite clip gives
        Transcript.empty(...) without running (or loading) Whisper."""
        clip = clean_audio(audio)
        duration = len(clip) / SAMPLE_RATE
        if not _worth_transcribing(clip):
            return Transcript.empty(self.model_name, duration)
        self.load()
        assert self._model is not None
        prompt = build_prompt(prompt_terms) or None
        with self._run_lock, warnings.catch_warnings():
            # "FP16 is not supported on CPU", numba/triton notices: nothing may reach the screen.
            warnings.simplefilter("ignore")
            try:
                result = self._model.transcribe(clip, **self.options(prompt))
            finally:
                forget_audio_features(self._model)
        return to_transcript(
            result, model=self.model_name, duration_s=duration, offset_s=offset_s, prompt=prompt
        )

    def options(self, initial_prompt: str | None = None) -> dict[str, Any]:
        """The keyword arguments given to whisper's transcribe()."""
        options: dict[str, Any] = {
            "language": "en",
            "task": "transcribe",
            "fp16": self.device != "cpu",
            "verbose": None,  # None, not False: False still draws a tqdm bar
            "condition_on_previous_text": False,
            "initial_prompt": initial_prompt,
            # The vocabulary prompt on every 30 s window, not just the first; with
            # condition_on_previous_text off, no earlier output rides along with it.
            "carry_initial_prompt": initial_prompt is not None,
            "word_timestamps": self.word_timestamps,
        }
        sample_len = DEFAULT_SAMPLE_LEN if self.sample_len is None else self.sample_len
        if sample_len is not None:
            options["sample_len"] = sample_len
        return options


def clean_audio(audio: np.ndarray) -> np.ndarray:
    """Contiguous mono float32 with NaN/inf replaced by silence."""
    clip = np.asarray(audio, dtype=np.float32)
    if clip.ndim > 1:
        clip = clip.mean(axis=tuple(range(1, clip.ndim)), dtype=np.float32)
    if not np.all(np.isfinite(clip)):
        clip = np.nan_to_num(clip, nan=0.0, posinf=0.0, neginf=0.0)
    return np.ascontiguousarray(clip.reshape(-1))


def _worth_transcribing(clip: np.ndarray) -> bool:
    if len(clip) == 0 or not np.any(clip):
        return False
    from speech import vad

    return vad.has_speech(clip)


def _compile_word_timing() -> None:
    """Run whisper's DTW once so numba compiles it now, not during the first answer."""
    import torch
    from whisper.timing import dtw

    dtw(torch.zeros(4, 4))


class _EncoderMemo:
    """Remembers the encoder's output for the last input tensor.

    Whisper encodes each 30 s window again for every fallback temperature and once more to
    align words (find_alignment runs the whole model). The input is the very same tensor
    each time, so the output is reused: word timings then cost a decoder pass and the DTW
    instead of a second encoder pass (see benchmarks/word_timestamps.py).
    """

    def __init__(self, forward: Any) -> None:
        self.forward = forward
        self._key: tuple[Any, ...] | None = None
        self._input: Any = None  # kept alive so its memory cannot be reused by another tensor
        self._output: Any = None

    def __call__(self, x: Any) -> Any:
        try:
            key = (x.data_ptr(), tuple(x.shape), x.stride(), x.dtype, x.device, x._version)
        except RuntimeError:  # inference-mode tensors have no version counter
            return self.forward(x)
        if key == self._key:
            return self._output
        output = self.forward(x)
        self._key, self._input, self._output = key, x, output
        return output

    def clear(self) -> None:
        self._key = self._input = self._output = None


def reuse_audio_features(model: Whisper) -> None:
    """Make `model`'s encoder reuse its output when given the same window again."""
    if not isinstance(model.encoder.forward, _EncoderMemo):
        # An instance attribute: nn.Module.__call__ looks up self.forward.
        model.encoder.forward = _EncoderMemo(model.encoder.forward)


def forget_audio_features(model: Whisper) -> None:
    """Drop the remembered window (a few MB) once a transcription is done."""
    memo = model.encoder.forward
    if isinstance(memo, _EncoderMemo):
        memo.clear()


def to_transcript(
    result: dict[str, Any],
    *,
    model: str,
    duration_s: float,
    offset_s: float = 0.0,
    prompt: str | None = None,
) -> Transcript:
    """whisper's result dict as a Transcript: hallucinated segments (and echoes of `prompt`)
    dropped, times clamped to the clip and shifted by `offset_s`."""
    segments: list[Segment] = []
    floor = 0.0  # times never go backwards: pause figures assume order
    for raw in result.get("segments", ()):
        text = str(raw.get("text", "")).strip()
        if is_hallucination(text) or echoes_prompt(text, prompt):
            continue
        start = _clamp(raw.get("start", 0.0), floor, duration_s)
        end = _clamp(raw.get("end", start), start, duration_s)
        words = _words(raw.get("words") or (), start, duration_s, offset_s)
        segments.append(Segment(text, start + offset_s, end + offset_s, words))
        floor = start
    return Transcript(
        text=" ".join(s.text for s in segments),
        segments=tuple(segments),
        no_speech=not segments,
        model=model,
        duration_s=duration_s,
    )


def _words(
    raw_words: Sequence[dict[str, Any]], floor: float, limit: float, offset_s: float
) -> tuple[Word, ...]:
    words = []
    for raw in raw_words:
        text = str(raw.get("word", "")).strip()
        if not text:
            continue
        start = _clamp(raw.get("start", floor), floor, limit)
        end = _clamp(raw.get("end", start), start, limit)
        probability = raw.get("probability")
        words.append(
            Word(
                text,
                start + offset_s,
                end + offset_s,
                None if probability is None else float(probability),
            )
        )
        floor = start
    return tuple(words)


def _clamp(value: Any, low: float, high: float) -> float:
    number = float(value)
    if not np.isfinite(number):
        number = low
    return float(min(max(number, low), max(high, low)))
