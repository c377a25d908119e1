"""Games in, batches of token ids out: what the xiangqi GPT trains on.

Each epoch every game becomes one sequence (format in ``engine.xiangqi.tokens``), with fresh
random choices: mirrored a<->i half the time, its result replaced by ``[*]`` sometimes (so the
model also plays without being told a result), and sometimes cut at a random ply and
restarted from a board-state prefix (so positions without history get sensible moves).
Sequences of similar length are batched together up to a token budget, so there is little
padding and no packing across games.

For the board-aware GPT (``engine.xiangqi.board_gpt``) every game's positions have their
features computed once (:class:`GameFeatures`, cached on disk) and each batch carries them
as ``board_features``/``board_offsets``; a mirrored game gets its features mirrored.
"""

from __future__ import annotations

import hashlib
import random
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from engine.data import read_jsonl
from engine.training import IGNORE_INDEX as IGNORE
from engine.training import MakeBatches, endless_epochs, length_batches
from engine.xiangqi.tokens import (
    placement_after, game_text, mirror_move, position_text, vocabulary, PAD, RESULT_TOKENS,
)



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


@dataclass
class Row:
    """One training sequence: token ids, how many leading tokens are context only, and for
    the board GPT which game it is and which ply's position each token ends at (-1: none)."""

    ids: list[int]
    context: int
    game: int = -1
    plies: list[int] = field(default_factory=list)
    mirrored: bool = False


def training_sequence(game: Game, mix: SequenceMix, rng: random.Random, vocab: dict[str, int],
                      index: int = -1) -> Row:
    """A game as one sequence (module doc); ``index`` is the game's place in its list.

    The result token and the 90 squares are context; from ``[START]`` or the side-to-move
    token on, every token is a target.
    """
    mirrored = mix.mirror and rng.random() < 0.5
    moves = [mirror_move(m) for m in game.moves] if mirrored else list(game.moves)
    result = "*" if rng.random() < mix.unknown_result_share else game.result
    n = len(moves)
    if n > 1 and rng.random() < mix.position_share:
        cut = rng.randrange(1, n)
        text = position_text(placement_after(moves[:cut]), cut % 2 == 0, moves[cut:], result)
        # result, [POS], 90 squares; predict from the side token (the position after ``cut``) on
        return Row(encode(text, vocab), 92, index, [-1] * 92 + list(range(cut, n + 1)) + [-1], mirrored)
    return Row(encode(game_text(moves, result), vocab), 1, index, [-1, *range(n + 1), -1], mirrored)


@dataclass
class GameFeatures:
    """The board features (``engine.xiangqi.board_features``) of every position of some games.

    ``flat`` holds the feature indices of all positions one after another; position ``p``'s
    are ``flat[starts[p]:starts[p + 1]]``; game ``g``'s positions (its root first, then one
    per move) begin at ``first[g]``.
    """

    flat: np.ndarray
    starts: np.ndarray
    first: np.ndarray

    @classmethod
    def compute(cls, games: list[Game], cache_dir: Path | str | None = None) -> GameFeatures:
        """Features of every game's positions up to its first illegal move, if any (see
        ``legal_games``); read from / written to ``cache_dir`` when given (keyed by the games'
        moves, so a changed game list computes afresh)."""
        from engine.xiangqi.board_features import legal_prefix_features

        key = hashlib.sha256("\n".join(" ".join(g.moves) for g in games).encode()).hexdigest()[:16]
        path = Path(cache_dir) / f"features-{key}.npz" if cache_dir else None
        if path is not None and path.is_file():
            with np.load(path) as saved:
                return cls(saved["flat"], saved["starts"], saved["first"])
        flat = array("h")  # 2 bytes an index; a list of Python ints takes ~36 (10 GB for CCPD)
        starts, first = array("q", [0]), array("q")
        for game in games:
            first.append(len(starts) - 1)
            for features in legal_prefix_features(game.moves):
                flat.extend(features)
                starts.append(len(flat))
        made = cls(np.frombuffer(flat, dtype=np.int16), np.frombuffer(starts, dtype=np.int64),
                   np.frombuffer(first, dtype=np.int64))
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(path.with_suffix(".tmp.npz"), flat=made.flat, starts=made.starts, first=made.first)
            path.with_suffix(".tmp.npz").rename(path)
        return made

    def legal_games(self, games: list[Game]) -> list[Game]:
        """The games cut where their features stop (before a move that was not legal)."""
        ends = [*self.first[1:].tolist(), len(self.starts) - 1]
        return [Game(g.moves[: end - begin - 1], g.result) for g, begin, end in zip(games, self.first.tolist(), ends)]

    def bags(self, rows: list[Row], width: int) -> tuple[torch.Tensor, torch.Tensor]:
        """``(board_features, board_offsets)`` of a batch of rows padded to ``width`` tokens."""
        grid = np.full((len(rows), width), -1, dtype=np.int64)
        for r, row in enumerate(rows):
            plies = np.asarray(row.plies, dtype=np.int64)
            grid[r, : len(plies)] = np.where(plies >= 0, self.first[row.game] + plies, -1)
        positions = grid.reshape(-1)
        known = positions >= 0
        begin = np.where(known, self.starts[np.maximum(positions, 0)], 0)
        lengths = np.where(known, self.starts[np.maximum(positions, 0) + 1] - begin, 0)
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        gather = np.repeat(begin - offsets, lengths) + np.arange(int(lengths.sum()))
        features = self.flat[gather].astype(np.int64)
        mirrored_rows = [r for r, row in enumerate(rows) if row.mirrored]
        if mirrored_rows:
            from engine.xiangqi.board_gpt import mirror_array

            table = mirror_array()
            row_of = np.repeat(np.arange(len(positions)) // width, lengths)
            flip = np.isin(row_of, mirrored_rows)
            features[flip] = table[features[flip]]
        return torch.from_numpy(features), torch.from_numpy(offsets)


def collate(rows: list[Row], pad_id: int, features: GameFeatures | None = None) -> dict[str, torch.Tensor]:
    """Right-padded ids and labels (padding and context positions are not predicted), and
    the rows' board features when ``features`` is given.

    No attention mask is needed: with causal attention and right padding, real tokens never
    see a pad, and the pads' own outputs are ignored.
    """
    width = max(len(row.ids) for row in rows)
    input_ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    labels = torch.full((len(rows), width), IGNORE, dtype=torch.long)
    for r, row in enumerate(rows):
        input_ids[r, : len(row.ids)] = torch.tensor(row.ids)
        labels[r, row.context : len(row.ids)] = input_ids[r, row.context : len(row.ids)]
    batch = {"input_ids": input_ids, "labels": labels}
    if features is not None:
        batch["board_features"], batch["board_offsets"] = features.bags(rows, width)
    return batch


def make_batch_stream(games: list[Game], batch_tokens: int, mix: SequenceMix, seed: int = 0,
                      features: GameFeatures | None = None) -> MakeBatches:
    """``make_batches(start, rank, world_size)`` for ``engine.training.train``: endless epochs
    (with board features when ``features`` is given)."""
    vocab = vocabulary()
    pad_id = vocab[PAD]

    def epoch_groups(epoch: int) -> list[list[Row]]:
        rng = random.Random(seed * 100_003 + epoch)
        rows = [training_sequence(game, mix, rng, vocab, index) for index, game in enumerate(games)]
        groups = length_batches([len(row.ids) for row in rows], batch_tokens, rng)
        return [[rows[i] for i in group] for group in groups]

    def make_batches(start: int, rank: int, world_size: int) -> Iterator[dict[str, torch.Tensor]]:
        for rows in endless_epochs(epoch_groups, start, rank, world_size):
            yield collate(rows, pad_id, features)

    return make_batches


def eval_batches(games: list[Game], batch_tokens: int, features: GameFeatures | None = None
                 ) -> list[dict[str, torch.Tensor]]:
    """Fixed batches of whole games with an unknown result, as the model meets them in play."""
    vocab = vocabulary()
    rows = [Row(encode(game_text(list(g.moves), "*"), vocab), 1, i, [-1, *range(len(g.moves) + 1), -1])
            for i, g in enumerate(games)]
    groups = length_batches([len(row.ids) for row in rows], batch_tokens, random.Random(0))
    return [collate([rows[i] for i in group], vocab[PAD], features) for group in groups]
