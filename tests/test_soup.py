"""The model soup: continuations of one model averaged into a model the store loads."""

import shutil

import pytest
import torch
from safetensors.torch import load_file, save_file

from engine.cli import main
from engine.runtime.store import ModelStore
from engine.soup import write_soup


def _continuation(source, folder, shift):
    """A copy of ``source`` whose every parameter moved by ``shift`` (as training would)."""
    shutil.copytree(source, folder)
    weights = load_file(folder / "model.safetensors")
    save_file({name: tensor + shift for name, tensor in weights.items()}, folder / "model.safetensors")
    return folder


def test_the_soup_holds_the_mean_of_the_weights(tiny_model_dir, tmp_path):
    a = _continuation(tiny_model_dir, tmp_path / "a", 0.5)
    b = _continuation(tiny_model_dir, tmp_path / "b", -0.25)
    out = write_soup([a, b], tmp_path / "soup")
    soup = ModelStore().load(out, "cpu", torch.float32)
    start = ModelStore().load(tiny_model_dir, "cpu", torch.float32).model.state_dict()
    for name, tensor in soup.model.state_dict().items():
        # fp16 on disk, as the bundled models are
        torch.testing.assert_close(tensor, start[name] + 0.125, atol=2e-3, rtol=2e-3)
    assert soup.tokenizer("a b").input_ids == ModelStore().load(a, "cpu", None).tokenizer("a b").input_ids
    assert not (out / "README.md").exists()  # the card is the author's to write


def test_models_of_different_shapes_are_refused(tiny_model_dir, tmp_path, capsys):
    from tests.conftest import make_tiny_gpt2
    other = make_tiny_gpt2(tmp_path / "longer", n_positions=64)
    assert main(["soup", str(tiny_model_dir), str(other), "--out", str(tmp_path / "soup")]) == 1
    assert "error:" in capsys.readouterr().err
    with pytest.raises(ValueError, match="at least two"):
        write_soup([tiny_model_dir], tmp_path / "soup")
