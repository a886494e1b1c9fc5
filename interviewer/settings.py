"""The one settings object: defaults, the TOML config file, and command-line overrides."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from interviewer import paths
from interviewer.errors import UserError

ANSWER_MODES = ("voice", "typed")
ORDERS = ("random", "in-order", "weakest-first")
LEVEL_CHOICES = ("beginner", "intermediate", "advanced", "mixed")


@dataclass(frozen=True)
class Settings:
    """Every user-tunable choice. Field names are the config-file keys and the CLI flags."""

    voice: str = ""  # pyttsx3 voice id; "" = the system default
    rate: int = 170  # words per minute for spoken questions
    model: str = "base.en"  # Whisper model name, or a path to a checkpoint
    input_device: str = ""  # index or name; "" = the default device
    output_device: str = ""
    pause_seconds: float = 3.0  # silence after speech that ends an answer
    max_answer_seconds: float = 300.0
    follow_ups: bool = True
    data_dir: str = ""  # folder of saved sessions; "" = INTERVIEWER_DATA_DIR or the platform's
    bank: str = ""  # "" = the shipped bank
    speak_questions: bool = True
    auto_record: bool = True  # start recording right after the question is spoken
    answer_mode: str = "voice"
    level: str = "mixed"
    question_count: int = 5
    order: str = "random"

    def sessions_dir(self) -> Path:
        """Where sessions are saved: the data_dir setting, else INTERVIEWER_DATA_DIR, else the
        platform's user data folder + /sessions. The first two name the folder directly."""
        return Path(self.data_dir).expanduser() if self.data_dir else paths.sessions_dir()

    def replace(self, **changes: Any) -> Settings:
        """A copy with `changes` applied and validated."""
        return validate(dataclasses.replace(self, **changes))


def validate(settings: Settings) -> Settings:
    """Check value ranges and choices; raise UserError naming the setting."""
    checks = [
        ("rate", 50 <= settings.rate <= 400, "must be between 50 and 400 words per minute"),
        ("pause_seconds", 0.5 <= settings.pause_seconds <= 30, "must be 0.5 to 30 seconds"),
        ("max_answer_seconds", 5 <= settings.max_answer_seconds <= 3600, "must be 5 to 3600"),
        ("answer_mode", settings.answer_mode in ANSWER_MODES, f"must be one of {ANSWER_MODES}"),
        ("level", settings.level in LEVEL_CHOICES, f"must be one of {LEVEL_CHOICES}"),
        ("order", settings.order in ORDERS, f"must be one of {ORDERS}"),
        ("question_count", 1 <= settings.question_count <= 45, "must be 1 to 45"),
        ("model", bool(settings.model.strip()), "must name a Whisper model or a checkpoint"),
    ]
    for name, ok, why in checks:
        if not ok:
            raise UserError(f"setting {name!r} = {getattr(settings, name)!r} {why}")
    return settings


def _coerce(name: str, value: Any, default: Any, source: str) -> Any:
    """Convert a config/CLI value to the field's type, or say which setting is wrong."""
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                if value.lower() in ("1", "true", "yes", "on"):
                    return True
                if value.lower() in ("0", "false", "no", "off"):
                    return False
                raise ValueError(value)
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        return str(value)
    except (TypeError, ValueError):
        raise UserError(
            f"{source}: setting {name!r} has a bad value {value!r}"
            f" (expected {type(default).__name__})"
        ) from None


def from_mapping(data: dict[str, Any], base: Settings | None = None, source: str = "") -> Settings:
    """Apply known keys from `data` onto `base`; unknown keys are an error naming them."""
    base = base or Settings()
    known = {f.name: getattr(base, f.name) for f in fields(Settings)}
    changes: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in known:
            raise UserError(f"{source}: unknown setting {key!r}")
        changes[name] = _coerce(name, value, known[name], source)
    return validate(dataclasses.replace(base, **changes))


def load(path: Path | None = None) -> Settings:
    """Read the config file; a missing file means defaults, a broken one is a UserError."""
    path = path or paths.config_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read settings ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: not valid TOML ({exc})") from None
    return from_mapping(data, source=str(path))


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically, readable by the user only."""
    import tomli_w

    from interviewer.session.atomic import write_text_atomic

    path = path or paths.config_file()
    data = {f.name: getattr(settings, f.name) for f in fields(Settings)}
    write_text_atomic(path, tomli_w.dumps(data))
    return path
