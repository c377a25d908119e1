"""The xiangqi GPT's vocabulary and sequence format: one token per ICCS move.

Two kinds of sequence, both starting with the game's result so the model can be asked to
play for a result (or told ``[*]``, unknown):

    [1-0] [START] h2e2 h9g7 ... [EOS]                 a game from the standard start
    [1-0] [POS] <90 square tokens> [RED] h9g7 ... [EOS]  a position given without history

The 90 square tokens list the board rank 0 (red's back rank) to 9, files a to i within a
rank (square = rank * 9 + file, as in ``engine.xiangqi.board``), each ``.`` for empty or a
FEN piece letter (``KABNRCP`` red, ``kabnrcp`` black); the side to move follows.

    >>> tok = build_tokenizer()
    >>> tok.decode(tok(game_text(["h2e2", "h9g7"], "1-0"))["input_ids"])
    '[1-0] [START] h2e2 h9g7 [EOS]'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from tokenizers import Tokenizer
from tokenizers.models import WordLevel
from tokenizers.pre_tokenizers import WhitespaceSplit
from transformers import PreTrainedTokenizerFast

FILES = "abcdefghi"
PAD, UNK, EOS, START, POS = "[PAD]", "[UNK]", "[EOS]", "[START]", "[POS]"
RED_TO_MOVE, BLACK_TO_MOVE = "[RED]", "[BLACK]"
RESULT_TOKENS = {"1-0": "[1-0]", "0-1": "[0-1]", "1/2-1/2": "[1/2]", "*": "[*]"}
EMPTY = "."
PIECE_LETTERS = "KABNRCPkabnrcp"
SQUARE_TOKENS = [EMPTY, *PIECE_LETTERS]
SPECIAL_TOKENS = [PAD, UNK, EOS, START, POS, RED_TO_MOVE, BLACK_TO_MOVE, *RESULT_TOKENS.values()]

START_PLACEMENT = (
    "RNBAKABNR" + "." * 9 + ".C.....C." + "P.P.P.P.P" + "." * 9
    + "." * 9 + "p.p.p.p.p" + ".c.....c." + "." * 9 + "rnbakabnr"
)


def _square_name(file: int, rank: int) -> str:
    return f"{FILES[file]}{rank}"


@lru_cache(maxsize=1)
def all_moves() -> tuple[str, ...]:
    """Every ICCS move some piece could make on an empty board (any side), sorted.

    Rook lines cover the king, pawns and cannons; add knight jumps, advisor steps in the
    palaces and elephant jumps on their own halves.
    """
    moves: set[str] = set()
    for file in range(9):
        for rank in range(10):
            here = _square_name(file, rank)
            for f2 in range(9):
                if f2 != file:
                    moves.add(here + _square_name(f2, rank))
            for r2 in range(10):
                if r2 != rank:
                    moves.add(here + _square_name(file, r2))
            for df, dr in ((1, 2), (2, 1), (-1, 2), (-2, 1), (1, -2), (2, -1), (-1, -2), (-2, -1)):
                if 0 <= file + df < 9 and 0 <= rank + dr < 10:
                    moves.add(here + _square_name(file + df, rank + dr))
    for low in (0, 7):  # palaces: ranks 0-2 and 7-9, files d-f
        centre = (4, low + 1)
        for corner in ((3, low), (5, low), (3, low + 2), (5, low + 2)):
            moves.add(_square_name(*corner) + _square_name(*centre))
            moves.add(_square_name(*centre) + _square_name(*corner))
    for low in (0, 5):  # elephants: ranks 0-4 and 5-9
        points = [(2, low), (6, low), (0, low + 2), (4, low + 2), (8, low + 2), (2, low + 4), (6, low + 4)]
        for a in points:
            for b in points:
                if abs(a[0] - b[0]) == 2 and abs(a[1] - b[1]) == 2:
                    moves.add(_square_name(*a) + _square_name(*b))
    return tuple(sorted(moves))


def vocabulary() -> dict[str, int]:
    tokens = [*SPECIAL_TOKENS, *SQUARE_TOKENS, *all_moves()]
    return {token: index for index, token in enumerate(tokens)}


def build_tokenizer() -> PreTrainedTokenizerFast:
    """A WordLevel tokenizer over the vocabulary: saves and loads with transformers."""
    core = Tokenizer(WordLevel(vocabulary(), unk_token=UNK))
    core.pre_tokenizer = WhitespaceSplit()
    return PreTrainedTokenizerFast(  # type: ignore[no-untyped-call]  # unannotated in transformers
        tokenizer_object=core,
        pad_token=PAD,
        unk_token=UNK,
        eos_token=EOS,
        bos_token=START,
        model_input_names=["input_ids", "attention_mask"],
    )


def mirror_move(move: str) -> str:
    """The same move reflected across the middle file (a <-> i): an exact symmetry."""
    return f"{FILES[8 - FILES.index(move[0])]}{move[1]}{FILES[8 - FILES.index(move[2])]}{move[3]}"


def mirror_placement(placement: str) -> str:
    """The 90-character placement reflected across the middle file (a <-> i)."""
    return "".join(placement[rank * 9:(rank + 1) * 9][::-1] for rank in range(10))


def placement_after(moves: list[str], placement: str = START_PLACEMENT) -> str:
    """The 90-character placement after playing ``moves`` (assumed legal) from ``placement``.

    Only pieces move here; legality is the rules engine's job, this just encodes positions.
    """
    squares = list(placement)
    for move in moves:
        source = int(move[1]) * 9 + FILES.index(move[0])
        target = int(move[3]) * 9 + FILES.index(move[2])
        squares[target], squares[source] = squares[source], EMPTY
    return "".join(squares)


def result_token(result: str | None) -> str:
    return RESULT_TOKENS.get(result or "*", RESULT_TOKENS["*"])


def game_text(moves: list[str], result: str | None = None, finished: bool = True) -> str:
    """A game from the start position; ``finished=False`` leaves off ``[EOS]`` for play."""
    return " ".join([result_token(result), START, *moves, *([EOS] if finished else [])])


def position_text(
    placement: str, red_to_move: bool, moves: Sequence[str] = (), result: str | None = None, finished: bool = True
) -> str:
    """A position given as a placement (see module doc), then the moves played from it."""
    if len(placement) != 90 or any(c not in SQUARE_TOKENS for c in placement):
        raise ValueError("A placement is 90 characters, each '.' or one of " + PIECE_LETTERS)
    side = RED_TO_MOVE if red_to_move else BLACK_TO_MOVE
    return " ".join([result_token(result), POS, *placement, side, *moves, *([EOS] if finished else [])])
