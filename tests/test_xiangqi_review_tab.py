"""The Xiangqi tab's engine evaluation (bar, label, curve; the result once the game is over;
never a stale "evaluating") and its game review (marks, better-move arrow, curve dots,
progress and cancel, annotated PGN). Depth-limited searches: fast and the same on any machine."""

from __future__ import annotations


import pytest

from engine.xiangqi.pgn import read_game
from engine.xiangqi.review import marks_of
from tests.test_xiangqi_tab import wait_until_still
from widgets.xiangqi_tab import XiangqiTab

OPENING = "炮二平五 马８进７ 马二进三 车９平８ 车一平二 马２进３ 兵七进一 卒７进１".split()
BLUNDER_PGN = "1. 炮二平五 马８进７ 2. 马二进三 车９平８ 3. 车一平二 马２进３ 4. 兵七进一 卒７进１ 5. 车二进五 马７进８ *"
BEFORE_STALEMATE = "3k5/9/9/9/5r3/9/9/9/3r5/4K4 b - - 0 1"  # 车４平... f5f1 leaves red no move: 困毙


@pytest.fixture
def tab(xiangqi_tab):
    return xiangqi_tab(depth=2)


def play(tab: XiangqiTab, *moves: str) -> None:
    for text in moves:
        tab._on_user_move(tab.line.board.parse_move(text))


def settled(qtbot, tab: XiangqiTab) -> None:
    """Every job ended and its news delivered."""
    qtbot.waitUntil(lambda: tab.evaluator.pending is None and not tab.reviewer.running, timeout=20_000)
    qtbot.waitUntil(lambda: not tab.services.runner.running_jobs(), timeout=20_000)


def test_the_label_bar_and_curve_track_the_shown_position(qtbot, tab):
    settled(qtbot, tab)
    start = tab.evaluator.known[tab._position_key()]
    assert tab.eval_label.text().startswith("Engine: ") and "%" in tab.eval_label.text()
    assert tab.eval_bar.score == start.expectation and tab.eval_curve.scores == [start.expectation]
    play(tab, OPENING[0])
    settled(qtbot, tab)
    after = tab.evaluator.known[tab._position_key()]
    assert tab.eval_bar.score == after.expectation and tab.eval_curve.scores == [start.expectation, after.expectation]
    assert f"{after.shown_score / 100:+.2f}" in tab.eval_label.text()
    tab.view_ply(0)  # known: shown at once, nothing asked
    assert tab.eval_bar.score == start.expectation and tab.evaluator.pending is None


def test_nothing_is_evaluated_until_the_tab_is_shown(qtbot, services):
    services.settings.set_value("xiangqi/opponent", "human")
    tab = XiangqiTab(services)
    tab.evaluator.limits = {"depth": 2}
    qtbot.addWidget(tab)
    assert services.runner.running_jobs() == [] and tab.eval_bar.score is None
    tab.show()
    settled(qtbot, tab)
    assert tab.eval_bar.score is not None
    assert tab.load_text(BLUNDER_PGN, "game.pgn")  # another game: its last position is asked for
    assert tab.eval_label.text() == "Engine: evaluating…" and tab.eval_bar.score is None
    settled(qtbot, tab)
    scores = tab.eval_curve.scores  # the last position first, then the others: no gap (issue #36, list 6)
    assert len(scores) == 11 and None not in scores
    tab.shutdown()
    services.runner.wait_idle(5000)


def test_the_curve_does_not_zigzag_with_the_parity_of_the_search_depth():
    """A repetition (horses out and back): searched to depth 3 the side to move gets the last
    move, to depth 4 its opponent; the raw scores swing with that, the shown ones do not."""
    from engine.xiangqi import Board
    from engine.xiangqi.review import evaluate_position

    board, raw, shown = Board(), [], []
    for move in [None, *"h2e2 h9g7 h0g2 g7h9 g2h0 h9g7".split()]:
        if move:
            board.push_iccs(move)
        odd, even = (evaluate_position(board.copy(), depth=depth) for depth in (3, 4))
        raw.append(abs(odd.score - even.score))
        shown.append(abs(odd.shown_score - even.shown_score))
    assert max(raw) > 50 and max(shown) < 30, (raw, shown)


def test_no_stale_evaluating_label_after_moves_and_undo(qtbot, tab):
    play(tab, *OPENING[:3])  # each move replaces the evaluation before: only the last is awaited
    assert tab.eval_label.text() == "Engine: evaluating…"
    assert tab.evaluator.pending == tab._position_key()
    three = tab._position_key()
    tab.undo()
    assert tab.evaluator.pending == tab._position_key()  # the undone position's job was replaced
    settled(qtbot, tab)
    assert "evaluating" not in tab.eval_label.text()
    assert tab.eval_bar.score == tab.evaluator.known[tab._position_key()].expectation
    assert three not in tab.evaluator.known  # its job was dropped, not waited for
    tab.view_ply(1)
    settled(qtbot, tab)
    assert "evaluating" not in tab.eval_label.text() and tab.eval_curve.current == 1


def test_a_finished_game_shows_its_result_not_an_evaluation(qtbot, tab):
    assert tab.load_text(BEFORE_STALEMATE, "a FEN")
    play(tab, "f5f1")
    assert tab.outcome() is not None and tab.outcome().winner is False
    assert tab.eval_label.text() == "No legal move — Black wins"
    assert tab.eval_bar.score == 0.0 and tab.eval_curve.scores[-1] == 0.0
    assert "Review the game" in tab.message()
    settled(qtbot, tab)
    assert tab.eval_label.text() == "No legal move — Black wins" and tab.eval_bar.score == 0.0
    tab.view_ply(0)  # before the end: the engine's view again
    settled(qtbot, tab)
    assert tab.eval_label.text().startswith("Engine: ")


def test_review_marks_the_blunder_in_the_list_on_the_curve_and_with_an_arrow(qtbot, tab):
    assert tab.review_action.shortcut().toString() == "R"
    assert tab.load_text(BLUNDER_PGN, "game.pgn")
    tab.review_action.trigger()
    assert tab.reviewer.running and not tab.review_action.isEnabled()
    settled(qtbot, tab)
    assert tab.review_progress.isHidden() and tab.review_action.isEnabled()
    assert tab.message().startswith("Review done.") and "Red: " in tab.message()
    blunder = tab.move_list.item(4, 0)
    assert blunder.text() == "车二进五??"
    assert tab.eval_curve.marks.get(9) == "??"
    assert all(score is not None for score in tab.eval_curve.scores)  # the review filled the curve
    tab.eval_curve.plySelected.emit(9)  # a click on the curve's point
    assert tab.line.view_ply == 9
    judged = tab.reviewer.moves_for(*tab._position_key(tab.line.ply))[9]
    assert tab.view.arrows == [(judged.better, "better")]
    before = tab.line.board_at(8)
    assert "Blunder (??)" in tab.eval_label.text() and before.chinese(judged.better) in tab.eval_label.text()
    tab.view_ply(10)  # a move without a better one: no arrow
    assert tab.view.arrows == [] or tab.reviewer.moves_for(*tab._position_key(10))[10].better is not None


def test_a_fixed_depth_review_is_repeatable_and_a_timed_one_says_it_may_not_be(qtbot, tab):
    assert tab.load_text(BLUNDER_PGN, "game.pgn")
    reviews = []
    for _ in range(2):  # the same game twice: the same marks and evaluations (issue #36, list 6)
        tab.review_game()
        settled(qtbot, tab)
        reviews.append(tab.reviewer.review)
    first, second = reviews
    assert first is not second and first.marks() == second.marks() and first.marks()
    assert [p.score for p in first.positions] == [p.score for p in second.positions]
    assert "another review may mark" not in tab.message()
    tab.reviewer.limits = {"time_s": 0.05}  # the app's review searches for a time
    tab.review_game()
    settled(qtbot, tab)
    assert tab.message().startswith("Review done.") and "another review may mark a few moves differently" in tab.message()


def test_a_review_can_be_cancelled_and_keeps_what_it_reached(qtbot, tab):
    tab.reviewer.limits = {"depth": 5}
    assert tab.load_text(BLUNDER_PGN, "game.pgn")
    tab.review_game()
    qtbot.waitUntil(lambda: not tab.review_progress.isHidden(), timeout=5000)
    tab.reviewer.cancel()
    settled(qtbot, tab)
    assert not tab.reviewer.running and tab.review_progress.isHidden() and tab.review_action.isEnabled()
    reached = len(tab.reviewer.review.moves)
    assert reached < 10
    assert tab.message().startswith(f"Review stopped after {reached} of 10 moves") or reached == 0


def test_a_new_game_drops_the_review(qtbot, tab):
    assert tab.load_text(BLUNDER_PGN, "game.pgn")
    tab.review_game()
    settled(qtbot, tab)
    tab.new_game()
    assert tab.reviewer.review is None and tab.eval_curve.marks == {}
    assert tab.move_list.rowCount() == 0


def test_export_the_annotated_pgn(qtbot, tab, tmp_path):
    assert tab.load_text(BLUNDER_PGN, "game.pgn")
    tab.export_annotated()  # nothing reviewed yet
    assert "Review the game first" in tab.message()
    tab.review_game()
    settled(qtbot, tab)
    path = tmp_path / "annotated.pgn"
    assert tab.save_path(str(path), annotated=True)
    game = read_game(path.read_text(encoding="utf-8"))
    assert marks_of(game) == {ply: m.mark for ply, m in tab.reviewer.moves_for(*tab._position_key(10)).items()
                              if m.mark}
    assert marks_of(game)[9] == "??" and "better: " in game.comments[9] and "[%eval" in game.comments[10]
    assert not tab.save_path(str(tmp_path), annotated=True)  # a folder: the file error, said plainly
    assert "Cannot save" in tab.message()


def test_the_review_in_chinese(qapp, qtbot, xiangqi_tab):
    from PySide6.QtCore import QCoreApplication

    from app.i18n import install_translators

    translators = install_translators(qapp, "zh")
    assert translators
    try:
        widget = xiangqi_tab(depth=2)
        assert widget.load_text(BLUNDER_PGN, "game.pgn")
        widget.review_game()
        settled(qtbot, widget)
        widget.view_ply(9)
        texts = [widget.eval_label.text(), widget.message(), widget.review_action.text(), widget.view.arrows[0][1]]
        assert widget.load_text(BEFORE_STALEMATE, "FEN")
        play(widget, "f5f1")
        texts += [widget.message(), widget.eval_label.text()]  # the offer to review, the result
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in texts), texts
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)


def test_screenshot_of_the_review(qapp, qtbot, tab, artifacts):
    from widgets.fonts import install_ui_font

    install_ui_font(qapp)
    assert tab.load_text(BLUNDER_PGN, "game.pgn")
    tab.review_game()
    settled(qtbot, tab)
    tab.view_ply(9)
    settled(qtbot, tab)
    wait_until_still(qtbot, tab)
    assert tab.grab().toImage().save(str(artifacts / "xiangqi_review.png"))
