"""The Xiangqi tab: playing by clicks and drags, undo/redo, navigation, clipboard, PGN files,
set-up, a game against a computer player through the job runner, and a screenshot."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication

from widgets.fonts import install_ui_font
from engine.xiangqi import BLACK, RED, STARTING_FEN, Board, Move, Piece, parse_square
from engine.xiangqi.players import find_fairy_stockfish
from widgets.xiangqi_board import XiangqiBoardView
from engine.xiangqi.opponents import Opponent, available_opponents
from widgets.xiangqi_tab import XiangqiTab

MATE_IN_ONE = "3nkn3/9/9/9/9/9/9/9/4R4/4K4 w - - 0 1"  # 车五进七 (e1e8) mates: the generals would face


@pytest.fixture
def tab(qtbot, services):
    services.settings.set_value("xiangqi/opponent", "human")
    widget = XiangqiTab(services)
    qtbot.addWidget(widget)
    widget.resize(960, 680)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def point(tab: XiangqiTab, name: str) -> QPoint:
    return tab.view.square_center(parse_square(name)).toPoint()


def click(qtbot, tab: XiangqiTab, *names: str) -> None:
    for name in names:
        qtbot.mouseClick(tab.view, Qt.MouseButton.LeftButton, pos=point(tab, name))


def iccs(tab: XiangqiTab) -> list[str]:
    return [move.iccs() for move in tab.line.moves]


def wait_until_still(qtbot, tab: XiangqiTab) -> None:
    """Until nothing on the board moves: the last move's slide and the evaluation bar's have
    ended, so a screenshot shows the position and not a frame of an animation."""
    qtbot.waitUntil(lambda: not tab.view.is_animating() and not tab.eval_bar.is_sliding(), timeout=5000)


def test_clicking_a_piece_then_a_point_plays_the_move(qtbot, tab):
    click(qtbot, tab, "h2")
    assert tab.view.selected == parse_square("h2")
    assert parse_square("e2") in tab.view._targets  # legal destinations are marked
    click(qtbot, tab, "e2")
    assert iccs(tab) == ["h2e2"]
    assert tab.view.last_move == Move.from_iccs("h2e2")
    assert tab.move_list.item(0, 0).text() == "炮二平五"
    assert tab.view.selected is None


def test_illegal_clicks_are_refused_quietly(qtbot, tab):
    click(qtbot, tab, "h2", "g4")  # a cannon does not move diagonally
    assert iccs(tab) == []
    assert tab.view.selected is None
    click(qtbot, tab, "h9", "g7")  # black's horse, but red is to move
    assert iccs(tab) == [] and tab.view.selected is None
    assert tab.message() == ""


def test_drag_and_drop_plays_the_move_and_a_bad_drop_returns_the_piece(qtbot, tab):
    view = tab.view
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=point(tab, "b0"))
    qtbot.mouseMove(view, point(tab, "b1"))
    qtbot.mouseMove(view, point(tab, "c1"))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=point(tab, "c1"))  # not a horse move
    assert iccs(tab) == [] and view.selected == parse_square("b0")
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=point(tab, "b0"))
    qtbot.mouseMove(view, point(tab, "b1"))
    qtbot.mouseMove(view, point(tab, "c2"))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=point(tab, "c2"))
    assert iccs(tab) == ["b0c2"]
    assert not view.is_animating()  # a dropped piece is already where it goes


def test_undo_and_redo_with_the_keyboard(qtbot, tab):
    click(qtbot, tab, "h2", "e2", "h9", "g7")
    qtbot.keyClick(tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert iccs(tab) == ["h2e2"]
    qtbot.keyClick(tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert iccs(tab) == []
    qtbot.keyClick(tab, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert iccs(tab) == ["h2e2"]
    click(qtbot, tab, "b9", "c7")  # a new move forgets what was taken back
    assert iccs(tab) == ["h2e2", "b9c7"] and not tab.redo_action.isEnabled()


def test_arrow_keys_step_through_the_game_and_history_is_read_only(qtbot, tab):
    click(qtbot, tab, "h2", "e2", "h9", "g7", "h0", "g2")
    qtbot.keyClick(tab, Qt.Key.Key_Left)
    assert tab.line.view_ply == 2
    assert tab.view.board.fen() == tab.line.board_at(2).fen()
    assert tab.view.movable == frozenset()
    click(qtbot, tab, "i9", "h9")  # not while looking at the past
    assert tab.line.ply == 3
    qtbot.keyClick(tab, Qt.Key.Key_Home)
    assert tab.view.board.fen().split()[0] == STARTING_FEN.split()[0]
    qtbot.keyClick(tab, Qt.Key.Key_Right)
    assert tab.line.view_ply == 1
    tab.move_list.plySelected.emit(3)  # clicking the last move returns to the game
    assert tab.line.viewing_live and tab.view.movable


def test_flip_key_turns_the_board(qtbot, tab):
    before = point(tab, "a0")
    qtbot.keyClick(tab, Qt.Key.Key_F)
    assert tab.view.flipped
    after = point(tab, "a0")
    assert after.x() > before.x() and after.y() < before.y()
    click(qtbot, tab, "h2", "e2")  # clicks still land on the right points
    assert iccs(tab) == ["h2e2"]


def test_pasting_a_bad_fen_says_why_and_keeps_the_game(qtbot, tab):
    click(qtbot, tab, "h2", "e2")
    fen = tab.line.board.fen()
    QGuiApplication.clipboard().setText("rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1X1P1P/1C5C1/9/RNBAKABNR w - - 0 1")
    qtbot.keyClick(tab, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "Could not read" in tab.message() and "'X'" in tab.message()
    assert tab.line.board.fen() == fen and iccs(tab) == ["h2e2"]
    QGuiApplication.clipboard().setText("4k4/9/9/9/9/9/9/9/9/4K4 w - - 0 1")  # generals face each other
    tab.paste()
    assert "flying generals" in tab.message() and iccs(tab) == ["h2e2"]


def test_copy_and_paste_fen_and_moves(qtbot, tab):
    click(qtbot, tab, "h2", "e2", "h9", "g7")
    tab.copy_fen()
    fen = QGuiApplication.clipboard().text()
    assert fen == tab.line.board.fen()
    tab.copy_moves()
    assert QGuiApplication.clipboard().text() == "1. 炮二平五 马８进７"
    tab.new_game()
    assert iccs(tab) == []
    QGuiApplication.clipboard().setText("1. 炮二平五 马８进７ 2. 马二进三")
    tab.paste()
    assert iccs(tab) == ["h2e2", "h9g7", "h0g2"]
    QGuiApplication.clipboard().setText(fen)
    tab.paste()
    assert tab.line.start.fen() == fen and tab.line.ply == 0


def test_pgn_files_round_trip_and_a_bad_file_changes_nothing(qtbot, tab, tmp_path):
    click(qtbot, tab, "h2", "e2", "h9", "g7")
    path = tmp_path / "game.pgn"
    assert tab.save_path(str(path))
    assert "炮二平五" in path.read_text(encoding="utf-8")
    tab.new_game()
    assert tab.open_path(str(path))
    assert iccs(tab) == ["h2e2", "h9g7"]
    bad = tmp_path / "bad.pgn"
    bad.write_text('[Event "x"]\n\n1. 炮二平五 马８进７ 2. 车九进九\n', encoding="utf-8")
    assert not tab.open_path(str(bad))
    assert "ply 3" in tab.message()
    assert iccs(tab) == ["h2e2", "h9g7"]
    assert not tab.open_path(str(tmp_path / "missing.pgn"))
    gbk = tmp_path / "old.pgn"
    gbk.write_bytes('[Red "甲"]\n\n1. 炮二平五\n'.encode("gb18030"))
    assert tab.open_path(str(gbk)) and iccs(tab) == ["h2e2"]
    several = tmp_path / "several.pgn"
    several.write_text('[Red "A"]\n\n1. h2e2 h9g7\n\n[Red "B"]\n\n1. b2e2\n', encoding="utf-8")
    assert tab.open_path(str(several)) and iccs(tab) == ["h2e2", "h9g7"]
    assert "first of 2 games" in tab.message()


def test_a_mate_shows_the_game_over_banner(qtbot, tab):
    tab.start_from(Board(MATE_IN_ONE))
    click(qtbot, tab, "e1", "e8")
    assert tab.outcome() is not None and tab.outcome().winner == RED
    assert tab.view.banner == ("Checkmate", "Red wins")  # the English UI: no Chinese reason (issue #34)
    assert tab.status_label.text().startswith("Checkmate — ")
    assert tab.view.movable == frozenset()
    qtbot.keyClick(tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.view.banner is None and tab.view.movable


def test_a_threefold_repetition_is_a_draw(qtbot, tab):
    for _ in range(2):
        click(qtbot, tab, "h0", "g2", "h9", "g7", "g2", "h0", "g7", "h9")
    assert tab.line.ply == 8
    assert tab.view.banner == ("Draw by repetition", "Draw")
    assert tab.current_game().result == "1/2-1/2"


def test_a_saved_finished_game_says_why_it_ended(qtbot, tab, tmp_path):
    tab.start_from(Board(MATE_IN_ONE))
    click(qtbot, tab, "e1", "e8")
    path = tmp_path / "mate.pgn"
    assert tab.save_path(str(path))
    text = path.read_text(encoding="utf-8")
    assert '[Termination "checkmate"]' in text and '[Result "1-0"]' in text


def test_playing_against_random_through_the_job_runner(qtbot, tab):
    tab.set_opponent("random")
    click(qtbot, tab, "h2", "e2")
    qtbot.waitUntil(lambda: tab.line.ply == 2, timeout=5000)
    assert tab.view.movable == frozenset({RED})
    reply = tab.line.moves[1]
    assert tab.move_list.item(0, 1).text() == tab.line.board_at(1).chinese(reply)
    qtbot.keyClick(tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # takes back the reply too
    assert iccs(tab) == []
    assert tab.line.board.turn == RED and tab._ticket is None


def test_the_computer_opens_when_the_user_takes_black(qtbot, tab):
    tab.set_opponent("greedy")
    tab.side_box.setCurrentIndex(1)
    tab.side_box.activated.emit(1)
    tab.new_game()
    assert tab.view.flipped
    qtbot.waitUntil(lambda: tab.line.ply == 1, timeout=5000)
    assert tab.view.movable == frozenset({BLACK})


@pytest.mark.skipif(find_fairy_stockfish() is None, reason="fairy-stockfish is not installed")
def test_playing_against_fairy_stockfish(qtbot, tab):
    assert "fairy-stockfish:L0" in [opponent.key for opponent in tab.opponents]
    tab.set_opponent("fairy-stockfish:L0")
    click(qtbot, tab, "h2", "e2")
    qtbot.waitUntil(lambda: tab.line.ply == 2, timeout=10_000)
    assert tab.message() == "" and tab.view.movable == frozenset({RED})


FAKE_UCI_ENGINE = """#!{python}
import sys
for line in sys.stdin:
    word = line.split()[0] if line.split() else ""
    if word == "uci":
        print("id name fake", "uciok", sep="\\n", flush=True)
    elif word == "isready":
        print("readyok", flush=True)
    elif word == "go":
        print("bestmove h10g8", flush=True)
    elif word == "quit":
        break
"""


def test_a_uci_engine_is_checked_before_it_is_added_and_can_be_removed(qtbot, tab, tmp_path):
    import sys

    tab.add_uci_engine("/bin/false")  # no handshake: refused, nothing added (issue #36, list 6)
    qtbot.waitUntil(lambda: "not added" in tab.message(), timeout=10_000)
    assert "stopped" in tab.message() and "Errno" not in tab.message()
    assert not [o for o in tab.opponents if o.kind == "uci-custom"] and not tab.settings.value("xiangqi/uci_path")
    engine = tmp_path / "fake"
    engine.write_text(FAKE_UCI_ENGINE.format(python=sys.executable), encoding="utf-8")
    engine.chmod(0o755)
    tab.add_uci_engine(str(engine))
    qtbot.waitUntil(lambda: tab.opponent.key == "uci-custom:L0", timeout=10_000)
    assert [o.key for o in tab.opponents if o.kind == "uci-custom"] == [f"uci-custom:L{n}" for n in range(5)]
    click(qtbot, tab, "h2", "e2")
    qtbot.waitUntil(lambda: tab.line.ply == 2, timeout=10_000)
    assert iccs(tab) == ["h2e2", "h9g7"]
    remove = tab.opponent_box.findData("remove-engine")
    assert tab.opponent_box.itemText(remove) == "Remove fake"
    tab.opponent_box.activated.emit(remove)
    assert not [o for o in tab.opponents if o.kind == "uci-custom"] and tab.opponent_box.findData("remove-engine") < 0
    assert tab.opponent.key == "engine:search-2"


def test_the_chinese_ui_words_loads_engine_failures_and_results(qapp, qtbot, services):
    from PySide6.QtCore import QCoreApplication

    from app.i18n import install_translators

    translators = install_translators(qapp, "zh")
    services.settings.set_value("xiangqi/uci_path", "/bin/false")  # added before the handshake check
    try:
        services.settings.set_value("xiangqi/opponent", "human")
        tab = XiangqiTab(services)
        qtbot.addWidget(tab)
        tab.show()
        QGuiApplication.clipboard().setText("1. h2e2 h9g7")
        tab.paste()
        assert tab.message() == "已从剪贴板载入。"  # no spaces around the source (issue #36, list 6)
        tab.start_from(Board(MATE_IN_ONE))
        tab._on_user_move(Move.from_iccs("e1e8"))
        assert tab.view.banner == ("将死", "红胜") and tab.status_label.text().startswith("将死")
        tab.new_game()
        tab.set_opponent("uci-custom:L0")
        tab.side_box.setCurrentIndex(1)
        tab.side_box.activated.emit(1)  # the engine opens, and fails
        qtbot.waitUntil(lambda: "停止了" in tab.message(), timeout=10_000)
        assert "Errno" not in tab.message() and "EngineError" not in tab.message()
        assert tab.opponent_box.findText("移除 false") >= 0
        tab.shutdown()
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)


class PatientPlayer:
    """Thinks until cancelled; stands in for a slow engine."""

    name = "patient"

    def choose_move(self, board, cancel=None):
        while not cancel.cancelled:
            time.sleep(0.005)
        cancel.raise_if_cancelled()

    def close(self):
        pass


def test_the_board_stays_responsive_while_the_computer_thinks(qtbot, tab):
    tab.opponents.append(Opponent("patient", PatientPlayer))
    tab.set_opponent("patient")
    click(qtbot, tab, "h2", "e2")
    assert tab._ticket is not None and "thinking" in tab.status_label.text()
    assert tab.view.movable == frozenset()
    qtbot.keyClick(tab, Qt.Key.Key_Left)  # look back while it thinks
    assert tab.line.view_ply == 0
    qtbot.keyClick(tab, Qt.Key.Key_F)
    assert tab.view.flipped
    tab.services.runner.cancel_all()  # the status bar's Cancel
    qtbot.waitUntil(lambda: "stopped thinking" in tab.message(), timeout=3000)
    tab._on_message_link("resume")
    qtbot.waitUntil(lambda: tab._ticket is not None, timeout=3000)
    qtbot.keyClick(tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo cancels the thinking
    assert iccs(tab) == [] and tab._ticket is None and tab.view.movable == frozenset({RED})
    qtbot.waitUntil(lambda: not tab._jobs or not any(job.running for job in tab._jobs), timeout=3000)
    assert iccs(tab) == [] and tab.message() == ""


def test_new_game_cancels_a_pending_reply(qtbot, tab):
    tab.set_opponent("random")
    click(qtbot, tab, "h2", "e2")
    tab.new_game()  # the reply, if it comes, belongs to the old game
    qtbot.waitUntil(lambda: not tab.services.runner.running_jobs(), timeout=3000)  # it has come, or stopped
    assert iccs(tab) == []


def test_set_up_starts_from_the_position_shown_and_can_clear_it(qtbot, tab):
    click(qtbot, tab, "h2", "e2", "h9", "g7")
    tab.view_ply(1)
    tab.enter_setup()
    assert tab.view.board.fen() == tab.line.board_at(1).fen()  # not an empty board (issue #36, list 6)
    assert tab.setup_panel.black_to_move.isChecked() and tab.setup_panel.done_button.isEnabled()
    panel = tab.setup_panel
    panel.clear_button.click()
    assert tab.view.board.fen().startswith("9/9/9/9/9/9/9/9/9/9")
    tab.panels.setFixedWidth(tab.panels.minimumWidth())  # the narrowest side panel
    qtbot.waitUntil(lambda: panel.width() == tab.panels.minimumWidth())
    buttons = panel.group.buttons()
    assert max(b.mapTo(panel, b.rect().bottomRight()).x() for b in buttons) < panel.width()  # none cut off
    tab.cancel_setup()
    assert iccs(tab) == ["h2e2", "h9g7"]


def test_set_up_a_position_and_play_from_it(qtbot, tab):
    tab.enter_setup()
    panel = tab.setup_panel
    panel.clear_button.click()
    assert tab.view.board.fen().startswith("9/9/9/9/9/9/9/9/9/9")
    assert not panel.done_button.isEnabled()
    for piece, name in ((Piece("k", RED), "e0"), (Piece("k", BLACK), "d9"), (Piece("r", RED), "a0")):
        panel.choose(piece)
        click(qtbot, tab, name)
    assert panel.done_button.isEnabled() and panel.problems.text() == ""
    panel.choose(Piece("p", RED))
    click(qtbot, tab, "a1")  # a pawn can never stand behind its own start line
    assert not panel.done_button.isEnabled() and "soldier" in panel.problems.text()
    qtbot.mouseClick(tab.view, Qt.MouseButton.RightButton, pos=point(tab, "a1"))
    qtbot.mousePress(tab.view, Qt.MouseButton.LeftButton, pos=point(tab, "e5"))  # dragging nothing
    qtbot.mouseMove(tab.view, point(tab, "e4"))
    qtbot.mouseRelease(tab.view, Qt.MouseButton.LeftButton, pos=point(tab, "a0"))
    assert tab.view.board.piece_at(parse_square("a0")) == Piece("r", RED)
    qtbot.mousePress(tab.view, Qt.MouseButton.LeftButton, pos=point(tab, "a0"))  # drag the chariot along
    qtbot.mouseMove(tab.view, point(tab, "a1"))
    qtbot.mouseRelease(tab.view, Qt.MouseButton.LeftButton, pos=point(tab, "b0"))
    panel.black_to_move.click()
    assert tab.view.board.turn == BLACK
    panel.done_button.click()
    assert tab.panels.currentIndex() == 0 and not tab.view.setup_mode
    assert tab.line.start.fen() == "3k5/9/9/9/9/9/9/9/9/1R2K4 b - - 0 1"
    click(qtbot, tab, "d9", "d8")
    assert iccs(tab) == ["d9d8"]


def test_choices_are_remembered(qtbot, services):
    first = XiangqiTab(services)
    qtbot.addWidget(first)
    first.set_opponent("greedy")
    first.set_notation("wxf")
    first.shutdown()
    second = XiangqiTab(services)
    qtbot.addWidget(second)
    assert second.opponent.key == "greedy" and second.notation == "wxf"
    second.shutdown()


def test_opponents_are_factories_of_players():
    opponents = {opponent.key: opponent for opponent in available_opponents()}
    assert not opponents["human"].is_computer
    player = opponents["greedy"].make()
    try:
        assert Board().is_legal(player.choose_move(Board()))
    finally:
        player.close()


@pytest.mark.parametrize("flipped", [False, True])
def test_every_point_is_hit_where_it_is_drawn_at_any_size(qtbot, flipped):
    view = XiangqiBoardView()
    qtbot.addWidget(view)
    view.set_flipped(flipped)
    for width, height in ((250, 275), (900, 500), (400, 1000)):
        view.resize(width, height)
        view.grab()  # paints at this size
        for sq in range(90):
            assert view.square_at(view.square_center(sq)) == sq
    assert view.square_at(QPointF(1, 1)) is None  # the margin is no point


def test_hint_arrows_are_drawn_and_cleared_by_the_next_position(qtbot):
    view = XiangqiBoardView()
    qtbot.addWidget(view)
    view.resize(400, 440)
    view.set_position(Board())
    plain = view.grab().toImage()
    view.set_arrows([(Move.from_iccs("h2e2"), "41%"), (Move.from_iccs("b0c2"), "22%")])
    assert view.grab().toImage() != plain
    board = Board()
    board.push(Move.from_iccs("h2e2"))
    view.set_position(board, Move.from_iccs("h2e2"))
    assert view.arrows == []


def test_screenshot_mid_game_with_a_chinese_move_list(qapp, qtbot, tab, tmp_path, artifacts):
    install_ui_font(qapp)
    for text in "炮二平五 马８进７ 马二进三 车９平８ 车一平二 马２进３ 兵七进一 卒７进１ 车二进六 炮８平９ 车二平三 炮９退１".split():
        tab._on_user_move(tab.line.board.parse_move(text))
    tab.set_opponent("greedy")  # red (the user) is to move, so it only waits
    wait_until_still(qtbot, tab)
    assert tab._ticket is None
    assert tab.move_list.item(5, 1).text() == "炮９退１"
    image = tab.grab().toImage()
    path = tmp_path / "xiangqi_tab.png"
    assert image.save(str(path))
    assert path.stat().st_size > 20_000
    image.save(str(artifacts / "xiangqi_tab.png"))


def test_the_bundled_gpt_is_an_opponent_and_answers_legally():
    from engine.xiangqi import Board
    from engine.xiangqi.opponents import available_opponents

    gpt = {o.key: o for o in available_opponents() if o.key.startswith("gpt:")}
    if not gpt:
        pytest.skip("no bundled xiangqi-gpt")
    assert set(gpt) == {"gpt:strongest", "gpt:strong", "gpt:medium", "gpt:easy"}
    board = Board()
    board.push_iccs("h2e2")
    assert board.is_legal(gpt["gpt:strongest"].make().choose_move(board))
    first = available_opponents(move_time=lambda: 0.2)[1]
    assert first.key == "engine:search" and first.timed  # the strongest level is listed first
    player = first.make()
    assert player.gpt is not None and board.is_legal(player.choose_move(board))


def test_gpt_opponents_use_the_apps_store_and_share_one_copy_of_the_model():
    from engine.runtime.store import ModelStore
    from engine.xiangqi.gpt import MODEL_NAME
    from engine.xiangqi.opponents import available_opponents

    store = ModelStore()
    opponents = {o.key: o for o in available_opponents(store=store)}
    if "gpt:easy" not in opponents:
        pytest.skip("no bundled xiangqi-gpt")
    hints_model = store.load(MODEL_NAME).model
    assert opponents["gpt:easy"].make().model is hints_model
    assert opponents["engine:search"].make().gpt.model is hints_model


def test_new_engine_settings_give_the_gpt_opponent_the_new_store(qtbot, services):
    tab = XiangqiTab(services)
    qtbot.addWidget(tab)
    if "gpt:easy" not in {o.key for o in tab.opponents}:
        pytest.skip("no bundled xiangqi-gpt")
    tab.set_opponent("gpt:easy")
    services.apply_engine_settings()  # a fresh ModelStore, as after the settings dialog
    assert tab.opponent.key == "gpt:easy"
    from engine.xiangqi.gpt import MODEL_NAME

    assert tab.seat.opponent.make().model is services.store.load(MODEL_NAME).model
    tab.shutdown()


def test_the_notation_defaults_to_the_ui_language_until_one_is_chosen(qtbot, services):
    services.settings.language = "en"
    english = XiangqiTab(services)
    qtbot.addWidget(english)
    assert english.notation == "wxf"  # the English convention (C2.5), not 炮二平五
    english.shutdown()
    services.settings.language = "zh"
    chinese = XiangqiTab(services)
    qtbot.addWidget(chinese)
    assert chinese.notation == "chinese"
    chinese.set_notation("iccs")
    chinese.shutdown()
    services.settings.language = "en"
    chosen = XiangqiTab(services)
    qtbot.addWidget(chosen)
    assert chosen.notation == "iccs"  # a choice stands whatever the language
    chosen.shutdown()


def test_self_test_hook_names_the_search_it_runs(services):
    """The installers' self-test says whether the compiled engine search made it into the bundle."""
    from engine.xiangqi.engine_search import COMPILED

    summary = XiangqiTab.self_test(services)
    assert "hint at the start:" in summary
    kind = "compiled search" if COMPILED is not None else "pure-Python (not compiled) search"
    assert f"engine: {kind}, depth " in summary and "k nodes/s" in summary
