"""Game review (engine.xiangqi.review): marks by loss, mates, cancel, the annotated PGN and the CLI.
Depth-limited searches, so the results do not depend on the machine's speed."""

from __future__ import annotations

import json

import pytest

from engine.runtime.jobs import Cancelled, JobContext
from engine.xiangqi import STARTING_FEN, Board, Move
from engine.xiangqi.pgn import Game, read_game, write_game
from engine.xiangqi.review import (
    BLUNDER_CP,
    CLAMP_CP,
    MoveReview,
    PositionEval,
    annotated_game,
    classify,
    eval_text,
    expected_score,
    marks_of,
    review_game,
    review_move,
)

OPENING = "炮二平五 马８进７ 马二进三 车９平８ 车一平二 马２进３ 兵七进一 卒７进１".split()
BLUNDER = "车二进五"  # ply 9: the chariot goes where black's horse takes it for nothing
DEPTH = 3


def moves_of(words: list[str], fen: str = STARTING_FEN) -> list[Move]:
    board, moves = Board(fen), []
    for word in words:
        moves.append(board.push_move(word))
    return moves


@pytest.fixture(scope="module")
def blunder_review():
    return review_game(STARTING_FEN, moves_of([*OPENING, BLUNDER, "马７进８"]), depth=DEPTH)


def test_a_move_that_hangs_a_chariot_is_a_blunder_and_the_better_move_is_named(blunder_review):
    review = blunder_review
    assert len(review.positions) == 11 and len(review.moves) == 10
    blunder = review.moves[8]
    assert blunder.ply == 9 and blunder.mark == "??" and blunder.loss >= BLUNDER_CP
    assert blunder.better is not None and blunder.better != blunder.move
    board = Board()
    for move in review.moves[:8]:
        board.push(move.move)
    assert board.is_legal(blunder.better)
    board.push(blunder.better)  # the engine's move does not hand black a chariot
    assert not any(board.piece_at(reply.to_square) and board.piece_at(reply.to_square).kind == "r"
                   for reply in board.legal_moves())
    # the evaluation swings to black after the blunder (red's view), and the curve shows it
    assert blunder.before.score > blunder.after.score + BLUNDER_CP
    assert review.positions[9].expectation < review.positions[8].expectation
    assert review.marks().get(9) == "??" and review.counts(True)["??"] == 1


def test_a_clean_opening_has_no_blunder():
    review = review_game(STARTING_FEN, moves_of(OPENING), depth=DEPTH)
    assert len(review.moves) == len(OPENING)
    assert all(move.mark != "??" for move in review.moves)
    assert all(move.loss < BLUNDER_CP for move in review.moves)


def test_progress_partials_and_cancel():
    progress, partials = [], []
    review = review_game(STARTING_FEN, moves_of(OPENING[:3]), depth=1,
                         ctx=JobContext(on_progress=lambda f, m: progress.append(f), on_partial=partials.append))
    assert progress[0] == 0.0 and progress[-1] == 1.0 and progress == sorted(progress) and len(progress) == 5
    assert [p for p in partials if isinstance(p, PositionEval)] == review.positions
    assert [p for p in partials if isinstance(p, MoveReview)] == review.moves
    assert partials[:3] == [review.positions[0], review.positions[1], review.moves[0]]  # as they come

    ctx = JobContext()
    seen = []

    def cancel_after_two(fraction, message):
        seen.append(fraction)
        if len(seen) == 2:
            ctx.cancel_token.cancel()

    ctx.on_progress = cancel_after_two
    with pytest.raises(Cancelled):
        review_game(STARTING_FEN, moves_of(OPENING), depth=DEPTH, ctx=ctx)
    assert len(seen) == 2  # stopped inside the second position's search, never reached the third


def test_marks_by_thresholds_and_mates():
    assert [classify(loss) for loss in (0, 49, 50, 99, 100, 299, 300)] == [None, None, "?!", "?!", "?", "?", "??"]
    move, other = Move.from_iccs("h2e2"), Move.from_iccs("b2e2")
    even = PositionEval(0, best=other)
    # red walks into black's forced mate: a blunder whatever the centipawns said before
    assert review_move(1, move, True, PositionEval(-900, best=other), PositionEval(0, mate=-3)).mark == "??"
    # already being mated: a faster mate earns no mark of its own
    assert review_move(1, move, True, PositionEval(0, mate=-4, best=other), PositionEval(0, mate=-2)).mark is None
    # red lets its own forced mate go, though still far ahead: at least a mistake
    missed = review_move(1, move, True, PositionEval(0, mate=2, best=other), PositionEval(2500))
    assert missed.mark == "?" and missed.loss == 0 and missed.better == other
    # delivering mate is not missing it
    assert review_move(1, move, True, PositionEval(0, mate=1, best=other), PositionEval(CLAMP_CP, result=1.0)).mark is None
    # black's view: a black move that gives red +4 pawns is black's blunder
    assert review_move(2, move, False, even, PositionEval(400)).mark == "??"
    # the engine's own move is never marked, whatever the next search says
    assert review_move(1, other, True, even, PositionEval(-500)).mark is None
    # both sides far ahead of the clamp: no loss
    assert review_move(1, move, True, PositionEval(2500, best=other), PositionEval(1500)).loss == 0


def test_evaluation_text_and_expected_score():
    assert eval_text(PositionEval(125)) == "+1.25" and eval_text(PositionEval(-40)) == "-0.40"
    assert eval_text(PositionEval(0, mate=-2)) == "#-2" and eval_text(PositionEval(0, result=0.0)) == "0-1"
    assert expected_score(0) == 0.5 and expected_score(400) == pytest.approx(10 / 11)
    assert expected_score(-100) == pytest.approx(1 - expected_score(100))
    assert PositionEval(0, mate=3).expectation == 1.0 and PositionEval(0, result=0.5).expectation == 0.5


def test_a_finished_game_is_scored_by_its_result():
    board = Board("3k5/9/9/9/9/9/9/9/9/3RK4 b - - 0 1")  # black is mated
    assert board.outcome() is not None and not board.legal_moves()
    review = review_game(board.fen(), [], depth=DEPTH)
    assert review.positions[0].result == 1.0 and review.positions[0].expectation == 1.0


def test_annotated_pgn_round_trip(blunder_review):
    moves = [m.move for m in blunder_review.moves]
    game = Game(headers={"Red": "甲"}, moves=moves, comments={0: "开局", 9: "手滑"}, result="0-1")
    annotated = annotated_game(game, blunder_review, better="更好：%1")
    text = write_game(annotated)
    better = Board()
    for move in moves[:8]:
        better.push(move)
    assert f"$4 {{手滑 [%eval {eval_text(blunder_review.positions[9])}] 更好：{better.chinese(blunder_review.moves[8].better)}}}" in text
    again = read_game(text)
    assert again.moves == moves and marks_of(again) == blunder_review.marks() == {9: "??", **{
        m.ply: m.mark for m in blunder_review.moves if m.mark}}
    assert again.comments[0] == "开局" and all("[%eval" in again.comments[ply] for ply in range(1, 11))
    # reviewing again replaces the old notes instead of piling them up
    twice = write_game(annotated_game(again, blunder_review, better="更好：%1"))
    assert twice == text


def test_cli_analyse_prints_marks_and_writes_json_and_pgn(tmp_path, capsys):
    from engine.cli import main

    record = tmp_path / "game.pgn"
    record.write_text(write_game(Game(moves=moves_of([*OPENING, BLUNDER]))), encoding="utf-8")
    out_json, out_pgn = tmp_path / "review.json", tmp_path / "annotated.pgn"
    assert main(["xiangqi", "analyse", "--pgn", str(record), "--depth", str(DEPTH), "--json", str(out_json),
                 "--out", str(out_pgn)]) == 0
    printed = capsys.readouterr().out
    assert f"5. {BLUNDER}??" in printed and "better" in printed
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["moves"][8]["mark"] == "??" and data["moves"][8]["better"]
    assert len(data["moves"]) == 9 and data["counts"]["red"]["??"] == 1
    assert marks_of(read_game(out_pgn.read_text(encoding="utf-8")))[9] == "??"


def test_eval_compare_summary_scores_both_forecasts():
    from engine.xiangqi.eval_compare import summary

    rows = [{"game": 0, "at": 20, "result": 1.0, "gpt": 0.4, "engine": 0.9},
            {"game": 1, "at": 20, "result": 0.5, "gpt": 0.5, "engine": 0.7},
            {"game": 1, "at": "last", "result": 0.0, "gpt": 0.8, "engine": 0.1}]
    table = summary(rows)
    assert table["20"] == {"n": 2, "decisive": 1, "gpt_brier": 0.18, "gpt_wrong_side": 1.0,
                           "engine_brier": 0.025, "engine_wrong_side": 0.0}
    assert table["last"]["gpt_brier"] == 0.64 and table["last"]["engine_wrong_side"] == 0.0
    assert "40" not in table
