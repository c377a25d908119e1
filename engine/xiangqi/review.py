"""Game review: the search engine looks at every position of a game and marks the weak moves.

    game = pgn.read_game(text)
    review = review_game(game.start_fen, game.moves, time_s=1.0)
    [(m.ply, m.mark, m.better.iccs()) for m in review.moves if m.mark]
    # [(9, '??', 'b2c2')] for tests/test_xiangqi_review.py's blunder game (a search of a second
    # a position: too slow for a doctest; the test checks it)

Each position is analysed once (``engine_search.analyse``, a time or a depth a position), which
gives the evaluation curve. A move's **loss** is what the mover gave away, in centipawns: the
position before against the one after searched a ply less deep (so both see equally far), both
clamped to ±``CLAMP_CP`` first — five pawns, more than a horse: a move that keeps the game as
decided as it was (+12 to +6, or -6 to -8) earns no mark — and 0 when it is the engine's own
choice. Marks, by loss: ``?!`` inaccuracy from ``INACCURACY_CP``, ``?``
mistake from ``MISTAKE_CP``, ``??`` blunder from ``BLUNDER_CP`` (the thresholds of common chess
review tools; a chariot is 900). Mates: a mate counts as ±``CLAMP_CP``; walking into a forced
mate the mover was not already facing is ``??``; letting a forced mate of one's own go is at
least ``?``.

The evaluation is shown as red's expected score by a logistic of the centipawns,
``1 / (1 + 10 ** (-cp / LOGISTIC_CP))`` (the Elo curve: 100 cp ≈ 64%, a chariot ≈ 99.5%), a
display scale chosen, not fitted; a mate is 0 or 1, a finished game its result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from engine.runtime.jobs import CancelToken, JobContext
from engine.xiangqi import pgn
from engine.xiangqi.board import RED, Board, Move
from engine.xiangqi.game_line import written_move

if TYPE_CHECKING:  # the search itself is imported only when a review runs (below)
    from engine.xiangqi.engine_search import TranspositionTable

INACCURACY_CP = 50
MISTAKE_CP = 100
BLUNDER_CP = 300
CLAMP_CP = 500
LOGISTIC_CP = 400
DEFAULT_TIME_S = 1.0
"""Seconds of search a position when neither a time nor a depth is given."""

MARKS = ("?!", "?", "??")
NAGS = {"?!": 6, "?": 2, "??": 4}
"""PGN's numeric annotation glyphs for the marks ($6 dubious, $2 mistake, $4 blunder)."""


@dataclass(frozen=True)
class PositionEval:
    """One position's analysis, from red's point of view. ``mate`` is moves to mate: positive
    when red mates, negative when black does (None: no forced mate seen); ``result`` is red's
    points where the game is over (1, 0.5, 0), and then ``best`` is None. ``steady`` is the
    search's ``steady_score`` from red's side (no zigzag between depths of either parity): what
    the bar, the label and the curve show; the marks compare ``score``s of equal horizons."""

    score: int
    mate: int | None = None
    best: Move | None = None
    pv: tuple[Move, ...] = ()
    depth: int = 0
    result: float | None = None
    steady: int | None = None

    @property
    def shown_score(self) -> int:
        """Red's centipawns as shown: ``steady`` where known, else ``score``."""
        return self.score if self.steady is None else self.steady

    @property
    def expectation(self) -> float:
        """Red's expected score, 0..1 (module docstring), of ``shown_score``."""
        if self.result is not None:
            return self.result
        if self.mate is not None:
            return 1.0 if self.mate > 0 else 0.0
        return expected_score(self.shown_score)

    def clamped(self) -> int:
        """Red's centipawns within ±CLAMP_CP, a mate or a won game at the bound."""
        if self.result is not None:
            return round((2 * self.result - 1) * CLAMP_CP)
        if self.mate is not None:
            return CLAMP_CP if self.mate > 0 else -CLAMP_CP
        return max(-CLAMP_CP, min(CLAMP_CP, self.score))


@dataclass(frozen=True)
class MoveReview:
    """The move of ``ply`` (1 = the first move) seen from the positions before and after it."""

    ply: int
    move: Move
    before: PositionEval
    after: PositionEval
    loss: int
    """Centipawns the mover gave away (clamped evaluations; module docstring)."""
    mark: str | None
    """``?!``, ``?``, ``??`` or None."""

    @property
    def better(self) -> Move | None:
        """The engine's move where the played one earned a mark."""
        return self.before.best if self.mark and self.before.best != self.move else None


@dataclass
class GameReview:
    start_fen: str
    positions: list[PositionEval] = field(default_factory=list)
    """After 0, 1, … plies; every position of the game once the review is complete."""
    moves: list[MoveReview] = field(default_factory=list)

    def marks(self) -> dict[int, str]:
        return {m.ply: m.mark for m in self.moves if m.mark}

    def counts(self, color: bool) -> dict[str, int]:
        """How many of each mark ``color`` earned."""
        counts = dict.fromkeys(MARKS, 0)
        for m in self.moves:
            if m.mark and _mover(self.start_fen, m.ply) == color:
                counts[m.mark] += 1
        return counts


def _mover(start_fen: str, ply: int) -> bool:
    red_first = Board(start_fen).turn == RED
    return RED if (ply % 2 == 1) == red_first else not RED


def expected_score(cp: float) -> float:
    """Red's expected score for red-view centipawns (module docstring)."""
    odds: float = 10.0 ** (-cp / LOGISTIC_CP)  # typeshed's float ** float may be complex: not for base 10
    return 1.0 / (1.0 + odds)


def classify(loss: int) -> str | None:
    """The mark a loss in centipawns earns (None below ``INACCURACY_CP``)."""
    if loss >= BLUNDER_CP:
        return "??"
    if loss >= MISTAKE_CP:
        return "?"
    if loss >= INACCURACY_CP:
        return "?!"
    return None


def evaluate_position(board: Board, time_s: float | None = None, depth: int | None = None,
                      cancel: CancelToken | None = None, tt: TranspositionTable | None = None) -> PositionEval:
    """The engine's view of ``board`` from red's side; a finished game is scored by its result."""
    outcome = board.outcome()
    if outcome is not None:
        points = 0.5 if outcome.winner is None else float(outcome.winner == RED)
        return PositionEval(round((2 * points - 1) * CLAMP_CP), result=points)
    from engine.xiangqi.engine_search import analyse

    if time_s is None and depth is None:
        time_s = DEFAULT_TIME_S
    # Full-width: a move's loss compares searches that see equally far (review_move), and a timed
    # search with the futility prunings would be set against a full-width one of fixed depth.
    found = analyse(board, time_s=time_s, depth=depth, cancel=cancel, tt=tt, selective=False)
    sign = 1 if board.turn == RED else -1
    mate = None if found.mate_in is None else sign * found.mate_in
    return PositionEval(sign * found.score, mate, found.best, tuple(found.pv), found.depth,
                        steady=sign * found.steady_score)


def review_move(ply: int, move: Move, mover: bool, before: PositionEval, played: PositionEval) -> MoveReview:
    """Loss and mark of one move (module docstring). ``played`` is the position after the move,
    searched a ply less deep than ``before`` was, so both see equally far."""
    sign = 1 if mover == RED else -1
    loss = 0 if move == before.best else max(0, sign * (before.clamped() - played.clamped()))
    mark = classify(loss)
    mated_after = played.mate is not None and sign * played.mate < 0
    mated_before = before.mate is not None and sign * before.mate < 0
    if mated_after and not mated_before:
        mark = "??"
    mating_before = before.mate is not None and sign * before.mate > 0
    mating_after = (played.mate is not None and sign * played.mate > 0) or played.result == (sign + 1) / 2
    if mating_before and not mating_after and mark not in ("?", "??"):
        mark = "?"
    return MoveReview(ply, move, before, played, loss, mark)


def review_game(start_fen: str, moves: list[Move], time_s: float | None = None, depth: int | None = None,
                ctx: JobContext | None = None) -> GameReview:
    """Analyse every position of the game (``time_s`` or ``depth`` each; neither: ``DEFAULT_TIME_S``);
    ``ctx`` gets progress, each position's evaluation then each ``MoveReview`` as partials, and
    its cancel is honoured inside the searches.

    The evaluation after a move (the curve's) is its position's own search; its loss compares the
    position before with the one after searched a ply less deep (``review_move``), since searches
    of different depths disagree by a tempo. One transposition table serves the whole game."""
    from engine.xiangqi.engine_search import TranspositionTable

    ctx = ctx or JobContext()
    tt = TranspositionTable()
    board = Board(start_fen)
    review = GameReview(start_fen)
    total = len(moves) + 1
    for ply in range(total):
        ctx.progress(ply / total, f"{ply}/{total}")
        if ply > 0:
            board.push(moves[ply - 1])
        position = evaluate_position(board, time_s, depth, ctx.cancel_token, tt)
        review.positions.append(position)
        ctx.partial(position)
        if ply == 0:
            continue
        before, move = review.positions[-2], moves[ply - 1]
        played = position
        if move != before.best and position.result is None and position.depth != before.depth - 1:
            played = evaluate_position(board, depth=max(1, before.depth - 1), cancel=ctx.cancel_token, tt=tt)
        review.moves.append(replace(review_move(ply, move, not board.turn, before, played), after=position))
        ctx.partial(review.moves[-1])
    ctx.progress(1.0, f"{total}/{total}")
    return review


def eval_text(position: PositionEval) -> str:
    """Red's evaluation as PGN's ``[%eval]`` writes it: pawns (``+1.25``) or moves to mate (``#3``,
    ``#-2`` when black mates); a finished game is its result (``1-0``)."""
    if position.result is not None:
        return {1.0: "1-0", 0.0: "0-1"}.get(position.result, "1/2-1/2")
    if position.mate is not None:
        return f"#{position.mate}"
    return f"{position.score / 100:+.2f}"


_OUR_NOTE = re.compile(r"\s*\[%eval [^\]]*\].*$", re.DOTALL)
"""A review's note: from its ``[%eval`` command to the comment's end."""


def annotated_game(game: pgn.Game, review: GameReview, better: str = "better: %1",
                   notation: str = "chinese") -> pgn.Game:
    """A copy of ``game`` with each reviewed move's evaluation after it (``{[%eval +0.35]}``), the
    engine's move where a mark was earned (``better`` with ``%1`` for the move, in ``notation``)
    and the mark as a NAG. A comment already there is kept before the note, without the note
    an earlier review left (from ``[%eval`` on)."""
    board = game.board()
    comments, nags = dict(game.comments), {ply: list(v) for ply, v in game.nags.items()}
    for m in review.moves:
        note = f"[%eval {eval_text(m.after)}]"
        if m.better is not None:
            written = written_move(board, m.better, notation)
            note += " " + better.replace("%1", written)
        old = _OUR_NOTE.sub("", comments.get(m.ply, ""))
        comments[m.ply] = f"{old} {note}" if old else note
        glyphs = [nag for nag in nags.get(m.ply, []) if nag not in NAGS.values()]
        nags[m.ply] = glyphs + ([NAGS[m.mark]] if m.mark else [])
        if not nags[m.ply]:
            del nags[m.ply]
        board.push(m.move)
    return replace(game, comments=comments, nags=nags, headers=dict(game.headers), moves=list(game.moves))


def marks_of(game: pgn.Game) -> dict[int, str]:
    """The review marks a read game carries (its ``?!``, ``?`` and ``??`` NAGs), by ply."""
    glyphs = {nag: mark for mark, nag in NAGS.items()}
    return {ply: glyphs[nag] for ply, found in game.nags.items() for nag in found if nag in glyphs}
