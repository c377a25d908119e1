"""PGN and plain move lists: reading what xiangqi software writes, writing, round trips."""

from __future__ import annotations

import pytest

from engine.data import read_jsonl, shared_data_dir
from engine.xiangqi import STARTING_FEN, IllegalMoveError, InvalidFenError, Move
from engine.xiangqi.pgn import Game, PgnError, read_game, read_games, read_moves, write_game, write_moves

DATA = shared_data_dir()
CCPD = DATA / "xiangqi-ccpd" if DATA else None

SOFTWARE_PGN = """[Game "Chinese Chess"]
[Event "2006年啟新高爾夫杯象棋甲級聯賽"]
[Red "龔曉民"]
[Black "徐天紅"]
[Result "1/2-1/2"]
[ECCO "C98"]
[Format "Chinese"]

{开局: 中炮对屏风马}
1. 炮二平五 馬８進７ {常见}
2. 馬二進三 車９平８ (2... 卒７進１ 3. 車一平二) $1
3. 車一平二 ; 行尾注释
   馬２進３
1/2-1/2
"""


def test_reading_a_record_as_xiangqi_software_writes_it():
    game = read_game(SOFTWARE_PGN)
    assert game.headers["Red"] == "龔曉民" and game.headers["ECCO"] == "C98"
    assert [m.iccs() for m in game.moves] == ["h2e2", "h9g7", "h0g2", "i9h9", "i0h0", "b9c7"]
    assert game.comments == {0: "开局: 中炮对屏风马", 2: "常见"}
    assert game.nags == {4: [1]}  # the $1 after the skipped variation belongs to 車９平８
    assert game.result == "1/2-1/2" and game.start_fen == STARTING_FEN
    assert game.end_board().fen() == "r1bakabr1/9/1cn3nc1/p1p1p1p1p/9/9/P1P1P1P1P/1C2C1N2/9/RNBAKABR1 w - - 6 4"


def test_write_then_read_gives_the_same_game_in_every_notation():
    game = read_game(SOFTWARE_PGN)
    for notation in ("chinese", "iccs", "wxf"):
        text = write_game(game, notation)
        again = read_game(text)
        assert (again.moves, again.comments, again.nags, again.result) == \
            (game.moves, game.comments, game.nags, game.result)
        assert again.headers["Red"] == "龔曉民"
        assert write_game(again, notation) == text
    chinese = write_game(game)
    assert "1. 炮二平五 马８进７ {常见}\n2. 马二进三 车９平８ $1\n" in chinese
    assert '[Format "Chinese"]' in chinese
    assert "1. H2-E2 H9-G7" in write_game(game, "iccs")


def test_suffix_marks_are_read_as_nags_and_written_as_nags():
    game = read_game("1. 炮二平五?! 马８进７ 2. 马二进三!! 车９平８?? 3. i0h0 $2 $18 *")
    assert [m.iccs() for m in game.moves] == ["h2e2", "h9g7", "h0g2", "i9h9", "i0h0"]
    assert game.nags == {1: [6], 3: [3], 4: [4], 5: [2, 18]}
    text = write_game(game)
    assert "1. 炮二平五 $6 马８进７\n2. 马二进三 $3 车９平８ $4\n3. 车一平二 $2 $18\n" in text
    assert read_game(text).nags == game.nags


def test_a_set_up_start_with_black_to_move():
    fen = "4k4/9/9/9/9/9/9/9/4A4/3AK4 b - - 0 12"
    game = Game(start_fen=fen, moves=[Move.from_iccs("e9d9"), Move.from_iccs("e1f2")], result="*")
    text = write_game(game)
    assert f'[FEN "{fen}"]' in text and "12... 将５平４\n13. 仕五进四" in text
    again = read_game(text)
    assert again.start_fen == fen and again.moves == game.moves


def test_several_games_in_one_text():
    first = write_game(read_game(SOFTWARE_PGN))
    second = write_game(Game(headers={"Red": "乙"}, moves=read_moves("h2e2 b9c7"), result="1-0"), "iccs")
    games = read_games(first + "\n" + second)
    assert [len(g.moves) for g in games] == [6, 2]
    assert [g.result for g in games] == ["1/2-1/2", "1-0"]


def test_plain_move_lists():
    moves = read_moves("1. 炮二平五 马８进７ 2. 马二进三")
    assert [m.iccs() for m in moves] == ["h2e2", "h9g7", "h0g2"]
    assert read_moves("h2e2 h9g7 h0g2") == moves == read_moves("C2.5 H8+7 H2+3")
    assert write_moves(moves) == "1. 炮二平五 马８进７\n2. 马二进三"
    assert write_moves(moves, notation="wxf") == "1. C2.5 H8+7\n2. H2+3"
    three_and_two_pawns = "5k3/9/4P4/2P1P4/2P1P4/9/9/9/9/3K5 w - - 0 1"
    assert read_moves("1. 55.6", three_and_two_pawns) == [Move.from_iccs("e6d6")]  # not move number 55
    with pytest.raises(ValueError, match="unknown notation"):
        write_moves(moves, notation="san")


def test_bad_records_name_the_ply():
    with pytest.raises(PgnError, match=r"ply 3 \('炮二进九'\)"):
        read_game("1. 炮二平五 马８进７ 2. 炮二进九")
    with pytest.raises(PgnError, match="ply 1"):
        read_game("1. xyzzy")
    with pytest.raises(InvalidFenError):
        read_game('[FEN "not a fen"]\n\n1. 炮二平五')
    with pytest.raises(IllegalMoveError):
        Game(moves=[Move.from_iccs("h2h8")]).end_board()


def data_game_as_pgn(record: dict) -> str:
    """PGN text from a jsonl record: its headers and traditional-Chinese moves, numbered."""
    headers = {"Event": record["event"], "Date": record["date"], "Red": record["red"], "Black": record["black"],
               "Result": record["result"], "ECCO": record["ecco"]}
    lines = [f'[{key} "{value}"]' for key, value in headers.items()]
    moves = record["moves_cn"].split()
    numbered = [f"{i // 2 + 1}. {' '.join(moves[i:i + 2])}" for i in range(0, len(moves), 2)]
    return "\n".join(lines) + "\n\n" + "\n".join(numbered) + f" {record['result']}\n"


@pytest.mark.skipif(CCPD is None or not CCPD.is_dir(), reason="shared xiangqi-ccpd data not present")
def test_data_games_round_trip_through_pgn():
    records = list(read_jsonl(CCPD / "games_valid.jsonl.xz", limit=40))
    games = read_games("\n".join(data_game_as_pgn(r) for r in records))
    assert len(games) == len(records)
    for record, game in zip(records, games, strict=True):
        assert " ".join(m.iccs() for m in game.moves) == record["moves"]
        assert game.result == record["result"] and game.headers["Red"] == record["red"]
        for notation in ("chinese", "iccs"):
            again = read_game(write_game(game, notation))
            assert again.moves == game.moves and again.headers["Event"] == record["event"]


def test_a_stray_closing_brace_is_skipped():
    assert [m.iccs() for m in read_game("1. h2e2 } h9g7").moves] == ["h2e2", "h9g7"]
