"""Train the summarizer: ``python -m engine.summarize.train`` or ``wenqi-cli summarize train``.

Two stages, one command shape, the shared loop of ``engine/training.py``:

    # 1. PEGASUS pretraining on unlabelled text (gap sentences; builds the tokenizer)
    python -m engine.summarize.train --out runs/summ/pretrain --size small --minutes 8 \
        --documents ../shared/data/summ-xwlb-news-titles/xwlb_title_pairs_train.jsonl.xz \
                    ../shared/data/text-cn-laws/cn_laws_lawrefbook.jsonl.xz \
                    ../shared/data/summ-lcsts/clge_lcsts_train.jsonl.xz
    # 2. fine-tuning on labelled pairs, starting from the pretrained model
    python -m engine.summarize.train --out runs/summ/finetune --init runs/summ/pretrain/best \
        --data ../shared/data/summ-lcsts/clge_lcsts_train.jsonl.xz \
               ../shared/data/summ-xwlb-news-titles/xwlb_title_pairs_train.jsonl.xz \
        --valid ../shared/data/summ-lcsts/clge_lcsts_val.jsonl.xz \
                ../shared/data/summ-xwlb-news-titles/xwlb_title_pairs_valid.jsonl.xz \
        --minutes 6 --lr 5e-4 --export runs/summ/model

A stopped run resumes from ``OUT/checkpoint`` when the same command is run again; the model
with the lowest validation loss is in ``OUT/best`` (with its tokenizer); ``--export DIR``
writes it as fp16, ready for ``ModelStore``. Texts of ``--valid`` and ``--exclude`` files are
never trained on. See engine/summarize/README.md for the whole recipe and its timings.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np
import torch
from transformers import AutoTokenizer, BartForConditionalGeneration

from engine.summarize.abstractive import fit_to_window
from engine.summarize.cli import add_train_arguments
from engine.summarize.data import Pair, read_documents, read_pairs
from engine.summarize.gsg import gap_sentence_pairs
from engine.summarize.model import (
    MODEL_SIZES,
    build_tokenizer,
    encode_sources,
    encode_targets,
    model_config,
    target_length_class,
)
from engine.summarize.text import count_chars
from engine.training import endless_epochs, save_exported_model, train
from engine.training_args import loop_config

IGNORE = -100
VALID_PAIRS_PER_FILE = 1000
_POOL_BATCHES = 50  # batches whose examples are sorted by length together


@dataclass
class EncodedPairs:
    sources: list[np.ndarray]
    targets: list[np.ndarray]

    def __len__(self) -> int:
        return len(self.sources)


def encode_pairs(tokenizer, pairs: list[Pair], fit: bool, chunk: int = 4096) -> EncodedPairs:
    """Token ids as compact arrays. ``fit`` cuts long labelled texts to their key sentences
    exactly as at inference (pretraining windows already fit)."""
    encoded = EncodedPairs([], [])
    for first in range(0, len(pairs), chunk):
        part = pairs[first:first + chunk]
        texts = [fit_to_window(p.text)[0] if fit else p.text for p in part]
        lengths = [target_length_class(count_chars(p.summary)) for p in part]
        encoded.sources.extend(np.asarray(ids, dtype=np.int32) for ids in encode_sources(tokenizer, texts, lengths))
        encoded.targets.extend(np.asarray(ids, dtype=np.int32)
                               for ids in encode_targets(tokenizer, [p.summary for p in part]))
    return encoded


def collate(data: EncodedPairs, indices, pad_id: int) -> dict[str, torch.Tensor]:
    sources = [data.sources[i] for i in indices]
    targets = [data.targets[i] for i in indices]
    input_ids = torch.full((len(indices), max(map(len, sources))), pad_id, dtype=torch.long)
    labels = torch.full((len(indices), max(map(len, targets))), IGNORE, dtype=torch.long)
    for row, (source, target) in enumerate(zip(sources, targets)):
        input_ids[row, :len(source)] = torch.from_numpy(source)
        labels[row, :len(target)] = torch.from_numpy(target)
    return {"input_ids": input_ids, "attention_mask": (input_ids != pad_id).long(), "labels": labels}


def plan_batches(data: EncodedPairs, batch_tokens: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One epoch of index batches: shuffled, grouped by length so little is padding, each of
    at most ``batch_tokens`` padded source + target tokens, in shuffled order."""
    cost = np.array([len(s) + len(t) for s, t in zip(data.sources, data.targets)])
    order = rng.permutation(len(data))
    pool = max(1, _POOL_BATCHES * batch_tokens // max(1, int(cost.mean())))
    batches: list[np.ndarray] = []
    for first in range(0, len(order), pool):
        chunk = order[first:first + pool]
        chunk = chunk[np.argsort(cost[chunk], kind="stable")]
        start = 0
        for end in range(1, len(chunk) + 1):
            if end < len(chunk) and (end + 1 - start) * cost[chunk[end]] <= batch_tokens:
                continue
            batches.append(chunk[start:end])
            start = end
    rng.shuffle(batches)
    return batches


def make_batch_stream(data: EncodedPairs, batch_tokens: int, pad_id: int, seed: int = 0):
    """``make_batches(start, rank, world_size)`` for the shared loop: endless, resumable."""

    def make_batches(start: int, rank: int, world_size: int):
        def epoch_batches(epoch: int) -> list:
            return plan_batches(data, batch_tokens, np.random.default_rng(seed + epoch))

        for batch in endless_epochs(epoch_batches, start, rank, world_size):
            yield collate(data, batch, pad_id)

    return make_batches


def valid_loss(data: EncodedPairs, batch_tokens: int, pad_id: int):
    """``evaluate(model)`` for the loop: mean cross-entropy per target token."""
    batches = [collate(data, b, pad_id) for b in plan_batches(data, batch_tokens, np.random.default_rng(0))]

    def evaluate(model: torch.nn.Module) -> dict[str, float]:
        device = next(model.parameters()).device
        total, tokens = 0.0, 0
        for batch in batches:
            count = int((batch["labels"] != IGNORE).sum())
            total += float(model(**{k: v.to(device) for k, v in batch.items()}).loss) * count
            tokens += count
        return {"valid_loss": round(total / tokens, 4)}

    return evaluate


def _texts_of(paths: list[str]) -> set[str]:
    return {pair.text for path in paths for pair in read_pairs(path)}


def load_training_pairs(args: argparse.Namespace) -> tuple[list[Pair], list[Pair], list[Pair]]:
    """(labelled train pairs, gap-sentence pairs, validation pairs), held-out texts removed."""
    valid = [pair for path in args.valid for pair in read_pairs(path, VALID_PAIRS_PER_FILE)]
    held_out = _texts_of(args.valid + args.exclude)
    labelled = [pair for path in args.data for pair in read_pairs(path) if pair.text not in held_out]
    gaps = [pair for path in args.documents for text in read_documents(path) if text.strip() not in held_out
            for pair in gap_sentence_pairs(text)]
    if not valid:  # pretraining only: hold out a slice of the gap-sentence pairs
        rng = np.random.default_rng(args.seed)
        rng.shuffle(gaps)
        size = min(VALID_PAIRS_PER_FILE, max(1, len(gaps) // 20))
        valid, gaps = gaps[:size], gaps[size:]
    if not valid or not (labelled or gaps):
        raise ValueError("too little data: need training pairs and at least one validation pair")
    return labelled, gaps, valid


def export(best_dir: Path, out: Path) -> None:
    """The best checkpoint as fp16 safetensors plus its tokenizer: a model folder for ModelStore."""
    model = BartForConditionalGeneration.from_pretrained(best_dir, dtype=torch.float16)
    save_exported_model(model, out)
    AutoTokenizer.from_pretrained(best_dir).save_pretrained(out)


def run(args: argparse.Namespace) -> int:
    if not args.documents and not args.data:
        raise ValueError("give --documents (pretraining) and/or --data (fine-tuning)")
    if args.size not in MODEL_SIZES:
        raise ValueError(f"unknown --size {args.size!r}; choose one of {', '.join(MODEL_SIZES)}")
    labelled, gaps, valid = load_training_pairs(args)
    if args.init:
        tokenizer = AutoTokenizer.from_pretrained(args.init)
        model = BartForConditionalGeneration.from_pretrained(args.init, dtype=torch.float32)
    else:
        texts = chain((p.text for p in labelled), (p.summary for p in labelled), (p.text for p in gaps))
        tokenizer = build_tokenizer(texts, max_vocab=args.vocab)
        torch.manual_seed(args.seed)
        model = BartForConditionalGeneration(model_config(args.size, tokenizer))
    best = Path(args.out) / "best"
    tokenizer.save_pretrained(best)  # the loop saves the weights beside it
    train_data = encode_pairs(tokenizer, labelled, fit=True)
    gap_data = encode_pairs(tokenizer, gaps, fit=False)
    train_data = EncodedPairs(train_data.sources + gap_data.sources, train_data.targets + gap_data.targets)
    valid_data = encode_pairs(tokenizer, valid, fit=True)
    print(json.dumps({"event": "data", "labelled_pairs": len(labelled), "gap_sentence_pairs": len(gaps),
                      "valid_pairs": len(valid), "vocab": len(tokenizer),
                      "parameters": sum(p.numel() for p in model.parameters())}), flush=True)
    config = loop_config(args)
    pad = tokenizer.pad_token_id
    state = train(config, model, make_batch_stream(train_data, config.batch_tokens, pad, args.seed),
                  valid_loss(valid_data, config.batch_tokens, pad),
                  log=lambda record: print(json.dumps(record), flush=True))
    if args.export and (best / "config.json").is_file():
        export(best, Path(args.export))
    return 0 if state["step"] else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.summarize.train", description=__doc__.splitlines()[0])
    add_train_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
