"""Device listing and resolution: real PortAudio over the virtual sound card, plus the
matching rules on hand-made device lists."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import speech.devices as devices
from speech.devices import DeviceInfo, default_device, list_devices, resolve_device
from speech.errors import AudioDeviceError
from tests.virtual_audio import virtual_audio  # noqa: F401

real_audio = pytest.mark.usefixtures("virtual_audio")


@real_audio
def test_lists_the_virtual_card_with_defaults_marked() -> None:
    found = list_devices()
    assert found
    assert sum(d.is_default_output for d in found) == 1
    assert sum(d.is_default_input for d in found) == 1
    speaker = default_device("output")
    microphone = default_device("input")
    assert speaker is not None and speaker.outputs > 0 and speaker.default_samplerate > 0
    assert microphone is not None and microphone.inputs > 0


@real_audio
def test_resolves_real_devices_by_index_and_name() -> None:
    speaker = default_device("output")
    assert speaker is not None
    assert resolve_device("", "output") is None
    assert resolve_device(str(speaker.index), "output") == speaker.index
    assert resolve_device(speaker.name.upper(), "output") == speaker.index


@real_audio
@pytest.mark.parametrize("kind", ["input", "output"])
def test_unknown_real_device_names_the_spec_and_the_fix(kind: str) -> None:
    with pytest.raises(AudioDeviceError) as caught:
        resolve_device("no-such-card", kind)  # type: ignore[arg-type]
    assert "'no-such-card'" in str(caught.value)
    assert "interviewer devices" in str(caught.value)


FAKE_LIST = [
    DeviceInfo(0, "HDA Intel PCH: ALC3246 Analog (hw:0,0)", 2, 2, 48000.0),
    DeviceInfo(1, "HDA Intel PCH: HDMI 0 (hw:0,3)", 0, 8, 48000.0),
    DeviceInfo(2, "USB Audio Device: - (hw:1,0)", 1, 0, 44100.0),
    DeviceInfo(3, "pulse", 32, 32, 44100.0),
    DeviceInfo(4, "default", 32, 32, 44100.0, True, True),
]


@pytest.mark.parametrize(
    ("spec", "kind", "expected"),
    [
        ("", "input", None),
        ("  ", "output", None),
        ("2", "input", 2),
        ("usb", "input", 2),
        ("USB AUDIO", "input", 2),
        ("hdmi", "output", 1),
        ("default", "output", 4),  # exact name wins over "pulse"/others containing it
        ("Pulse", "input", 3),
        ("alc3246", "output", 0),
    ],
)
def test_resolution_rules(monkeypatch, spec: str, kind: str, expected: int | None) -> None:
    monkeypatch.setattr(devices, "list_devices", lambda: FAKE_LIST)
    assert resolve_device(spec, kind) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("spec", "kind", "fragment"),
    [
        ("1", "input", "no input device with index 1"),  # HDMI has no inputs
        ("2", "output", "no output device with index 2"),  # the USB mic has no outputs
        ("99", "output", "index 99"),
        ("usb", "output", "no output device (speaker) matching 'usb'"),
        ("hda", "output", "matches several output devices"),
    ],
)
def test_resolution_errors(monkeypatch, spec: str, kind: str, fragment: str) -> None:
    monkeypatch.setattr(devices, "list_devices", lambda: FAKE_LIST)
    with pytest.raises(AudioDeviceError) as caught:
        resolve_device(spec, kind)  # type: ignore[arg-type]
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_portaudio_says_what_to_install(tmp_path: Path, monkeypatch) -> None:
    # sounddevice raises OSError at import when libportaudio cannot be loaded.
    (tmp_path / "sounddevice.py").write_text("raise OSError('PortAudio library not found')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(devices, "_sd", None)
    with pytest.raises(AudioDeviceError, match="apt install libportaudio2"):
        list_devices()
