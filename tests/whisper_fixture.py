"""A real Whisper checkpoint with tiny dimensions and random weights, built once per run.

Whisper weights cannot be downloaded in CI, so the transcriber is tested through the real
`whisper.load_model` on this file. English-only vocabulary (51864 tokens, as the .en models
use), so whisper neither detects a language nor needs the multilingual tokenizer. Random
weights never emit end-of-text: tests cap decoding with the transcriber's `sample_len`.
"""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest

TINY_DIMS = {
    "n_mels": 80,
    "n_audio_ctx": 1500,
    "n_audio_state": 64,
    "n_audio_head": 2,
    "n_audio_layer": 2,
    "n_vocab": 51864,
    "n_text_ctx": 448,
    "n_text_state": 64,
    "n_text_head": 2,
    "n_text_layer": 2,
}
TEST_SAMPLE_LEN = 8  # tokens per window: enough for segments and words, fast to decode


def build_tiny_checkpoint(path: Path, *, seed: int = 0) -> Path:
    """Write a random-weight Whisper checkpoint in whisper's own format to `path`."""
    import torch
    from whisper.model import ModelDimensions, Whisper

    torch.manual_seed(seed)
    dims = ModelDimensions(**TINY_DIMS)
    model = Whisper(dims)
    with torch.no_grad():
        # Created with torch.empty: uninitialised memory, possibly NaN, unless set here.
        model.decoder.positional_embedding.normal_(0.0, 0.01)
    state = model.state_dict()
    torch.save({"dims": asdict(dims), "model_state_dict": state}, path)
    return path


@pytest.fixture(scope="session")
def tiny_whisper_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of the tiny random-weight checkpoint (.pt), for `--model PATH` and the like."""
    return build_tiny_checkpoint(tmp_path_factory.mktemp("whisper") / "tiny-random.pt")


@pytest.fixture
def one_torch_thread() -> Iterator[None]:
    """Run torch single-threaded for the test, then restore the previous setting.

    The tiny model's matrices are too small to gain from threads, and on a busy shared CPU
    OpenMP's spin-waiting made two threads 2-50x slower than one (measured: 12 decodes of
    the same clip, 0.2-1.1 s each with one thread, 1.2-18 s with two).
    """
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


class ModelServer:
    """A static file server on 127.0.0.1 in a thread; counts the requests it answers."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.requests: list[str] = []
        self.truncate_to: int | None = None  # send this many bytes but announce the full size
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, directory=str(root), **kwargs)

            def do_GET(self) -> None:
                server.requests.append(self.path)
                if server.truncate_to is None:
                    return super().do_GET()
                data = (root / self.path.lstrip("/")).read_bytes()
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: server.truncate_to])
                self.close_connection = True
                return None

            def log_message(self, *args: object) -> None:
                pass  # keep the test output clean

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def publish(self, sha: str, filename: str, data: bytes) -> None:
        """Serve `data` at /<sha>/<filename>."""
        (self.root / sha).mkdir(parents=True, exist_ok=True)
        (self.root / sha / filename).write_bytes(data)

    def close(self) -> None:
        """Stop serving and free the port."""
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def model_server(tmp_path: Path) -> Iterator[ModelServer]:
    """A local HTTP server standing in for whisper's model host (no internet in tests)."""
    server = ModelServer(tmp_path / "served")
    yield server
    server.close()


def catalogue_tiny_model(monkeypatch: pytest.MonkeyPatch, name: str, data: bytes) -> str:
    """Add `name` to whisper's model catalogue with the SHA256 of `data`; returns the hash."""
    import whisper

    sha = hashlib.sha256(data).hexdigest()
    url = f"https://openaipublic.example/main/whisper/models/{sha}/{name}.pt"
    monkeypatch.setitem(whisper._MODELS, name, url)
    return sha
