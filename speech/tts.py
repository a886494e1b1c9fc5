"""Spoken questions: pyttsx3 (espeak-ng) renders text to a cached WAV, sounddevice plays it.

Synthesis runs in a short-lived child Python process rather than in this one, because:
- pyttsx3 caches one engine per process and neither it nor espeak is thread-safe, while the
  app calls say() from worker threads; espeak can also be initialised only once per process;
- a child can be killed at once, so stop() interrupts synthesis as promptly as playback;
- pyttsx3 2.99's espeak driver print()s "Audio saved to ..." on stdout and espeak-ng writes
  warnings on stderr; the child's output is captured, so none of it reaches the TUI;
- a crash or hang inside libespeak cannot take the app down.
The cost is ~0.1-0.3 s of process start per new text, paid once thanks to the cache.
pyttsx3's own say() is not used: on Linux it shells out to `aplay`, ignoring our device.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from speech.errors import TTSUnavailable
from speech.playback import SoundDevicePlayer

_CACHE_LIMIT = 500  # cached clips kept; the oldest beyond this are pruned
_BASE_TIMEOUT_S = 20.0  # child start + espeak init, generous for a loaded machine
_CHARS_PER_S = 200.0  # espeak synthesises far faster than this; bounds the wait per text

# The child's program. It reads one JSON request on stdin and prints one JSON reply on
# stdout (the real stdout is kept aside first, because pyttsx3 prints on it).
_CHILD = r"""
import json, os, sys, time, wave
reply_to = sys.stdout
sys.stdout = sys.stderr
def reply(**kw):
    reply_to.write(json.dumps(kw)); reply_to.flush(); sys.exit(0)
req = json.loads(sys.stdin.read())
try:
    import pyttsx3
except ImportError as exc:
    reply(error="no-pyttsx3", message=str(exc))
try:
    engine = pyttsx3.init()
except Exception as exc:
    reply(error="no-engine", message=f"{type(exc).__name__}: {exc}")
if req["op"] == "voices":
    voices = [
        {"id": str(v.id), "name": str(v.name or v.id),
         "languages": [str(x) for x in (v.languages or [])]}
        for v in engine.getProperty("voices")
    ]
    reply(voices=voices)
finished = []
engine.connect("finished-utterance", lambda name=None, completed=True: finished.append(completed))
if req["voice"]:
    # espeak silently keeps the previous voice for an unknown name, so match it here:
    # the full id ("gmw/en-us"), its last part ("en-us") or the name ("English (America)").
    wanted = req["voice"].strip().lower()
    ids = [
        str(v.id) for v in engine.getProperty("voices")
        if wanted in (str(v.id).lower(), str(v.id).lower().rsplit("/", 1)[-1],
                      str(v.name or "").lower())
    ]
    if not ids:
        reply(error="bad-voice", message=req["voice"])
    try:
        engine.setProperty("voice", ids[0])
    except Exception as exc:
        reply(error="bad-voice", message=str(exc))
engine.setProperty("rate", int(req["rate"]))
out = req["out"]
engine.save_to_file(req["text"], out)
engine.runAndWait()
# Older pyttsx3 (and other drivers) return from runAndWait before the WAV is written:
# wait until the file holds every frame its header announces, and has stopped growing.
def frames_ready():
    try:
        with wave.open(out, "rb") as w:
            n = w.getnframes()
            size = n * w.getsampwidth() * w.getnchannels()
            return n if n > 0 and len(w.readframes(n)) == size else 0
    except (OSError, EOFError, wave.Error):
        return 0
deadline = time.monotonic() + float(req["timeout"])
last = -1
while time.monotonic() < deadline:
    size = os.path.getsize(out) if os.path.exists(out) else -1
    n = frames_ready()
    if n and (finished or size == last):
        reply(ok=True, frames=n)
    last = size
    time.sleep(0.05)
reply(error="timeout", message="the synthesised file never completed")
"""


@dataclass(frozen=True)
class Voice:
    """A text-to-speech voice: `id` is what --voice takes."""

    id: str
    name: str
    languages: tuple[str, ...] = ()


def list_voices() -> list[Voice]:
    """The voices pyttsx3 offers on this system (espeak-ng's, on Linux)."""
    reply = _run_child({"op": "voices"}, timeout=_BASE_TIMEOUT_S)
    return [
        Voice(id=v["id"], name=v["name"], languages=tuple(v["languages"]))
        for v in reply["voices"]
    ]


class PyttsxSpeaker:
    """speech.interfaces.Speaker: synthesise with pyttsx3, cache the WAV, play it.

    One say() at a time per speaker; stop() may come from any thread.
    """

    def __init__(
        self,
        *,
        voice: str = "",
        rate: int = 170,
        device: str = "",
        cache_dir: Path | None = None,
    ) -> None:
        self.voice = voice
        self.rate = int(rate)
        self.player = SoundDevicePlayer(device=device)
        if cache_dir is None:
            from interviewer.paths import cache_dir as user_cache_dir

            cache_dir = user_cache_dir() / "tts"
        self.cache_dir = Path(cache_dir)
        self.syntheses = 0  # child processes run (cache misses), for the curious and tests
        self.cache_hits = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._child: subprocess.Popen[bytes] | None = None

    def say(self, text: str) -> bool:
        """Speak `text` through the output device, blocking until it has been heard.

        True if it finished, False if stop() interrupted synthesis or playback. Raises
        TTSUnavailable or AudioDeviceError with a one-line message.
        """
        self._stop.clear()
        if not text.strip():
            return True
        path = self._synthesize(text)
        if path is None:
            return False
        import soundfile

        try:
            audio, rate = soundfile.read(str(path), dtype="float32", always_2d=False)
        except (RuntimeError, OSError) as exc:  # e.g. pruned by another process meanwhile
            raise TTSUnavailable(f"cannot read the synthesised speech {path}: {exc}") from None
        return self.player.play_until(audio, rate, self._stop)

    def stop(self) -> None:
        """Interrupt say() now, whether it is synthesising or playing (thread-safe)."""
        self._stop.set()
        with self._lock:
            child = self._child
        if child is not None and child.poll() is None:
            child.kill()

    def cache_path(self, text: str) -> Path:
        """Where the clip for `text` with this voice and rate is (or would be) cached."""
        key = json.dumps([text.strip(), self.voice, self.rate], ensure_ascii=False)
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        return self.cache_dir / f"{digest}.wav"

    def synthesize(self, text: str) -> Path:
        """The cached WAV of `text`, synthesising it first on a cache miss.

        Safe to call ahead of time (e.g. for the next question) so say() starts at once.
        """
        self._stop.clear()
        path = self._synthesize(text)
        if path is None:
            raise TTSUnavailable("speech synthesis was stopped")
        return path

    def _synthesize(self, text: str) -> Path | None:
        """The cached clip, or None if stop() interrupted the synthesis."""
        if not text.strip():
            raise TTSUnavailable("nothing to say: the text is empty")
        target = self.cache_path(text)
        if _valid_wav(target):
            self.cache_hits += 1
            _touch(target)
            return target
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        # Written under a temporary name and renamed only once complete and valid, so a
        # killed or failed synthesis never leaves a half-written clip in the cache.
        fd, tmp_name = tempfile.mkstemp(prefix=".tts-", suffix=".wav", dir=self.cache_dir)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            request = {
                "op": "synth",
                "text": text.strip(),
                "voice": self.voice,
                "rate": self.rate,
                "out": str(tmp),
                "timeout": _BASE_TIMEOUT_S + len(text) / _CHARS_PER_S,
            }
            self.syntheses += 1
            reply = _run_child(
                request, timeout=2 * request["timeout"], stop=self._stop, on_start=self._track
            )
            if reply is None:
                return None
            if not _valid_wav(tmp):
                raise TTSUnavailable("speech synthesis produced no audio (is espeak-ng working?)")
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        _prune(self.cache_dir, keep=target)
        return target

    def _track(self, child: subprocess.Popen[bytes] | None) -> None:
        """Remember the running child so stop() can kill it."""
        with self._lock:
            self._child = child


def _run_child(
    request: dict[str, object],
    *,
    timeout: float,
    stop: threading.Event | None = None,
    on_start: Callable[[subprocess.Popen[bytes] | None], None] | None = None,
) -> dict | None:
    """Run the synthesis child on `request`; its reply, or None if stopped meanwhile."""
    try:
        child = subprocess.Popen(
            # -P: the current folder must not shadow pyttsx3 in the child.
            [sys.executable, "-P", "-c", _CHILD],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as exc:
        raise TTSUnavailable(f"cannot start speech synthesis: {exc}") from None
    if on_start is not None:
        on_start(child)
    try:
        if stop is not None and stop.is_set():
            child.kill()
        out, err = child.communicate(json.dumps(request).encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise TTSUnavailable("speech synthesis timed out (is espeak-ng working?)") from None
    finally:
        if on_start is not None:
            on_start(None)
    if stop is not None and stop.is_set():
        return None
    return _parse_reply(out, err, request)


def _parse_reply(out: bytes, err: bytes, request: dict[str, object]) -> dict:
    """The child's JSON reply, or a TTSUnavailable saying what to install or fix."""
    try:
        reply = json.loads(out.decode("utf-8", "replace") or "null")
    except json.JSONDecodeError:
        reply = None
    if not isinstance(reply, dict):
        last = (err.decode("utf-8", "replace").strip().splitlines() or ["no output"])[-1]
        raise TTSUnavailable(f"speech synthesis failed: {last[:200]}")
    kind = reply.get("error")
    if kind is None:
        return reply
    detail = " ".join(str(reply.get("message", "")).split())[:200]
    if kind == "no-pyttsx3":
        raise TTSUnavailable("text-to-speech unavailable: pyttsx3 is not installed")
    if kind == "no-engine":
        if "espeak" in detail.lower():
            raise TTSUnavailable("text-to-speech unavailable: apt install espeak-ng")
        raise TTSUnavailable(f"text-to-speech unavailable: {detail}")
    if kind == "bad-voice":
        raise TTSUnavailable(
            f"unknown voice {request.get('voice')!r}: see `interviewer say --list-voices`"
        )
    raise TTSUnavailable(f"speech synthesis failed: {detail}")


def _valid_wav(path: Path) -> bool:
    """Whether `path` is a readable WAV with at least one frame."""
    if not path.is_file() or path.stat().st_size <= 44:
        return False
    import soundfile

    try:
        return soundfile.info(str(path)).frames > 0
    except (RuntimeError, OSError):  # soundfile.LibsndfileError is a RuntimeError
        return False


def _touch(path: Path) -> None:
    """Mark a clip as recently used, so pruning keeps the clips that are reused."""
    with contextlib.suppress(OSError):
        os.utime(path)


def _prune(folder: Path, *, keep: Path, limit: int = _CACHE_LIMIT) -> None:
    """Delete the least recently used clips beyond `limit`."""

    def mtime(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:  # pruned meanwhile by another process
            return 0.0

    clips = sorted(folder.glob("*.wav"), key=mtime, reverse=True)
    for old in clips[limit:]:
        if old != keep:
            old.unlink(missing_ok=True)
