"""Every rule of engine.xiangqi.board on hand-built positions, FEN reading and set-up checks."""

from __future__ import annotations

import pytest

from engine.xiangqi import (
    BLACK,
    RED,
    STARTING_FEN,
    Board,
    IllegalMoveError,
    InvalidFenError,
    InvalidMoveError,
    Move,
    Piece,
    Termination,
    parse_square,
    square,
    square_file,
    square_name,
    square_rank,
)


def position(pieces: dict[str, str], turn: bool = RED, halfmove_clock: int = 0) -> Board:
    """A board holding pieces like {"e0": "K", "d9": "k"}."""
    board = Board.empty()
    for name, symbol in pieces.items():
        board.set_piece_at(parse_square(name), Piece.from_symbol(symbol))
    fen = board.fen().split()[0]
    return Board(f"{fen} {'w' if turn else 'b'} - - {halfmove_clock} 1")


def targets(board: Board, origin: str) -> set[str]:
    return {square_name(m.to_square) for m in board.legal_moves() if square_name(m.from_square) == origin}


def play(board: Board, moves: str) -> None:
    for text in moves.split():
        board.push_iccs(text)


# --- Squares, pieces, moves ----------------------------------------------------------------

def test_squares_and_names():
    assert square(7, 2) == 25 == parse_square("h2")
    assert (square_file(25), square_rank(25), square_name(25)) == (7, 2, "h2")
    with pytest.raises(InvalidMoveError):
        parse_square("j2")


def test_piece_symbols_and_glyphs():
    assert Piece.from_symbol("R") == Piece("r", RED)
    assert Piece.from_symbol("H") == Piece("n", RED)  # horse/elephant letters are read too
    assert "".join(Piece(k, RED).glyph() for k in "kabnrcp") == "帅仕相马车炮兵"
    assert "".join(Piece(k, BLACK).glyph() for k in "kabnrcp") == "将士象马车炮卒"
    assert Piece("c", BLACK).symbol() == "c"
    with pytest.raises(ValueError):
        Piece.from_symbol("x")


def test_move_iccs_and_mirror():
    move = Move.from_iccs("h2e2")
    assert move == Move(parse_square("h2"), parse_square("e2")) == Move.from_iccs("H2-E2")
    assert move.iccs() == "h2e2" and move.mirror().iccs() == "b2e2"
    for bad in ("h2e", "z2e2", "h2e2x", ""):
        with pytest.raises(InvalidMoveError):
            Move.from_iccs(bad)


# --- Movement ---------------------------------------------------------------------------------

def test_general_stays_in_palace_and_steps_orthogonally():
    board = position({"d2": "K", "f9": "k"})
    assert targets(board, "d2") == {"d1", "e2"}
    board = position({"e0": "K", "d9": "k"})
    assert targets(board, "e0") == {"e1", "f0"}  # d0 would face the black general


def test_advisor_stays_on_palace_diagonals():
    board = position({"e1": "A", "e0": "K", "d9": "k"})
    assert targets(board, "e1") == {"d0", "d2", "f2", "f0"} - {"e0"}
    board = position({"d0": "A", "f0": "K", "e9": "k"})
    assert targets(board, "d0") == {"e1"}


def test_elephant_eye_and_river():
    board = position({"c0": "B", "e0": "K", "d9": "k"})
    assert targets(board, "c0") == {"a2", "e2"}
    board = position({"c0": "B", "d1": "P", "e0": "K", "d9": "k"})  # d1 blocks the eye towards e2
    assert targets(board, "c0") == {"a2"}
    board = position({"c4": "B", "e0": "K", "d9": "k"})
    assert targets(board, "c4") == {"a2", "e2"}  # a6 and e6 are across the river
    board = position({"c5": "b", "e0": "K", "d9": "k"}, turn=BLACK)
    assert targets(board, "c5") == {"a7", "e7"}


def test_horse_leg():
    board = position({"e4": "N", "e0": "K", "d9": "k"})
    assert targets(board, "e4") == {"d6", "f6", "d2", "f2", "c5", "c3", "g5", "g3"}
    board = position({"e4": "N", "e5": "p", "d4": "P", "e0": "K", "d9": "k"})
    assert targets(board, "e4") == {"d2", "f2", "g5", "g3"}  # e5 blocks d6/f6, d4 blocks c5/c3


def test_rook_slides_and_captures():
    board = position({"a0": "R", "a3": "P", "c0": "n", "e0": "K", "d9": "k"})
    assert targets(board, "a0") == {"a1", "a2", "b0", "c0"}


def test_cannon_needs_exactly_one_screen_to_capture():
    board = position({"b2": "C", "b4": "P", "b6": "r", "b9": "n", "e0": "K", "d9": "k"})
    b_file = {t for t in targets(board, "b2") if t[0] == "b"}
    assert b_file == {"b0", "b1", "b3", "b6"}  # not b4 (own screen), b5 (beyond it), b9 (two screens)
    board = position({"b2": "C", "b3": "r", "e0": "K", "d9": "k"})
    assert "b3" not in targets(board, "b2")  # no capture without a screen


def test_pawns_forward_then_sideways_after_the_river():
    board = position({"e3": "P", "e6": "P", "a9": "P", "e0": "K", "d9": "k"})
    assert targets(board, "e3") == {"e4"}
    assert targets(board, "e6") == {"e7", "d6", "f6"}
    assert targets(board, "a9") == {"b9"}  # on the last rank only sideways; never back
    board = position({"e6": "p", "e4": "p", "e0": "K", "d9": "k"}, turn=BLACK)
    assert targets(board, "e6") == {"e5"}
    assert targets(board, "e4") == {"e3", "d4", "f4"}


# --- Safety of one's own general ----------------------------------------------------------------

def test_flying_generals():
    board = position({"e0": "K", "e5": "C", "e9": "k"})
    assert targets(board, "e5") == {"e1", "e2", "e3", "e4", "e6", "e7", "e8"}  # may not leave the file
    board = position({"d0": "K", "e9": "k"})
    assert "e0" not in targets(board, "d0")


def test_no_move_may_leave_the_general_attacked():
    board = position({"e0": "K", "e1": "N", "e9": "r", "d9": "k"})  # the horse is pinned
    assert targets(board, "e1") == set()
    board = position({"e1": "K", "f2": "R", "g2": "n", "d9": "k"})  # the rook stands on the horse's leg
    assert targets(board, "f2") == {"g2"}
    board = position({"e0": "K", "d3": "R", "e7": "c", "d9": "k"})  # e3 would be a cannon screen
    assert "e3" not in targets(board, "d3") and "d4" in targets(board, "d3")
    board = position({"e0": "K", "f5": "r", "d9": "k"})
    assert targets(board, "e0") == {"e1"}  # f0 is on the rook's file


def test_check_and_gives_check():
    board = position({"e0": "K", "a8": "R", "d9": "k"}, turn=RED)
    assert not board.is_check()
    move = Move.from_iccs("a8a9")
    assert board.gives_check(move) and not board.gives_check(Move.from_iccs("a8a7"))
    assert board.fen() == position({"e0": "K", "a8": "R", "d9": "k"}).fen()  # gives_check leaves no trace
    board.push(move)
    assert board.is_check()
    assert targets(board, "d9") == {"d8"}


def test_push_pop_and_capture():
    board = Board()
    play(board, "h2e2 h9g7 e2e6")
    assert board.is_capture(Move.from_iccs("g7e6")) and not board.is_capture(Move.from_iccs("i9h9"))
    assert board.halfmove_clock == 0 and board.piece_at(parse_square("e6")) == Piece("c", RED)
    assert board.pop() == Move.from_iccs("e2e6")
    assert board.piece_at(parse_square("e6")) == Piece("p", BLACK)
    board.pop(), board.pop()
    assert board.fen() == STARTING_FEN and board.move_stack == []


def test_push_refuses_a_move_of_the_wrong_side_and_push_iccs_an_illegal_one():
    board = Board()
    with pytest.raises(IllegalMoveError):
        board.push(Move.from_iccs("h9g7"))
    with pytest.raises(IllegalMoveError):
        board.push_iccs("h2h8")  # the cannon may not pass the h7 cannon
    assert board.fen() == STARTING_FEN


# --- Game end ----------------------------------------------------------------------------------

def test_checkmate():
    board = Board("1R2k4/R8/9/9/9/9/9/9/9/3K5 b - - 0 1")
    assert board.is_check() and board.legal_moves() == []
    outcome = board.outcome()
    assert outcome.termination is Termination.CHECKMATE and outcome.winner is RED
    assert outcome.result() == "1-0" and outcome.termination.chinese == "将死"


def test_stalemate_is_a_loss():
    board = Board("4k4/R8/6N2/9/9/9/9/9/9/3K5 b - - 0 1")
    assert not board.is_check() and board.legal_moves() == []
    outcome = board.outcome()
    assert outcome.termination is Termination.STALEMATE and outcome.winner is RED
    assert outcome.termination.chinese == "困毙"


def test_threefold_repetition_is_a_draw():
    board = Board()
    play(board, "h0g2 h9g7 g2h0 g7h9")
    assert board.outcome() is None  # twice
    play(board, "h0g2 h9g7 g2h0 g7h9")
    outcome = board.outcome()
    assert outcome.termination is Termination.REPETITION and outcome.winner is None


def test_perpetual_check_loses():
    board = Board("4k4/7R1/9/9/9/9/9/9/9/3K5 w - - 0 1")
    play(board, "h8h9 e9e8 h9h8 e8e9")
    assert board.outcome() is None
    play(board, "h8h9 e9e8 h9h8 e8e9")
    outcome = board.outcome()
    assert outcome.termination is Termination.PERPETUAL_CHECK and outcome.winner is BLACK
    assert outcome.termination.chinese == "长将判负"


def test_repetition_with_one_quiet_move_is_a_draw():
    board = Board("4k4/7R1/9/9/9/9/9/9/9/3K5 w - - 0 1")
    play(board, "h8h9 e9e8 h9h8 e8e9 h8h7 e9e8 h7h8 e8e9 h8h9 e9e8 h9h8 e8e9")
    outcome = board.outcome()
    assert outcome.termination is Termination.REPETITION and outcome.winner is None


def test_120_plies_without_capture_is_a_draw():
    board = Board("4k4/7R1/9/9/9/9/9/9/9/3K5 w - - 118 60")
    board.push_iccs("h8h7")
    assert board.outcome() is None
    board.push_iccs("e9e8")
    outcome = board.outcome()
    assert board.halfmove_clock == 120
    assert outcome.termination is Termination.NO_CAPTURE and outcome.winner is None


def test_checkmate_on_the_120th_ply_still_wins():
    fen = "4k4/R8/9/9/9/9/9/9/9/1R1K5 w - - 119 60"
    board = Board(fen)
    board.push_iccs("b0b9")
    outcome = board.outcome()
    assert board.halfmove_clock == 120
    assert outcome.termination is Termination.CHECKMATE and outcome.winner is RED
    board = Board(fen)
    board.push_iccs("b0b1")
    assert board.outcome().termination is Termination.NO_CAPTURE


# --- FEN ---------------------------------------------------------------------------------------

def test_fen_round_trip_and_fields():
    fen = "2bak4/4a4/4b2r1/N1n1pR2p/3c1n3/2p1P4/P1r5P/3CB4/4A4/2BAKR3 b - - 7 24"
    board = Board(fen)
    assert board.fen() == fen and board.turn is BLACK
    assert (board.halfmove_clock, board.fullmove_number) == (7, 24)
    assert Board("rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR r").fen() == STARTING_FEN
    assert board.king_square(RED) == parse_square("e0") and board.king_square(BLACK) == parse_square("e9")


@pytest.mark.parametrize("fen, message", [
    ("", "empty FEN"),
    ("rnbakabnr/9/1c5c1/p1p1p1p1p/9 w", "10 ranks"),
    ("rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNX w", "bad piece letter 'X' in rank 0"),
    ("rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNRR w", "rank 0 ('RNBAKABNRR') is too long"),
    ("rnbakabnr/8/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w", "rank 8 ('8') is too short"),
    ("rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR x", "bad side to move 'x'"),
    ("rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - a 1", "bad move counters"),
])
def test_bad_fen_gets_a_specific_message(fen, message):
    with pytest.raises(InvalidFenError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Board(fen)


def test_set_up_editing():
    board = Board.empty()
    assert board.fen().startswith("9/9/9/9/9/9/9/9/9/9 w")
    board.set_piece_at(parse_square("e0"), Piece("k", RED))
    board.set_piece_at(parse_square("d9"), Piece("k", BLACK))
    board.set_piece_at(parse_square("a3"), Piece("r", RED))
    board.set_piece_at(parse_square("a3"), None)
    board.turn = BLACK
    assert board.fen() == "3k5/9/9/9/9/9/9/9/9/4K4 b - - 0 1"
    assert dict(board.pieces()) == {parse_square("e0"): Piece("k", RED), parse_square("d9"): Piece("k", BLACK)}
    assert board.validate() == []
    copy = board.copy()
    copy.push_iccs("d9d8")
    assert board.fen() == "3k5/9/9/9/9/9/9/9/9/4K4 b - - 0 1"


# --- Set-up validation --------------------------------------------------------------------------

def test_start_position_is_valid():
    assert Board().validate() == []


@pytest.mark.parametrize("fen, fragment", [
    ("3k5/9/9/9/9/9/9/9/9/9 w", "red has 0 generals"),
    ("3k5/9/9/9/9/9/9/9/9/3KK4 w", "red has 2 generals"),
    ("3k5/9/9/9/9/9/9/9/9/K8 w", "red king on a0 is outside the palace"),
    ("3k5/9/9/9/9/9/9/9/3A5/4K4 w", "red advisor on d1 is not on an advisor point"),
    ("3k5/9/9/9/9/9/9/9/9/1B2K4 w", "red bishop on b0 is not on an elephant point"),
    ("3k5/9/9/9/9/4b4/9/9/9/4K4 w", "black bishop on e4"),
    ("3k5/9/9/9/9/9/1P7/9/9/4K4 w", "red pawn on b3 cannot be there"),
    ("3k5/9/9/9/9/9/9/P8/9/4K4 w", "red pawn on a2 cannot be there"),
    ("3k5/9/9/9/9/RRR6/9/9/9/4K4 w", "red has 3 rooks; at most 2"),
    ("4k4/9/9/9/9/9/9/9/9/4K4 w", "flying generals"),
    ("3k5/9/9/9/9/9/9/9/9/3RK4 w", "black is in check but it is red's turn"),
])
def test_validate_names_the_problem(fen, fragment):
    problems = Board(fen).validate()
    assert any(fragment in str(problem) for problem in problems), problems


def test_a_move_that_completes_a_perpetual_check_loses_by_rule():
    board = Board("4k4/7R1/9/9/9/9/9/9/9/3K5 w - - 0 1")
    play(board, "h8h9 e9e8 h9h8 e8e9 h8h9 e9e8 h9h8")
    assert not board.loses_by_rule(Move.from_iccs("e8e9"))  # the side checked repeats freely
    play(board, "e8e9")
    fen, plies = board.fen(), len(board.move_stack)
    checking, quiet = Move.from_iccs("h8h9"), Move.from_iccs("h8h7")
    assert board.loses_by_rule(checking) and not board.loses_by_rule(quiet)
    assert board.fen() == fen and len(board.move_stack) == plies  # the board is left as it was
    assert not Board().loses_by_rule(Move.from_iccs("h2e2"))


def test_a_check_that_lets_the_reply_complete_a_perpetual_check_loses_by_rule():
    board = Board("4k4/7R1/9/9/9/9/9/9/9/3K5 w - - 0 1")
    play(board, "h8h9 e9e8 h9h8 e8e9 h8h9 e9e8")  # red to check again: black's e8e9 would repeat a third time
    assert board.loses_by_rule(Move.from_iccs("h9h8")) and not board.loses_by_rule(Move.from_iccs("h9h7"))
