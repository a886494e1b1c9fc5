"""The sample sessions in samples/: they load, their audio is speech, their transcripts say
they were written, their word times fit the audio, and their scores are the scorer's own.

When a test here fails after the bank's concepts changed, rebuild the samples:
    .venv/bin/python scripts/make_samples.py
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import sys
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import soundfile

from interviewer.cli import main
from interviewer.models import Score
from interviewer.scoring import score_answer
from interviewer.scoring.serialize import score_to_dict
from interviewer.session.followup import score_follow_up
from interviewer.session.records import SCHEMA_VERSION, Attempt, SavedSession
from interviewer.session.storage import SessionStore
from interviewer.session.summary import summarise
from speech.audiofile import load_audio
from speech.types import SAMPLE_RATE
from tests.tui.pilot import run, until

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
NAMES = ("strong-intermediate", "weak-mixed")
REBUILD = "stale sample: rebuild with `.venv/bin/python scripts/make_samples.py`"


@functools.cache
def _saved(name: str) -> SavedSession:
    return SessionStore(SAMPLES).load(SAMPLES / name)


@functools.cache
def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", REPO / "scripts/make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _spoken(name: str) -> list[Attempt]:
    return [a for a in _saved(name).attempts if a.audio_file is not None]


# --- the folders -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_sample_is_a_finished_session_named_after_its_folder(name: str) -> None:
    saved = _saved(name)
    assert saved.id == saved.folder.name == name
    assert saved.schema_version == SCHEMA_VERSION
    assert saved.finished and saved.position == len(saved.questions)
    assert saved.unreferenced_audio == ()
    assert 4 <= len(saved.questions) <= 5
    assert saved.attempts and all(a.mode == "voice" for a in saved.attempts)
    assert sorted(p.name for p in saved.folder.iterdir()) == sorted(
        ["session.json", *(a.audio_file for a in _spoken(name))]
    )


def test_samples_stay_small() -> None:
    # About 2.9 MB of 16 kHz speech, plus each session.json with its copy of the questions'
    # concepts and misconception patterns (about 145 kB each, growing with the bank).
    total = sum(p.stat().st_size for name in NAMES for p in (SAMPLES / name).iterdir())
    assert total < 3.3e6


@pytest.mark.parametrize("name", NAMES)
def test_every_attempt_has_16khz_mono_speech(name: str) -> None:
    attempts = _spoken(name)
    assert len(attempts) == len(_saved(name).attempts)  # every answer was spoken
    for attempt in attempts:
        path = _saved(name).folder / attempt.audio_file
        info = soundfile.info(str(path))
        assert (info.format, info.subtype, info.samplerate, info.channels) == (
            "WAV", "PCM_16", SAMPLE_RATE, 1
        )
        audio = load_audio(path)
        assert attempt.duration_s == attempt.transcript.duration_s
        assert abs(len(audio) / SAMPLE_RATE - attempt.duration_s) < 1e-3
        assert float(np.sqrt(np.mean(audio**2))) > 0.03 and float(np.abs(audio).max()) < 1.0


@pytest.mark.parametrize("name", NAMES)
def test_voice_activity_detection_hears_speech_where_the_words_are(name: str) -> None:
    from speech.vad import speech_regions

    for attempt in _spoken(name):
        regions = speech_regions(load_audio(_saved(name).folder / attempt.audio_file))
        words = attempt.transcript.words
        assert regions, attempt.audio_file
        assert abs(words[0].start - regions[0].start) < 0.3
        assert abs(words[-1].end - regions[-1].end) < 0.3
        for word in words:
            middle = (word.start + word.end) / 2
            assert any(r.start - 0.3 <= middle <= r.end + 0.3 for r in regions), word


# --- transcripts -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_transcripts_are_labelled_as_written_not_recognised(name: str) -> None:
    saved = _saved(name)
    assert "written transcript" in saved.model and "no Whisper model" in saved.model
    for attempt in saved.attempts:
        transcript = attempt.transcript
        assert transcript.model == attempt.as_given.model == saved.model
        assert not transcript.no_speech
        assert attempt.text == transcript.text == " ".join(s.text for s in transcript.segments)
        assert " ".join(w.text for w in transcript.words) == " ".join(attempt.text.split())
        assert all(w.probability is None for w in transcript.words)  # no recogniser's guess


@pytest.mark.parametrize("name", NAMES)
def test_word_times_are_ordered_and_inside_the_audio(name: str) -> None:
    for attempt in _spoken(name):
        transcript = attempt.transcript
        words = transcript.words
        assert all(0 <= w.start < w.end <= transcript.duration_s for w in words)
        assert all(a.end <= b.start for a, b in pairwise(words))
        # A natural pause before the first word, and silence after the last one.
        assert 0.5 <= words[0].start <= 2.5
        assert words[-1].end < transcript.duration_s
        for segment in transcript.segments:
            assert segment.words
            assert (segment.start, segment.end) == (segment.words[0].start, segment.words[-1].end)
        assert all(a.end <= b.start for a, b in pairwise(transcript.segments))


# --- scores ----------------------------------------------------------------------------------


def _fresh(question_source: object, attempt: Attempt) -> Score:
    question = question_source.question(attempt.question_id) if isinstance(
        question_source, SavedSession
    ) else question_source.get(attempt.question_id)
    kwargs = dict(transcript=attempt.transcript, duration_s=attempt.duration_s)
    if attempt.kind == "answer":
        return score_answer(question, attempt.text, **kwargs)
    concept = next(c for c in question.concepts if c.label == attempt.follow_up_concept)
    return score_follow_up(question, concept, attempt.text, **kwargs)


@pytest.mark.parametrize("name", NAMES)
def test_stored_scores_are_what_the_scorer_gives_with_the_shipped_bank(name: str, bank) -> None:
    saved = _saved(name)
    for attempt in saved.attempts:
        stored = score_to_dict(attempt.score)
        assert stored == score_to_dict(_fresh(saved, attempt)), REBUILD
        assert stored == score_to_dict(_fresh(bank, attempt)), REBUILD
        assert saved.question(attempt.question_id).text == bank.get(attempt.question_id).text
        assert attempt.original is None and attempt.rescored_at is None  # as scored live


@pytest.mark.parametrize("name", NAMES)
def test_delivery_figures_come_from_the_word_times(name: str) -> None:
    for attempt in _spoken(name):
        delivery = attempt.score.delivery
        words = attempt.transcript.words
        assert delivery.time_to_first_word_s == round(words[0].start, 2)
        gaps = [b.start - a.end for a, b in pairwise(words)]
        assert delivery.longest_pause_s == round(max(gaps), 2)
        assert delivery.duration_s == round(attempt.duration_s, 2)
        assert 60 < delivery.words_per_minute < 220


def test_strong_sample_covers_more_than_the_weak_one() -> None:
    strong, weak = summarise(_saved(NAMES[0])), summarise(_saved(NAMES[1]))
    assert strong.overall_coverage > 0.8 > 0.5 > weak.overall_coverage
    assert not any(a.score.misconceptions for a in _saved(NAMES[0]).attempts)


def test_weak_sample_shows_misconceptions_a_skip_a_follow_up_and_a_retry() -> None:
    saved = _saved("weak-mixed")
    assert sum(len(a.score.misconceptions) for a in saved.attempts) >= 2
    assert len(saved.skipped) == 1
    follow_ups = [a for a in saved.attempts if a.kind == "follow_up"]
    assert follow_ups and follow_ups[0].score.coverage == 1.0
    answers = [a.question_id for a in saved.attempts if a.kind == "answer"]
    retried = {q for q in answers if answers.count(q) > 1}
    assert len(retried) == 1
    (question,) = retried
    first, retry = (a for a in saved.attempts_for(question) if a.kind == "answer")
    assert retry.score.coverage > first.score.coverage
    assert any(a.score.delivery.filler_count for a in saved.attempts)


# --- the commands a newcomer tries first -----------------------------------------------------


def _folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("name", NAMES)
def test_export_html_of_a_sample(name: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / f"{name}.html"
    code = main(["export", str(SAMPLES / name), "--format", "html", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert _saved(name).questions[0].text in html
    assert str(out) in capsys.readouterr().out


@pytest.mark.parametrize("name", NAMES)
def test_export_json_of_a_sample(name: str, capsys) -> None:
    assert main(["export", str(SAMPLES / name), "--format", "json", "-o", "-"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert name in json.dumps(report)


@pytest.mark.parametrize("name", NAMES)
def test_rescore_dry_run_of_a_sample_changes_nothing(name: str, capsys) -> None:
    before = _folder_digest(SAMPLES / name)
    assert main(["rescore", str(SAMPLES / name), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "nothing changed" in out
    assert _folder_digest(SAMPLES / name) == before


@pytest.mark.parametrize("name", NAMES)
def test_replay_command_opens_a_sample(
    name: str, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interviewer.tui.screens.replay import ReplayScreen

    monkeypatch.setenv("INTERVIEWER_FAKE_SPEECH", "1")
    opened = []
    monkeypatch.setattr(
        "interviewer.cli.app_cmd.run_app", lambda _ctx, app=None: opened.append(app) or 0
    )
    monkeypatch.chdir(REPO)  # as a newcomer types it, from the clone's top folder
    assert main(["replay", f"samples/{name}"]) == 0
    assert capsys.readouterr().err == ""
    (app,) = opened
    shown: list[str] = []

    async def look(pilot) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, ReplayScreen), "the replay")
        assert pilot.app.screen.saved.id == name
        shown.append(str(pilot.app.screen.query_one("#rp-question").render()))
        await pilot.press("q")

    run(app, look, wait_for_start_up=False)
    assert shown == [_saved(name).questions[0].text]


def test_replay_lights_the_word_espeak_was_saying(tmp_path: Path) -> None:
    from interviewer.tui.widgets.spoken import SpokenTranscript
    from speech.fakes import FakeSeekablePlayer
    from tests.tui.factories import SteppingClock
    from tests.tui.replay_data import replay_app

    saved = _saved("weak-mixed")
    first = saved.attempts[0]
    words = first.transcript.words
    clock = SteppingClock()
    player = FakeSeekablePlayer(clock=clock)
    lit: list[str] = []

    async def scenario(pilot) -> None:
        await until(pilot, lambda: bool(player.loaded), "the first answer's recording")
        frames = soundfile.info(str(saved.folder / first.audio_file)).frames
        assert player.loaded == [(frames, SAMPLE_RATE)]
        transcript = pilot.app.screen.query_one("#rp-transcript", SpokenTranscript)
        await pilot.press("space")
        for text in ("variance", "spread", "simple,"):
            word = next(w for w in words if w.text == text)
            clock.now += (word.start + word.end) / 2 - player.position
            await until(pilot, lambda start=word.start: transcript.current is not None
                        and words[transcript.current].start == start, f"{text!r} lit")
            lit.append(words[transcript.current].text)

    run(replay_app(tmp_path, saved, player), scenario)
    assert lit == ["variance", "spread", "simple,"]


# --- the script that made them ---------------------------------------------------------------


def _tone(spans: list[tuple[float, float]], seconds: float) -> np.ndarray:
    """Silence with a loud tone in each (start, end) span."""
    audio = np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)
    for start, end in spans:
        t = np.arange(int(start * SAMPLE_RATE), int(end * SAMPLE_RATE))
        audio[t] = 0.3 * np.sin(2 * np.pi * 220 * t / SAMPLE_RATE)
    return audio


@pytest.mark.parametrize(
    ("text", "starts", "sounds", "expected"),
    [
        # One start per word: each word ends where its sound does.
        ("A cat.", [(0, 0.2), (2, 0.5)], [(0.2, 0.3), (0.5, 0.8)],
         [("A", 0.2, 0.3), ("cat.", 0.5, 0.8)]),
        # espeak voiced "of the" as one word: they share its time by letters (2:3).
        ("of the data.", [(0, 0.2), (7, 0.5)], [(0.2, 0.4), (0.5, 0.8)],
         [("of", 0.2, 0.28), ("the", 0.28, 0.4), ("data.", 0.5, 0.8)]),
        # A leading word without a start of its own joins the first group.
        ("Um, yes.", [(4, 0.2)], [(0.2, 0.8)], [("Um,", 0.2, 0.44), ("yes.", 0.44, 0.8)]),
        # A start reported on the space before a word belongs to that word.
        ("Hi there", [(0, 0.1), (2, 0.5)], [(0.1, 0.3), (0.5, 0.7)],
         [("Hi", 0.1, 0.3), ("there", 0.5, 0.7)]),
    ],
)
def test_word_times_from_espeak_starts(
    text: str, starts: list, sounds: list, expected: list
) -> None:
    script = _script()
    words = script.word_times(script.tokens_of(text), starts, _tone(sounds, 1.0))
    assert [w.text for w in words] == [e[0] for e in expected]
    for word, (_, start, end) in zip(words, expected, strict=True):
        assert word.start == pytest.approx(start, abs=0.011)
        assert word.end == pytest.approx(end, abs=0.011)


def test_segments_are_sentences() -> None:
    script = _script()
    text = "It's fine. Really? Yes"
    tokens = script.tokens_of(text)
    starts = [(t.start(), 0.1 + i) for i, t in enumerate(tokens)]
    words = script.word_times(tokens, starts, _tone([(0, 4.0)], 5.0))
    segments = script.segments_of(text, tokens, words)
    assert [s.text for s in segments] == ["It's fine.", "Really?", "Yes"]
    assert [len(s.words) for s in segments] == [2, 1, 1]


@pytest.mark.parametrize(
    ("saved", "pcm", "expected"),
    [
        ([1, 2, 3], [1, 2, 4, 5], "app: 3 samples at 22050 Hz, espeak: 4 samples at 22050 Hz,"
         " first difference at sample 2"),
        # A clip cut short differs first where it ends.
        ([1, 2], [1, 2, 3], "app: 2 samples at 22050 Hz, espeak: 3 samples at 22050 Hz,"
         " first difference at sample 2"),
    ],
)
def test_script_says_how_the_apps_clip_differs_from_espeak(
    saved: list[int], pcm: list[int], expected: str
) -> None:
    script = _script()
    as_pcm = functools.partial(np.array, dtype=np.int16)
    assert script._difference(as_pcm(saved), 22050, as_pcm(pcm)) == expected


def test_script_speaks_through_the_apps_tts_with_matching_word_times(tmp_path: Path) -> None:
    script = _script()
    speaker = script.Speaker("en-us", 180, tmp_path / "cache")
    step = script.say((0.6, "Dropout randomly zeroes neurons,"), (0.8, "only during training."))
    transcript = speaker.speak(step, tmp_path / "attempt-01.wav")  # exits if the audio differs
    audio = load_audio(tmp_path / "attempt-01.wav")
    assert transcript.text == "Dropout randomly zeroes neurons, only during training."
    assert [w.text for w in transcript.words] == transcript.text.split()
    assert transcript.words[0].start == pytest.approx(0.6, abs=0.02)
    assert transcript.duration_s == pytest.approx(len(audio) / SAMPLE_RATE, abs=1e-3)
    pause = transcript.words[4].start - transcript.words[3].end
    assert pause > 0.8  # the silence placed between the two phrases, plus espeak's own
