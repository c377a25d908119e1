"""``wenqi-cli xiangqi`` verbs through engine.cli.main."""

from __future__ import annotations

from engine.cli import main
from engine.xiangqi import STARTING_FEN


def test_perft_prints_the_leaf_count(capsys):
    assert main(["xiangqi", "perft", "--depth", "2"]) == 0
    assert capsys.readouterr().out.strip() == "1920"
    fen = "1R2k4/R8/9/9/9/9/9/9/9/3K5 b - - 0 1"  # checkmated: no moves
    assert main(["xiangqi", "perft", "--fen", fen, "--depth", "3"]) == 0
    assert capsys.readouterr().out.strip() == "0"


def test_legal_lists_iccs_and_chinese(capsys):
    assert main(["xiangqi", "legal", "--fen", STARTING_FEN]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 44 and "h2e2 炮二平五" in lines and "h0g2 马二进三" in lines


def test_bad_fen_is_a_clear_error(capsys):
    assert main(["xiangqi", "legal", "--fen", "rnbakabnr/9 w"]) == 1
    assert "10 ranks" in capsys.readouterr().err


def test_xiangqi_without_a_verb_prints_its_help(capsys):
    assert main(["xiangqi"]) == 2
    out = capsys.readouterr().out
    assert "perft" in out and "legal" in out
