"""How long does `interviewer sessions` take with many saved sessions?

Generates N realistic session folders in a temporary folder, then times, side by side:

- cold: list_sessions with no index (the first listing, or after the index was lost);
- warm: list_sessions again, every folder unchanged (the usual case);
- one changed: warm, after one session.json was rewritten (a finished interview);
- read-only: a root the index cannot be written to (every listing is a cold one);
- baseline: SessionStore.load_all(), i.e. reading every session fully, as listing did before;
- the same with damaged folders mixed in (truncated JSON, no session.json, a newer schema,
  not UTF-8, a malformed field), cold and warm.

Each session has 5 questions of the shipped bank, answered by voice: the question's sample
answer (whole, or only its first sentences) with fillers and some rambling taken from other
sample answers, 60-140 words, in a Whisper-like transcript (a segment per sentence, every
word timed with a probability). Some questions are retried, skipped, followed up or
re-scored (which keeps the original transcript too); some sessions are unfinished. Scores
are real: score_answer on that text. Files are written as the app writes them, 50-200 KB.

The files stay in the operating system's cache after they are written, so "cold" means no
index, not a cold disk. Figures are the best of --repeat runs.

    .venv/bin/python benchmarks/session_listing.py [--sessions 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import stat
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from interviewer.bank import load_bank
from interviewer.models import Bank, Question
from interviewer.scoring.scorer import score_answer
from interviewer.session.listing import INDEX_FILE, list_sessions
from interviewer.session.records import SCHEMA_VERSION, Attempt, OriginalAnswer, SavedSession
from interviewer.session.serialize import session_to_dict
from interviewer.session.storage import SESSION_FILE, SessionStore
from interviewer.session.summary import overall_coverage, question_results
from speech.types import Segment, Transcript, Word

FILLERS = ("Um,", "So,", "Uh,", "Well,", "I mean,", "Basically,")
MODEL = "base.en"
LEVELS = ("beginner", "intermediate", "advanced", "mixed")


def spoken_text(question: Question, bank: Bank, rng: random.Random) -> str:
    """What a candidate might say: part or all of the sample answer, fillers, rambling."""
    sentences = _sentences(question.sample_answer)
    keep = rng.choice((len(sentences), len(sentences), max(1, len(sentences) // 2), 1))
    said = [f"{rng.choice(FILLERS)} {s}" if rng.random() < 0.3 else s for s in sentences[:keep]]
    others = [q for q in bank.questions if q.level == question.level and q.id != question.id]
    target = rng.randint(60, 140)
    while sum(len(s.split()) for s in said) < target:
        said.append(rng.choice(_sentences(rng.choice(others).sample_answer)))
    return " ".join(said)


def _sentences(text: str) -> list[str]:
    parts = [p.strip() for p in text.replace("? ", "?|").replace(". ", ".|").split("|")]
    return [p for p in parts if p]


def whisper_like(text: str, rng: random.Random) -> Transcript:
    """A segment per sentence, each word timed (about 2.5 words a second) with a probability."""
    segments = []
    clock = rng.uniform(0.3, 1.5)
    for sentence in _sentences(text):
        words = []
        start = clock
        for token in sentence.split():
            length = 0.12 + 0.05 * len(token)
            words.append(Word(f" {token}", round(clock, 2), round(clock + length, 2),
                              round(rng.uniform(0.55, 0.99), 4)))
            clock += length + rng.uniform(0.02, 0.25)
        segments.append(Segment(f" {sentence}", round(start, 2), round(clock, 2), tuple(words)))
        clock += rng.choice((0.3, 0.5, 0.8, 1.4, 2.2))
    return Transcript(text=text, segments=tuple(segments), no_speech=False, model=MODEL,
                      duration_s=round(clock, 2))


def spoken_attempt(question: Question, bank: Bank, rng: random.Random, when: datetime) -> Attempt:
    """An answer by voice, scored for real."""
    text = spoken_text(question, bank, rng)
    transcript = whisper_like(text, rng)
    return Attempt(
        question_id=question.id, kind="answer", follow_up_concept=None, mode="voice",
        text=text, transcript=transcript,
        score=score_answer(question, text, transcript=transcript),
        audio_file=None, started_at=when.isoformat(), duration_s=transcript.duration_s,
        warning=None,
    )


def make_session(
    bank: Bank, pool: dict[str, list[Attempt]], rng: random.Random, when: datetime, name: str
) -> SavedSession:
    """Five questions; retries, skips, follow-ups, re-scores and quits along the way."""
    level = rng.choice(LEVELS)
    choices = [q for q in bank.questions if level == "mixed" or q.level.value == level]
    questions = tuple(rng.sample(choices, 5))
    attempts: list[Attempt] = []
    skipped: list[str] = []
    reached = 5 if rng.random() < 0.85 else rng.randint(1, 4)
    number = 0
    for question in questions[:reached]:
        if rng.random() < 0.08:
            skipped.append(question.id)
            continue
        for _ in range(2 if rng.random() < 0.2 else 1):
            number += 1
            attempt = replace(
                rng.choice(pool[question.id]),
                audio_file=f"attempt-{number:02d}.wav",
                started_at=(when + timedelta(minutes=number)).isoformat(),
            )
            if rng.random() < 0.15:  # re-scored later: the live version is kept too
                live = attempt.as_given
                attempt = replace(attempt, original=OriginalAnswer(
                    live.text, live.transcript, live.score, live.model),
                    rescored_at=(when + timedelta(days=3)).isoformat())
            attempts.append(attempt)
            missed = attempt.score.missed
            if missed and rng.random() < 0.3:
                attempts.append(_follow_up(question, missed[0].concept.label, attempt, rng))
    stamp = when.isoformat(timespec="microseconds")
    return SavedSession(
        id=name, folder=Path(name), schema_version=SCHEMA_VERSION, app_version="0.1.0",
        created_at=stamp, updated_at=stamp,
        settings={"level": level, "question_count": 5, "model": MODEL, "rate": 175},
        model=MODEL, questions=questions, attempts=tuple(attempts), skipped=tuple(skipped),
        position=reached, finished=reached == 5,
    )


def _follow_up(question: Question, label: str, answer: Attempt, rng: random.Random) -> Attempt:
    text = f"Right, {label.lower()}: " + _sentences(question.sample_answer)[0]
    transcript = whisper_like(text, rng)
    return replace(
        answer, kind="follow_up", follow_up_concept=label, text=text, transcript=transcript,
        score=score_answer(question, text, transcript=transcript), original=None,
        rescored_at=None, duration_s=transcript.duration_s,
    )


def generate(root: Path, count: int, seed: int) -> list[int]:
    """Write `count` session folders under `root`; the sizes of their session.json files."""
    bank = load_bank()
    rng = random.Random(seed)
    start = datetime(2025, 1, 6, 9, 0).astimezone()
    pool = {
        q.id: [spoken_attempt(q, bank, rng, start) for _ in range(3)] for q in bank.questions
    }
    sizes = []
    for n in range(count):
        when = start + timedelta(hours=7 * n, seconds=rng.randint(0, 3000))
        name = f"{when.strftime('%Y-%m-%dT%H-%M-%S')}-{rng.getrandbits(16):04x}"
        saved = make_session(bank, pool, rng, when, name)
        folder = root / name
        folder.mkdir(mode=0o700)
        text = json.dumps(session_to_dict(saved), ensure_ascii=False, indent=1) + "\n"
        (folder / SESSION_FILE).write_text(text, encoding="utf-8")
        sizes.append(len(text.encode("utf-8")))
    return sizes


def damage(root: Path, every: int) -> int:
    """Damage one folder in `every`, cycling through five kinds; how many were damaged."""
    folders = sorted(p for p in root.iterdir() if p.is_dir())[::every]
    for n, folder in enumerate(folders):
        path = folder / SESSION_FILE
        kind = n % 5
        if kind == 0:
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        elif kind == 1:
            path.unlink()
        elif kind == 2:
            data = json.loads(path.read_bytes())
            data["schema_version"] = SCHEMA_VERSION + 1
            path.write_text(json.dumps(data), encoding="utf-8")
        elif kind == 3:
            path.write_bytes(b"\xff\xfe" + path.read_bytes()[2:])
        else:
            data = json.loads(path.read_bytes())
            data["attempts"] = "none"
            path.write_text(json.dumps(data), encoding="utf-8")
    return len(folders)


def best_of(repeat: int, run: Callable[[], object], before: Callable[[], object] | None = None
            ) -> tuple[float, object]:
    """The fastest of `repeat` runs in seconds (`before` runs untimed ahead of each)."""
    times = []
    result: object = None
    for _ in range(repeat):
        if before is not None:
            before()
        began = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - began)
    return min(times), result


def main() -> None:
    """Generate, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="interviewer-listing-") as tmp:
        root = Path(tmp) / "sessions"
        root.mkdir()
        began = time.perf_counter()
        sizes = generate(root, args.sessions, args.seed)
        print(f"generated {len(sizes)} sessions in {time.perf_counter() - began:.1f} s; "
              f"session.json {min(sizes) / 1e3:.0f}-{max(sizes) / 1e3:.0f} KB "
              f"(median {statistics.median(sizes) / 1e3:.0f} KB, "
              f"total {sum(sizes) / 1e6:.0f} MB)")
        print(f"{'case':<52} {'seconds':>8}  sessions listed")
        measure(root, args.repeat)
        damaged = damage(root, 10)
        print(f"-- with {damaged} damaged folders (1 in 10: truncated, no session.json, newer "
              "schema, not UTF-8, malformed) --")
        measure(root, args.repeat)


def measure(root: Path, repeat: int) -> None:
    """Print the cold, warm, one-changed, read-only and load_all figures for `root`."""
    index = root / INDEX_FILE

    def drop_index() -> None:
        index.unlink(missing_ok=True)

    def listing() -> list[object]:
        return list(list_sessions(root))

    def report(case: str, seconds: float, listed: object) -> None:
        rows = listed if isinstance(listed, list) else []
        bad = sum(1 for s in rows if getattr(s, "damaged", None))
        extra = f" ({bad} damaged)" if bad else ""
        print(f"{case:<52} {seconds:>8.3f}  {len(rows)}{extra}")

    report("cold: list_sessions, no index", *best_of(repeat, listing, drop_index))
    listing()
    report("warm: list_sessions, index up to date", *best_of(repeat, listing))
    touched = sorted(p for p in root.iterdir() if p.is_dir())[-1] / SESSION_FILE

    def rewrite_one() -> None:
        if touched.exists():
            touched.write_bytes(touched.read_bytes())  # a new save: new mtime and ctime

    report("warm, one session.json rewritten", *best_of(repeat, listing, rewrite_one))
    drop_index()
    mode = stat.S_IMODE(root.stat().st_mode)
    os.chmod(root, 0o500)
    # chmod does not stop root: then an index that is a folder makes every write fail.
    simulated = os.access(root, os.W_OK)
    if simulated:
        index.mkdir()
    try:
        case = "read-only folder" + (" (simulated)" if simulated else "")
        report(f"{case}: no index can be kept", *best_of(repeat, listing))
    finally:
        if simulated:
            index.rmdir()
        os.chmod(root, mode)
    store = SessionStore(root)
    seconds, loaded = best_of(repeat, store.load_all)
    report("baseline: SessionStore.load_all (full read)", seconds, loaded)
    print(f"{'':<52} listing agrees with the full read: {agrees(root, loaded)}")


def agrees(root: Path, loaded: object) -> str:
    """"yes" when every readable session's listed figures are those of its full summary."""
    full = {s.id: s for s in loaded} if isinstance(loaded, list) else {}
    for listed in list_sessions(root):
        saved = full.get(listed.id)
        if saved is None:
            if listed.damaged is None:
                return f"no: {listed.id} opens nowhere but is not listed as damaged"
            continue
        results = question_results(saved)
        reached = [r for r in results if r.skipped or r.best_coverage is not None]
        expected = (
            len(saved.questions),
            sum(1 for r in results if r.best_coverage is not None),
            overall_coverage(results) if reached else None,
            saved.finished,
        )
        got = (listed.question_count, listed.answered, listed.mean_coverage, listed.finished)
        if got != expected:
            return f"no: {listed.id} lists {got}, opens as {expected}"
    return "yes"


if __name__ == "__main__":
    main()
