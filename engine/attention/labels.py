"""Token labels a person can read: the text each token covers, or a model kind's own notation.

The tokenizer gives the characters behind each token (Chinese characters for the couplet
and math models). A model kind may read its tokens better: ``LABELLERS`` are tried in
order on the raw token strings and the first that recognises them wins — the xiangqi GPT's
one-token-per-move sequences become Chinese move notation (``炮二平五``).

    labels = token_labels(tokenizer, ids, text, offsets)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from engine.xiangqi import Board, IllegalMoveError, InvalidFenError, InvalidMoveError, Move

Labeller = Callable[[list[str]], list[str] | None]

_UNREADABLE = "\ufffd"


def _visible(text: str) -> str:
    """Whitespace a person can see in an axis label."""
    if text.strip():
        return text.strip()
    return text.replace("\n", "⏎").replace("\t", "⇥").replace(" ", "·")


def tokenizer_labels(tokenizer, ids: Sequence[int], text: str | None = None,
                     offsets: Sequence[tuple[int, int]] | None = None) -> list[str]:
    """The text behind each token: ``text[start:end]`` from its offsets when given, else decoded."""
    raw = tokenizer.convert_ids_to_tokens(list(ids))
    special = set(tokenizer.all_special_ids)
    labels = []
    for position, (token_id, token) in enumerate(zip(ids, raw)):
        piece = ""
        if text is not None and offsets is not None and position < len(offsets):
            start, end = offsets[position]
            piece = text[start:end]  # also names what an unknown token stood for
        if not piece and token_id in special:
            labels.append(str(token))
            continue
        piece = piece or tokenizer.decode([token_id])
        labels.append(_visible(str(token) if not piece or _UNREADABLE in piece else piece))
    return labels


def _fen_from_squares(squares: Sequence[str], red_to_move: bool) -> str:
    """The FEN of 90 square tokens listed from rank 0 (red's back rank), files a to i."""
    ranks = []
    for rank in range(9, -1, -1):
        row, empty = "", 0
        for symbol in squares[rank * 9:(rank + 1) * 9]:
            if symbol == ".":
                empty += 1
                continue
            row += (str(empty) if empty else "") + symbol
            empty = 0
        ranks.append(row + (str(empty) if empty else ""))
    return "/".join(ranks) + (" w" if red_to_move else " b")


def xiangqi_move_labels(tokens: list[str]) -> list[str] | None:
    """Chinese notation for the moves of a xiangqi GPT sequence; None for other models' tokens.

    ``[1-0] [START] h2e2 h9g7`` → ``[1-0] [START] 炮二平五 马８进７``. A position given as
    ``[POS]`` + 90 squares + side is replayed from there. A move that is not legal keeps its
    ICCS text, and so do the moves after it.
    """
    if "[START]" in tokens:
        board, first_move = Board(), tokens.index("[START]") + 1
    elif "[POS]" in tokens and len(tokens) >= tokens.index("[POS]") + 92:
        start = tokens.index("[POS]") + 1
        try:
            board = Board(_fen_from_squares(tokens[start:start + 90], tokens[start + 90] == "[RED]"))
        except InvalidFenError:
            return None
        first_move = start + 91
    else:
        return None
    labels = list(tokens)
    for position in range(first_move, len(tokens)):
        try:
            move = Move.from_iccs(tokens[position])
            if not board.is_legal(move):
                raise IllegalMoveError(tokens[position])
        except (InvalidMoveError, IllegalMoveError):
            break
        labels[position] = board.chinese(move)
        board.push(move)
    return labels


LABELLERS: list[Labeller] = [xiangqi_move_labels]


def token_labels(tokenizer, ids: Sequence[int], text: str | None = None,
                 offsets: Sequence[tuple[int, int]] | None = None) -> list[str]:
    """Labels for ``ids``: a model kind's labeller if one recognises the tokens, else the text."""
    raw = [str(token) for token in tokenizer.convert_ids_to_tokens(list(ids))]
    for labeller in LABELLERS:
        labels = labeller(raw)
        if labels is not None:
            return labels
    return tokenizer_labels(tokenizer, ids, text, offsets)
