"""Train the couplet model: ``wenqi-cli couplet train`` (its arguments are declared in
``engine/couplet/cli.py``; :func:`run` takes them as :class:`TrainOptions`).

    wenqi-cli couplet train \
        --data ../shared/data/couplets-from-tang-song-poetry/pairs_train.jsonl.xz \
               ../shared/data/couplets-zijianzhao/train.jsonl.xz \
        --valid ../shared/data/couplets-from-tang-song-poetry/pairs_valid.jsonl.xz \
                ../shared/data/couplets-zijianzhao/valid.jsonl.xz \
        --repeat 1 2 --out runs/couplet/v1 --minutes 105 --threads 1 --export resources/models/couplet

A small Llama decoder over the pair, by default interleaved (``[BOS] 上联 [SEP] u1 l1 u2 l2 …
[EOS]``, engine.couplet.layout.PairLayout): it sees the whole upper line, the lower line so far
and the upper character it answers. A stopped run resumes from ``OUT/checkpoint`` when started again with
the same command; the model with the lowest lower-line loss on the validation pairs is in
``OUT/best``; ``--export DIR`` writes it as fp16 with its tokenizer and the position-alignment
prior counted from the same pairs (``engine.couplet.alignment``), ready for ``ModelStore``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from engine.couplet.layout import INTERLEAVED, LAYOUT_KEY

if TYPE_CHECKING:
    from engine.training import TrainConfig

# torch, transformers and the data modules are imported where used, so that ``wenqi-cli
# couplet train --help`` (which declares these arguments) starts fast.

MODEL_SIZES = {
    # name: (hidden, layers, heads, mlp)
    "tiny": (32, 2, 2, 64),
    "small": (128, 4, 4, 384),
    "base": (192, 6, 6, 512),
}
MAX_POSITIONS = 96  # [BOS] 40 [SEP] 40 [EOS], with room


def model_config(tokenizer, size: str = "small", layout: str = INTERLEAVED):
    from transformers import LlamaConfig

    hidden, layers, heads, mlp = MODEL_SIZES[size]
    return LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=heads,
        intermediate_size=mlp,
        max_position_embeddings=MAX_POSITIONS,
        tie_word_embeddings=True,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        **{LAYOUT_KEY: layout},  # type: ignore[arg-type]  # a config keeps any other keyword as an attribute; transformers' signature types only its own
    )


def new_model(tokenizer, size: str = "small", seed: int = 0, layout: str = INTERLEAVED):
    """A freshly initialised couplet model for ``tokenizer``."""
    import torch
    from transformers import LlamaForCausalLM

    torch.manual_seed(seed)
    return LlamaForCausalLM(model_config(tokenizer, size, layout))


def lower_line_loss(batches: list[dict], layout):
    """Mean loss over the lower line and its [EOS] only: what the writer is chosen on."""
    import torch

    def loss(model) -> float:
        device = next(model.parameters()).device
        total, count = 0.0, 0
        for batch in batches:
            ids = batch["input_ids"].to(device)
            logits = model(input_ids=ids).logits[:, :-1].float()
            targets = ids[:, 1:]
            mask = torch.tensor(layout.lower_targets(ids.shape[1]), device=device).expand_as(targets)
            total += float(torch.nn.functional.cross_entropy(logits[mask], targets[mask], reduction="sum"))
            count += int(mask.sum())
        return total / max(count, 1)

    return loss


def line_loss(batches: list[dict]):
    """Mean loss over every token after [BOS] of ``[BOS] line [SEP]`` batches: what the
    upper-line model (``--upper-lines``) is chosen on."""
    import torch

    def loss(model) -> float:
        device = next(model.parameters()).device
        total, count = 0.0, 0
        for batch in batches:
            ids = batch["input_ids"].to(device)
            logits = model(input_ids=ids).logits[:, :-1].float()
            total += float(torch.nn.functional.cross_entropy(logits.flatten(0, 1), ids[:, 1:].flatten(), reduction="sum"))
            count += ids[:, 1:].numel()
        return total / max(count, 1)

    return loss


def valid_metrics(named_batches: dict[str, list[dict]], layout=None):
    """``evaluate(model)`` for the loop: lower-line loss (upper lines alone without a
    ``layout``) per validation set and their mean."""
    losses = {name: lower_line_loss(batches, layout) if layout else line_loss(batches)
              for name, batches in named_batches.items()}

    def evaluate(model) -> dict[str, float]:
        metrics = {f"valid_loss_{name}": round(fn(model), 4) for name, fn in losses.items()}
        metrics["valid_loss"] = round(sum(metrics.values()) / len(metrics), 4)
        return metrics

    return evaluate


def load_or_build_tokenizer(out: Path, pairs: list[tuple[str, str]], min_count: int, init: Path | None = None):
    """The run's tokenizer: the ``init`` model's when continuing one, else built from the
    training pairs once; reused when resuming."""
    from transformers import AutoTokenizer

    from engine.couplet.tokens import build_tokenizer, characters_by_frequency

    folder = out / "tokenizer"
    if (folder / "tokenizer.json").is_file():
        return AutoTokenizer.from_pretrained(folder)
    if init is not None:
        tokenizer = AutoTokenizer.from_pretrained(init)
    else:
        tokenizer = build_tokenizer(characters_by_frequency((c for pair in pairs for c in pair), min_count))
    tokenizer.save_pretrained(folder)
    return tokenizer


def export(run_dir: Path, out: Path) -> None:
    """The best checkpoint as fp16 safetensors plus the tokenizer and the alignment prior: a
    bundled-model folder."""
    import shutil

    import torch
    from transformers import AutoTokenizer, LlamaForCausalLM

    from engine.couplet.alignment import FILE_NAME
    from engine.training import save_exported_model

    model = LlamaForCausalLM.from_pretrained(run_dir / "best", dtype=torch.float16)
    save_exported_model(model, out)
    AutoTokenizer.from_pretrained(run_dir / "tokenizer").save_pretrained(out)
    if (run_dir / FILE_NAME).is_file():
        shutil.copyfile(run_dir / FILE_NAME, Path(out) / FILE_NAME)


@dataclass
class TrainOptions:
    """What ``couplet train`` trains on and from; the loop's own settings are a TrainConfig."""

    data: list[str]
    valid: list[str]
    repeat: list[int] = field(default_factory=list)  # times each data file is used per epoch (default 1 each)
    valid_limit: int = 2000  # pairs used from each valid file
    size: str = "small"  # a key of MODEL_SIZES
    layout: str = INTERLEAVED  # a new model's sequence layout (an --init model keeps its own)
    min_count: int = 3  # rarer characters become [UNK]
    limit: int | None = None  # read only the first N pairs of each file
    upper_lines: bool = False  # a language model of the upper lines alone (the 藏头/嵌字 writer)
    alignment_weight: float = 2.0  # weight of the position-alignment prior when writing (0: none)
    init: Path | None = None  # continue from this model folder
    export: str | None = None  # write the best model here as fp16 when done


def run(options: TrainOptions, config: TrainConfig) -> int:
    """Train (or continue) the couplet model with the shared loop; 0 when it took a step."""
    from functools import partial

    import torch

    from engine.couplet.alignment import FILE_NAME as ALIGNMENT_FILE
    from engine.couplet.alignment import AlignmentTable
    from engine.couplet.data import (batch_stream, collate, collate_lines, encode_lines, encode_pairs,
                                     fixed_batches, read_pairs)
    from engine.couplet.layout import PairLayout
    from engine.training import train

    repeats = options.repeat + [1] * (len(options.data) - len(options.repeat))
    pairs = [pair for path, times in zip(options.data, repeats) for pair in read_pairs([path], options.limit) * times]
    out = Path(config.out_dir)
    tokenizer = load_or_build_tokenizer(out, pairs, options.min_count, options.init)
    if options.alignment_weight > 0 and not options.upper_lines:
        AlignmentTable.count(pairs, tokenizer).save(out / ALIGNMENT_FILE, weight=options.alignment_weight)
    valid = {Path(p).parent.name: read_pairs([p], options.valid_limit) for p in options.valid}
    print(json.dumps({"event": "data", "train_pairs": len(pairs), "vocab": len(tokenizer),
                      **{f"valid_{k}": len(v) for k, v in valid.items()}}), flush=True)
    if config.threads:
        torch.set_num_threads(config.threads)
    if options.init is not None:
        from transformers import LlamaForCausalLM

        model = LlamaForCausalLM.from_pretrained(options.init, dtype=torch.float32)
    else:
        model = new_model(tokenizer, options.size, config.seed, options.layout)
    layout = PairLayout.of(model.config, tokenizer)
    pad = tokenizer.pad_token_id
    valid_layout: PairLayout | None  # None: upper lines alone, scored whole
    if options.upper_lines:
        def encode(some_pairs):
            return encode_lines([up for up, _ in some_pairs], tokenizer)
        collate_fn, valid_layout = collate_lines, None
    else:
        def encode(some_pairs):
            return encode_pairs(some_pairs, tokenizer, layout)
        collate_fn, valid_layout = partial(collate, layout=layout), layout
    make_batches = batch_stream(encode(pairs), config.batch_tokens, pad, collate_fn, seed=config.seed)
    valid_batches = {name: fixed_batches(encode(v), config.batch_tokens, pad, collate_fn) for name, v in valid.items()}
    evaluate = valid_metrics(valid_batches, valid_layout)
    state = train(config, model, make_batches, evaluate, log=lambda record: print(json.dumps(record), flush=True))
    if options.export and (out / "best").is_dir():
        export(out, Path(options.export))
    return 0 if state["step"] else 1



if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    from engine.cli import main

    sys.exit(main(["couplet", "train", *sys.argv[1:]]))
