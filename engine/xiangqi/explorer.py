"""The opening explorer (开局库): what masters played in a position, how often, and how it ended.

The index is built once from the CCPD master games (``wenqi-cli xiangqi explore build``) into
``resources/xiangqi-explorer/masters.npz``: every position of the first ``max_ply`` plies of
every game, keyed by the position itself (pieces and side to move, not the moves that led
there), so transpositions meet. A position reached by fewer than ``min_games`` games is left
out, which keeps the file small. Loaded lazily, on the first lookup.

    >>> from engine.xiangqi import Board
    >>> masters = OpeningIndex.bundled()
    >>> masters.lookup(Board())[0].move.iccs()  # the most played first move
    'h2e2'
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.paths import resources_dir
from engine.runtime.jobs import JobContext
from engine.xiangqi.board import Board, Move

INDEX_DIR = "xiangqi-explorer"
INDEX_FILE = "masters.npz"
DEFAULT_MAX_PLY = 60
DEFAULT_MIN_GAMES = 2
RESULTS = ("1-0", "1/2-1/2", "0-1")
"""Red wins, draw, black wins: the order of the index's result counts."""
_COUNT_CAP = np.iinfo(np.uint32).max


class ExplorerError(ValueError):
    """The index cannot be read (missing or corrupt); ``path`` names it."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


def position_key(board: Board) -> int:
    """A 64-bit key of the pieces and the side to move (the same however the position was
    reached): the first 8 bytes of BLAKE2b over the FEN's first two fields."""
    placement, side = board.fen().split()[:2]
    return int.from_bytes(hashlib.blake2b(f"{placement} {side}".encode(), digest_size=8).digest(), "little")


@dataclass(frozen=True)
class MasterMove:
    """A move masters played in a position: in how many games, and how those games ended."""

    move: Move
    red_wins: int
    draws: int
    black_wins: int

    @property
    def games(self) -> int:
        return self.red_wins + self.draws + self.black_wins

    def shares(self) -> tuple[float, float, float]:
        """Red wins, draw, black wins as fractions of the move's games."""
        total = self.games or 1
        return self.red_wins / total, self.draws / total, self.black_wins / total


def count_positions(games: Iterable[tuple[list[str], str]], max_ply: int = DEFAULT_MAX_PLY,
                    ctx: JobContext | None = None, total: int | None = None) -> dict[int, Counter[tuple[str, str]]]:
    """For every position in the first ``max_ply`` plies: a Counter of (ICCS move, result).
    ``games`` are (ICCS moves from the start position, PGN result); unknown results are skipped."""
    ctx = ctx or JobContext()
    seen: dict[int, Counter[tuple[str, str]]] = defaultdict(Counter)
    for number, (moves, result) in enumerate(games, 1):
        if result not in RESULTS:
            continue
        board = Board()
        for text in moves[:max_ply]:
            seen[position_key(board)][(text, result)] += 1
            board.push(Move.from_iccs(text))
        if number % 500 == 0:
            ctx.progress(number / total if total else None, f"{number} games")
    return seen


def index_arrays(seen: dict[int, Counter[tuple[str, str]]], min_games: int = DEFAULT_MIN_GAMES) -> dict[str, np.ndarray]:
    """The compact form: sorted keys, each key's first row in ``moves``/``counts`` (``starts``,
    one more than keys), moves as from*90+to, counts as (red wins, draws, black wins)."""
    keys, starts, moves, counts = [], [0], [], []
    for key in sorted(seen):
        counter = seen[key]
        if sum(counter.values()) < min_games:
            continue
        per_move: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for (text, result), n in counter.items():
            per_move[text][RESULTS.index(result)] += n
        for text, row in sorted(per_move.items(), key=lambda item: -sum(item[1])):
            move = Move.from_iccs(text)
            moves.append(move.from_square * 90 + move.to_square)
            counts.append([min(n, _COUNT_CAP) for n in row])
        keys.append(key)
        starts.append(len(moves))
    return {"keys": np.array(keys, dtype=np.uint64), "starts": np.array(starts, dtype=np.uint32),
            "moves": np.array(moves, dtype=np.uint16), "counts": _narrow(np.array(counts, dtype=np.uint32))}


def _narrow(counts: np.ndarray) -> np.ndarray:
    """Counts in the smallest unsigned type that holds them (most are 1 or 2: uint16 at most here)."""
    for kind in (np.uint8, np.uint16):
        if counts.size == 0 or counts.max() <= np.iinfo(kind).max:
            return counts.astype(kind)
    return counts


def build_index(game_files: Iterable[Path | str], out: Path | str, max_ply: int = DEFAULT_MAX_PLY,
                min_games: int = DEFAULT_MIN_GAMES, ctx: JobContext | None = None) -> dict[str, int]:
    """Build the index from JSON-lines game files (``moves``, ``result``; duplicates by move
    sequence counted once) and save it compressed; returns what went in."""
    from engine.xiangqi.gpt_data import read_games

    games = read_games(game_files)
    seen = count_positions(((list(game.moves), game.result) for game in games), max_ply, ctx, len(games))
    arrays = index_arrays(seen, min_games)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    counted = sum(game.result in RESULTS for game in games)
    # numpy's stub lets the ** fill allow_pickle too; the arrays' names never do.
    np.savez_compressed(out, games=np.array(counted), max_ply=np.array(max_ply), min_games=np.array(min_games),
                        **arrays)  # type: ignore[arg-type]
    return {"games": counted, "positions_seen": len(seen), "positions": int(arrays["keys"].size),
            "moves": int(arrays["moves"].size), "max_ply": max_ply, "min_games": min_games,
            "bytes": out.stat().st_size}


class OpeningIndex:
    """The masters' moves by position. ``OpeningIndex.bundled()`` is the app's one index; the
    file is read on the first ``lookup`` (thread-safe), not before."""

    _bundled: OpeningIndex | None = None

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._arrays: dict[str, np.ndarray] | None = None
        self._lock = threading.Lock()

    @classmethod
    def bundled(cls) -> OpeningIndex:
        if cls._bundled is None:
            cls._bundled = cls(resources_dir() / INDEX_DIR / INDEX_FILE)
        return cls._bundled

    @property
    def loaded(self) -> bool:
        return self._arrays is not None

    def _load(self) -> dict[str, np.ndarray]:
        with self._lock:
            if self._arrays is None:
                try:
                    with np.load(self.path) as data:
                        arrays = {name: data[name] for name in ("keys", "starts", "moves", "counts")}
                        self.games, self.max_ply, self.min_games = (
                            int(data[name]) for name in ("games", "max_ply", "min_games"))
                except (OSError, ValueError, KeyError) as exc:
                    raise ExplorerError(f"cannot read the opening index {self.path}: {exc}", str(self.path)) from exc
                self._arrays = arrays
            return self._arrays

    def describe(self) -> tuple[int, int, int]:
        """What the index holds: (games, plies of each, games a kept position needed)."""
        self._load()
        return self.games, self.max_ply, self.min_games

    def __len__(self) -> int:
        return int(self._load()["keys"].size)

    def lookup(self, board: Board) -> list[MasterMove]:
        """The masters' moves in ``board``'s position, most played first (empty if none)."""
        arrays = self._load()
        keys, key = arrays["keys"], np.uint64(position_key(board))
        at = int(np.searchsorted(keys, key))
        if at >= keys.size or keys[at] != key:
            return []
        begin, end = int(arrays["starts"][at]), int(arrays["starts"][at + 1])
        found = []
        for code, (red, draw, black) in zip(arrays["moves"][begin:end].tolist(),
                                            arrays["counts"][begin:end].tolist()):
            found.append(MasterMove(Move(code // 90, code % 90), red, draw, black))
        return found
