"""The Xiangqi tab's GPT features: the hint arrows, the self-test hook and the input offered to
the Attention tab, the engine's ``outcome_curve`` (the self-test's); and the evaluation's
toggle and curve clicks beside them. The engine's evaluation itself: test_xiangqi_review_tab.py.
CPU, the bundled 1M-parameter model."""

from __future__ import annotations


import pytest

from engine.runtime.store import ModelStore
from engine.xiangqi import Board, Move
from tests.test_xiangqi_tab import wait_until_still
from widgets.xiangqi_tab import XiangqiTab

OPENING = "炮二平五 马８进７ 马二进三 车９平８".split()
PGN = """[Event "test"]

1. h2e2 h9g7 2. h0g2 i9h9 *
"""


@pytest.fixture
def tab(xiangqi_tab, one_thread):
    return xiangqi_tab()


def play(tab: XiangqiTab, *moves: str) -> None:
    for text in moves:
        tab._on_user_move(tab.line.board.parse_move(text))


def wait_for_curve(qtbot, tab: XiangqiTab, points: int) -> None:
    qtbot.waitUntil(lambda: len(tab.eval_curve.scores) == points, timeout=20_000)


# -- engine ------------------------------------------------------------------------------------
def test_outcome_curve_matches_the_belief_after_every_ply():
    from engine.xiangqi.gpt import GptPlayer

    player, board = GptPlayer(), Board()
    for text in OPENING:
        board.push(board.parse_move(text))
    curve = player.outcome_curve(board)
    assert len(curve) == len(OPENING) + 1
    for ply, point in enumerate(curve):
        prefix = board.root()
        for move in board.move_stack[:ply]:
            prefix.push(move)
        belief = player.outcome_belief(prefix)
        assert (point.red, point.draw, point.black) == pytest.approx((belief.red, belief.draw, belief.black), abs=1e-4)
        assert point.red_score == pytest.approx(point.red + point.draw / 2)
    assert len({round(p.red, 6) for p in curve}) > 1  # the moves do move the belief


def test_outcome_curve_of_a_game_longer_than_the_model_reads():
    from engine.xiangqi.gpt import MAX_HISTORY, GptPlayer

    board = Board()
    while len(board.move_stack) < MAX_HISTORY + 50:  # horses back and forth
        board.push(Move.from_iccs(["b0c2", "b9c7", "c2b0", "c7b9"][len(board.move_stack) % 4]))
    player = GptPlayer()
    curve = player.outcome_curve(board)
    assert len(curve) == len(board.move_stack) + 1
    assert curve[-1] == player.outcome_belief(board)
    assert all(p.red + p.draw + p.black == pytest.approx(1.0) for p in curve)


# -- hint --------------------------------------------------------------------------------------
def test_hint_draws_the_three_likeliest_moves_with_probabilities(qtbot, tab):
    assert tab.hint_action.shortcut().toString() == "H" and "H" in tab.hint_action.toolTip()
    tab.hint_action.trigger()
    qtbot.waitUntil(lambda: len(tab.view.arrows) == 3, timeout=20_000)
    board = Board()
    moves = [move for move, _ in tab.view.arrows]
    labels = [label for _, label in tab.view.arrows]
    assert all(board.is_legal(move) for move in moves) and len(set(moves)) == 3
    assert all(label.endswith("%") for label in labels)
    numbers = [int(label.rstrip("%").lstrip("<")) for label in labels]
    assert numbers == sorted(numbers, reverse=True) and 0 < sum(numbers) <= 101
    assert "GPT" in tab.message() and board.chinese(moves[0]) in tab.message()

    tab.set_notation("iccs")  # the same position: the arrows stay
    assert len(tab.view.arrows) == 3
    play(tab, board.chinese(moves[0]))  # a move clears them
    assert tab.view.arrows == [] and tab.message() == ""


def test_hint_labels_that_share_a_destination_are_stacked():
    from widgets.xiangqi_board import badge_rows

    cannons = [(Move.from_iccs("b2e2"), "31%"), (Move.from_iccs("h2e2"), "28%"), (Move.from_iccs("g3g4"), "11%")]
    assert badge_rows(cannons) == [-0.5, 0.5, 0.0]  # both cannons aim at the centre: one label above the other
    assert badge_rows(cannons[1:]) == [0.0, 0.0]


def test_a_hint_for_a_position_no_longer_shown_is_dropped(qtbot, tab, services):
    tab.hint()
    tab.hint()  # supersedes the first
    play(tab, OPENING[0])  # before either answer arrives: both are for the old position
    assert tab.message() == ""
    qtbot.waitUntil(lambda: not services.runner.running_jobs(), timeout=20_000)  # both answers delivered
    assert tab.view.arrows == []
    tab.view_previous()
    assert tab.view.arrows == []


def test_hint_without_the_model_says_so(qtbot, services, one_thread, tmp_path):
    services.store = ModelStore(bundled_dir=tmp_path)  # finds nothing
    services.settings.set_value("xiangqi/opponent", "human")
    tab = XiangqiTab(services)
    qtbot.addWidget(tab)
    tab.show()
    tab.hint()
    assert "xiangqi-gpt" in tab.message() and tab.view.arrows == []
    qtbot.waitUntil(lambda: tab.eval_bar.score is not None, timeout=20_000)  # the engine needs no GPT
    assert tab.eval_label.text().startswith("Engine: ")
    tab.shutdown()


# -- evaluation --------------------------------------------------------------------------------
def test_clicking_the_curve_views_that_ply(qtbot, tab):
    play(tab, *OPENING)
    wait_for_curve(qtbot, tab, len(OPENING) + 1)
    tab.eval_curve.plySelected.emit(2)
    assert tab.line.view_ply == 2


def test_eval_toggle_hides_shows_and_is_remembered(qtbot, tab, services):
    assert tab.eval_visible() and not tab.eval_bar.isHidden() and not tab.eval_curve.isHidden()
    tab.eval_action.trigger()
    assert not tab.eval_visible()
    assert tab.eval_bar.isHidden() and tab.eval_curve.isHidden() and tab.eval_label.isHidden()
    play(tab, OPENING[0])
    qtbot.waitUntil(lambda: not services.runner.running_jobs(), timeout=20_000)
    assert len(tab.eval_curve.scores) <= 1  # hidden: nothing computed for the new move

    again = XiangqiTab(services)
    qtbot.addWidget(again)
    assert not again.eval_visible() and again.eval_bar.isHidden()
    again.eval_action.trigger()
    assert again.eval_visible() and not again.eval_bar.isHidden()
    assert str(services.settings.value("xiangqi/show_eval")).lower() == "true"
    again.shutdown()


# -- self-test and attention ---------------------------------------------------------------------
def test_self_test_hook(services, one_thread):
    line = XiangqiTab.self_test(services)
    assert line.startswith("hint at the start: ") and line.count("%") == 6


def test_attention_input_offers_the_game_as_the_gpt_reads_it(qtbot, tab, services):
    assert tab.attention_input() is None  # nothing played yet
    play(tab, *OPENING[:2])
    model, text = tab.attention_input()
    assert (model, text) == ("xiangqi-gpt", "[*] [START] h2e2 h9g7")
    tokenizer = services.store.load(model).tokenizer
    ids = tokenizer(text)["input_ids"]
    assert len(ids) == 4 and tokenizer.unk_token_id not in ids


def test_screenshot_with_hint_and_evaluation(qapp, qtbot, tab, artifacts):
    from widgets.fonts import install_ui_font

    install_ui_font(qapp)
    play(tab, *OPENING)
    wait_for_curve(qtbot, tab, len(OPENING) + 1)
    tab.hint()
    qtbot.waitUntil(lambda: len(tab.view.arrows) == 3, timeout=20_000)
    wait_until_still(qtbot, tab)
    image = tab.grab().toImage()
    assert image.save(str(artifacts / "xiangqi_hint_eval.png"))
