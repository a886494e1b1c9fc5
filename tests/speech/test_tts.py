"""PyttsxSpeaker with the real pyttsx3 + espeak-ng, played into the virtual sound card."""

from __future__ import annotations

import textwrap
import threading
from pathlib import Path

import numpy as np
import pytest
import soundfile

from speech.errors import TTSUnavailable
from speech.tts import PyttsxSpeaker, Voice, list_voices
from tests.speech.monitor import best_alignment, monitor
from tests.virtual_audio import virtual_audio  # noqa: F401

real_audio = pytest.mark.usefixtures("virtual_audio")

QUESTION = "What is the difference between supervised and unsupervised learning?"


def _read(path: Path) -> tuple[np.ndarray, int]:
    audio, rate = soundfile.read(str(path), dtype="float32")
    return audio, rate


def test_synthesises_real_speech_of_plausible_length(tmp_path: Path) -> None:
    speaker = PyttsxSpeaker(rate=170, cache_dir=tmp_path)
    path = speaker.synthesize(QUESTION)
    audio, rate = _read(path)
    seconds = len(audio) / rate
    expected = len(QUESTION.split()) / 170 * 60  # words at 170 words per minute
    assert 0.5 * expected < seconds < 2.0 * expected
    assert np.sqrt(np.mean(audio**2)) > 0.02  # not silence
    # Speech has syllables and gaps: its short-term loudness varies a lot.
    frames = audio[: len(audio) // 400 * 400].reshape(-1, 400)
    loudness = np.sqrt(np.mean(frames**2, axis=1))
    assert loudness.max() > 10 * np.percentile(loudness, 10)
    assert path.parent == tmp_path
    assert not list(tmp_path.glob(".tts-*"))  # no temporary file left behind


def test_second_request_is_served_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    speaker = PyttsxSpeaker(cache_dir=tmp_path)
    first = speaker.synthesize(QUESTION)
    assert (speaker.syntheses, speaker.cache_hits) == (1, 0)
    stamp = first.stat().st_ino, first.read_bytes()

    # A second speaker (a later session) must not start synthesis at all.
    import speech.tts

    def no_synthesis(*_args, **_kwargs):
        raise AssertionError("synthesis ran on a cache hit")

    monkeypatch.setattr(speech.tts, "_run_child", no_synthesis)
    again = PyttsxSpeaker(cache_dir=tmp_path)
    second = again.synthesize("  " + QUESTION + "\n")  # surrounding blanks do not matter
    assert second == first
    assert (again.syntheses, again.cache_hits) == (0, 1)
    assert (second.stat().st_ino, second.read_bytes()) == stamp


def test_a_different_rate_is_a_different_clip(tmp_path: Path) -> None:
    slow = PyttsxSpeaker(rate=110, cache_dir=tmp_path).synthesize(QUESTION)
    fast = PyttsxSpeaker(rate=260, cache_dir=tmp_path).synthesize(QUESTION)
    assert slow != fast
    assert len(_read(slow)[0]) > 1.5 * len(_read(fast)[0])
    assert len(list(tmp_path.glob("*.wav"))) == 2


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("Hello.", "", 170), ("Hello.", "", 170), True),
        (("Hello.", "", 170), (" Hello. ", "", 170), True),
        (("Hello.", "", 170), ("Hello!", "", 170), False),
        (("Hello.", "", 170), ("Hello.", "gmw/en-us", 170), False),
        (("Hello.", "", 170), ("Hello.", "", 171), False),
    ],
)
def test_cache_key_is_text_voice_and_rate(tmp_path: Path, a: tuple, b: tuple, same: bool) -> None:
    def path(text: str, voice: str, rate: int) -> Path:
        return PyttsxSpeaker(voice=voice, rate=rate, cache_dir=tmp_path).cache_path(text)

    assert (path(*a) == path(*b)) is same


def test_a_corrupt_cached_clip_is_synthesised_again(tmp_path: Path) -> None:
    speaker = PyttsxSpeaker(cache_dir=tmp_path)
    speaker.cache_path("Hello.").write_bytes(b"RIFF\x00\x00 not really a wav" * 4)
    path = speaker.synthesize("Hello.")
    assert speaker.syntheses == 1
    assert soundfile.info(str(path)).frames > 0


def test_default_cache_is_in_the_user_cache_folder(isolated_home: Path) -> None:
    assert PyttsxSpeaker().cache_dir == isolated_home / "cache" / "tts"


def test_lists_real_voices() -> None:
    voices = list_voices()
    assert voices
    assert all(isinstance(v, Voice) and v.id and v.name for v in voices)
    assert any("en" in v.languages or v.id.endswith("/en") for v in voices)


def test_a_voice_from_the_list_is_used(tmp_path: Path) -> None:
    default = PyttsxSpeaker(cache_dir=tmp_path).synthesize("Hello there.")
    german = PyttsxSpeaker(voice="de", cache_dir=tmp_path).synthesize("Hello there.")
    assert _read(default)[0].shape != _read(german)[0].shape


def test_unknown_voice_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(TTSUnavailable, match=r"unknown voice 'no-such-voice'.*--list-voices"):
        PyttsxSpeaker(voice="no-such-voice", cache_dir=tmp_path).synthesize("Hello.")
    assert not list(tmp_path.iterdir())


def _shadow_pyttsx3(folder: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """Put a broken pyttsx3 first on the synthesis child's path (it runs in a subprocess)."""
    package = folder / "shadow" / "pyttsx3"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(textwrap.dedent(body))
    monkeypatch.setenv("PYTHONPATH", str(package.parent))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("raise ImportError('No module named pyttsx3')\n", "pyttsx3 is not installed"),
        (
            """
            def init():
                raise RuntimeError(
                    "This means you probably do not have eSpeak or eSpeak-ng installed!")
            """,
            "apt install espeak-ng",
        ),
        (
            """
            import os, sys
            def init():
                sys.stderr.write("Segmentation fault in libespeak\\n")
                os._exit(139)
            """,
            "speech synthesis failed: Segmentation fault in libespeak",
        ),
    ],
    ids=["pyttsx3-missing", "espeak-missing", "engine-crash"],
)
def test_synthesis_failures_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, message: str
) -> None:
    _shadow_pyttsx3(tmp_path, monkeypatch, body)
    cache = tmp_path / "cache"
    with pytest.raises(TTSUnavailable) as caught:
        PyttsxSpeaker(cache_dir=cache).say("Hello.")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not list(cache.glob("*"))  # nothing half-written is cached


@pytest.mark.timeout(30)
def test_stop_interrupts_a_hung_synthesis(tmp_path: Path, monkeypatch) -> None:
    _shadow_pyttsx3(tmp_path, monkeypatch, "import time\ndef init():\n    time.sleep(120)\n")
    speaker = PyttsxSpeaker(cache_dir=tmp_path / "cache")
    threading.Timer(0.5, speaker.stop).start()
    assert speaker.say("Hello.") is False
    assert not list((tmp_path / "cache").glob("*"))


def test_empty_text_says_nothing(tmp_path: Path) -> None:
    speaker = PyttsxSpeaker(cache_dir=tmp_path, device="no such device")
    assert speaker.say("   ") is True
    assert speaker.syntheses == 0
    with pytest.raises(TTSUnavailable, match="empty"):
        speaker.synthesize("")


@real_audio
def test_say_plays_the_clip_on_the_output_device(tmp_path: Path) -> None:
    speaker = PyttsxSpeaker(cache_dir=tmp_path)
    clip, rate = _read(speaker.synthesize("Define overfitting."))
    with monitor(rate) as capture:
        assert speaker.say("Define overfitting.") is True
    _lag, correlation = best_alignment(capture.audio, clip)
    assert correlation > 0.9


@real_audio
@pytest.mark.timeout(30)
def test_stop_interrupts_playback(tmp_path: Path) -> None:
    speaker = PyttsxSpeaker(cache_dir=tmp_path)
    long_text = " ".join([QUESTION] * 12)  # about 40 seconds of speech
    speaker.synthesize(long_text)
    threading.Timer(0.5, speaker.stop).start()
    assert speaker.say(long_text) is False
