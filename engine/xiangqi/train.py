"""Train the xiangqi GPT: ``python -m engine.xiangqi.train`` or ``wenqi-cli xiangqi train``.

    python -m engine.xiangqi.train --data ../shared/data/xiangqi-ccpd/games_train.jsonl.xz \
        --valid ../shared/data/xiangqi-ccpd/games_valid.jsonl.xz --out runs/xq/v1 --minutes 60

Runs on the CPU, one GPU, or several (``torchrun --nproc-per-node N -m engine.xiangqi.train``).
A stopped run resumes from ``OUT/checkpoint`` when started again with the same command; the
best model on the validation games is in ``OUT/best``; ``--export DIR`` writes it as fp16
with its tokenizer, ready for ``ModelStore``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from engine.training_args import add_loop_arguments

if TYPE_CHECKING:
    import torch

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


def model_config(size: str = "small", max_positions: int = 1024, arch: str = "moves"):
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


def new_model(arch: str, size: str):
    from transformers import LlamaForCausalLM

    from engine.xiangqi.board_gpt import XiangqiBoardGptForCausalLM

    config = model_config(size, arch=arch)
    return XiangqiBoardGptForCausalLM(config) if arch == "board" else LlamaForCausalLM(config)


def load_model(folder: Path, dtype=None):
    """A saved xiangqi GPT of either architecture."""
    from transformers import AutoModelForCausalLM

    from engine.xiangqi.board_gpt import register_architecture

    register_architecture()
    return AutoModelForCausalLM.from_pretrained(folder, dtype=dtype)


def valid_metrics(batches: list[dict[str, torch.Tensor]]):
    """``evaluate(model)`` for the loop: loss and unmasked top-1 over the validation moves."""

    import torch

    from engine.xiangqi.gpt_data import IGNORE

    def evaluate(model: torch.nn.Module) -> dict[str, float]:
        device = next(model.parameters()).device
        total_loss, correct, count = 0.0, 0, 0
        for batch in batches:
            inputs = {k: v.to(device) for k, v in batch.items() if k != "labels"}
            logits = model(**inputs).logits[:, :-1].float()
            targets = batch["labels"][:, 1:].to(device)
            mask = targets != IGNORE
            total_loss += float(torch.nn.functional.cross_entropy(logits[mask], targets[mask], reduction="sum"))
            correct += int((logits.argmax(-1)[mask] == targets[mask]).sum())
            count += int(mask.sum())
        return {"valid_loss": round(total_loss / count, 4), "valid_top1_unmasked": round(correct / count, 4)}

    return evaluate


def export(best_dir: Path, out: Path) -> None:
    """The best checkpoint as fp16 safetensors plus the tokenizer: a bundled-model folder."""
    import torch

    from engine.training import save_exported_model
    from engine.xiangqi.tokens import build_tokenizer

    model = load_model(best_dir, dtype=torch.float16)
    save_exported_model(model, out)
    build_tokenizer().save_pretrained(out)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", nargs="+", required=True, help="training games (JSON lines, .xz ok)")
    parser.add_argument("--valid", required=True, help="validation games: choose the model on these")
    parser.add_argument("--exclude", nargs="*", default=[], help="games never to train on (test sets)")
    parser.add_argument("--size", choices=sorted(MODEL_SIZES), default="small")
    parser.add_argument("--arch", choices=ARCHITECTURES, default="board",
                        help="board: the board-aware GPT (default); moves: the move-only GPT")
    parser.add_argument("--features-cache", type=Path, default=FEATURES_CACHE,
                        help="where the games' board features are kept between runs")
    add_loop_arguments(parser, max_steps=100_000, batch_tokens=8192, lr=2e-3, min_lr=1e-4, warmup=200,
                       eval_every=250, checkpoint_minutes=3.0, precision="bf16", compile=True,
                       precision_help="bf16 autocast: with --compile the fastest on this CPU (engine/TRAINING.md)")
    parser.add_argument("--no-mirror", action="store_true", help="do not add a<->i mirrored games")
    parser.add_argument("--position-share", type=float, default=0.2, help="share of board-prefix sequences")
    parser.add_argument("--unknown-result-share", type=float, default=0.2)
    parser.add_argument("--dropout", type=float, default=None,
                        help="board GPT: dropout on its residual branches while training (default: the model's, 0)")
    parser.add_argument("--label-smoothing", type=float, default=None,
                        help="board GPT: label smoothing of the training loss (default: the model's, 0)")


def run(args: argparse.Namespace) -> int:
    import time

    import torch

    from engine.training import train
    from engine.training_args import loop_config
    from engine.xiangqi.board_gpt import XiangqiBoardGptForCausalLM
    from engine.xiangqi.gpt_data import GameFeatures, SequenceMix, eval_batches, make_batch_stream, read_games

    games = read_games(args.data, exclude=[args.valid, *args.exclude])
    valid = read_games([args.valid])
    print(json.dumps({"event": "data", "train_games": len(games), "valid_games": len(valid)}), flush=True)
    config = loop_config(args)
    torch.manual_seed(args.seed)
    model = load_model(args.init, torch.float32) if args.init is not None else new_model(args.arch, args.size)
    board = isinstance(model, XiangqiBoardGptForCausalLM)
    for flag, name, value in (("--dropout", "hidden_dropout", args.dropout),
                              ("--label-smoothing", "label_smoothing", args.label_smoothing)):
        if value is not None:
            if not board:
                raise SystemExit(f"{flag} is for the board GPT (--arch board)")
            setattr(model.config, name, value)
    train_features = valid_features = None
    if board:
        started = time.monotonic()
        train_features = GameFeatures.compute(games, args.features_cache)
        valid_features = GameFeatures.compute(valid, args.features_cache)
        games, valid = train_features.legal_games(games), valid_features.legal_games(valid)
        print(json.dumps({"event": "features", "positions": len(train_features.starts) - 1,
                          "indices": len(train_features.flat), "seconds": round(time.monotonic() - started, 1)}),
              flush=True)
    mix = SequenceMix(not args.no_mirror, args.unknown_result_share, args.position_share)
    make_batches = make_batch_stream(games, config.batch_tokens, mix, seed=args.seed, features=train_features)
    evaluate = valid_metrics(eval_batches(valid, config.batch_tokens, valid_features))
    state = train(config, model, make_batches, evaluate, log=lambda record: print(json.dumps(record), flush=True))
    best = Path(args.out) / "best"
    if args.export and best.is_dir():
        export(best, Path(args.export))
    return 0 if state["step"] else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.xiangqi.train", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
