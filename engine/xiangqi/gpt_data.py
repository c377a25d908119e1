"""Games in, batches of token ids out: what the xiangqi GPT trains on.

Each epoch every game becomes one sequence (format in ``engine.xiangqi.tokens``), with fresh
random choices: mirrored a<->i half the time, its result replaced by ``[*]`` sometimes (so the
model also plays without being told a result), and sometimes cut at a random ply and
restarted from a board-state prefix (so positions without history get sensible moves).
Sequences of similar length are batched together up to a token budget, so there is little
padding and no packing across games.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import torch

from engine.data import read_jsonl
from engine.training import endless_epochs
from engine.xiangqi.tokens import (
    placement_after, game_text, mirror_move, position_text, vocabulary, PAD, RESULT_TOKENS,
)

IGNORE = -100


@dataclass(frozen=True)
class Game:
    moves: tuple[str, ...]
    result: str  # "1-0", "0-1", "1/2-1/2" or "*"


def read_games(paths: Iterable[Path | str], exclude: Iterable[Path | str] = ()) -> list[Game]:
    """Games from JSON-lines files, deduplicated by move sequence, minus any in ``exclude``."""
    excluded = {tuple(item["moves"].split()) for path in exclude for item in read_jsonl(path)}
    seen: set[tuple[str, ...]] = set()
    games = []
    for path in paths:
        for item in read_jsonl(path):
            moves = tuple(item["moves"].split())
            if not moves or moves in seen or moves in excluded:
                continue
            seen.add(moves)
            result = item.get("result") or "*"
            games.append(Game(moves, result if result in RESULT_TOKENS else "*"))
    return games


@dataclass
class SequenceMix:
    mirror: bool = True
    unknown_result_share: float = 0.2
    position_share: float = 0.2


def encode(text: str, vocab: dict[str, int]) -> list[int]:
    return [vocab[token] for token in text.split()]


def training_sequence(game: Game, mix: SequenceMix, rng: random.Random, vocab: dict[str, int]) -> tuple[list[int], int]:
    """(token ids, number of leading tokens that are context only, not predicted).

    The result token and the 90 squares are context; from ``[START]`` or the side-to-move
    token on, every token is a target.
    """
    moves = [mirror_move(m) for m in game.moves] if mix.mirror and rng.random() < 0.5 else list(game.moves)
    result = "*" if rng.random() < mix.unknown_result_share else game.result
    if len(moves) > 1 and rng.random() < mix.position_share:
        cut = rng.randrange(1, len(moves))
        text = position_text(placement_after(moves[:cut]), cut % 2 == 0, moves[cut:], result)
        return encode(text, vocab), 92  # result, [POS], 90 squares; predict from the side token on
    return encode(game_text(moves, result), vocab), 1


def collate(sequences: list[tuple[list[int], int]], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-padded ids and labels (padding and context positions are not predicted).

    No attention mask is needed: with causal attention and right padding, real tokens never
    see a pad, and the pads' own outputs are ignored.
    """
    width = max(len(ids) for ids, _ in sequences)
    input_ids = torch.full((len(sequences), width), pad_id, dtype=torch.long)
    labels = torch.full((len(sequences), width), IGNORE, dtype=torch.long)
    for row, (ids, context) in enumerate(sequences):
        input_ids[row, : len(ids)] = torch.tensor(ids)
        labels[row, context : len(ids)] = input_ids[row, context : len(ids)]
    return {"input_ids": input_ids, "labels": labels}


def length_batches(lengths: list[int], batch_tokens: int, rng: random.Random, chunk: int = 2048) -> list[list[int]]:
    """Indices grouped so that (longest length x count) stays within ``batch_tokens``."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    batches = []
    for start in range(0, len(order), chunk):
        group = sorted(order[start : start + chunk], key=lambda i: lengths[i])
        current: list[int] = []
        for index in group:
            if current and lengths[index] * (len(current) + 1) > batch_tokens:
                batches.append(current)
                current = []
            current.append(index)
        if current:
            batches.append(current)
    rng.shuffle(batches)
    return batches


def make_batch_stream(games: list[Game], batch_tokens: int, mix: SequenceMix, seed: int = 0):
    """``make_batches(start, rank, world_size)`` for ``engine.training.train``: endless epochs."""
    vocab = vocabulary()
    pad_id = vocab[PAD]

    def epoch_groups(epoch: int) -> list[list]:
        rng = random.Random(seed * 100_003 + epoch)
        sequences = [training_sequence(game, mix, rng, vocab) for game in games]
        groups = length_batches([len(ids) for ids, _ in sequences], batch_tokens, rng)
        return [[sequences[i] for i in group] for group in groups]

    def make_batches(start: int, rank: int, world_size: int) -> Iterator[dict[str, torch.Tensor]]:
        for rows in endless_epochs(epoch_groups, start, rank, world_size):
            yield collate(rows, pad_id)

    return make_batches


def eval_batches(games: list[Game], batch_tokens: int) -> list[dict[str, torch.Tensor]]:
    """Fixed batches of whole games with an unknown result, as the model meets them in play."""
    vocab = vocabulary()
    sequences = [(encode(game_text(list(g.moves), "*"), vocab), 1) for g in games]
    groups = length_batches([len(ids) for ids, _ in sequences], batch_tokens, random.Random(0))
    return [collate([sequences[i] for i in group], vocab[PAD]) for group in groups]
