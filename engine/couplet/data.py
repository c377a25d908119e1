"""Couplet pairs from ../shared/data and the batches the training loop eats.

    pairs = read_pairs(["pairs_train.jsonl.xz", "train.jsonl.xz"])
    layout = PairLayout.of(model.config, tokenizer)
    make_batches = batch_stream(encode_pairs(pairs, tokenizer, layout), 4096, tokenizer.pad_token_id,
                                partial(collate, layout=layout))
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import torch

from engine.couplet.layout import PairLayout
from engine.couplet.text import MAX_CHARS, normalize
from engine.data import read_jsonl
from engine.training import IGNORE_INDEX as IGNORE
from engine.training import endless_epochs



def read_pairs(paths: Iterable[Path | str], limit: int | None = None) -> list[tuple[str, str]]:
    """Normalised (upper, lower) pairs of equal length, at most ``MAX_CHARS`` long.

    Pairs flagged ``len_match: false`` (zijianzhao's noisy scrapes) and identical halves are
    dropped: the writer only ever produces equal-length, different lines.
    """
    pairs = []
    for path in paths:
        for item in read_jsonl(path, limit):
            up, down = normalize(item.get("up", "")), normalize(item.get("down", ""))
            if up and up != down and len(up) == len(down) <= MAX_CHARS and item.get("len_match", True):
                pairs.append((up, down))
    return pairs


def encode_pairs(pairs: list[tuple[str, str]], tokenizer, layout: PairLayout) -> list[list[int]]:
    """Every pair's ids in the model's layout (``engine.couplet.layout.PairLayout``)."""
    ups, downs = zip(*pairs) if pairs else ((), ())
    up_ids = tokenizer(list(ups), add_special_tokens=False)["input_ids"]
    down_ids = tokenizer(list(downs), add_special_tokens=False)["input_ids"]
    return [layout.sequence(up, down) for up, down in zip(up_ids, down_ids)]


def collate(sequences: list[list[int]], pad_id: int, layout: PairLayout) -> dict[str, torch.Tensor]:
    """Right-padded ids; every real token the layout trains is predicted (both lines: the
    model is also a language model of single lines, which the 横批 ranking uses). Causal
    attention with right padding needs no attention mask."""
    width = max(len(ids) for ids in sequences)
    input_ids = torch.full((len(sequences), width), pad_id, dtype=torch.long)
    labels = torch.full((len(sequences), width), IGNORE, dtype=torch.long)
    for row, ids in enumerate(sequences):
        input_ids[row, : len(ids)] = torch.tensor(ids)
        trained = torch.tensor(layout.trained(len(ids)))
        labels[row, : len(ids)] = torch.where(trained, input_ids[row, : len(ids)], IGNORE)
    return {"input_ids": input_ids, "labels": labels}


def encode_lines(lines: list[str], tokenizer) -> list[list[int]]:
    """Each line alone as the upper-line model reads it: ``[BOS] line [SEP]``."""
    return tokenizer(lines)["input_ids"] if lines else []


def collate_lines(sequences: list[list[int]], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-padded lines of one length (the batches are), every token after [BOS] a target."""
    input_ids = torch.tensor(sequences, dtype=torch.long)
    return {"input_ids": input_ids, "labels": input_ids.clone()}


def length_groups(lengths: list[int], batch_tokens: int, rng: random.Random) -> list[list[int]]:
    """Indices in batches of one exact length each (couplets come in few lengths, so this
    wastes no padding), about ``batch_tokens`` tokens per batch, in random order."""
    by_length: dict[int, list[int]] = defaultdict(list)
    for index, length in enumerate(lengths):
        by_length[length].append(index)
    batches: list[list[int]] = []
    for length in sorted(by_length):
        members = by_length[length]
        rng.shuffle(members)
        size = max(1, batch_tokens // length)
        batches.extend(members[start : start + size] for start in range(0, len(members), size))
    rng.shuffle(batches)
    return batches


def batch_stream(sequences: list, batch_tokens: int, pad_id: int, collate, seed: int = 0, length=len):
    """``make_batches(start, rank, world_size)`` for ``engine.training.train``: endless epochs.

    ``collate(rows, pad_id)`` builds a batch and ``length(row)`` measures a row (default: the
    decoder's id lists)."""
    lengths = [length(row) for row in sequences]

    def epoch_groups(epoch: int) -> list[list]:
        groups = length_groups(lengths, batch_tokens, random.Random(seed * 100_003 + epoch))
        return [[sequences[i] for i in group] for group in groups]

    def make_batches(start: int, rank: int, world_size: int) -> Iterator[dict[str, torch.Tensor]]:
        for rows in endless_epochs(epoch_groups, start, rank, world_size):
            yield collate(rows, pad_id)

    return make_batches


def fixed_batches(sequences: list[list[int]], batch_tokens: int, pad_id: int,
                  collate) -> list[dict[str, torch.Tensor]]:
    """The same batches every time (for validation), built by ``collate(rows, pad_id)``."""
    groups = length_groups([len(ids) for ids in sequences], batch_tokens, random.Random(0))
    return [collate([sequences[i] for i in group], pad_id) for group in groups]
