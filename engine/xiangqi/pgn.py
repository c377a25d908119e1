"""Game records: xiangqi PGN as common xiangqi software writes it, and plain move lists.

    >>> game = read_game('[Red "甲"]\\n[Black "乙"]\\n\\n1. 炮二平五 马８进７ 1-0')
    >>> game.moves[0].iccs(), game.result
    ('h2e2', '1-0')

A record is PGN's header lines (``[Red "..."]``, ``[FEN "..."]`` for a set-up start,
``[Format "Chinese"]`` or ``"ICCS"``) and movetext: numbered moves in any notation
``Board.parse_move`` reads (Chinese simplified or traditional, WXF, ICCS ``h2e2`` or
``H2-E2``), ``{comments}``, annotations (NAGs ``$4`` or suffixes ``炮二平五??``, kept in ``Game.nags``) and
a result. Variations ``(...)`` and ``;`` line comments are skipped on reading. Writing gives
Chinese (simplified) or ICCS (``H2-E2``), annotations as NAGs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from engine.xiangqi.board import STARTING_FEN, Board, Move

RESULTS = ("1-0", "0-1", "1/2-1/2", "*")
_HEADER_LINE = re.compile(r'^\s*\[(\w+)\s+"((?:[^"\\]|\\.)*)"\s*\]\s*$')
_MOVE_NUMBER = re.compile(r"^\d+\.+(?!\d$)")  # "12." or "12...", not the WXF pawn move "33.4"
_WORD = re.compile(r"[^\s{}();]+")
_FIRST_HEADERS = ("Game", "Event", "Site", "Date", "Round", "Red", "Black", "Result")
_FORMATS = {"chinese": "Chinese", "iccs": "ICCS", "wxf": "WXF"}
SUFFIX_NAGS = {"!": 1, "?": 2, "!!": 3, "??": 4, "!?": 5, "?!": 6}
"""Traditional move suffixes and their numeric annotation glyphs (PGN standard, 10)."""
_SUFFIX = re.compile(r"(?:!!|\?\?|!\?|\?!|!|\?)$")


@dataclass
class Game:
    """A game record. ``comments[0]`` comes before the first move, ``comments[k]`` after ply k."""

    headers: dict[str, str] = field(default_factory=dict)
    start_fen: str = STARTING_FEN
    moves: list[Move] = field(default_factory=list)
    comments: dict[int, str] = field(default_factory=dict)
    nags: dict[int, list[int]] = field(default_factory=dict)
    """Annotation glyphs of ply k (``$4`` or ``??`` is 4: see ``SUFFIX_NAGS``)."""
    result: str = "*"

    def board(self) -> Board:
        """The start position."""
        return Board(self.start_fen)

    def end_board(self) -> Board:
        """The position after every move (moves are checked for legality)."""
        board = self.board()
        for move in self.moves:
            board.push_iccs(move.iccs())
        return board


class PgnError(ValueError):
    """A record that cannot be read; the message names the move and ply, as do ``ply`` and
    ``word``, and ``reason`` is the move's error (InvalidMoveError, IllegalMoveError or
    AmbiguousMoveError) for a message in the user's language."""

    def __init__(self, message: str, ply: int, word: str, reason: ValueError) -> None:
        super().__init__(message)
        self.ply, self.word, self.reason = ply, word, reason


def _tokens(movetext: str) -> list[tuple[str, str]]:
    """Split movetext into ("comment", text) and ("word", text), dropping variations."""
    tokens = []
    i, depth = 0, 0
    while i < len(movetext):
        char = movetext[i]
        if char == "{":
            end = movetext.find("}", i)
            end = len(movetext) if end < 0 else end
            if depth == 0:
                tokens.append(("comment", movetext[i + 1:end].strip()))
            i = end + 1
        elif char == ";":
            end = movetext.find("\n", i)
            i = len(movetext) if end < 0 else end + 1
        elif char == "(":
            depth += 1
            i += 1
        elif char == ")":
            depth = max(0, depth - 1)
            i += 1
        elif char.isspace() or char == "}":  # a stray "}" closes no comment: skipped, as a reader of PGN does
            i += 1
        else:
            match = _WORD.match(movetext, i)
            assert match is not None, f"{char!r} starts no word"  # every other character starts one
            word = match.group(0)
            if depth == 0:
                tokens.append(("word", word))
            i = match.end()
    return tokens


def _read_movetext(board: Board, movetext: str, game: Game) -> None:
    """Play the movetext's moves on board, filling game.moves, comments and result."""
    for kind, text in _tokens(movetext):
        if kind == "comment":
            ply = len(game.moves)
            game.comments[ply] = f"{game.comments[ply]} {text}" if ply in game.comments else text
            continue
        if text in RESULTS:
            game.result = text
            continue
        if text.startswith("$"):
            if text[1:].isdigit() and game.moves:
                game.nags.setdefault(len(game.moves), []).append(int(text[1:]))
            continue
        word = _MOVE_NUMBER.sub("", text)
        suffix = _SUFFIX.search(word)
        if suffix:
            word = word[:suffix.start()]
        if not word:
            continue
        try:
            move = board.parse_move(word)
        except ValueError as exc:
            ply = len(game.moves) + 1
            raise PgnError(f"ply {ply} ({word!r}): {exc}", ply, word, exc) from None
        board.push(move)
        game.moves.append(move)
        if suffix:
            game.nags.setdefault(len(game.moves), []).append(SUFFIX_NAGS[suffix.group(0)])


def read_game(text: str) -> Game:
    """Read one game: headers (optional) and movetext. Raises PgnError or InvalidFenError."""
    game = Game()
    movetext: list[str] = []
    for line in text.splitlines():
        header = _HEADER_LINE.match(line)
        if header and not movetext:
            game.headers[header.group(1)] = header.group(2).replace('\\"', '"').replace("\\\\", "\\")
        else:
            movetext.append(line)
    game.start_fen = game.headers.get("FEN") or STARTING_FEN
    board = Board(game.start_fen)
    _read_movetext(board, "\n".join(movetext), game)
    if game.headers.get("Result") in RESULTS and game.result == "*":
        game.result = game.headers["Result"]
    return game


def read_games(text: str) -> list[Game]:
    """Read every game of a multi-game PGN text (a header after movetext starts a new game)."""
    chunks: list[list[str]] = []
    current: list[str] = []
    in_movetext = False
    for line in text.splitlines():
        is_header = bool(_HEADER_LINE.match(line))
        if is_header and in_movetext:
            chunks.append(current)
            current, in_movetext = [], False
        current.append(line)
        if line.strip() and not is_header:
            in_movetext = True
    chunks.append(current)
    return [read_game("\n".join(chunk)) for chunk in chunks if any(line.strip() for line in chunk)]


def read_moves(text: str, start_fen: str = STARTING_FEN) -> list[Move]:
    """Read a plain move list (``1. 炮二平五 马８进７ 2. ...`` or ``h2e2 h9g7``) from start_fen."""
    game = Game(start_fen=start_fen)
    _read_movetext(Board(start_fen), text, game)
    return game.moves


def _move_words(board: Board, moves: list[Move], notation: str) -> list[str]:
    words = []
    for move in moves:
        if notation == "chinese":
            words.append(board.chinese(move))
        elif notation == "wxf":
            words.append(board.wxf(move))
        elif notation == "iccs":
            words.append(move.iccs())
        else:
            raise ValueError(f"unknown notation {notation!r}: expected chinese, wxf or iccs")
        board.push(move)
    return words


def write_moves(moves: list[Move], start_fen: str = STARTING_FEN, notation: str = "chinese",
                comments: dict[int, str] | None = None, nags: dict[int, list[int]] | None = None) -> str:
    """Numbered movetext, one move pair per line: ``1. 炮二平五 马８进７``. ICCS as ``H2-E2``."""
    board = Board(start_fen)
    fullmove, red_first = board.fullmove_number, board.turn
    words = _move_words(board, moves, notation)
    if notation == "iccs":
        words = [f"{w[:2]}-{w[2:]}".upper() for w in words]
    comments, nags = comments or {}, nags or {}
    lines = [f"{{{_clean_comment(comments[0])}}}"] if comments.get(0) else []
    line = "" if red_first else f"{fullmove}..."
    for ply, word in enumerate(words, 1):
        red_move = (ply % 2 == 1) == red_first
        if red_move:
            line = f"{fullmove}. {word}"
        else:
            line = f"{line} {word}"
        line += "".join(f" ${nag}" for nag in nags.get(ply, ()))
        if comments.get(ply):
            line += f" {{{_clean_comment(comments[ply])}}}"
        if not red_move:
            lines.append(line)
            line = ""
            fullmove += 1
    if line:
        lines.append(line)
    return "\n".join(lines)


def _clean_comment(text: str) -> str:
    return text.replace("{", "(").replace("}", ")")


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def write_game(game: Game, notation: str = "chinese") -> str:
    """The game as PGN text: headers, then numbered moves, comments and the result."""
    headers = {"Game": "Chinese Chess", **game.headers, "Result": game.result}
    if game.start_fen != STARTING_FEN:
        headers["FEN"] = game.start_fen
    else:
        headers.pop("FEN", None)
    headers["Format"] = _FORMATS.get(notation, notation)
    ordered = [key for key in _FIRST_HEADERS if key in headers]
    ordered += [key for key in headers if key not in _FIRST_HEADERS]
    lines = [f'[{key} "{_quote(str(headers[key]))}"]' for key in ordered]
    movetext = write_moves(game.moves, game.start_fen, notation, game.comments, game.nags)
    return "\n".join(lines) + "\n\n" + (movetext + "\n" if movetext else "") + game.result + "\n"
