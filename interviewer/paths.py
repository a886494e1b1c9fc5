"""Where user files live. INTERVIEWER_HOME puts everything under one folder (tests, demos,
portable installs); otherwise the per-OS platformdirs folders are used."""

from __future__ import annotations

import os
from pathlib import Path

APP = "interviewer"


def _home() -> Path | None:
    value = os.environ.get("INTERVIEWER_HOME")
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    """Folder holding config.toml."""
    home = _home()
    if home:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    """The user data folder (platformdirs), or INTERVIEWER_HOME/data."""
    home = _home()
    if home:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP))


def sessions_dir() -> Path:
    """Default folder of saved sessions; INTERVIEWER_DATA_DIR names it directly."""
    explicit = os.environ.get("INTERVIEWER_DATA_DIR")
    if explicit:
        return Path(explicit).expanduser()
    return data_dir() / "sessions"


def cache_dir() -> Path:
    """Folder for re-creatable files: synthesised speech, downloaded models."""
    home = _home()
    if home:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP))


def config_file() -> Path:
    """The settings file."""
    return config_dir() / "config.toml"
