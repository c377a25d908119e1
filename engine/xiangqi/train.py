"""Train the xiangqi GPT: ``wenqi-cli xiangqi train`` (its arguments are declared in
``engine/xiangqi/cli.py``; :func:`run` takes them as :class:`TrainOptions` and the loop's
``TrainConfig``).

    wenqi-cli xiangqi train --data ../shared/data/xiangqi-ccpd/games_train.jsonl.xz \
        --valid ../shared/data/xiangqi-ccpd/games_valid.jsonl.xz --out runs/xq/v1 --minutes 60

Runs on the CPU, one GPU, or several (``torchrun --nproc-per-node N -m engine xiangqi train ...``).
A stopped run resumes from ``OUT/checkpoint`` when started again with the same command; the
best model on the validation games is in ``OUT/best``; ``--export DIR`` writes it as fp16
with its tokenizer, ready for ``ModelStore``. ``python -m engine.xiangqi.train ARGS`` still
works: it runs ``wenqi-cli xiangqi train ARGS``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch
    from transformers import LlamaConfig, PreTrainedModel

    from engine.training import TrainConfig

# torch and transformers are imported where used, so that building the CLI's parser
# (which declares this command's arguments) stays fast.

MODEL_SIZES = {
    # name: (hidden, layers, heads, mlp)
    "tiny": (32, 2, 2, 64),
    "small": (128, 4, 4, 384),
    "base": (192, 6, 6, 512),
    "wide": (256, 2, 4, 768),  # same compute per token as base, half the depth
}


ARCHITECTURES = ("board", "moves")
"""``board``: the board-aware GPT (``engine.xiangqi.board_gpt``); ``moves``: the move-only Llama."""
FEATURES_CACHE = Path.home() / "wenqi-runs" / "xiangqi-features"


def model_config(size: str = "small", max_positions: int = 1024, arch: str = "moves") -> LlamaConfig:
    """A small Llama with tied embeddings (the board GPT's config for ``arch="board"``);
    ``max_positions`` covers the longest games."""
    from transformers import LlamaConfig

    from engine.xiangqi.board_gpt import XiangqiBoardGptConfig

    from engine.xiangqi.tokens import EOS, PAD, START, vocabulary

    hidden, layers, heads, mlp = MODEL_SIZES[size]
    vocab = vocabulary()
    config_class = XiangqiBoardGptConfig if arch == "board" else LlamaConfig
    return config_class(
        vocab_size=len(vocab),
        hidden_size=hidden,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=heads,
        intermediate_size=mlp,
        max_position_embeddings=max_positions,
        tie_word_embeddings=True,
        pad_token_id=vocab[PAD],
        bos_token_id=vocab[START],
        eos_token_id=vocab[EOS],
        attention_dropout=0.0,
    )


def new_model(arch: str, size: str) -> PreTrainedModel:
    from transformers import LlamaForCausalLM

    from engine.xiangqi.board_gpt import XiangqiBoardGptConfig, XiangqiBoardGptForCausalLM

    config = model_config(size, arch=arch)
    if isinstance(config, XiangqiBoardGptConfig):
        return XiangqiBoardGptForCausalLM(config)
    return LlamaForCausalLM(config)


def load_model(folder: Path, dtype: torch.dtype | None = None) -> PreTrainedModel:
    """A saved xiangqi GPT of either architecture."""
    from transformers import AutoModelForCausalLM

    from engine.xiangqi.board_gpt import register_architecture

    register_architecture()
    return AutoModelForCausalLM.from_pretrained(folder, dtype=dtype)


def export(best_dir: Path, out: Path) -> None:
    """The best checkpoint as fp16 safetensors plus the tokenizer: a bundled-model folder."""
    import torch

    from engine.training import save_exported_model
    from engine.xiangqi.tokens import build_tokenizer

    model = load_model(best_dir, dtype=torch.float16)
    save_exported_model(model, out)
    build_tokenizer().save_pretrained(out)


@dataclass
class TrainOptions:
    """What ``xiangqi train`` trains on and from; the loop's own settings are a TrainConfig."""

    data: list[str]
    valid: str  # validation games: the model is chosen on these
    exclude: list[str] = field(default_factory=list)  # games never to train on (test sets)
    size: str = "small"  # a key of MODEL_SIZES
    arch: str = "board"  # one of ARCHITECTURES
    features_cache: Path = FEATURES_CACHE  # where the games' board features are kept between runs
    mirror: bool = True  # also train on a<->i mirrored games
    position_share: float = 0.2  # share of board-prefix sequences
    unknown_result_share: float = 0.2  # share of sequences whose result token says unknown
    dropout: float | None = None  # board GPT: dropout on its residual branches (None: the model's, 0)
    label_smoothing: float | None = None  # board GPT: label smoothing of the loss (None: the model's, 0)
    init: Path | None = None  # continue from this model folder
    export: str | None = None  # write the best model here as fp16 when done


def run(options: TrainOptions, config: TrainConfig) -> int:
    """Train (or continue) the xiangqi GPT with the shared loop; 0 when it took a step."""
    import time

    import torch

    from engine.training import causal_lm_metrics, train
    from engine.xiangqi.board_gpt import XiangqiBoardGptForCausalLM
    from engine.xiangqi.gpt_data import GameFeatures, SequenceMix, eval_batches, make_batch_stream, read_games

    games = read_games(options.data, exclude=[options.valid, *options.exclude])
    valid = read_games([options.valid])
    print(json.dumps({"event": "data", "train_games": len(games), "valid_games": len(valid)}), flush=True)
    torch.manual_seed(config.seed)
    model = load_model(options.init, torch.float32) if options.init is not None else new_model(options.arch, options.size)
    board = isinstance(model, XiangqiBoardGptForCausalLM)
    for flag, name, value in (("--dropout", "hidden_dropout", options.dropout),
                              ("--label-smoothing", "label_smoothing", options.label_smoothing)):
        if value is not None:
            if not board:
                raise ValueError(f"{flag} is for the board GPT (--arch board)")
            setattr(model.config, name, value)
    train_features = valid_features = None
    if board:
        started = time.monotonic()
        train_features = GameFeatures.compute(games, options.features_cache)
        valid_features = GameFeatures.compute(valid, options.features_cache)
        games, valid = train_features.legal_games(games), valid_features.legal_games(valid)
        print(json.dumps({"event": "features", "positions": len(train_features.starts) - 1,
                          "indices": len(train_features.flat), "seconds": round(time.monotonic() - started, 1)}),
              flush=True)
    mix = SequenceMix(options.mirror, options.unknown_result_share, options.position_share)
    make_batches = make_batch_stream(games, config.batch_tokens, mix, seed=config.seed, features=train_features)
    evaluate = causal_lm_metrics(eval_batches(valid, config.batch_tokens, valid_features))
    state = train(config, model, make_batches, evaluate, log=lambda record: print(json.dumps(record), flush=True))
    best = Path(config.out_dir) / "best"
    if options.export and best.is_dir():
        export(best, Path(options.export))
    return 0 if state["step"] else 1


if __name__ == "__main__":  # the verb lives in the CLI; this name still works (resumed runs use it)
    from engine.cli import main

    sys.exit(main(["xiangqi", "train", *sys.argv[1:]]))
