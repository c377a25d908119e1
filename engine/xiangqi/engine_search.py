"""The xiangqi engine: iterative-deepening alpha-beta search on a ``SearchBoard``.

    >>> analysis = analyse(Board(), depth=2)
    >>> Board().is_legal(analysis.best)
    True

``analyse`` returns the best move, its score in centipawns for the side to move (a mate as
``±(MATE - plies)``), the principal variation, the depth reached and the nodes searched. The
search: iterative deepening with aspiration windows; principal-variation search; a
transposition table on the incremental Zobrist key; the table's move, captures by MVV-LVA,
two killer moves per ply and a history score as the move order; null-move pruning (only while
the side to move keeps a chariot or two horses/cannons, so not in the zugzwang-prone
endgames), late-move reductions for quiet moves, and, in a search on the clock, near the leaves
of non-PV nodes reverse futility (a static score far above beta cuts) and futility pruning (quiet
moves skipped when the static score is far below alpha); checks extended a ply; a quiescence search
on captures with a static-exchange test (a capture by a more valuable piece of a defended
piece is skipped), all evasions in check. A position repeated on the search path (or from the
game's history) is scored by xiangqi's rule: when one side gave check with every move of the
cycle and the other did not, the checking side loses (长将判负); otherwise a draw. The
120-ply rule is not searched. The evaluation is ``evaluation.evaluate``.

The GPT is not needed here; ``root_bonus`` lets a caller (``levels.EnginePlayer``) add its
preference, in centipawns, to root moves so that near-ties go its way.

The same search is compiled in ``_csearch.c`` (``search_compiled``), about 25 times faster, and
``analyse`` uses it wherever it was built; ``_Search`` below is the reference the tests hold it
to and the search where no C compiler was at hand. The C code lists pieces by square (here:
set order) and keeps one table entry per key modulo the table's size (here: a dict), so where
move order or the table can matter (null move, reductions, table cut-offs, from depth 4) the two
may score a position a few centipawns apart; to depth 3, and in move generation and evaluation,
they agree exactly (tests/test_xiangqi_compiled_search.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.runtime.jobs import CancelToken
from engine.xiangqi.board import Board, Move
from engine.xiangqi.evaluation import evaluate
from engine.xiangqi.search_board import FROM_MASK, SearchBoard, decode, encode
from engine.xiangqi.search_compiled import load

if TYPE_CHECKING:
    from engine.xiangqi import _csearch

MATE = 30_000
MATE_BOUND = MATE - 1_000
"""Scores beyond ±MATE_BOUND are mates."""
RULE_WIN = 20_000
"""A win by the perpetual-check rule, less the plies to it (below every mate score)."""
MAX_PLY = 64
INFINITE = 32_000
VALUES = [0, 0, 200, 200, 400, 900, 450, 100] + [100, 450, 900, 400, 200, 200, 0]
"""Piece values for MVV-LVA and the exchange test, by signed code."""
EXACT, LOWER, UPPER = 0, 1, 2
ASPIRATION = 40
FUTILITY = (0, 150, 300, 450)
"""Margins by remaining depth (index): a quiet move at a non-PV node whose static score plus the
margin is at most alpha is not searched (frontier futility pruning)."""
REVERSE_FUTILITY = 110
"""Per ply of remaining depth (below ``len(FUTILITY)``): a non-PV node whose static score beats
beta by this much is cut at once."""
CHECK_EVERY = 1023  # nodes between looks at the clock and the cancel token
COMPILED = load(VALUES, FUTILITY, REVERSE_FUTILITY, (MATE, MATE_BOUND, RULE_WIN, MAX_PLY, INFINITE, LOWER, UPPER))
"""The compiled search module, or None where it was not built."""


@dataclass(frozen=True)
class Analysis:
    """What the search found: ``score`` for the side to move; ``mate_in`` moves (negative:
    being mated; 0: mated now, ``best`` is None). ``steady_score`` is the mean of the last two
    completed depths' scores: a search to an odd depth gives the side to move the last move and
    an even one its opponent, so the scores of the positions of a game, searched to depths of
    either parity, zigzag between the sides; the mean does not (``score`` itself for a mate or
    when one depth completed)."""

    best: Move | None
    score: int
    pv: tuple[Move, ...]
    depth: int
    nodes: int
    mate_in: int | None
    steady_score: int


class TranspositionTable:
    """Positions already searched: key -> (depth, bound, score, move). Keep one across the
    moves of a game (and the analyses of a review) to reuse its work; cleared when full."""

    def __init__(self, max_entries: int = 1 << 20) -> None:
        self.entries: dict[int, tuple[int, int, int, int]] = {}
        self.max_entries = max_entries
        self._compiled: _csearch.Table | None = None

    def compiled(self) -> _csearch.Table:
        """The compiled search's table (one slot per key modulo its size), made on first use;
        the Python search keeps ``entries``."""
        if self._compiled is None:
            assert COMPILED is not None, "only the compiled search asks for its table"
            self._compiled = COMPILED.Table(self.max_entries)
        return self._compiled

    def __len__(self) -> int:
        return len(self.entries) + (len(self._compiled) if self._compiled is not None else 0)

    def clear(self) -> None:
        self.entries.clear()
        if self._compiled is not None:
            self._compiled.clear()


class _Stop(Exception):
    pass


def _to_tt(score: int, ply: int) -> int:
    if score > MATE_BOUND:
        return score + ply
    if score < -MATE_BOUND:
        return score - ply
    return score


def _from_tt(score: int, ply: int) -> int:
    if score > MATE_BOUND:
        return score - ply
    if score < -MATE_BOUND:
        return score + ply
    return score


class _Clock:
    """When a search must stop: its deadline (set once the first depth is done) and cancel token."""

    def __init__(self, deadline: float | None, cancel: CancelToken | None) -> None:
        self.deadline, self.cancel = deadline, cancel

    def _tick(self) -> None:
        if self.deadline is not None and time.perf_counter() > self.deadline:
            raise _Stop
        if self.cancel is not None:
            self.cancel.raise_if_cancelled()


class _CompiledSearch(_Clock):
    """``_Search``'s interface over the compiled search; the clock stays here (the C code calls
    ``_tick`` every 1,024 nodes, and lets other threads run between)."""

    def __init__(self, position: SearchBoard, tt: TranspositionTable, deadline: float | None,
                 cancel: CancelToken | None, selective: bool = False) -> None:
        super().__init__(deadline, cancel)
        assert COMPILED is not None, "analyse builds this only where the compiled search was built"
        self.core: _csearch.Searcher = COMPILED.Searcher(position.squares, position.turn, position.keys, position.checks,
                                      position.reversible_from, tt.compiled(), selective)

    @property
    def nodes(self) -> int:
        return self.core.nodes

    def order_root(self, moves: list[int]) -> list[int]:
        return self.core.order_root(moves)

    def root(self, moves: list[int], depth: int, alpha: int, beta: int, bonus: dict[int, int],
             result: list[tuple[int, int, list[int]]]) -> int:
        return self.core.root(moves, depth, alpha, beta, bonus, result, self._tick)


class _Search(_Clock):
    """One analysis: the position it works on, its clock, table and move-order memory."""

    def __init__(self, position: SearchBoard, tt: TranspositionTable, deadline: float | None,
                 cancel: CancelToken | None, selective: bool = False) -> None:
        super().__init__(deadline, cancel)
        self.position, self.tt = position, tt
        self.selective = selective
        """Whether the futility prunings apply (a search on the clock; see ``analyse``)."""
        self.nodes = 0
        self.killers = [[0, 0] for _ in range(MAX_PLY + 2)]
        self.history = [[0] * (90 << 7), [0] * (90 << 7)]
        self.pv: list[list[int]] = [[] for _ in range(MAX_PLY + 2)]
        """``pv[ply]``: the best line found from the node at that ply (triangular PV table)."""

    def order_root(self, moves: list[int]) -> list[int]:
        entry = self.tt.entries.get(self.position.key)
        return self._order(moves, entry[3] if entry else 0, 0)

    def _repetition(self, ply: int) -> int | None:
        """Score of a repeated position by the perpetual-check rule (module docstring), or None."""
        p = self.position
        keys, n = p.keys, len(p.keys) - 1
        key = keys[n]
        for i in range(n - 4, p.reversible_from[n] - 1, -2):
            if keys[i] == key:
                checks = p.checks
                they_checked = all(checks[j] for j in range(n, i, -2))
                we_checked = all(checks[j] for j in range(n - 1, i, -2))
                if they_checked and not we_checked:
                    return RULE_WIN - ply
                if we_checked and not they_checked:
                    return -(RULE_WIN - ply)
                return 0
        return None

    def _order(self, moves: list[int], tt_move: int, ply: int) -> list[int]:
        b = self.position.squares
        history = self.history[self.position.turn]
        killer1, killer2 = self.killers[ply]

        def key(move: int) -> int:
            if move == tt_move:
                return -10_000_000
            victim = b[move >> 7]
            if victim:
                return -1_000_000 - VALUES[victim] * 16 + VALUES[b[move & FROM_MASK]] // 64
            if move == killer1:
                return -900_000
            if move == killer2:
                return -800_000
            return -history[move]

        moves.sort(key=key)
        return moves

    def quiesce(self, alpha: int, beta: int, ply: int, in_check: bool) -> int:
        self.nodes += 1
        self.pv[ply] = []
        if not self.nodes & CHECK_EVERY:
            self._tick()
        p = self.position
        if in_check:
            best = -MATE + ply
            moves = p.moves()
        else:
            best = evaluate(p, alpha, beta)
            if best >= beta or ply >= MAX_PLY:
                return best
            if best > alpha:
                alpha = best
            moves = p.moves(captures_only=True)
        b = p.squares
        moves.sort(key=lambda m: VALUES[b[m & FROM_MASK]] // 64 - VALUES[b[m >> 7]] * 16)
        for move in moves:
            if not in_check:
                victim, attacker = VALUES[b[move >> 7]], VALUES[b[move & FROM_MASK]]
                if attacker > victim and p.attacked(move >> 7, not p.turn):
                    continue  # the static-exchange test: it loses material on the recapture
            gives_check = p.play(move, in_check)
            if gives_check is None:
                continue
            score = -self.quiesce(-beta, -alpha, ply + 1, gives_check and ply < MAX_PLY)
            p.unmake(move)
            if score > best:
                best = score
                if score > alpha:
                    alpha = score
                    self.pv[ply] = [move, *self.pv[ply + 1]]
                    if alpha >= beta:
                        break
        return best

    def search(self, depth: int, alpha: int, beta: int, ply: int, in_check: bool, null_ok: bool = True) -> int:
        p = self.position
        self.pv[ply] = []
        if ply:
            repeated = self._repetition(ply)
            if repeated is not None:
                return repeated
        if depth <= 0:
            return self.quiesce(alpha, beta, ply, in_check)
        self.nodes += 1
        if not self.nodes & CHECK_EVERY:
            self._tick()
        if ply >= MAX_PLY:
            return evaluate(p)
        pv_node = beta - alpha > 1
        entry = self.tt.entries.get(p.key)
        tt_move = 0
        if entry is not None:
            tt_depth, bound, tt_score, tt_move = entry
            if tt_depth >= depth and not pv_node and ply:
                tt_score = _from_tt(tt_score, ply)
                if bound == EXACT or (bound == LOWER and tt_score >= beta) or (bound == UPPER and tt_score <= alpha):
                    return tt_score
        turn = p.turn
        quiet_node = not pv_node and not in_check and ply
        prunable = quiet_node and self.selective and depth < len(FUTILITY) and abs(beta) < MATE_BOUND
        null_tried = quiet_node and null_ok and depth >= 3
        static = evaluate(p) if prunable or null_tried else 0  # read only by the prunings that asked for it
        if prunable and static - REVERSE_FUTILITY * depth >= beta:
            return static  # reverse futility: even a quiet opponent reply leaves us above beta
        if null_tried:
            pieces = p.pieces
            sign = 1 if turn else -1
            if pieces[5 * sign] or len(pieces[4 * sign]) + len(pieces[6 * sign]) >= 2:  # a chariot, or two horses/cannons
                if static >= beta:
                    p.make_null()
                    score = -self.search(depth - 3 - depth // 6, -beta, -beta + 1, ply + 1, False, False)
                    p.unmake_null()
                    if score >= beta:
                        return beta if score < MATE_BOUND else score
        moves = self._order(p.moves(), tt_move, ply)
        b = p.squares
        best, best_move, searched = -INFINITE, 0, 0
        original_alpha = alpha
        for move in moves:
            capture = b[move >> 7]
            gives_check = p.play(move, in_check)
            if gives_check is None:
                continue
            new_depth = depth - 1 + (1 if gives_check else 0)
            if (prunable and searched and not capture and not gives_check
                    and static + FUTILITY[depth] <= alpha):
                p.unmake(move)  # futility: a quiet move here cannot lift a position this far below alpha
                best = max(best, static + FUTILITY[depth])
                continue
            if searched == 0:
                score = -self.search(new_depth, -beta, -alpha, ply + 1, gives_check)
            else:
                reduction = 0
                if searched >= 3 and depth >= 3 and not capture and not in_check and not gives_check:
                    reduction = 1 if searched < 8 else 2
                score = -self.search(new_depth - reduction, -alpha - 1, -alpha, ply + 1, gives_check)
                if score > alpha and (reduction or score < beta):
                    score = -self.search(new_depth, -beta, -alpha, ply + 1, gives_check)
            p.unmake(move)
            searched += 1
            if score > best:
                best, best_move = score, move
                if score > alpha:
                    alpha = score
                    self.pv[ply] = [move, *self.pv[ply + 1]]
                    if alpha >= beta:
                        if not capture:
                            killers = self.killers[ply]
                            if killers[0] != move:
                                killers[1], killers[0] = killers[0], move
                            self.history[turn][move] += depth * depth
                        break
        if searched == 0:
            return -MATE + ply  # no legal move: checkmate or stalemate, both lost
        bound = LOWER if best >= beta else EXACT if best > original_alpha else UPPER
        tt = self.tt
        if len(tt.entries) >= tt.max_entries:
            tt.entries.clear()
        tt.entries[p.key] = (depth, bound, _to_tt(best, ply), best_move)
        return best

    def root(self, moves: list[int], depth: int, alpha: int, beta: int, bonus: dict[int, int],
             result: list[tuple[int, int, list[int]]]) -> int:
        """Search the root moves in order; ``result`` gets the best (move, score, pv) found so far,
        even if time runs out half-way (``_Stop`` leaves the position mid-line). Returns the best
        score (with its bonus)."""
        p = self.position
        best = -INFINITE
        for index, move in enumerate(moves):
            p.make(move)
            gives_check = p.in_check()
            p.checks[-1] = gives_check
            extra = bonus.get(move, 0)
            new_depth = depth - 1 + (1 if gives_check else 0)
            if index == 0:
                score = extra - self.search(new_depth, extra - beta, extra - alpha, 1, gives_check)
            else:
                score = extra - self.search(new_depth, extra - alpha - 1, extra - alpha, 1, gives_check)
                if alpha < score < beta:
                    score = extra - self.search(new_depth, extra - beta, extra - alpha, 1, gives_check)
            p.unmake(move)
            if score > best:
                best = score
                if score > alpha:
                    result[:] = [(move, score - extra, [move, *self.pv[1]])]
                    alpha = score
                    if alpha >= beta:
                        break
        return best


def _mate_in(score: int) -> int | None:
    if score > MATE_BOUND:
        return (MATE - score + 1) // 2
    if score < -MATE_BOUND:
        return -((MATE + score) // 2)
    return None


def analyse(board: Board, time_s: float | None = None, depth: int | None = None,
            cancel: CancelToken | None = None, tt: TranspositionTable | None = None,
            root_bonus: dict[Move, int] | None = None, selective: bool | None = None,
            compiled: bool | None = None) -> Analysis:
    """Search ``board`` (its game history counts for repetitions) for ``time_s`` seconds and/or
    to ``depth`` plies (neither: depth 6). Depth 1 always completes; a deeper iteration cut off
    by the clock still counts a better move it found. A cancel raises ``Cancelled``.

    The futility prunings (``selective``) buy depth on the clock at some risk per ply; by default
    they apply to a search with a time and no depth, so a search to a given depth (the levels cut
    to 2 and 4 plies, whose ratings were measured that way) stays full-width. ``compiled``: the
    compiled search (None: wherever it was built; False: the Python search)."""
    start = time.perf_counter()
    position = SearchBoard(board)
    tt = tt if tt is not None else TranspositionTable()
    max_depth = depth if depth is not None else (MAX_PLY if time_s is not None else 6)
    if selective is None:
        selective = time_s is not None and depth is None
    in_check = position.in_check()
    position.checks[-1] = in_check
    if compiled and COMPILED is None:
        raise RuntimeError("the compiled search was not built (setup.py)")
    use_compiled = COMPILED is not None if compiled is None else compiled
    search = (_CompiledSearch if use_compiled else _Search)(position, tt, None, cancel, selective)
    moves = position.legal_moves()
    if not moves:
        return Analysis(None, -MATE, (), 0, 0, 0, -MATE)
    bonus = {encode(move): value for move, value in (root_bonus or {}).items()}
    moves = search.order_root(moves)
    if bonus:
        moves.sort(key=lambda move: -bonus.get(move, 0))  # stable: the prior first, captures next
    best_move, best_score, pv, completed = moves[0], 0, [moves[0]], 0
    completed_scores: list[int] = []
    for current in range(1, max_depth + 1):
        result: list[tuple[int, int, list[int]]] = []
        try:
            if current >= 4 and abs(best_score) < MATE_BOUND:
                low, high = best_score - ASPIRATION, best_score + ASPIRATION
                while True:
                    score = search.root(moves, current, low, high, bonus, result)
                    if score <= low:
                        low = max(-INFINITE, low - 4 * (high - low))
                    elif score >= high:
                        high = min(INFINITE, high + 4 * (high - low))
                    else:
                        break
            else:
                search.root(moves, current, -INFINITE, INFINITE, bonus, result)
        except _Stop:  # the position is left mid-line; it is not used again
            if result and result[0][0] != best_move and result[0][1] > best_score:
                best_move, best_score, pv = result[0]
            break
        best_move, best_score, pv = result[0]
        completed = current
        completed_scores.append(best_score)
        moves.remove(best_move)
        moves.insert(0, best_move)
        if abs(best_score) > MATE_BOUND:
            break
        if time_s is not None:
            search.deadline = start + time_s
            if time.perf_counter() - start > time_s / 2:
                break
    last_two = completed_scores[-2:]
    steady = sum(last_two) // 2 if len(last_two) == 2 and max(map(abs, last_two)) < MATE_BOUND else best_score
    return Analysis(decode(best_move), best_score, tuple(decode(move) for move in pv), completed, search.nodes,
                    _mate_in(best_score), steady)
