"""What the board-aware xiangqi GPT is told about each position, as a bag of feature indices.

The GPT reads the game as move tokens (``engine.xiangqi.tokens``). On top of that, every token
that ends at a position (``[START]``, the side token after a ``[POS]`` placement, each move)
gets the sum of learned embeddings of that position's features, as an NNUE's first layer sums
(piece, square) weights:

* each piece on its square (14 piece kinds x 90 squares);
* the side to move, and whether it is in check;
* every legal move of the side to move, and every pseudo-legal move of the other side (what it
  attacks), as the moves' own indices: "Mastering Chinese Chess AI Without Search" (Tencent,
  2024) found both sides' possible moves as inputs speed up imitation learning.

Feature indices are ints below ``FEATURE_COUNT``; a position's features are a sorted tuple.
A position reached by different move orders has equal features (they are computed from the
position alone), and the left-right mirror of a position has the mirrored features.

    >>> features = position_features(SearchBoard(Board()))
    >>> sum(OWN_MOVES <= f < OPPONENT_MOVES for f in features)   # red's 44 opening moves
    44
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from engine.xiangqi.board import Board, IllegalMoveError, InvalidFenError, Move, Piece
from engine.xiangqi.search_board import SearchBoard, encode
from engine.xiangqi.tokens import (
    BLACK_TO_MOVE, EMPTY, POS, RED_TO_MOVE, START, all_moves, mirror_move, vocabulary,
)

PIECE_CODES = (1, 2, 3, 4, 5, 6, 7, -1, -2, -3, -4, -5, -6, -7)
"""Board piece codes (``engine.xiangqi.board``) in feature order: red KABNRCP, then black."""
_PIECE_INDEX = {code: index for index, code in enumerate(PIECE_CODES)}

PIECE_SQUARES = 0
SIDE = PIECE_SQUARES + len(PIECE_CODES) * 90  # + 0 red to move, + 1 black to move
IN_CHECK = SIDE + 2
OWN_MOVES = IN_CHECK + 1  # + the move's index in all_moves()
OPPONENT_MOVES = OWN_MOVES + len(all_moves())
FEATURE_COUNT = OPPONENT_MOVES + len(all_moves())

_MOVE_INDEX = {move: index for index, move in enumerate(all_moves())}
_MOVE_INDEX_BY_INT = {encode(Move.from_iccs(move)): index for move, index in _MOVE_INDEX.items()}


def position_features(position: SearchBoard) -> tuple[int, ...]:
    """The feature indices of a position (module doc), sorted."""
    features = [PIECE_SQUARES + _PIECE_INDEX[code] * 90 + sq for sq, code in enumerate(position.squares) if code]
    features.append(SIDE + (0 if position.turn else 1))
    if position.in_check():
        features.append(IN_CHECK)
    features.extend(OWN_MOVES + _MOVE_INDEX_BY_INT[move] for move in position.legal_moves())
    position.turn = not position.turn
    try:
        features.extend(OPPONENT_MOVES + _MOVE_INDEX_BY_INT[move] for move in set(position.moves()))
    finally:
        position.turn = not position.turn
    return tuple(sorted(features))


def legal_from_features(features: Sequence[int]) -> set[str]:
    """The legal moves (ICCS) that a position's features list."""
    moves = all_moves()
    return {moves[f - OWN_MOVES] for f in features if OWN_MOVES <= f < OPPONENT_MOVES}


def mirror_table() -> list[int]:
    """``table[f]`` is feature ``f`` of the left-right mirrored position (files a <-> i)."""
    table = list(range(FEATURE_COUNT))
    for index in range(len(PIECE_CODES)):
        for sq in range(90):
            table[PIECE_SQUARES + index * 90 + sq] = PIECE_SQUARES + index * 90 + sq - sq % 9 + 8 - sq % 9
    for move, index in _MOVE_INDEX.items():
        mirrored = _MOVE_INDEX[mirror_move(move)]
        table[OWN_MOVES + index] = OWN_MOVES + mirrored
        table[OPPONENT_MOVES + index] = OPPONENT_MOVES + mirrored
    return table


class FeatureCache:
    """Positions' features by Zobrist key (side to move included), least recently used out.

    A game asks for the features of every position it has passed through each time the
    model reads it; all but the newest come from here, so a move costs one new position.
    """

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._features: OrderedDict[int, tuple[int, ...]] = OrderedDict()

    def features(self, position: SearchBoard) -> tuple[int, ...]:
        found = self._features.get(position.key)
        if found is None:
            found = self._features[position.key] = position_features(position)
            if len(self._features) > self.size:
                self._features.popitem(last=False)
        else:
            self._features.move_to_end(position.key)
        return found


_SHARED_CACHE = FeatureCache()


def game_features(moves: Sequence[str], root: Board | None = None,
                  cache: FeatureCache | None = None) -> list[tuple[int, ...]]:
    """Features of the root position and of the position after each move (``len(moves) + 1``).

    Raises ``IllegalMoveError`` at the first move that is not legal where it is played (use
    ``legal_prefix_features`` to stop there instead).
    """
    out = _walk(moves, SearchBoard(root if root is not None else Board()), cache or _SHARED_CACHE)
    if len(out) <= len(moves):
        raise IllegalMoveError(f"move {len(out)}, {moves[len(out) - 1]}, is not legal there")
    return out


def legal_prefix_features(moves: Sequence[str], cache: FeatureCache | None = None) -> list[tuple[int, ...]]:
    """``game_features`` of the standard start, up to the first move that is not legal (a few
    game records continue past a move that left the general in check)."""
    return _walk(moves, SearchBoard(Board()), cache or _SHARED_CACHE)


def _walk(moves: Sequence[str], position: SearchBoard, cache: FeatureCache) -> list[tuple[int, ...]]:
    """Features of ``position`` and after each move, stopping before the first illegal one."""
    out = [cache.features(position)]
    for text in moves:
        index = _MOVE_INDEX.get(text)
        if index is None or OWN_MOVES + index not in out[-1]:
            break
        position.make(encode(Move.from_iccs(text)))
        out.append(cache.features(position))
    return out


def placement_board(placement: str, red_to_move: bool) -> Board:
    """The board of a 90-character placement (``engine.xiangqi.tokens``); ``InvalidFenError``
    when it is no legal set-up."""
    board = Board.empty()
    for sq, symbol in enumerate(placement):
        if symbol != EMPTY:
            board.set_piece_at(sq, Piece.from_symbol(symbol))
    board.turn = red_to_move
    Board(board.fen())  # validates the set-up the way a pasted FEN is validated
    return board


def token_features(tokens: Sequence[str], cache: FeatureCache | None = None) -> list[tuple[int, ...]]:
    """Each token's features in a GPT sequence (``engine.xiangqi.tokens`` format): the position
    that token ends at, or ``()`` for tokens that end at none (the result, ``[POS]`` and its
    squares, ``[EOS]``, padding). After a token that is no legal move, no position is known,
    so the rest get ``()`` too (the attention tab may be given any tokens)."""
    cache = cache or _SHARED_CACHE
    out: list[tuple[int, ...]] = []
    position: SearchBoard | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        features: tuple[int, ...] = ()
        if token == START:
            position = SearchBoard(Board())
            features = cache.features(position)
        elif token == POS and index + 91 < len(tokens) and tokens[index + 91] in (RED_TO_MOVE, BLACK_TO_MOVE):
            try:
                root = placement_board("".join(tokens[index + 1 : index + 91]), tokens[index + 91] == RED_TO_MOVE)
            except (InvalidFenError, ValueError):
                position = None
                out.extend([()] * 92)
            else:
                position = SearchBoard(root)
                out.extend([()] * 91)
                out.append(cache.features(position))
            index += 92
            continue
        elif position is not None and token in _MOVE_INDEX:
            move = encode(Move.from_iccs(token))
            previous = out[-1] if out else ()
            if OWN_MOVES + _MOVE_INDEX[token] in previous:
                position.make(move)
                features = cache.features(position)
            else:
                position = None
        else:
            position = None if token not in (RED_TO_MOVE, BLACK_TO_MOVE) else position
        out.append(features)
        index += 1
    return out


def ids_features(ids: Sequence[int]) -> list[tuple[int, ...]]:
    """``token_features`` of a row of token ids of the GPT's fixed vocabulary."""
    return token_features([_TOKENS_BY_ID.get(int(i), "") for i in ids])


_TOKENS_BY_ID = {index: token for token, index in vocabulary().items()}
MOVE_TOKEN_IDS = [vocabulary()[move] for move in all_moves()]
"""The token id of each move, in ``all_moves()`` order (the order of the move features)."""
