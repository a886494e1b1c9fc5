"""Find, download and load Whisper models: by name (downloaded once) or from a checkpoint file.

whisper's own downloader prints a tqdm bar, reads the whole file into memory to check it and
leaves a half-written file behind when the connection drops. This one reports progress through
a callback, hashes while streaming, writes to a temporary file and renames it into place only
once the SHA256 that whisper publishes in its URLs matches.
"""

from __future__ import annotations

import errno
import hashlib
import http.client
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from speech.errors import ModelUnavailable

if TYPE_CHECKING:
    from whisper.model import Whisper

Progress = Callable[[int, int], None]  # (bytes done, bytes total; 0 when unknown)

# Point downloads at a mirror (or a local test server) instead of whisper's CDN. The mirror
# must keep whisper's "<sha256>/<name>.pt" layout.
URL_BASE_ENV = "INTERVIEWER_WHISPER_URL_BASE"

_CHUNK = 1 << 16
_TIMEOUT_S = 30.0
# Approximate download sizes (MB), only to check free disk before starting and to tell the
# user what to expect.
_APPROX_MB = {"tiny": 75, "base": 145, "small": 484, "medium": 1530, "large": 3090, "turbo": 1620}
_LOCAL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS}
_verified: set[tuple[str, int, int]] = set()  # (path, size, mtime_ns) already hashed this run


@dataclass(frozen=True)
class ModelStatus:
    """Whether a model can be used: `ok` means usable now or downloadable on first use."""

    ok: bool
    cached: bool
    path: Path | None
    detail: str


def default_root() -> Path:
    """Where downloaded models are kept: the app's cache folder."""
    from interviewer.paths import cache_dir

    return cache_dir() / "whisper"


def _catalog() -> dict[str, str]:
    """whisper's official model names and download URLs."""
    import whisper

    return dict(whisper._MODELS)


def _names_hint() -> str:
    return ", ".join(_catalog())


def _url(name: str, url_base: str | None) -> str:
    url = _catalog()[name]
    base = url_base or os.environ.get(URL_BASE_ENV)
    if not base:
        return url
    sha, filename = url.split("/")[-2:]
    return f"{base.rstrip('/')}/{sha}/{filename}"


def _expected_sha256(name: str) -> str:
    return _catalog()[name].split("/")[-2]


def _target(name: str, root: Path) -> Path:
    return root / _catalog()[name].split("/")[-1]


def _approx_bytes(name: str) -> int:
    family = name.split(".")[0].split("-")[0]
    return _APPROX_MB.get(family, 3090) * 1_000_000


def _whisper_default_root() -> Path:
    """whisper's own cache, where an earlier `whisper` CLI run may have left the file."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "whisper"


def _is_name(model: str) -> bool:
    return model in _catalog()


def _looks_like_path(model: str) -> bool:
    return os.sep in model or "/" in model or model.endswith((".pt", ".pth", ".bin"))


def _hash_matches(path: Path, sha256: str) -> bool:
    try:
        stat = path.stat()
    except OSError:
        return False
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key in _verified:
        return True
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
    except OSError:
        return False
    if digest.hexdigest() != sha256:
        return False
    _verified.add(key)
    return True


def _cached_copy(name: str, root: Path, default: bool) -> Path | None:
    """A verified copy of `name` in `root` (or whisper's own cache when using the default)."""
    candidates = [_target(name, root)]
    if default:
        candidates.append(_target(name, _whisper_default_root()))
    sha = _expected_sha256(name)
    return next((p for p in candidates if p.is_file() and _hash_matches(p, sha)), None)


def _unknown(model: str) -> str:
    if _looks_like_path(model):
        return f"no Whisper checkpoint file at {model} (give --model a model name: {_names_hint()})"
    return (
        f"unknown Whisper model {model!r}: use one of {_names_hint()}, "
        "or --model PATH to a local checkpoint (.pt)"
    )


def model_status(model: str, download_root: Path | None = None) -> ModelStatus:
    """Is `model` (a name or a checkpoint path) usable now, or downloadable on first use?

    Never downloads. For a name that is not cached yet, checks that the cache folder can be
    created and has room for it; whether the network is reachable is only known on first use.
    """
    if not _is_name(model):
        path = Path(model).expanduser()
        if path.is_file():
            return ModelStatus(True, True, path, f"checkpoint file {path}")
        if path.is_dir():
            return ModelStatus(False, False, path, f"{path} is a folder, not a checkpoint file")
        return ModelStatus(False, False, None, _unknown(model))
    root = download_root or default_root()
    found = _cached_copy(model, root, download_root is None)
    if found is not None:
        return ModelStatus(True, True, found, f"{model} cached at {found}")
    target = _target(model, root)
    need = _approx_bytes(model)
    try:
        root.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(root).free
    except OSError as exc:
        return ModelStatus(False, False, target, f"cannot create the model cache {root}: {exc}")
    if free < need * 1.1:
        return ModelStatus(
            False,
            False,
            target,
            f"{model} needs about {need // 1_000_000} MB but {root} has "
            f"{free // 1_000_000} MB free",
        )
    return ModelStatus(
        True,
        False,
        target,
        f"{model} not downloaded yet: about {need // 1_000_000} MB will download to "
        f"{target} on first use (needs internet once)",
    )


def resolve_model(
    model: str,
    download_root: Path | None = None,
    progress: Progress | None = None,
    *,
    url_base: str | None = None,
) -> Path:
    """The local checkpoint file for `model`, downloading a named model on first use.

    `progress(done, total)` is called as bytes arrive. `url_base` (or the env var
    INTERVIEWER_WHISPER_URL_BASE) replaces whisper's download host. Raises ModelUnavailable,
    one line naming the model, the cache path and the `--model PATH` way out, on any failure.
    """
    if not _is_name(model):
        path = Path(model).expanduser()
        if path.is_file():
            return path
        if path.is_dir():
            raise ModelUnavailable(f"{path} is a folder, not a Whisper checkpoint file")
        raise ModelUnavailable(_unknown(model))
    root = download_root or default_root()
    found = _cached_copy(model, root, download_root is None)
    if found is not None:
        return found
    target = _target(model, root)
    try:
        _download(_url(model, url_base), target, _expected_sha256(model), progress)
    except _DownloadFailed as exc:
        fix = "make room or fix the folder" if exc.local else "connect to the internet and retry"
        raise ModelUnavailable(
            f"could not download Whisper model {model!r} to {target}: {exc}; {fix}, "
            "or use --model PATH with a checkpoint file you already have"
        ) from None
    return target


class _DownloadFailed(Exception):
    """Why a download did not produce a verified file (message is a short reason).

    `local`: the fault is on this machine (disk full, folder not writable), not the network.
    """

    def __init__(self, reason: str, *, local: bool = False) -> None:
        super().__init__(reason)
        self.local = local


def _download(url: str, target: Path, sha256: str, progress: Progress | None) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=target.name + ".", suffix=".part", dir=target.parent
        )
    except OSError as exc:
        raise _DownloadFailed(
            f"cannot write to the cache folder ({_reason(exc)})", local=True
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            done, total, digest = _stream(url, out, progress)
        if total and done != total:
            raise _DownloadFailed(f"the download stopped early ({done} of {total} bytes)")
        if digest != sha256:
            raise _DownloadFailed("the downloaded file failed its SHA256 check")
        os.replace(tmp, target)
    # OSError covers urllib's URLError, socket timeouts and a full disk; HTTPException a
    # connection cut mid-body; ValueError a malformed mirror URL.
    except (OSError, http.client.HTTPException, ValueError) as exc:
        local = isinstance(exc, OSError) and exc.errno in _LOCAL_ERRNOS
        raise _DownloadFailed(_reason(exc), local=local) from None
    finally:
        tmp.unlink(missing_ok=True)


def _stream(url: str, out: Any, progress: Progress | None) -> tuple[int, int, str]:
    digest = hashlib.sha256()
    done = 0
    with urllib.request.urlopen(url, timeout=_TIMEOUT_S) as source:
        total = int(source.headers.get("Content-Length") or 0)
        if progress is not None:
            progress(0, total)
        while block := source.read(_CHUNK):
            out.write(block)
            digest.update(block)
            done += len(block)
            if progress is not None:
                progress(done, total)
    return done, total, digest.hexdigest()


def _reason(exc: BaseException) -> str:
    """A short human reason for a network or disk failure."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"the server answered HTTP {exc.code}"
    if isinstance(exc, urllib.error.URLError):
        return f"offline or host unreachable ({exc.reason})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def load_whisper(
    model: str,
    *,
    download_root: Path | None = None,
    device: str = "cpu",
    progress: Progress | None = None,
) -> Whisper:
    """Resolve (downloading if needed) and load a Whisper model; ModelUnavailable on failure."""
    path = resolve_model(model, download_root, progress)
    import whisper

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            loaded = whisper.load_model(str(path), device=device)
    # A user's checkpoint can be any file: torch raises pickle, zip, key and size errors alike.
    except Exception as exc:
        first = (str(exc).strip().splitlines() or [""])[0][:120]
        reason = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
        if _is_name(model):
            raise ModelUnavailable(
                f"could not load Whisper model {model!r} from {path} ({reason}); delete the "
                "file to download it again, or use --model PATH with a checkpoint file"
            ) from None
        raise ModelUnavailable(f"{path} is not a usable Whisper checkpoint ({reason})") from None
    heads = getattr(whisper, "_ALIGNMENT_HEADS", {}).get(model)
    if heads is not None:
        # Loading by path skips whisper's per-model alignment heads; word timings need them.
        loaded.set_alignment_heads(heads)
    return loaded
