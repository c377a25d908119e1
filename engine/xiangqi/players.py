"""Players (position in, move out) and a game loop between two of them.

    >>> played = play_game(RandomPlayer(seed=1), GreedyPlayer(seed=2))
    >>> played.outcome.termination in Termination
    True

Every player has a ``name``, ``choose_move(board, cancel=None) -> Move`` and ``close()``.
``cancel`` is an ``engine.runtime.jobs.CancelToken``; a player that thinks for long checks it
and raises ``Cancelled`` (via ``cancel.raise_if_cancelled()``).
"""

from __future__ import annotations

import queue
import random
import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from engine.xiangqi.board import (
    STARTING_FEN,
    Board,
    IllegalMoveError,
    Move,
    Outcome,
    Termination,
    square_file,
    square_rank,
)
from engine.xiangqi.pgn import Game

if TYPE_CHECKING:
    from engine.runtime.jobs import CancelToken


class Player(Protocol):
    name: str

    def choose_move(self, board: Board, cancel: CancelToken | None = None) -> Move: ...

    def close(self) -> None: ...


def _require_moves(board: Board) -> list[Move]:
    moves = board.legal_moves()
    if not moves:
        raise IllegalMoveError(f"no legal move in {board.fen()}: the game is over")
    return moves


class RandomPlayer:
    """Plays a uniformly random legal move."""

    def __init__(self, seed: int | None = None, name: str = "random") -> None:
        self.name = name
        self._random = random.Random(seed)

    def choose_move(self, board: Board, cancel: CancelToken | None = None) -> Move:
        return self._random.choice(_require_moves(board))

    def close(self) -> None:
        pass


PIECE_VALUES = {"k": 100.0, "r": 9.0, "c": 4.5, "n": 4.0, "a": 2.0, "b": 2.0, "p": 1.0}
"""Material values for the greedy capturer (common xiangqi teaching values; a pawn counts 1
on either side of the river). The general's value only ever matters in illegal positions."""


class GreedyPlayer:
    """One ply deep: takes the most valuable piece it can capture (ties at random), else plays
    a random move. It does not look at recaptures."""

    def __init__(self, seed: int | None = None, name: str = "greedy") -> None:
        self.name = name
        self._random = random.Random(seed)

    def choose_move(self, board: Board, cancel: CancelToken | None = None) -> Move:
        moves = _require_moves(board)
        values = {}
        for move in moves:
            victim = board.piece_at(move.to_square)
            if victim is not None:
                values[move] = PIECE_VALUES[victim.kind]
        if not values:
            return self._random.choice(moves)
        best = max(values.values())
        return self._random.choice([move for move, value in values.items() if value == best])

    def close(self) -> None:
        pass


# --- UCI engines (Fairy-Stockfish) ---------------------------------------------------------


@dataclass(frozen=True)
class EngineLevel:
    """A search limit: Skill Level (-20..20) with a depth or a time per move."""

    skill: int
    depth: int | None = None
    movetime_ms: int | None = None


LADDER = {
    "L0": EngineLevel(skill=-20, depth=1),
    "L1": EngineLevel(skill=-10, depth=3),
    "L2": EngineLevel(skill=0, depth=5),
    "L3": EngineLevel(skill=10, depth=8),
    "L4": EngineLevel(skill=20, movetime_ms=100),
}
"""The opponent ladder of EVAL.md (Fairy-Stockfish 11.1)."""

_COMMON_ENGINE_PATHS = (
    "/usr/games/fairy-stockfish",  # Debian/Ubuntu package
    "/usr/local/bin/fairy-stockfish",
    "/opt/homebrew/bin/fairy-stockfish",
)


def find_fairy_stockfish() -> str | None:
    """Path of a ``fairy-stockfish`` binary on PATH or in a usual place, else None."""
    found = shutil.which("fairy-stockfish") or shutil.which("fairy-stockfish.exe")
    if found:
        return found
    return next((path for path in _COMMON_ENGINE_PATHS if Path(path).is_file()), None)


def _to_engine(move: Move) -> str:
    """ICCS ranks 0-9 -> UCI xiangqi ranks 1-10: h2e2 -> h3e3."""
    return "".join(f"{'abcdefghi'[square_file(sq)]}{square_rank(sq) + 1}" for sq in (move.from_square, move.to_square))


_ENGINE_MOVE = re.compile(r"([a-i])(10|[1-9])([a-i])(10|[1-9])")


def _from_engine(text: str) -> Move:
    """UCI xiangqi ranks 1-10 -> ICCS: h10g8 -> h9g7."""
    match = _ENGINE_MOVE.fullmatch(text)
    if not match:
        raise IllegalMoveError(f"engine sent {text!r}, not a move")
    a, b, c, d = match.groups()
    return Move.from_iccs(f"{a}{int(b) - 1}{c}{int(d) - 1}")


class EngineError(RuntimeError):
    """The engine process failed to start, answer or stay alive; ``engine`` names it (or its
    path) and the subclass says which, for the UI to put in its own words."""

    def __init__(self, message: str, engine: str = "") -> None:
        super().__init__(message)
        self.engine = engine


class EngineNotFoundError(EngineError):
    """No engine binary at the path given, nor Fairy-Stockfish anywhere usual."""


class EngineStartError(EngineError):
    """The operating system could not run the file (not a program, no permission)."""


class EngineStoppedError(EngineError):
    """The process ended (or closed its input) before it answered."""


class EngineTimeoutError(EngineError, TimeoutError):
    """The process is running but did not answer in time (not a UCI engine, or hung)."""


class UciEnginePlayer:
    """A UCI engine that plays xiangqi, e.g. Fairy-Stockfish with ``UCI_Variant xiangqi``.

        >>> engine = UciEnginePlayer.from_level("L2")
        >>> Board().is_legal(engine.choose_move(Board()))
        True
        >>> engine.close()

    The engine gets the game's start FEN and every move since (so it sees repetitions); its
    stdin stays open while it searches, and a cancel sends ``stop``.
    """

    def __init__(self, path: str | None = None, level: EngineLevel = LADDER["L4"], name: str | None = None,
                 timeout_s: float = 30.0) -> None:
        path = path or find_fairy_stockfish()
        if path is None:
            raise EngineNotFoundError(
                "fairy-stockfish not found: install it (Debian: apt install fairy-stockfish) or give its path",
                "fairy-stockfish")
        self.name = name or f"{Path(path).stem} skill {level.skill}"
        self.level = level
        self._timeout_s = timeout_s
        try:
            self._process = subprocess.Popen(
                [path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True, bufsize=1,
            )
        except OSError as exc:
            raise EngineStartError(f"cannot start {path}: {exc}", self.name) from exc
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read_output, daemon=True).start()
        try:
            self._send("uci")
            self._wait_for("uciok")
            self._send("setoption name UCI_Variant value xiangqi")
            self._send(f"setoption name Skill Level value {level.skill}")
            self._send("isready")
            self._wait_for("readyok")
        except EngineError:
            self._process.kill()
            self._process.wait()
            raise

    @classmethod
    def from_level(cls, level: str, path: str | None = None) -> UciEnginePlayer:
        """An engine at a ladder level, "L0" (weakest) to "L4"."""
        return cls(path, LADDER[level], name=f"Fairy-Stockfish {level}")

    def _read_output(self) -> None:
        assert self._process.stdout is not None  # opened with stdout=PIPE
        for line in self._process.stdout:
            self._lines.put(line.strip())
        self._lines.put(None)  # the process ended

    def _send(self, command: str) -> None:
        assert self._process.stdin is not None  # opened with stdin=PIPE
        try:
            self._process.stdin.write(command + "\n")
            self._process.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise EngineStoppedError(f"{self.name} stopped: {exc}", self.name) from exc

    def _next_line(self, timeout_s: float) -> str:
        try:
            line = self._lines.get(timeout=timeout_s)
        except queue.Empty:
            raise EngineTimeoutError(f"{self.name} did not answer within {timeout_s:.0f} s", self.name) from None
        if line is None:
            raise EngineStoppedError(f"{self.name} exited unexpectedly", self.name)
        return line

    def _wait_for(self, prefix: str) -> str:
        while True:
            line = self._next_line(self._timeout_s)
            if line.startswith(prefix):
                return line

    def choose_move(self, board: Board, cancel: CancelToken | None = None) -> Move:
        _require_moves(board)
        root = board.root()
        moves = " ".join(_to_engine(move) for move in board.move_stack)
        self._send(f"position fen {root.fen()}" + (f" moves {moves}" if moves else ""))
        if self.level.movetime_ms is not None:
            self._send(f"go movetime {self.level.movetime_ms}")
        else:
            self._send(f"go depth {self.level.depth or 1}")
        waited = 0.0
        while True:
            if cancel is not None and cancel.cancelled:
                self._send("stop")
                self._wait_for("bestmove")
                cancel.raise_if_cancelled()
            try:
                line = self._next_line(0.05)
            except EngineTimeoutError:
                waited += 0.05
                if waited > self._timeout_s:
                    raise
                continue
            if line.startswith("bestmove"):
                break
        move = _from_engine(line.split()[1])
        if not board.is_legal(move):
            raise IllegalMoveError(f"{self.name} played an illegal move {move.iccs()} in {board.fen()}")
        return move

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                self._send("quit")
                self._process.wait(timeout=2)
            except (EngineError, subprocess.TimeoutExpired):
                self._process.kill()
                self._process.wait()


# --- Playing a game ------------------------------------------------------------------------

MAX_PLIES = 300
"""A match game longer than this is a draw (EVAL.md)."""


@dataclass
class PlayedGame:
    """A finished game between two players: its record and why it ended."""

    game: Game
    outcome: Outcome


def play_game(red: Player, black: Player, start_fen: str = STARTING_FEN, max_plies: int = MAX_PLIES,
              cancel: CancelToken | None = None,
              on_move: Callable[[Board, Move], None] | None = None) -> PlayedGame:
    """Play red against black from start_fen until the game ends or max_plies (a draw).

    ``on_move(board, move)`` is called after each move with the position after it. A player's
    illegal move raises IllegalMoveError; a cancel raises ``Cancelled``.
    """
    board = Board(start_fen)
    while True:
        outcome = board.outcome()
        if outcome is None and len(board.move_stack) >= max_plies:
            outcome = Outcome(Termination.PLY_LIMIT, None)
        if outcome is not None:
            break
        if cancel is not None:
            cancel.raise_if_cancelled()
        player = red if board.turn else black
        move = player.choose_move(board.copy(), cancel)
        if not board.is_legal(move):
            raise IllegalMoveError(f"{player.name} played an illegal move {move.iccs()} in {board.fen()}")
        board.push(move)
        if on_move is not None:
            on_move(board, move)
    headers = {"Red": red.name, "Black": black.name, "Termination": outcome.termination.english}
    game = Game(headers=headers, start_fen=start_fen, moves=list(board.move_stack), result=outcome.result())
    return PlayedGame(game, outcome)
