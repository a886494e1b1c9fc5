"""Transcribe an answer while it is being given, one utterance at a time.

The recorder hands over each utterance as soon as a pause completes it; a single worker
thread transcribes them in order, so when the answer ends only the last utterance is left.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence

from speech.interfaces import Transcriber
from speech.types import SAMPLE_RATE, Transcript, Utterance

_DONE = object()  # queue sentinel: no more utterances


class LiveTranscriber:
    """Background, in-order transcription of utterances into one growing Transcript."""

    def __init__(
        self,
        transcriber: Transcriber,
        *,
        prompt_terms: Sequence[str] = (),
        on_update: Callable[[Transcript], None] | None = None,
    ) -> None:
        self.transcriber = transcriber
        self.prompt_terms = tuple(prompt_terms)
        self.on_update = on_update
        self._queue: queue.Queue[object] = queue.Queue()
        self._lock = threading.Lock()
        self._parts: list[Transcript] = []
        self._error: BaseException | None = None
        self._closed = False
        self._cancelled = threading.Event()
        self._submitted_s = 0.0
        self._done_s = 0.0
        self._last_end = 0.0
        self._worker = threading.Thread(target=self._run, name="live-transcriber", daemon=True)
        self._worker.start()

    @property
    def pending_s(self) -> float:
        """Seconds of submitted audio not yet transcribed (including the one in progress)."""
        with self._lock:
            return max(0.0, self._submitted_s - self._done_s)

    def submit(self, utterance: Utterance) -> None:
        """Queue an utterance for transcription; returns at once (any thread)."""
        with self._lock:
            if self._closed:
                raise RuntimeError("LiveTranscriber is finished; start a new one")
            self._submitted_s += len(utterance.audio) / SAMPLE_RATE
        self._queue.put(utterance)

    def finish(self, duration_s: float) -> Transcript:
        """Wait for every submitted utterance and return the whole answer's transcript.

        Raises whatever the transcriber raised (the first error), after the worker stops.
        """
        self._close()
        self._worker.join()
        if self._error is not None:
            raise self._error
        return self._merged(duration_s)

    def cancel(self) -> None:
        """Drop utterances not yet started; the one in progress finishes and is discarded."""
        self._cancelled.set()
        self._close()

    def _close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._queue.put(_DONE)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _DONE:
                return
            assert isinstance(item, Utterance)
            if self._cancelled.is_set() or self._error is not None:
                continue  # drain: nothing more to do once cancelled or failed
            try:
                part = self.transcriber.transcribe(
                    item.audio, prompt_terms=self.prompt_terms, offset_s=item.start
                )
            except BaseException as exc:  # handed to finish(), which re-raises it
                self._error = exc
                continue
            if self._cancelled.is_set():
                continue
            with self._lock:
                self._parts.append(part)
                self._done_s += len(item.audio) / SAMPLE_RATE
                self._last_end = max(self._last_end, item.end)
            if self.on_update is not None:
                try:
                    self.on_update(self._merged(self._last_end))
                except BaseException as exc:
                    self._error = exc

    def _merged(self, duration_s: float) -> Transcript:
        with self._lock:
            parts = list(self._parts)
        model = self.transcriber.model_name
        spoken = [p for p in parts if not p.no_speech and p.text.strip()]
        if not spoken:
            return Transcript.empty(model, duration_s)
        return Transcript(
            text=" ".join(p.text.strip() for p in spoken),
            segments=tuple(s for p in spoken for s in p.segments),
            no_speech=False,
            model=model,
            duration_s=duration_s,
        )
