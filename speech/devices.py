"""Audio devices: load PortAudio quietly, list devices, and resolve a user's device choice.

Every other speech module gets sounddevice through `load_sounddevice()`, so a missing
PortAudio library becomes one actionable AudioDeviceError instead of an OSError at import.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from types import ModuleType
from typing import Literal

from speech.errors import AudioDeviceError
from speech.quiet import silence_stderr
from speech.types import SAMPLE_RATE, AudioLevel

Kind = Literal["input", "output"]

LIST_HINT = "see `interviewer devices`"

_load_lock = threading.Lock()
_sd: ModuleType | None = None


@dataclass(frozen=True)
class DeviceInfo:
    """One PortAudio device as the user sees it."""

    index: int
    name: str
    inputs: int  # maximum input channels (0 = not a microphone)
    outputs: int  # maximum output channels (0 = not a speaker)
    default_samplerate: float
    is_default_input: bool = False
    is_default_output: bool = False

    def has(self, kind: Kind) -> bool:
        """Whether the device can be used for `kind` at all."""
        return (self.inputs if kind == "input" else self.outputs) > 0


def load_sounddevice() -> ModuleType:
    """The sounddevice module, imported once with native stderr noise silenced.

    sounddevice initialises PortAudio (and enumerates devices) at import; PortAudio and
    ALSA print probing chatter on fd 2 while doing so. A missing libportaudio raises
    OSError at import, turned here into an AudioDeviceError saying what to install.
    """
    global _sd
    with _load_lock:
        if _sd is None:
            try:
                with silence_stderr():
                    import sounddevice
            except OSError as exc:
                raise AudioDeviceError(
                    f"PortAudio is not installed ({exc}): apt install libportaudio2"
                ) from None
            _sd = sounddevice
        return _sd


def reinitialize() -> None:
    """Re-scan devices: PortAudio only enumerates them when it initialises.

    Needed when a sound server (e.g. PulseAudio) starts or a device is plugged in after
    sounddevice was imported. No stream may be open while this runs.
    """
    sd = load_sounddevice()
    with _load_lock, silence_stderr():
        sd._terminate()
        sd._initialize()


def list_devices() -> list[DeviceInfo]:
    """Every device PortAudio knows, with the default input and output marked."""
    sd = load_sounddevice()
    try:
        with silence_stderr():
            raw = sd.query_devices()
            default_in, default_out = _defaults(sd)
    except sd.PortAudioError as exc:
        raise AudioDeviceError(f"cannot list audio devices: {one_line(exc)}") from None
    return [
        DeviceInfo(
            index=int(d["index"]),
            name=str(d["name"]),
            inputs=int(d["max_input_channels"]),
            outputs=int(d["max_output_channels"]),
            default_samplerate=float(d["default_samplerate"]),
            is_default_input=int(d["index"]) == default_in,
            is_default_output=int(d["index"]) == default_out,
        )
        for d in raw
    ]


def _defaults(sd: ModuleType) -> tuple[int, int]:
    """PortAudio's default (input, output) indices; -1 where there is none."""
    pair = sd.default.device
    return int(pair[0]), int(pair[1])


def default_device(kind: Kind) -> DeviceInfo | None:
    """The system default device for `kind`, or None when there is none."""
    for dev in list_devices():
        if (dev.is_default_input if kind == "input" else dev.is_default_output) and dev.has(kind):
            return dev
    return None


def resolve_device(spec: str, kind: Kind) -> int | None:
    """Turn a user's device choice into a PortAudio index.

    `spec` is an index ("3") or a case-insensitive part of the device name ("usb").
    "" means the system default and gives None (PortAudio then picks it). A name matching
    several devices picks the one whose whole name matches, else it is an error listing
    them. Unknown devices, or ones that cannot do `kind`, raise AudioDeviceError.
    """
    spec = spec.strip()
    if not spec:
        return None
    devices = [d for d in list_devices() if d.has(kind)]
    what = "microphone" if kind == "input" else "speaker"
    if spec.lstrip("-").isdigit():
        index = int(spec)
        for dev in devices:
            if dev.index == index:
                return index
        raise AudioDeviceError(f"no {kind} device with index {index} ({LIST_HINT})")
    wanted = spec.lower()
    exact = [d for d in devices if d.name.lower() == wanted]
    if exact:
        return exact[0].index
    partial = [d for d in devices if wanted in d.name.lower()]
    if len(partial) == 1:
        return partial[0].index
    if not partial:
        raise AudioDeviceError(f"no {kind} device ({what}) matching {spec!r} ({LIST_HINT})")
    names = ", ".join(f"{d.index} {d.name!r}" for d in partial[:5])
    raise AudioDeviceError(f"{spec!r} matches several {kind} devices ({names}): use the index")


def device_label(index: int | None, kind: Kind) -> str:
    """A short human name for a resolved device (None = the default)."""
    if index is None:
        dev = default_device(kind)
        if dev is None or dev.name.lower() == "default":
            return "the system default"
        return f"{dev.name} (the system default)"
    dev = next((d for d in list_devices() if d.index == index), None)
    return f"{index} {dev.name}" if dev else str(index)


def probe_output(spec: str) -> str:
    """Open and close the chosen output device to prove it is usable; its label.

    Raises AudioDeviceError when there is none, it is unknown, busy or failing.
    """
    sd = load_sounddevice()
    index = resolve_device(spec, "output")
    if index is None and default_device("output") is None:
        raise AudioDeviceError("no audio output device found (connect speakers or headphones)")
    label = device_label(index, "output")
    try:
        with silence_stderr():
            stream = sd.OutputStream(device=index, channels=1, dtype="float32")
            stream.start()
            stream.abort()
            stream.close()
    except (sd.PortAudioError, ValueError) as exc:
        raise AudioDeviceError(f"cannot open output device {label}: {one_line(exc)}") from None
    return label


def measure_input(spec: str, seconds: float = 0.5) -> tuple[str, AudioLevel]:
    """Record `seconds` from the chosen input device; its label and the level heard.

    Raises AudioDeviceError when there is no input device, it cannot be opened, or no
    audio arrives from it in time.
    """
    import numpy as np

    sd = load_sounddevice()
    index = resolve_device(spec, "input")
    if index is None and default_device("input") is None:
        raise AudioDeviceError("no microphone found (connect one, or answer in typed mode)")
    label = device_label(index, "input")
    wanted = max(1, round(seconds * SAMPLE_RATE))
    blocks: list[np.ndarray] = []
    got = 0
    full = threading.Event()

    def callback(indata: np.ndarray, _frames: int, _time: object, _status: object) -> None:
        nonlocal got
        if got < wanted:
            blocks.append(indata[:, 0].copy())
            got += len(indata)
        if got >= wanted:
            full.set()

    try:
        with silence_stderr():
            stream = sd.InputStream(
                samplerate=_input_rate(sd, index), device=index, channels=1,
                dtype="float32", callback=callback,
            )
            stream.start()
    except (sd.PortAudioError, ValueError) as exc:
        raise AudioDeviceError(f"cannot open input device {label}: {one_line(exc)}") from None
    try:
        arrived = full.wait(seconds + 5.0)
    finally:
        with silence_stderr():
            stream.abort(ignore_errors=True)
            stream.close(ignore_errors=True)
    if not arrived:
        raise AudioDeviceError(f"input device {label} delivered no audio")
    audio = np.concatenate(blocks).astype(np.float64)
    level = AudioLevel(
        rms=float(np.sqrt(np.mean(audio**2))), peak=float(np.max(np.abs(audio)))
    )
    return label, level


def _input_rate(sd: ModuleType, index: int | None) -> float:
    """16 kHz when the device takes it, else its own default rate (levels do not care)."""
    try:
        with silence_stderr():
            sd.check_input_settings(
                device=index, channels=1, dtype="float32", samplerate=SAMPLE_RATE
            )
        return SAMPLE_RATE
    except (sd.PortAudioError, ValueError):
        return float(sd.query_devices(index, "input")["default_samplerate"])


def one_line(exc: BaseException) -> str:
    """An exception's message squeezed onto one line."""
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
