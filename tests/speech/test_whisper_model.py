"""Finding, downloading and loading Whisper models. Downloads go to a real HTTP server on
127.0.0.1 (the `model_server` fixture) that serves files in whisper's "<sha256>/<name>.pt"
layout; the model catalogue gets a test entry whose checksum is the tiny checkpoint's."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from whisper.model import Whisper

from speech.errors import ModelUnavailable
from speech.transcriber import WhisperTranscriber
from speech.whisper_model import (
    URL_BASE_ENV,
    default_root,
    load_whisper,
    model_status,
    resolve_model,
)
from tests.whisper_fixture import TINY_DIMS, ModelServer, catalogue_tiny_model

pytestmark = [pytest.mark.whisper, pytest.mark.usefixtures("one_torch_thread")]

NAME = "tiny-test.en"


@pytest.fixture
def checkpoint_bytes(tiny_whisper_checkpoint: Path) -> bytes:
    return tiny_whisper_checkpoint.read_bytes()


@pytest.fixture
def catalogued(monkeypatch: pytest.MonkeyPatch, checkpoint_bytes: bytes) -> str:
    """A model name in whisper's catalogue whose SHA256 is the tiny checkpoint's."""
    monkeypatch.delenv(URL_BASE_ENV, raising=False)
    return catalogue_tiny_model(monkeypatch, NAME, checkpoint_bytes)


@pytest.fixture
def server(model_server: ModelServer) -> ModelServer:
    return model_server


def _one_line(exc: pytest.ExceptionInfo[ModelUnavailable]) -> str:
    message = str(exc.value)
    assert "\n" not in message and message
    return message


def test_download_reports_progress_and_verifies(
    tmp_path: Path, server: ModelServer, catalogued: str, checkpoint_bytes: bytes
) -> None:
    server.publish(catalogued, f"{NAME}.pt", checkpoint_bytes)
    root = tmp_path / "models"
    calls: list[tuple[int, int]] = []
    path = resolve_model(NAME, root, lambda done, total: calls.append((done, total)),
                         url_base=server.url)
    assert path == root / f"{NAME}.pt"
    assert path.read_bytes() == checkpoint_bytes
    size = len(checkpoint_bytes)
    assert calls[0] == (0, size) and calls[-1] == (size, size)
    assert len(calls) > 10, "progress comes as the bytes arrive"
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert {t for _, t in calls} == {size}
    assert sorted(p.name for p in root.iterdir()) == [f"{NAME}.pt"], "no temp file left"
    assert server.requests == [f"/{catalogued}/{NAME}.pt"]

    # Cached now: no second request, and the status says so.
    assert resolve_model(NAME, root, url_base=server.url) == path
    assert len(server.requests) == 1
    status = model_status(NAME, root)
    assert (status.ok, status.cached, status.path) == (True, True, path)


def test_downloaded_model_loads_through_the_transcriber(
    tmp_path: Path, server: ModelServer, catalogued: str, checkpoint_bytes: bytes,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    server.publish(catalogued, f"{NAME}.pt", checkpoint_bytes)
    monkeypatch.setenv(URL_BASE_ENV, server.url)
    seen: list[int] = []
    t = WhisperTranscriber(model=NAME, word_timestamps=False)  # default root: the app cache
    t.load(lambda done, total: seen.append(done))
    assert t.loaded and seen[-1] == len(checkpoint_bytes)
    assert (default_root() / f"{NAME}.pt").is_file()


def test_checksum_mismatch_is_refused(
    tmp_path: Path, server: ModelServer, catalogued: str
) -> None:
    server.publish(catalogued, f"{NAME}.pt", b"not the model you are looking for" * 1000)
    root = tmp_path / "models"
    with pytest.raises(ModelUnavailable) as exc:
        resolve_model(NAME, root, url_base=server.url)
    message = _one_line(exc)
    assert "SHA256" in message and repr(NAME) in message
    assert str(root / f"{NAME}.pt") in message and "--model PATH" in message
    assert list(root.iterdir()) == [], "nothing half-written is left behind"


def test_connection_cut_mid_download(
    tmp_path: Path, server: ModelServer, catalogued: str, checkpoint_bytes: bytes
) -> None:
    server.publish(catalogued, f"{NAME}.pt", checkpoint_bytes)
    server.truncate_to = len(checkpoint_bytes) // 3
    root = tmp_path / "models"
    with pytest.raises(ModelUnavailable) as exc:
        resolve_model(NAME, root, url_base=server.url)
    assert NAME in _one_line(exc)
    assert list(root.iterdir()) == []


def test_not_on_the_server(tmp_path: Path, server: ModelServer, catalogued: str) -> None:
    with pytest.raises(ModelUnavailable) as exc:
        resolve_model(NAME, tmp_path / "models", url_base=server.url)
    assert "HTTP 404" in _one_line(exc)


def test_server_down(tmp_path: Path, catalogued: str) -> None:
    with socket.socket() as sock:  # a port that nothing listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    root = tmp_path / "models"
    with pytest.raises(ModelUnavailable) as exc:
        resolve_model(NAME, root, url_base=f"http://127.0.0.1:{port}")
    message = _one_line(exc)
    assert "offline or host unreachable" in message
    assert str(root / f"{NAME}.pt") in message and "--model PATH" in message
    assert list(root.iterdir()) == []


def test_cache_folder_unwritable(tmp_path: Path, catalogued: str) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(ModelUnavailable) as exc:
        resolve_model(NAME, blocker, url_base="http://127.0.0.1:9")
    assert "cache folder" in _one_line(exc)
    status = model_status(NAME, blocker)
    assert not status.ok and not status.cached


def test_a_corrupt_cached_copy_is_downloaded_again(
    tmp_path: Path, server: ModelServer, catalogued: str, checkpoint_bytes: bytes
) -> None:
    server.publish(catalogued, f"{NAME}.pt", checkpoint_bytes)
    root = tmp_path / "models"
    root.mkdir()
    (root / f"{NAME}.pt").write_bytes(checkpoint_bytes[:1000])  # an old interrupted copy
    assert not model_status(NAME, root).cached
    path = resolve_model(NAME, root, url_base=server.url)
    assert path.read_bytes() == checkpoint_bytes and len(server.requests) == 1


def test_whisper_cli_cache_is_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalogued: str, checkpoint_bytes: bytes
) -> None:
    """A model an earlier `whisper` run downloaded is used, not fetched again."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    existing = tmp_path / "xdg" / "whisper" / f"{NAME}.pt"
    existing.parent.mkdir(parents=True)
    existing.write_bytes(checkpoint_bytes)
    assert resolve_model(NAME, url_base="http://127.0.0.1:9") == existing
    status = model_status(NAME)
    assert (status.ok, status.cached, status.path) == (True, True, existing)


def test_status_of_a_model_not_downloaded_yet(tmp_path: Path) -> None:
    status = model_status("base.en", tmp_path / "models")
    assert status.ok and not status.cached
    assert status.path == tmp_path / "models" / "base.en.pt"
    assert "base.en" in status.detail and "first use" in status.detail


@pytest.mark.parametrize("name", ["base.english", "huge", "large-v9"])
def test_unknown_model_name_lists_the_valid_ones(name: str) -> None:
    with pytest.raises(ModelUnavailable) as exc:
        resolve_model(name)
    message = _one_line(exc)
    assert repr(name) in message
    assert "base.en" in message and "tiny.en" in message and "--model PATH" in message
    status = model_status(name)
    assert not status.ok and "base.en" in status.detail


def test_missing_checkpoint_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "model.pt"
    with pytest.raises(ModelUnavailable) as exc:
        resolve_model(str(missing))
    assert str(missing) in _one_line(exc)
    assert not model_status(str(missing)).ok


def test_a_folder_is_not_a_checkpoint(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable) as exc:
        resolve_model(str(tmp_path))
    assert "folder" in _one_line(exc)
    assert not model_status(str(tmp_path)).ok


@pytest.mark.parametrize(
    "content", [b"", b"this is a text file, not a checkpoint\n", b"PK\x03\x04broken zip"]
)
def test_a_file_that_is_not_a_checkpoint(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "model.pt"
    bad.write_bytes(content)
    with pytest.raises(ModelUnavailable) as exc:
        load_whisper(str(bad))
    assert str(bad) in _one_line(exc)


def test_checkpoint_path_loads(tiny_whisper_checkpoint: Path) -> None:
    status = model_status(str(tiny_whisper_checkpoint))
    assert (status.ok, status.cached, status.path) == (True, True, tiny_whisper_checkpoint)
    model = load_whisper(str(tiny_whisper_checkpoint))
    assert isinstance(model, Whisper)
    assert model.dims.n_text_state == TINY_DIMS["n_text_state"]
    assert not model.is_multilingual
