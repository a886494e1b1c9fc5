"""Session folders on disk: one self-contained, user-only folder per session.

A folder is named by its local start time plus a random suffix, e.g.
`2026-11-25T14-30-05-ab12`, so names sort by time and never collide. It holds
session.json (rewritten atomically after every change) and one audio file per spoken
attempt (`attempt-03.wav`), which the recorder writes while the answer is being given.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewer import __version__
from interviewer.errors import SessionError, UserError
from interviewer.models import Question
from interviewer.session.atomic import ensure_private_dir, write_text_atomic
from interviewer.session.records import SCHEMA_VERSION, SavedSession

if TYPE_CHECKING:
    from interviewer.session.listing import ListedSession
    from interviewer.settings import Settings

SESSION_FILE = "session.json"
AUDIO_SUFFIX = ".wav"
_SEPARATORS = tuple(sep for sep in {"/", os.sep, os.altsep} if sep)


def now_iso() -> str:
    """The local time now, ISO 8601 with offset, to the microsecond (orders quick sessions)."""
    return datetime.now().astimezone().isoformat(timespec="microseconds")


def chronological(saved: SavedSession) -> tuple[datetime, str]:
    """Sort key: creation time as an instant (offsets differ across DST), then id."""
    try:
        when = datetime.fromisoformat(saved.created_at)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC), saved.id
    if when.tzinfo is None:
        when = when.astimezone()
    return when, saved.id


class SessionFolder:
    """One session's folder: where its session.json and audio files go."""

    def __init__(self, path: Path, created_at: str | None = None) -> None:
        """Wrap a session folder; `created_at` is known when this process created it."""
        self.path = path
        self.created_at = created_at

    @property
    def id(self) -> str:
        """The session id: the folder's name."""
        return self.path.name

    @property
    def json_path(self) -> Path:
        """The session.json file."""
        return self.path / SESSION_FILE

    def audio_path(self, n: int) -> Path:
        """Where attempt number `n` (1-based) records its audio, e.g. attempt-03.wav."""
        return self.path / f"attempt-{n:02d}{AUDIO_SUFFIX}"

    def save(self, saved: SavedSession) -> None:
        """Write session.json atomically (temp file, fsync, rename), mode 0600."""
        from interviewer.session.serialize import session_to_dict

        text = json.dumps(session_to_dict(saved), ensure_ascii=False, indent=1)
        write_text_atomic(self.json_path, text + "\n")

    def load(self) -> SavedSession:
        """Read session.json back; SessionError (one line) when it cannot be used."""
        return _read_session(self.path)


class SessionStore:
    """All session folders under one root (settings.sessions_dir())."""

    def __init__(self, root: Path) -> None:
        """Use `root`; it is created (0700) on the first write, not here."""
        self.root = Path(root).expanduser()

    def create(
        self, settings: Settings, model_name: str, questions: Sequence[Question]
    ) -> SessionFolder:
        """Make a new session folder and write its first session.json (no attempts yet)."""
        try:
            ensure_private_dir(self.root)
            folder = self._new_folder()
        except OSError as exc:
            raise SessionError(
                f"{self.root}: cannot create a session folder ({exc.strerror})"
            ) from None
        stamp = now_iso()
        saved = SavedSession(
            id=folder.id,
            folder=folder.path,
            schema_version=SCHEMA_VERSION,
            app_version=__version__,
            created_at=stamp,
            updated_at=stamp,
            settings=asdict(settings),
            model=model_name,
            questions=tuple(questions),
            attempts=(),
            skipped=(),
            position=0,
            finished=False,
        )
        folder.created_at = stamp
        folder.save(saved)
        return folder

    def _new_folder(self) -> SessionFolder:
        stamp = datetime.now().strftime("%Y-%m-%dT%H-%M-%S")
        while True:
            path = self.root / f"{stamp}-{secrets.token_hex(2)}"
            try:
                path.mkdir(mode=0o700)
            except FileExistsError:
                continue
            os.chmod(path, 0o700)  # mkdir's mode is filtered by the umask
            return SessionFolder(path)

    def folders(self) -> list[Path]:
        """Candidate session folders, oldest name first (empty if the root is missing)."""
        try:
            entries = list(self.root.iterdir())
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise SessionError(f"{self.root}: cannot list sessions ({exc.strerror})") from None
        return sorted(p for p in entries if p.is_dir() and not p.name.startswith("."))

    def resolve(self, session: str | Path) -> Path:
        """The folder meant by a session name or by an explicit folder path.

        Explicit paths are a `Path`, or text with a path separator: `samples/strong`,
        `./NAME`, `../NAME`, `/abs/NAME`, `~/NAME`. They are opened wherever they point
        (a path to a session.json means its folder). Anything else is a session *name*,
        looked up only in the sessions folder: a folder name there, or an unambiguous
        prefix of one (as git takes commits). A name can never leave that folder: `..`,
        `.`, and names containing `..`, a backslash or a NUL, or starting with `.`, are
        rejected with one line saying to write a path instead. So `interviewer replay ..`
        is refused, while `interviewer replay ../x` (a path) opens the folder `../x`.
        """
        if isinstance(session, Path):
            return session.parent if session.name == SESSION_FILE else session
        text = session.strip()
        if not text:
            raise SessionError("no session given (see `interviewer sessions`)")
        if "\0" in text:
            raise SessionError(f"{text!r}: not a session name or folder (it contains a NUL)")
        if any(sep in text for sep in _SEPARATORS):
            candidate = Path(text).expanduser()
            return candidate.parent if candidate.name == SESSION_FILE else candidate
        _check_name(text)
        by_id = self.root / text
        if by_id.is_dir():
            return by_id
        matches = [p for p in self.folders() if p.name.startswith(text)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise SessionError(
                f"session name {text!r} is ambiguous ({len(matches)} sessions match)"
            )
        raise SessionError(
            f"no saved session {text!r} in {self.root} (see `interviewer sessions`;"
            " to open a folder elsewhere, give its path, e.g. ./NAME)"
        )

    def load(self, session: str | Path) -> SavedSession:
        """Read a session by name or folder path (see resolve); one-line SessionError if not."""
        return _read_session(self.resolve(session))

    def load_all(self, problems: list[str] | None = None) -> list[SavedSession]:
        """Every readable session, oldest first; unreadable ones are described in `problems`."""
        sessions = []
        for path in self.folders():
            try:
                sessions.append(_read_session(path))
            except SessionError as exc:
                if problems is not None:
                    problems.append(str(exc))
        return sorted(sessions, key=chronological)

    def list(self) -> list[ListedSession]:
        """One line per session folder, damaged ones included (see listing.list_sessions)."""
        from interviewer.session.listing import list_sessions

        return list_sessions(self.root)

    def save(self, saved: SavedSession) -> None:
        """Write `saved` back into its own folder (e.g. after re-scoring)."""
        SessionFolder(saved.folder).save(replace(saved, updated_at=now_iso()))


class SessionDamage(ValueError):
    """Why a session.json's contents cannot be used: one line, without the file's path."""


def parse_session_json(raw: bytes) -> dict[str, Any]:
    """The JSON object of a session.json this version can read.

    SessionDamage when the bytes are not UTF-8 JSON, not a session document, or were
    written by a newer interviewer (a newer schema version).
    """
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SessionDamage(
            f"corrupt or truncated (not UTF-8 text at byte {exc.start})"
        ) from None
    except json.JSONDecodeError as exc:
        raise SessionDamage(f"corrupt or truncated at line {exc.lineno}") from None
    version = data.get("schema_version") if isinstance(data, dict) else None
    if not isinstance(version, int) or isinstance(version, bool):
        raise SessionDamage("not a session file (no schema_version)")
    if version > SCHEMA_VERSION:
        raise SessionDamage(
            f"saved by a newer interviewer (schema {version}, this version reads"
            f" up to {SCHEMA_VERSION}); upgrade to open it"
        )
    return data


def _read_session(path: Path) -> SavedSession:
    from interviewer.session.serialize import session_from_dict

    json_path = path / SESSION_FILE
    if not path.exists():
        raise SessionError(f"{path}: no such session folder")
    if not path.is_dir():
        raise SessionError(f"{path}: not a folder (give a session name or a session folder)")
    try:
        raw = json_path.read_bytes()
    except FileNotFoundError:
        raise SessionError(f"{path}: not a session folder (no {SESSION_FILE})") from None
    except OSError as exc:
        raise SessionError(f"{json_path}: cannot read ({exc.strerror})") from None
    try:
        data = parse_session_json(raw)
    except SessionDamage as exc:
        raise SessionError(f"{json_path}: {exc}") from None
    try:
        saved = session_from_dict(data, path)
    except (KeyError, TypeError, ValueError, AttributeError, UserError) as exc:
        raise SessionError(f"{json_path}: malformed session file ({_describe(exc)})") from None
    return replace(saved, unreferenced_audio=_unreferenced_audio(path, saved.attempts))


def _check_name(name: str) -> None:
    """SessionError unless `name` can only mean a folder inside the sessions folder."""
    if name in (".", ".."):
        raise SessionError(
            f"{name!r} is not a session name; to open a folder by its path,"
            f" write it with a slash (e.g. {name}/ or {name}/NAME)"
        )
    if ".." in name or "\\" in name or name.startswith("."):
        raise SessionError(
            f"{name!r} is not a session name (names have no '..', no '\\' and do not start"
            " with '.'); to open a folder, give its path, e.g. ./NAME"
        )


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _unreferenced_audio(path: Path, attempts: Iterable[Any]) -> tuple[str, ...]:
    named = {a.audio_file for a in attempts if a.audio_file}
    found = sorted(p.name for p in path.glob(f"*{AUDIO_SUFFIX}") if p.is_file())
    return tuple(name for name in found if name not in named)
