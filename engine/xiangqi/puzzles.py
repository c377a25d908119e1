"""Puzzles (练习): mate-in-N positions, each checked by the mate prover when the set is built,
and a solving session that answers with the best defence.

Sources (../shared/data): xiangqi-wukong ``mate_puzzles_verified`` (MIT; titled "Mate in N"),
CCPD ``positions_and_lines`` (CC BY 4.0; a line that ends in a win gives the position 1, 3 or 5
plies before its end) and the CCPD master games that end in a win on the board (the same way).
A candidate is kept when the prover (``engine.xiangqi.mates``, exact, full width) finds a forced
win within N <= ``MAX_N`` moves for the side to move and exactly one first move that wins within
that N (N: the fewest moves that win); every other candidate is left out and counted by reason.

    >>> puzzle = Puzzle("t", "test", "3k5/9/9/9/9/9/9/9/R8/R3K4 w - - 0 1", 1, ("a0d0",), 1000)
    >>> check_position(puzzle.board()).reason  # a0d0, a1a8 and a1d1 all win at once
    'several_winning_moves'
    >>> PuzzleSession(puzzle).try_move(Move.from_iccs("a1d1")).verdict
    'solved'
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from engine.paths import resources_dir
from engine.runtime.jobs import JobContext
from engine.xiangqi.board import Board, Move
from engine.xiangqi.explorer import position_key
from engine.xiangqi.mates import MateProver, TooHardError

MAX_N = 3
MAX_NODES = 40_000
"""A proof needing more nodes than this is not waited for (the candidate is counted as too hard)."""
PUZZLE_DIR = "xiangqi-puzzles"
PUZZLE_FILE = "puzzles.jsonl.gz"
BASE_RATING = {1: 1000, 2: 1400, 3: 1800}
QUIET_BONUS = 150
"""A first move that gives no check is harder to find (the initial ratings are a heuristic)."""


class PuzzleError(ValueError):
    """The puzzle set cannot be read; ``path`` names it."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class Puzzle:
    """A position whose side to move wins within ``n`` moves by one first move; ``line`` is
    the solution with the best defence (solver, defender, ..., the winning move last)."""

    id: str
    source: str
    fen: str
    n: int
    line: tuple[str, ...]
    rating: int
    category: str = ""

    def board(self) -> Board:
        return Board(self.fen)

    def label(self) -> str:
        """A short name: ``#12`` (wukong), ``中局 #22`` (a CCPD exercise), the game's id (CCPD games)."""
        if self.source == "wukong":
            return "#" + self.id.rsplit("_", 1)[-1]
        if self.source == "ccpd" and "/" in self.id:
            folder, name = self.id.rsplit("/", 2)[-2:]
            number = name.split(".")[0].lstrip("0") or "0"
            return f"{folder} #{number}"
        return self.id

    def to_json(self) -> str:
        return json.dumps({**asdict(self), "line": " ".join(self.line)}, ensure_ascii=False)

    @classmethod
    def from_dict(cls, item: dict[str, Any]) -> Puzzle:
        return cls(str(item["id"]), item["source"], item["fen"], int(item["n"]), tuple(item["line"].split()),
                   int(item["rating"]), item.get("category", ""))


# -- checking a candidate -------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """The prover's verdict on a candidate: ``n`` and ``winners`` when confirmed, else ``reason``."""

    n: int | None
    winners: tuple[Move, ...]
    reason: str = ""

    @property
    def confirmed(self) -> bool:
        return not self.reason


def check_position(board: Board, max_n: int = MAX_N, max_nodes: int | None = MAX_NODES) -> Check:
    """Is ``board`` a puzzle: a forced win within ``max_n`` moves for its side to move, with
    exactly one winning first move within the fewest moves that win?"""
    prover = MateProver(max_nodes=max_nodes)
    try:
        n = prover.mate_distance(board, max_n)
        if n is None:
            return Check(None, (), "no_win")
        winners = tuple(prover.winning_moves(board, n, stop_at=2))
    except TooHardError:
        return Check(None, (), "too_hard")
    if len(winners) > 1:
        return Check(n, winners, "several_winning_moves")
    return Check(n, winners)


def solution_line(board: Board, first: Move, n: int) -> tuple[str, ...]:
    """The winning line from ``first``: the longest-holding defence, then a winning move, ..."""
    prover, board, line = MateProver(), board.copy(), []
    move: Move | None = first
    left = n
    while move is not None:
        board.push(move)
        line.append(move.iccs())
        left -= 1
        if board.outcome() is not None or left <= 0:
            break
        reply = prover.best_defence(board, left)
        if reply is None:
            break
        board.push(reply)
        line.append(reply.iccs())
        move = next(iter(prover.winning_moves(board, left, stop_at=1)), None)
    return tuple(line)


def make_puzzle(identifier: str, source: str, board: Board, check: Check, category: str = "") -> Puzzle:
    assert check.n is not None, "a puzzle is made from a confirmed check"
    first = check.winners[0]
    quiet = not board.gives_check(first)
    rating = BASE_RATING[check.n] + (QUIET_BONUS if quiet else 0)
    return Puzzle(identifier, source, board.fen(), check.n, solution_line(board, first, check.n), rating, category)


# -- candidates from the data sets ----------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    id: str
    source: str
    boards: tuple[Board, ...]
    """Positions to try, best first (the first one confirmed is kept)."""
    max_n: int
    category: str = ""
    skip: str = ""
    """Why it is left out unchecked (a title beyond MAX_N)."""


def _before_the_end(board: Board, moves: list[str], max_n: int) -> tuple[Board, ...]:
    """The positions 2k - 1 plies before the end of ``moves`` (k = max_n .. 1), when the line
    ends in a win for the side that made its last move."""
    positions = [board.copy()]
    try:
        for text in moves:
            board.push_iccs(text)
            positions.append(board.copy())
    except ValueError:
        return ()
    over = board.outcome()
    if over is None or over.winner is None or over.winner == board.turn:
        return ()
    plies = len(moves)
    return tuple(positions[plies - (2 * k - 1)] for k in range(max_n, 0, -1) if plies - (2 * k - 1) >= 0)


def wukong_candidates(path: Path | str) -> Iterator[Candidate]:
    from engine.data import read_jsonl

    for item in read_jsonl(path):
        found = re.match(r"Mate in (\d+) move", item.get("title", ""))
        titled = int(found.group(1)) if found else MAX_N
        yield Candidate(str(item["id"]), "wukong", (Board(item["fen"]),), min(titled, MAX_N),
                        f"mate in {titled}" if found else "mate in ?", f"titled_n{titled}" if titled > MAX_N else "")


def ccpd_line_candidates(path: Path | str) -> Iterator[Candidate]:
    from engine.data import read_jsonl

    for item in read_jsonl(path):
        boards = _before_the_end(Board(item["fen"]), item.get("moves", "").split(), MAX_N)
        if boards:
            yield Candidate(item["source_path"], "ccpd", boards, MAX_N, item.get("category", ""))


RESIGNED_MAX_N = 2
"""A game given up before the end is tried for a win within this many moves only (proving
that there is none within 3 takes seconds a position; within 2, tens of milliseconds)."""


def ccpd_game_candidates(paths: Iterable[Path | str]) -> Iterator[Candidate]:
    """From the master games: the positions before a win on the board (as for lines), and for a
    game given up, the last two positions with the winner to move (the latest first)."""
    from engine.data import read_jsonl

    for path in paths:
        for item in read_jsonl(path):
            moves = item["moves"].split()
            boards = _before_the_end(Board(), moves, MAX_N)
            if boards:
                yield Candidate(item["id"], "ccpd-games", boards, MAX_N, "master game")
                continue
            winner = {"1-0": True, "0-1": False}.get(item.get("result", ""))
            if winner is None or len(moves) < 4:
                continue
            board, positions = Board(), []
            for text in moves:
                board.push(Move.from_iccs(text))
                positions.append(board.copy())
            if positions[-1].outcome() is None:
                last = [b for b in positions[-4:] if b.turn == winner][::-1]
                yield Candidate(item["id"], "ccpd-games", tuple(last), RESIGNED_MAX_N, "master game, given up")


@dataclass
class BuildReport:
    kept: Counter[tuple[str, int]] = field(default_factory=Counter)  # by (source, n)
    left_out: Counter[tuple[str, str]] = field(default_factory=Counter)  # by (source, reason)

    def as_dict(self) -> dict[str, int | dict[str, dict[str, int]]]:
        kept: dict[str, dict[str, int]] = {}
        for (source, n), count in sorted(self.kept.items()):
            kept.setdefault(source, {})[f"n{n}"] = count
        left: dict[str, dict[str, int]] = {}
        for (source, reason), count in sorted(self.left_out.items()):
            left.setdefault(source, {})[reason] = count
        return {"kept": sum(self.kept.values()), "kept_by_source_and_n": kept,
                "left_out": sum(self.left_out.values()), "left_out_by_source_and_reason": left}


def build_puzzles(candidates: Iterable[Candidate], ctx: JobContext | None = None,
                  total: int | None = None, max_nodes: int | None = MAX_NODES) -> tuple[list[Puzzle], BuildReport]:
    """Check every candidate; the confirmed ones become puzzles (one per position)."""
    ctx = ctx or JobContext()
    report, puzzles, seen = BuildReport(), [], set()
    for number, candidate in enumerate(candidates, 1):
        if candidate.skip:
            report.left_out[(candidate.source, candidate.skip)] += 1
            continue
        reason = "no_win"
        for board in candidate.boards:
            key = position_key(board)
            if key in seen:
                reason = "duplicate"
                break
            check = check_position(board, candidate.max_n, max_nodes)
            if check.confirmed:
                seen.add(key)
                puzzle = make_puzzle(candidate.id, candidate.source, board, check, candidate.category)
                puzzles.append(puzzle)
                report.kept[(candidate.source, puzzle.n)] += 1
                break
            reason = check.reason
        else:
            report.left_out[(candidate.source, reason)] += 1
        if reason == "duplicate":
            report.left_out[(candidate.source, reason)] += 1
        ctx.progress(number / total if total else None, f"{number} candidates, {len(puzzles)} puzzles")
    return puzzles, report


def save_puzzles(puzzles: list[Puzzle], path: Path | str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as handle:  # mtime 0: the same puzzles, the same bytes
        handle.write("".join(p.to_json() + "\n" for p in puzzles).encode("utf-8"))


def bundled_path() -> Path:
    return resources_dir() / PUZZLE_DIR / PUZZLE_FILE


def load_puzzles(path: Path | str | None = None) -> list[Puzzle]:
    path = Path(path) if path is not None else bundled_path()
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return [Puzzle.from_dict(json.loads(line)) for line in handle if line.strip()]
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise PuzzleError(f"cannot read the puzzles {path}: {exc}", str(path)) from exc


def check_puzzle(puzzle: Puzzle, max_nodes: int | None = MAX_NODES) -> str:
    """Replay a bundled puzzle against the prover: "" when it holds, else what is wrong."""
    board = puzzle.board()
    check = check_position(board, puzzle.n, max_nodes)
    if not check.confirmed:
        return check.reason
    if check.n != puzzle.n or check.winners[0].iccs() != puzzle.line[0]:
        return "different_solution"
    for text in puzzle.line:
        try:
            board.push_iccs(text)
        except ValueError:
            return "illegal_line"
    over = board.outcome()
    return "" if over is not None and over.winner == Board(puzzle.fen).turn else "line_does_not_win"


# -- solving ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    """What a move in a puzzle did: ``verdict`` is "right" (the defence follows), "solved" or
    "wrong"; ``refutation`` is the defender's answer to a wrong move (None: it has none, e.g.
    a win slower than the puzzle asks)."""

    verdict: str
    refutation: Move | None = None


class PuzzleSession:
    """One puzzle being solved: the person plays the solver's moves (any move that still wins
    within the moves left counts), the defender answers with ``defence()`` (its best)."""

    def __init__(self, puzzle: Puzzle) -> None:
        self.puzzle = puzzle
        self.board = puzzle.board()
        self.solver = self.board.turn
        self.moves_left = puzzle.n
        self.failed = False
        self.prover = MateProver()

    @property
    def solved(self) -> bool:
        over = self.board.outcome()
        return over is not None and over.winner == self.solver

    def try_move(self, move: Move) -> Attempt:
        """The person's move (legal, the solver's turn): play it if it wins within the moves
        left; a wrong move is not played, and its refutation is given."""
        if not self.prover.wins_after(self.board, move, self.moves_left):
            self.failed = True
            self.board.push(move)
            refutation = self.board.outcome() is None and self.prover.best_defence(self.board, self.moves_left - 1)
            self.board.pop()
            return Attempt("wrong", refutation or None)
        self.board.push(move)
        self.moves_left -= 1
        return Attempt("solved" if self.solved else "right")

    def defence(self) -> Move:
        """The defender's reply that holds out longest (the session's board is the defender's turn)."""
        reply = self.prover.best_defence(self.board, self.moves_left)
        assert reply is not None, "the defender, to move in a game not over, has a move"
        return reply

    def play_defence(self, move: Move) -> None:
        self.board.push(move)

    def hint(self) -> Move:
        """A winning move here (the solution's at the start)."""
        if self.board.fen() == self.puzzle.fen:
            return Move.from_iccs(self.puzzle.line[0])
        return self.prover.winning_moves(self.board, self.moves_left, stop_at=1)[0]
