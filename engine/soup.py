"""Average the weights of models trained onward from one starting point (a "model soup",
Wortsman et al. 2022): ``wenqi-cli soup --out DIR MODEL_DIR MODEL_DIR ...``.

Continuations of the same weights stay in one basin of the loss, so their average is a
model too — often better than each, at no cost when it runs (unlike an ensemble, which
runs every model). Models that did not start from the same weights must not be averaged.
The soup is written as the bundled models are (fp16 safetensors shards), with the first
folder's tokenizer and generation settings; its model card is for the author to write.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import torch

from engine.runtime.store import ModelStore
from engine.training import save_exported_model

# What save_pretrained writes (or the author does: the card); the rest is copied over.
_WRITTEN = ("config.json", "generation_config.json", "model.safetensors", "model.safetensors.index.json", "README.md")


def average_weights(folders: list[str | Path]) -> torch.nn.Module:
    """The first folder's model holding the mean of every folder's parameters."""
    if len(folders) < 2:
        raise ValueError("A soup needs at least two model folders.")
    store = ModelStore()
    models = [store.load(folder, "cpu", torch.float32).model for folder in folders]
    states = [model.state_dict() for model in models]
    shapes = [{name: tensor.shape for name, tensor in state.items()} for state in states]
    if any(shape != shapes[0] for shape in shapes):
        raise ValueError("These models do not have the same parameters; only continuations of "
                         "one model can be averaged.")
    average = {name: sum(state[name].float() for state in states) / len(states) for name in states[0]}
    models[0].load_state_dict(average)
    return models[0]


def write_soup(folders: list[str | Path], out: str | Path) -> Path:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    save_exported_model(average_weights(folders).half(), out)
    for item in Path(folders[0]).iterdir():
        if item.is_file() and item.name not in _WRITTEN and not item.name.startswith("model-"):
            shutil.copy(item, out / item.name)  # the tokenizer
    return out


if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    from engine.cli import main

    sys.exit(main(["soup", *sys.argv[1:]]))
