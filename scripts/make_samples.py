"""Make the two sample sessions in samples/: espeak-ng answers, the project scores.

    .venv/bin/python scripts/make_samples.py            # rewrites samples/<name>/ folders
    .venv/bin/python scripts/make_samples.py --out DIR  # somewhere else

Each answer below is spoken by espeak-ng through the app's own text-to-speech
(speech.tts.PyttsxSpeaker), made the recorder's 16 kHz mono 16-bit WAV and submitted to the
real session flow (InterviewSession: scorer, follow-ups, retries, skips, session.json). No
Whisper model can be had here, so each transcript is the answer text as written, and its
`model` says so.

Word times are real: the same text is synthesised again through libespeak-ng's callback
(pyttsx3's ctypes bindings), which reports the sample where each word starts; the script
checks this gave the very samples saved, so the times fit the audio. A word ends where its
sound does; words espeak voices as one ("of the") share that time by their letters.
Dates are fixed here, so running the script again gives the same files.
"""

from __future__ import annotations

import argparse
import base64
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))  # sample_scripts, beside this file

from sample_scripts import SAMPLES, Sample, Step, say  # noqa: E402, F401 (say: tests use it)

from interviewer.bank import load_bank  # noqa: E402
from interviewer.session.flow import InterviewSession  # noqa: E402
from interviewer.session.records import Attempt, FollowUp, SavedSession  # noqa: E402
from interviewer.session.storage import SessionFolder  # noqa: E402
from interviewer.settings import Settings  # noqa: E402
from speech.types import SAMPLE_RATE, Segment, Transcript, Word  # noqa: E402

MODEL_LABEL = (
    "written transcript, word times from espeak-ng"
    " (no Whisper model was available when this sample was made)"
)
ESPEAK_RATE = 22_050  # what libespeak-ng synthesises at
FRAME = SAMPLE_RATE // 100  # 10 ms, for finding where a word's sound ends
LOUD = 0.01  # frame RMS above this is sound (espeak's speech peaks around 0.3-0.6)
GAP_AFTER_ATTEMPT_S = 20  # reading the feedback, hearing the next question




# --- espeak-ng word events -----------------------------------------------------------------


# A fresh process per text, as in the app: libespeak-ng keeps state between syntheses, so
# a second text in the same process comes out slightly different. It prints one JSON line:
# the samples (base64 16-bit) and each word's (character, start sample).
_CHILD = r"""
import base64, ctypes, json, sys
from pyttsx3.drivers import _espeak as e
req = json.loads(sys.stdin.read())
if e.Initialize(e.AUDIO_OUTPUT_RETRIEVAL, 1000) != 22050:
    sys.exit("libespeak-ng did not start at 22050 Hz")
wanted = req["voice"].lower()
voices = [(v.identifier.decode().lower(), v.name.decode().lower()) for v in e.ListVoices(None)]
ids = [i for i, name in voices if wanted in (i, i.rsplit("/", 1)[-1], name)]
if not ids:
    sys.exit(f"espeak-ng has no voice {wanted!r}")
pcm, starts = [], []
def on_synth(wav, count, events):
    i = 0
    while events[i].type != e.EVENT_LIST_TERMINATED:
        if events[i].type == e.EVENT_WORD:
            starts.append((events[i].text_position - 1, events[i].sample))
        i += 1
    if count > 0:
        pcm.append(ctypes.string_at(wav, count * 2))
    return 0
e.SetSynthCallback(on_synth)
e.SetVoiceByName(ids[0].encode())
e.SetParameter(e.RATE, int(req["rate"]), 0)
e.SetParameter(e.VOLUME, 100, 0)
e.Synth(req["text"].encode("utf-8"), flags=e.ENDPAUSE | e.CHARS_UTF8)
e.dll.espeak_Synchronize()
print(json.dumps({"pcm": base64.b64encode(b"".join(pcm)).decode(), "starts": starts}))
"""


def espeak_words(text: str, voice: str, rate: int) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Synthesise `text` with libespeak-ng set up exactly as pyttsx3's espeak driver sets it
    up in the app's synthesis child (retrieval mode, 1 s buffers, the same voice matching,
    rate, full volume, end pause): (16-bit samples at 22050 Hz, [(character offset, start
    sample) per word espeak reports])."""
    request = json.dumps({"text": text, "voice": voice, "rate": rate})
    done = subprocess.run([sys.executable, "-P", "-c", _CHILD], input=request,
                          capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        raise SystemExit(f"make_samples: libespeak-ng failed: {done.stderr.strip()[-300:]}")
    reply = json.loads(done.stdout.strip().splitlines()[-1])
    pcm = np.frombuffer(base64.b64decode(reply["pcm"]), dtype="<i2")
    return pcm, [(int(c), int(s)) for c, s in reply["starts"]]


# --- one spoken attempt --------------------------------------------------------------------


def tokens_of(text: str) -> list[re.Match[str]]:
    """The answer's words (split at white space, punctuation kept, as Whisper writes them)."""
    return list(re.finditer(r"\S+", text))


def word_times(
    tokens: list[re.Match[str]], starts: list[tuple[int, float]], audio: np.ndarray
) -> list[Word]:
    """Time every token from espeak's word starts (character, seconds) and the audio.

    A token takes the first start that falls inside it; tokens espeak gave no start of their
    own belong to the group of the token before (the first group takes any leading ones), and
    share its time in proportion to their letters. A group ends where its sound does.
    """
    first: dict[int, float] = {}
    for char, seconds in starts:
        index = next((i for i, t in enumerate(tokens) if char < t.end()), None)
        if index is not None and index not in first:
            first[index] = seconds
    if not first:
        raise ValueError("espeak reported no word starts")
    heads = sorted(first)
    heads[0] = 0
    groups = [list(range(h, n)) for h, n in zip(heads, [*heads[1:], len(tokens)], strict=True)]
    starts_s = [first[g[0]] if g[0] in first else first[min(first)] for g in groups]
    limits = [*starts_s[1:], len(audio) / SAMPLE_RATE]
    words = []
    for group, start, limit in zip(groups, starts_s, limits, strict=True):
        end = sound_end(audio, start, limit)
        letters = [max(1, sum(c.isalnum() for c in tokens[i].group())) for i in group]
        at = start
        for i, share in zip(group, letters, strict=True):
            stop = at + (end - start) * share / sum(letters)
            words.append(Word(tokens[i].group(), round(at, 3), round(stop, 3)))
            at = stop
    return words


def sound_end(audio: np.ndarray, start: float, limit: float) -> float:
    """The end of the last loud 10 ms frame in [start, limit) seconds (start + 10 ms if none)."""
    lo, hi = int(start * SAMPLE_RATE), int(limit * SAMPLE_RATE)
    frames = audio[lo : lo + (hi - lo) // FRAME * FRAME].reshape(-1, FRAME)
    loud = np.flatnonzero(np.sqrt(np.mean(frames.astype(np.float64) ** 2, axis=1)) > LOUD)
    if len(loud) == 0:
        return min(limit, start + FRAME / SAMPLE_RATE)
    return (lo + (int(loud[-1]) + 1) * FRAME) / SAMPLE_RATE


def segments_of(
    text: str, tokens: list[re.Match[str]], words: list[Word]
) -> tuple[Segment, ...]:
    """One segment per sentence, as Whisper tends to give them."""
    segments = []
    for match in re.finditer(r"\S.*?(?:[.?!](?=\s|$)|$)", text):
        inside = [w for t, w in zip(tokens, words, strict=True)
                  if match.start() <= t.start() < match.end()]
        segments.append(Segment(match.group(), inside[0].start, inside[-1].end, tuple(inside)))
    return tuple(segments)


def _difference(saved: np.ndarray, rate: int, pcm: np.ndarray) -> str:
    """How the app's clip differs from espeak's own samples, for a failure that has only
    happened once, under load, and could not be made to happen again."""
    same = min(len(saved), len(pcm))
    unequal = np.flatnonzero(saved[:same] != pcm[:same])
    first = int(unequal[0]) if len(unequal) else same
    return (
        f"app: {len(saved)} samples at {rate} Hz, espeak: {len(pcm)} samples at"
        f" {ESPEAK_RATE} Hz, first difference at sample {first}"
    )


class Speaker:
    """Speaks a Step with one espeak voice and writes the attempt's 16 kHz WAV."""

    def __init__(self, voice: str, rate: int, cache: Path) -> None:
        from speech.tts import PyttsxSpeaker

        self._voice = voice
        self._rate = rate
        self._tts = PyttsxSpeaker(voice=voice, rate=rate, cache_dir=cache)

    def speak(self, step: Step, out: Path) -> Transcript:
        """Write `out` and return the transcript of what was said (timed words)."""
        import soundfile

        from speech.audiofile import load_audio
        from speech.wav_spool import WavSpool

        text = " ".join(words for _, words in step.parts)
        pieces: list[np.ndarray] = []
        starts: list[tuple[int, float]] = []
        offset_s, char = 0.0, 0
        for silence_s, words in step.parts:
            pieces.append(np.zeros(round(silence_s * SAMPLE_RATE), dtype=np.float32))
            offset_s += silence_s
            clip = self._tts.synthesize(words)  # the app's own synthesis, as a WAV file
            pcm, events = espeak_words(words, self._voice, self._rate)
            saved, rate = soundfile.read(str(clip), dtype="int16")
            if rate != ESPEAK_RATE or not np.array_equal(saved, pcm):
                raise SystemExit(
                    f"make_samples: espeak gave different audio for the same text ({words!r}),"
                    " so its word times would not fit the saved audio"
                    f" ({_difference(saved, rate, pcm)})"
                )
            audio = load_audio(clip)
            starts += [(char + c, offset_s + s / ESPEAK_RATE) for c, s in events]
            pieces.append(audio)
            offset_s += len(audio) / SAMPLE_RATE
            char += len(words) + 1
        pieces.append(np.zeros(round(step.tail_s * SAMPLE_RATE), dtype=np.float32))
        audio = np.concatenate(pieces)
        with WavSpool(out) as spool:  # exactly what the recorder writes
            spool.write(audio)
        tokens = tokens_of(text)
        words = word_times(tokens, starts, audio)
        return Transcript(
            text=text, segments=segments_of(text, tokens, words), no_speech=False,
            model=MODEL_LABEL, duration_s=round(len(audio) / SAMPLE_RATE, 3),
        )


# --- one session ---------------------------------------------------------------------------


def make_session(sample: Sample, folder: Path, cache: Path) -> SavedSession:
    """Play the sample's script through the real session flow; its saved session."""
    bank = load_bank()
    settings = Settings().replace(**sample.settings)
    questions = [bank.get(qid) for qid, _ in sample.script]
    folder.mkdir(parents=True)
    session = InterviewSession(
        bank, settings, questions, folder=SessionFolder(folder, sample.created_at),
        model_name=MODEL_LABEL, created_at=sample.created_at,
    )
    speaker = Speaker(sample.voice, sample.rate, cache)
    for qid, steps in sample.script:
        if session.current is None or session.current.id != qid:
            raise SystemExit(f"make_samples: expected to be at {qid}, not {session.current}")
        offered = None
        for step in steps:
            if step.kind == "skip":
                session.skip()
                print(f"  {qid}: skipped")
                break
            path = session.next_audio_path()
            transcript = speaker.speak(step, path)
            kwargs = dict(mode="voice", transcript=transcript, audio_path=path,
                          duration_s=transcript.duration_s)
            if step.kind == "answer":
                attempt = session.submit_answer(transcript.text, **kwargs)
                offered = session.follow_up_for(attempt)
            elif offered is None:
                raise SystemExit(f"make_samples: {qid}: no follow-up was asked to answer")
            else:
                attempt = session.submit_follow_up(offered, transcript.text, **kwargs)
                offered = None
            _report(qid, attempt, offered)
        else:
            session.advance()
    session.finish()
    saved = _fixed_times(session.snapshot(), sample.created_at)
    SessionFolder(folder).save(saved)
    return saved


def _report(qid: str, attempt: Attempt, offered: FollowUp | None) -> None:
    score, d = attempt.score, attempt.score.delivery
    print(
        f"  {qid} {attempt.kind:<9} coverage {score.coverage:.2f}"
        f" missed {[m.concept.label for m in score.missed]}"
        f" misconceptions {[h.misconception.label for h in score.misconceptions]}"
        f" {d.duration_s:.1f} s, {d.words_per_minute} wpm, pause {d.longest_pause_s} s"
        + (f"; follow-up asked: {offered.prompt!r}" if offered else "")
    )


def _fixed_times(saved: SavedSession, created_at: str) -> SavedSession:
    """The session with made-up, reproducible times: each attempt starts a set gap after
    the previous one ended (the flow stamps them with the time the script ran)."""
    clock = datetime.fromisoformat(created_at) + timedelta(seconds=5)
    attempts = []
    for attempt in saved.attempts:
        attempts.append(replace(attempt, started_at=clock.isoformat(timespec="seconds")))
        clock += timedelta(seconds=round(attempt.duration_s or 0) + GAP_AFTER_ATTEMPT_S)
    return replace(saved, attempts=tuple(attempts), updated_at=clock.isoformat())


def main(argv: list[str] | None = None) -> int:
    """Rebuild every sample folder under --out (default: the repository's samples/)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "samples")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="make-samples-") as tmp:
        for sample in SAMPLES:
            print(f"{sample.name}:")
            # Built beside the old folder and swapped in whole, so a failure keeps the old one.
            building = Path(tempfile.mkdtemp(prefix=f".{sample.name}-", dir=args.out))
            try:
                make_session(sample, building / sample.name, Path(tmp) / "tts")
                target = args.out / sample.name
                if target.exists():
                    shutil.rmtree(target)
                (building / sample.name).rename(target)
            finally:
                shutil.rmtree(building, ignore_errors=True)
    for sample in SAMPLES:
        size = sum(p.stat().st_size for p in (args.out / sample.name).iterdir())
        print(f"{args.out / sample.name}: {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
