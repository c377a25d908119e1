"""Train the headline writer (``writer.py``): ``wenqi-cli summarize train-writer``.

Each (text, summary) pair becomes one sequence ``window [SEP] summary [EOS]``, with the
tagger's keep level of every window character (the bundled tagger, or ``--tagger``): the same
window the app reads (``compressor.headline_window``). The tagger's pass over every training
window is done once and kept in ``OUT/examples.npz``, so a resumed run starts at once.

    wenqi-cli summarize train-writer --out ~/wenqi-runs/writer --minutes 90 --threads 1 \\
        --data ../shared/data/summ-lcsts/clge_lcsts_train.jsonl.xz \\
               ../shared/data/summ-xwlb-news-titles/xwlb_title_pairs_train.jsonl.xz --repeat 4 1 \\
        --valid ../shared/data/summ-lcsts/clge_lcsts_val.jsonl.xz \\
                ../shared/data/summ-xwlb-news-titles/xwlb_title_pairs_valid.jsonl.xz \\
        --exclude ../shared/data/summ-lcsts/clge_lcsts_test.jsonl.xz \\
                  ../shared/data/summ-xwlb-news-titles/xwlb_title_pairs_test.jsonl.xz \\
        --export ~/wenqi-runs/writer/model

The tagger was trained on these same texts, so on them its keep levels are surer than on a new
text; training therefore hides them from a share of the sequences (``--keep-dropout``) and moves
others a step (``--keep-jitter``), so the writer does not lean on them more than they deserve.
A summary longer than ``MAX_HEADLINE`` is left out rather than cut (it would teach stopping
mid-phrase). A new model's character embeddings start from the tagger's (same characters, same width), so
it starts knowing which characters are alike. The model with the lowest validation loss is in
``OUT/best``; ``--export DIR`` writes it as fp16 for ``ModelStore``.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np
import torch
from torch import nn
from transformers import AutoTokenizer

from engine.runtime.store import ModelStore
from engine.summarize.compressor import Compressor, headline_window
from engine.summarize.data import Pair
from engine.summarize.train import PairFiles, load_pairs
from engine.summarize.writer import (
    EOS,
    KEEP_LEVELS,
    MAX_HEADLINE,
    HeadlineGptForCausalLM,
    keep_levels,
    prompt_ids,
    register_architecture,
    writer_config,
    writer_tokenizer,
)
from engine.training import (
    IGNORE_INDEX,
    TrainConfig,
    causal_lm_metrics,
    endless_epochs,
    length_batches,
    save_exported_model,
    train,
)

TAGGER_MODEL = "summarize"


@dataclass
class WriterOptions(PairFiles):
    """What ``summarize train-writer`` trains on and from; the loop's own settings are a TrainConfig."""

    tagger: str = TAGGER_MODEL  # the tagger whose keep levels the writer reads
    size: str = "small"  # a key of writer.WRITER_SIZES
    keep_dropout: float = 0.2  # share of training sequences whose keep levels are hidden (all level 0)
    keep_jitter: float = 0.3  # share of the other window characters whose level moves one step up or down
    init: Path | None = None  # continue from this writer folder
    export: str | None = None  # write the best model here as fp16 when done


@dataclass
class Sequences:
    """Training sequences, flat: ``ids``/``keeps``/``labels`` of sequence i are [starts[i], starts[i+1])."""

    ids: np.ndarray
    keeps: np.ndarray
    labels: np.ndarray
    starts: np.ndarray

    def __len__(self) -> int:
        return len(self.starts) - 1

    def lengths(self) -> list[int]:
        return np.diff(self.starts).tolist()

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        a, b = self.starts[i], self.starts[i + 1]
        return self.ids[a:b], self.keeps[a:b], self.labels[a:b]

    def save(self, path: Path, fingerprint: str = "") -> None:
        with open(path, "wb") as handle:  # np.savez would add .npz to a name without it
            np.savez(handle, ids=self.ids, keeps=self.keeps, labels=self.labels, starts=self.starts,
                     fingerprint=np.asarray(fingerprint))

    @classmethod
    def load(cls, path: Path) -> Sequences:
        with np.load(path) as saved:
            return cls(saved["ids"], saved["keeps"], saved["labels"], saved["starts"])


def build_sequences(pairs: list[Pair], tagger: Compressor, tokenizer, batch_size: int = 64) -> Sequences:
    """Every pair with a window and a summary of at most ``MAX_HEADLINE`` characters as one
    sequence (the tagger run over the windows)."""
    windows = [headline_window(pair.text) for pair in pairs]
    summaries = [" ".join(pair.summary.split()) for pair in pairs]
    kept = [(w, summary) for w, summary in zip(windows, summaries) if w.text and 0 < len(summary) <= MAX_HEADLINE]
    log_probs = tagger.log_probs([w.text for w, _ in kept], batch_size=batch_size)
    unk, eos = tokenizer.unk_token_id, tokenizer.convert_tokens_to_ids(EOS)
    ids: list[int] = []
    keeps: list[int] = []
    labels: list[int] = []
    starts = [0]
    for (window, summary), scores in zip(kept, log_probs):
        prompt = prompt_ids(tokenizer, window.text)
        target = [*tokenizer.convert_tokens_to_ids(list(summary)), eos]
        ids.extend(prompt + target)
        keeps.extend([*keep_levels(scores).tolist(), 0] + [0] * len(target))
        labels.extend([IGNORE_INDEX] * len(prompt) + [IGNORE_INDEX if t == unk else t for t in target])
        starts.append(len(ids))
    return Sequences(np.asarray(ids, dtype=np.int32), np.asarray(keeps, dtype=np.int8),
                     np.asarray(labels, dtype=np.int32), np.asarray(starts, dtype=np.int64))


def noisy_keeps(keep_ids: torch.Tensor, dropout: float, jitter: float, rng: torch.Generator) -> torch.Tensor:
    """A training batch's keep levels with whole rows hidden (``dropout``) and single window
    characters moved one level up or down (``jitter``), levels kept within 1..KEEP_LEVELS."""
    window = keep_ids > 0
    step = torch.randint(0, 2, keep_ids.shape, generator=rng) * 2 - 1
    moved = window & (torch.rand(keep_ids.shape, generator=rng) < jitter)
    noisy = torch.where(moved, (keep_ids + step).clamp(1, KEEP_LEVELS), keep_ids)
    hidden = torch.rand(keep_ids.shape[0], 1, generator=rng) < dropout
    return torch.where(hidden, torch.zeros_like(noisy), noisy)


def collate(data: Sequences, indices: list[int], pad_id: int) -> dict[str, torch.Tensor]:
    width = max(int(data.starts[i + 1] - data.starts[i]) for i in indices)
    input_ids = torch.full((len(indices), width), pad_id, dtype=torch.long)
    keep_ids = torch.zeros((len(indices), width), dtype=torch.long)
    labels = torch.full((len(indices), width), IGNORE_INDEX, dtype=torch.long)
    for row, i in enumerate(indices):
        ids, keeps, targets = data.row(i)
        input_ids[row, :len(ids)] = torch.from_numpy(ids.astype(np.int64))
        keep_ids[row, :len(ids)] = torch.from_numpy(keeps.astype(np.int64))
        labels[row, :len(ids)] = torch.from_numpy(targets.astype(np.int64))
    return {"input_ids": input_ids, "keep_ids": keep_ids, "attention_mask": (input_ids != pad_id).long(),
            "labels": labels}


def make_batch_stream(data: Sequences, batch_tokens: int, pad_id: int, seed: int = 0,
                      keep_dropout: float = 0.0, keep_jitter: float = 0.0):
    """``make_batches(start, rank, world_size)`` for the shared loop: endless, resumable; the
    keep levels made noisy as ``noisy_keeps`` says (the same noise when resumed)."""
    lengths = data.lengths()

    def make_batches(start: int, rank: int, world_size: int):
        def epoch_batches(epoch: int) -> list:
            return length_batches(lengths, batch_tokens, random.Random(seed * 100_003 + epoch))

        for number, batch in enumerate(endless_epochs(epoch_batches, start, rank, world_size), start):
            collated = collate(data, batch, pad_id)
            rng = torch.Generator().manual_seed(seed * 1_000_003 + number * 64 + rank)
            collated["keep_ids"] = noisy_keeps(collated["keep_ids"], keep_dropout, keep_jitter, rng)
            yield collated

    return make_batches


def cached_sequences(path: Path, pairs: list[Pair], tagger: Compressor, tokenizer, fingerprint: str) -> Sequences:
    """``build_sequences`` once; later runs read them from ``path`` when ``fingerprint`` (what they
    were built from) is the same, and build them again when it is not."""
    if path.is_file():
        with np.load(path) as saved:
            built_from = str(saved["fingerprint"]) if "fingerprint" in saved.files else None
        if built_from == fingerprint:
            return Sequences.load(path)
    sequences = build_sequences(pairs, tagger, tokenizer)
    sequences.save(path, fingerprint)
    return sequences


def new_model(size: str, tokenizer, tagger: Compressor) -> HeadlineGptForCausalLM:
    """A writer whose character embeddings are the tagger's where the widths agree."""
    model = HeadlineGptForCausalLM(writer_config(size, tokenizer))
    source = cast(nn.Embedding, tagger.model.get_input_embeddings()).weight
    target = cast(nn.Embedding, model.get_input_embeddings()).weight
    if source.shape[1] == target.shape[1]:
        with torch.no_grad():
            target[:source.shape[0]] = source.float()
    return model


def export(best_dir: Path, out: Path) -> None:
    """The best checkpoint as fp16 safetensors plus its tokenizer: a model folder for ModelStore."""
    model = HeadlineGptForCausalLM.from_pretrained(best_dir, dtype=torch.float16)
    save_exported_model(model, out)
    AutoTokenizer.from_pretrained(best_dir).save_pretrained(out)


def run(options: WriterOptions, config: TrainConfig) -> int:
    """Train (or continue) the writer with the shared loop; 0 when it took a step."""
    register_architecture()
    out = Path(config.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tagger = Compressor(ModelStore().load(options.tagger))
    labelled, valid = load_pairs(options)
    if options.init:
        tokenizer = AutoTokenizer.from_pretrained(options.init)
        model = HeadlineGptForCausalLM.from_pretrained(options.init, dtype=torch.float32)
    else:
        tokenizer = writer_tokenizer(tagger.tokenizer)
        torch.manual_seed(config.seed)
        model = new_model(options.size, tokenizer, tagger)
    best = out / "best"
    tokenizer.save_pretrained(best)  # the loop saves the weights beside it
    fingerprint = json.dumps({"tagger": str(tagger.model.name_or_path), "data": options.data, "repeat": options.repeat,
                              "valid": options.valid, "exclude": options.exclude, "max_headline": MAX_HEADLINE})
    train_data = cached_sequences(out / "examples.npz", labelled, tagger, tokenizer, fingerprint)
    valid_data = cached_sequences(out / "valid.npz", valid, tagger, tokenizer, fingerprint)
    pad = tokenizer.pad_token_id
    print(json.dumps({"event": "data", "train_sequences": len(train_data), "valid_sequences": len(valid_data),
                      "train_tokens": int(train_data.starts[-1]), "vocab": len(tokenizer),
                      "parameters": sum(p.numel() for p in model.parameters())}), flush=True)
    valid_batches = [collate(valid_data, b, pad)
                     for b in length_batches(valid_data.lengths(), config.batch_tokens, random.Random(0))]
    batches = make_batch_stream(train_data, config.batch_tokens, pad, config.seed, options.keep_dropout, options.keep_jitter)
    state = train(config, model, batches,
                  causal_lm_metrics(valid_batches), log=lambda record: print(json.dumps(record), flush=True))
    if options.export and (best / "config.json").is_file():
        export(best, Path(options.export))
    return 0 if state["step"] else 1
