"""A real Whisper checkpoint with tiny dimensions and random weights, built once per run.

Whisper weights cannot be downloaded in CI, so the transcriber is tested through the real
`whisper.load_model` on this file. English-only vocabulary (51864 tokens, as the .en models
use), so whisper neither detects a language nor needs the multilingual tokenizer. Random
weights never emit end-of-text: tests cap decoding with the transcriber's `sample_len`.
"""

from __future__ import annotations

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
