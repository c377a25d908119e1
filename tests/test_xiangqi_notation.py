"""Chinese and WXF notation both ways, on hand-built positions and on the shared data's games."""

from __future__ import annotations

import pytest

from engine.data import read_jsonl, shared_data_dir
from engine.xiangqi import AmbiguousMoveError, Board, IllegalMoveError, InvalidMoveError, Move

DATA = shared_data_dir()
CCPD = DATA / "xiangqi-ccpd" if DATA else None


def after(moves: str) -> Board:
    board = Board()
    for text in moves.split():
        board.push_iccs(text)
    return board


@pytest.mark.parametrize("fen, iccs, chinese, wxf", [
    (None, "h2e2", "炮二平五", "C2.5"),
    (None, "h0g2", "马二进三", "H2+3"),
    (None, "i0i1", "车一进一", "R1+1"),
    (None, "g0e2", "相三进五", "E3+5"),
    (None, "f0e1", "仕四进五", "A4+5"),
    (None, "e0e1", "帅五进一", "K5+1"),
    (None, "c3c4", "兵七进一", "P7+1"),
    (None, "b2b9", "炮八进七", "C8+7"),
    ("rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C2C4/9/RNBAKABNR b - - 1 1", "h9g7", "马８进７", "H8+7"),
    ("rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C2C4/9/RNBAKABNR b - - 1 1", "b7e7", "炮２平５", "C2.5"),
    ("rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C2C4/9/RNBAKABNR b - - 1 1", "a9a7", "车１进２", "R1+2"),
    ("3k5/4a4/9/9/9/9/9/9/4K4/9 b - - 0 1", "e8d7", "士５进４", "A5+4"),
    ("3k5/4a4/9/9/9/9/9/9/4K4/9 w - - 0 1", "e1e0", "帅五退一", "K5-1"),
])
def test_single_pieces(fen, iccs, chinese, wxf):
    board = Board(fen) if fen else Board()
    move = Move.from_iccs(iccs)
    assert board.chinese(move) == chinese
    assert board.wxf(move) == wxf
    assert board.parse_chinese(chinese) == move == board.parse_wxf(wxf) == board.parse_move(chinese)


TWO_ROOKS = "5k3/9/9/9/4R4/9/4R4/9/9/3K5 w - - 0 1"  # red rooks e5 (front) and e3
TWO_BLACK_CANNONS = "5k3/9/1c7/9/1c7/9/9/9/9/3K5 b - - 0 1"  # black cannons b7 and b5 (front: b5)
THREE_PAWNS = "5k3/9/4P4/4P4/4P4/9/9/9/9/3K5 w - - 0 1"  # red pawns e5, e6, e7
FOUR_PAWNS = "5k3/4P4/4P4/4P4/4P4/9/9/9/9/3K5 w - - 0 1"  # red pawns e5..e8
FIVE_PAWNS = "2P2k3/2P6/2P6/2P6/2P6/9/9/9/9/3K5 w - - 0 1"  # red pawns c5..c9
TWO_PAWN_FILES = "5k3/9/9/2P1P4/2P1P4/9/9/9/9/3K5 w - - 0 1"  # pawns c5, c6, e5, e6
TWO_ADVISORS = "5k3/9/9/9/9/9/9/3A5/9/3AK4 w - - 0 1"  # red advisors d0 and d2


@pytest.mark.parametrize("fen, iccs, chinese, wxf", [
    (TWO_ROOKS, "e5g5", "前车平三", "R+.3"),
    (TWO_ROOKS, "e3e4", "后车进一", "R-+1"),
    (TWO_ROOKS, "e3e0", "后车退三", "R--3"),
    (TWO_BLACK_CANNONS, "b5d5", "前炮平４", "C+.4"),
    (TWO_BLACK_CANNONS, "b7b9", "后炮退２", "C--2"),
    (THREE_PAWNS, "e7e8", "前兵进一", "P++1"),
    (THREE_PAWNS, "e6d6", "中兵平六", "P5.6"),
    (THREE_PAWNS, "e5f5", "后兵平四", "P-.4"),
    (FOUR_PAWNS, "e8d8", "一兵平六", "++.6"),
    (FOUR_PAWNS, "e7d7", "二兵平六", "P+.6"),
    (FOUR_PAWNS, "e6d6", "三兵平六", "P-.6"),
    (FOUR_PAWNS, "e5d5", "四兵平六", "--.6"),
    (FIVE_PAWNS, "c7d7", "三兵平六", "P7.6"),
    (FIVE_PAWNS, "c6d6", "四兵平六", "P-.6"),
    (FIVE_PAWNS, "c5b5", "五兵平八", "--.8"),
    (TWO_PAWN_FILES, "c6c7", "前七进一", "7++1"),
    (TWO_PAWN_FILES, "e5d5", "后五平六", "5-.6"),
    (TWO_ADVISORS, "d0e1", "仕六进五", "A6+5"),
    (TWO_ADVISORS, "d2e1", "仕六退五", "A6-5"),
])
def test_pieces_sharing_a_file(fen, iccs, chinese, wxf):
    board = Board(fen)
    move = Move.from_iccs(iccs)
    assert board.chinese(move) == chinese
    assert board.wxf(move) == wxf
    assert board.parse_chinese(chinese) == move == board.parse_wxf(wxf)


def test_reading_traditional_characters_and_variants():
    board = after("h2e2")
    assert board.parse_chinese("馬８進７") == board.parse_chinese("马8进7") == Move.from_iccs("h9g7")
    board = Board()
    assert board.parse_chinese("俥一進一") == board.parse_chinese("車1进1") == Move.from_iccs("i0i1")
    assert board.parse_chinese("傌二進三") == Move.from_iccs("h0g2")
    assert board.parse_chinese("砲二平五") == board.parse_chinese(" 炮 二 平 五 ") == Move.from_iccs("h2e2")
    assert Board(TWO_ROOKS).parse_chinese("後車進一") == Move.from_iccs("e3e4")


def test_reading_wxf_variants():
    board = Board()
    assert board.parse_wxf("C2=5") == board.parse_wxf("c2.5") == Move.from_iccs("h2e2")
    assert board.parse_wxf("N2+3") == Move.from_iccs("h0g2")
    two_rooks = Board(TWO_ROOKS)
    assert two_rooks.parse_wxf("+R.3") == two_rooks.parse_wxf("R+.3") == Move.from_iccs("e5g5")
    assert two_rooks.parse_wxf("-R+1") == Move.from_iccs("e3e4")


def test_parse_move_reads_every_notation():
    board = Board()
    move = Move.from_iccs("h2e2")
    assert {board.parse_move(t) for t in ("h2e2", "H2-E2", "C2.5", "炮二平五", "砲二平五")} == {move}


@pytest.mark.parametrize("text, error", [
    ("炮二平", InvalidMoveError),
    ("炮二跳五", InvalidMoveError),
    ("猫二平五", InvalidMoveError),
    ("C2x5", InvalidMoveError),
    ("hello", InvalidMoveError),
    ("炮二进五", IllegalMoveError),  # would land on the black cannon without a screen
    ("车一平二", IllegalMoveError),  # own horse on h0
    ("C2.2", IllegalMoveError),
    ("h2h8", IllegalMoveError),
])
def test_bad_move_text_gets_the_right_error(text, error):
    board = Board()
    with pytest.raises(error):
        board.parse_move(text)
    assert board.move_stack == []


def test_ambiguous_notation():
    board = Board("5k3/9/9/9/9/7R1/9/7R1/9/3K5 w - - 0 1")  # rooks h4 and h2 on file 二
    with pytest.raises(AmbiguousMoveError, match="h2h3"):
        board.parse_chinese("车二进一")
    assert board.parse_chinese("前车进一") == Move.from_iccs("h4h5")
    assert board.parse_chinese("车二进五") == Move.from_iccs("h4h9")  # only the front rook reaches


def test_naming_an_illegal_move_is_refused():
    with pytest.raises(IllegalMoveError):
        Board().chinese(Move.from_iccs("h2h8"))
    with pytest.raises(IllegalMoveError):
        Board().wxf(Move.from_iccs("h9g7"))


@pytest.mark.skipif(CCPD is None or not CCPD.is_dir(), reason="shared xiangqi-ccpd data not present")
def test_data_games_round_trip_through_chinese_and_wxf():
    plies = tandem = 0
    for game in read_jsonl(CCPD / "games_test.jsonl.xz", limit=150):
        board = Board()
        for iccs, recorded in zip(game["moves"].split(), game["moves_cn"].split(), strict=True):
            move = Move.from_iccs(iccs)
            assert board.parse_chinese(recorded) == move, (board.fen(), recorded)  # traditional input
            text = board.chinese(move)
            assert board.parse_chinese(text) == move, (board.fen(), text)
            assert board.parse_wxf(board.wxf(move)) == move, (board.fen(), board.wxf(move))
            tandem += text[0] in "前后中"
            board.push(move)
            plies += 1
    assert plies > 10_000 and tandem > 50
