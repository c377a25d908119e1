"""Train the summarizer's tagger: ``wenqi-cli summarize train`` (its arguments are declared in
``engine/summarize/cli.py``; :func:`run` takes them as :class:`TrainOptions`).

Each (text, summary) pair becomes one tagged window (``examples``): the text's lead window
and, per character, O / B / I from the spans the summary copies (``compression.copy_spans``).
Pairs whose summary copies no run of two characters teach nothing about what to keep and
are left out (counted in the ``data`` event). ``--repeat`` weights the files: LCSTS is
small and the hidden test is LCSTS, so it is repeated against the large news set.

    wenqi-cli summarize train --out runs/summ/tagger --size small --minutes 90 --threads 1 \\
        --data ../shared/data/summ-lcsts/clge_lcsts_train.jsonl.xz \\
               ../shared/data/summ-xwlb-news-titles/xwlb_title_pairs_train.jsonl.xz --repeat 4 1 \\
        --valid ../shared/data/summ-lcsts/clge_lcsts_val.jsonl.xz \\
                ../shared/data/summ-xwlb-news-titles/xwlb_title_pairs_valid.jsonl.xz \\
        --export runs/summ/model

A stopped run resumes from ``OUT/checkpoint`` when the same command runs again; the model with
the lowest validation loss is in ``OUT/best`` (with its tokenizer); ``--export DIR`` writes it
as fp16, ready for ``ModelStore``. Texts of ``--valid`` and ``--exclude`` files are never trained on.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from transformers import AutoTokenizer, BertForTokenClassification

from engine.summarize.compression import copy_spans, span_tags
from engine.summarize.data import Pair, read_pairs
from engine.summarize.tagger import build_tokenizer, encode_window, lead_window, tagger_config
from engine.training import IGNORE_INDEX as IGNORE
from engine.training import TrainConfig, endless_epochs, length_batches, save_exported_model, train

VALID_PAIRS_PER_FILE = 1000


@dataclass
class PairFiles:
    """The (text, summary) files a summarize model trains and is chosen on (``load_pairs``)."""

    data: list[str]
    valid: list[str]
    repeat: list[int] = field(default_factory=list)  # how often each data file is used per epoch
    exclude: list[str] = field(default_factory=list)  # files whose texts are never trained on (tests)


@dataclass
class TrainOptions(PairFiles):
    """What ``summarize train`` trains on and from; the loop's own settings are a TrainConfig."""

    size: str = "small"  # tiny, small (bundled) or base: engine.summarize.tagger
    vocab: int = 6000  # characters in a new tokenizer
    init: Path | None = None  # continue from this model folder
    export: str | None = None  # write the best model here as fp16 when done


@dataclass
class TaggedWindows:
    inputs: list[np.ndarray]
    tags: list[np.ndarray]

    def __len__(self) -> int:
        return len(self.inputs)


def example(text: str, summary: str) -> tuple[str, list[int]]:
    """A pair's training example: the lead window's text and its tags."""
    window = lead_window(text)
    return window.text, span_tags(len(window.text), copy_spans(window.text, " ".join(summary.split())))


def encode_examples(tokenizer, pairs: list[Pair]) -> tuple[TaggedWindows, int]:
    """The tagged windows of ``pairs`` and how many pairs were left out (nothing copied)."""
    data = TaggedWindows([], [])
    dropped = 0
    for pair in pairs:
        text, tags = example(pair.text, pair.summary)
        if not any(tags):
            dropped += 1
            continue
        data.inputs.append(np.asarray(encode_window(tokenizer, text), dtype=np.int32))
        data.tags.append(np.asarray(tags, dtype=np.int8))
    return data, dropped


def collate(data: TaggedWindows, indices, pad_id: int) -> dict[str, torch.Tensor]:
    width = max(len(data.inputs[i]) for i in indices)
    input_ids = torch.full((len(indices), width), pad_id, dtype=torch.long)
    labels = torch.full((len(indices), width), IGNORE, dtype=torch.long)
    for row, i in enumerate(indices):
        input_ids[row, :len(data.inputs[i])] = torch.from_numpy(data.inputs[i].astype(np.int64))
        labels[row, :len(data.tags[i])] = torch.from_numpy(data.tags[i].astype(np.int64))
    return {"input_ids": input_ids, "attention_mask": (input_ids != pad_id).long(), "labels": labels}


def make_batch_stream(data: TaggedWindows, batch_tokens: int, pad_id: int, seed: int = 0):
    """``make_batches(start, rank, world_size)`` for the shared loop: endless, resumable."""
    lengths = [len(x) for x in data.inputs]

    def make_batches(start: int, rank: int, world_size: int):
        def epoch_batches(epoch: int) -> list:
            return length_batches(lengths, batch_tokens, random.Random(seed * 100_003 + epoch))

        for batch in endless_epochs(epoch_batches, start, rank, world_size):
            yield collate(data, batch, pad_id)

    return make_batches


def valid_loss(data: TaggedWindows, batch_tokens: int, pad_id: int):
    """``evaluate(model)`` for the loop: mean cross-entropy per tagged character."""
    lengths = [len(x) for x in data.inputs]
    batches = [collate(data, b, pad_id) for b in length_batches(lengths, batch_tokens, random.Random(0))]

    def evaluate(model: torch.nn.Module) -> dict[str, float]:
        device = next(model.parameters()).device
        total, count = 0.0, 0
        for batch in batches:
            n = int((batch["labels"] != IGNORE).sum())
            total += float(model(**{k: v.to(device) for k, v in batch.items()}).loss) * n
            count += n
        return {"valid_loss": round(total / count, 4)}

    return evaluate


def load_pairs(files: PairFiles) -> tuple[list[Pair], list[Pair]]:
    """(training pairs, each data file repeated as ``files.repeat`` says; validation pairs, the
    first ``VALID_PAIRS_PER_FILE`` of each valid file), texts of valid and excluded files removed."""
    data, valid_files, exclude = files.data, files.valid, files.exclude
    repeats = files.repeat or [1] * len(data)
    if len(repeats) != len(data):
        raise ValueError(f"--repeat needs one count per --data file ({len(data)}), got {len(repeats)}")
    valid = [pair for path in valid_files for pair in read_pairs(path, VALID_PAIRS_PER_FILE)]
    held_out = {pair.text for path in valid_files + exclude for pair in read_pairs(path)}
    labelled: list[Pair] = []
    for path, times in zip(data, repeats):
        labelled.extend([pair for pair in read_pairs(path) if pair.text not in held_out] * times)
    if not valid or not labelled:
        raise ValueError("too little data: need training pairs (--data) and validation pairs (--valid)")
    return labelled, valid


def export(best_dir: Path, out: Path) -> None:
    """The best checkpoint as fp16 safetensors plus its tokenizer: a model folder for ModelStore."""
    model = BertForTokenClassification.from_pretrained(best_dir, dtype=torch.float16)
    save_exported_model(model, out)
    AutoTokenizer.from_pretrained(best_dir).save_pretrained(out)


def run(options: TrainOptions, config: TrainConfig) -> int:
    """Train (or continue) the tagger with the shared loop; 0 when it took a step."""
    labelled, valid = load_pairs(options)
    if options.init:
        tokenizer = AutoTokenizer.from_pretrained(options.init)
        model = BertForTokenClassification.from_pretrained(options.init, dtype=torch.float32)
    else:
        tokenizer = build_tokenizer((text for pair in labelled for text in (pair.text, pair.summary)),
                                    max_vocab=options.vocab)
        torch.manual_seed(config.seed)
        model = BertForTokenClassification(tagger_config(options.size, tokenizer))
    best = Path(config.out_dir) / "best"
    tokenizer.save_pretrained(best)  # the loop saves the weights beside it
    train_data, dropped = encode_examples(tokenizer, labelled)
    valid_data, valid_dropped = encode_examples(tokenizer, valid)
    print(json.dumps({"event": "data", "train_windows": len(train_data), "train_dropped": dropped,
                      "valid_windows": len(valid_data), "valid_dropped": valid_dropped,
                      "kept_share": round(float(np.mean([np.mean(t > 0) for t in train_data.tags])), 4),
                      "vocab": len(tokenizer), "parameters": sum(p.numel() for p in model.parameters())}),
          flush=True)
    pad = tokenizer.pad_token_id
    state = train(config, model, make_batch_stream(train_data, config.batch_tokens, pad, config.seed),
                  valid_loss(valid_data, config.batch_tokens, pad),
                  log=lambda record: print(json.dumps(record), flush=True))
    if options.export and (best / "config.json").is_file():
        export(best, Path(options.export))
    return 0 if state["step"] else 1


if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    from engine.cli import main

    sys.exit(main(["summarize", "train", *sys.argv[1:]]))
