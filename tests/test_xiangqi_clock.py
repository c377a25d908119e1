"""The game clock: increments, flag fall, pauses, the engine's budget, the PGN tag, and the
clock under the board ending a game on time (time moved by hand, never slept)."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QCoreApplication

from widgets.fonts import install_ui_font
from app.i18n import install_translators
from engine.xiangqi import BLACK, RED, Move, pgn
from engine.xiangqi.board import Termination
from engine.xiangqi.clock import GameClock, TimeControl, TimeControlError, move_budget
from widgets.xiangqi_clock import clock_text



class FakeTime:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_the_increment_is_added_after_each_move_but_the_first():
    now = FakeTime()
    clock = GameClock(TimeControl(600, 5), now)
    clock.press(RED)  # red's first move: black's clock starts
    now.t += 10
    clock.press(BLACK)  # black spent 10 s, gets 5 back
    assert clock.remaining(BLACK) == 595 and clock.running == RED
    now.t += 2
    clock.press(RED)
    assert clock.remaining(RED) == 603  # 600 - 2 + 5
    now.t += 1.5
    assert clock.remaining(BLACK) == 593.5


def test_a_flag_fall_loses_the_game():
    now = FakeTime()
    clock = GameClock(TimeControl(300), now)
    clock.press(RED)
    now.t += 299.9
    assert clock.outcome() is None and clock.remaining(BLACK) == pytest.approx(0.1)
    now.t += 0.2
    over = clock.outcome()
    assert over.termination == Termination.TIME_FORFEIT and over.winner == RED and over.result() == "1-0"
    assert clock.remaining(BLACK) == 0 and clock.running is None
    clock.press(BLACK)  # too late: the game is over
    assert clock.outcome().winner == RED and clock.running is None


def test_paused_clocks_do_not_run():
    now = FakeTime()
    clock = GameClock(TimeControl(300), now)
    clock.press(RED)
    now.t += 5
    clock.pause()
    now.t += 1000
    assert clock.remaining(BLACK) == 295 and clock.outcome() is None
    clock.resume()
    now.t += 5
    assert clock.remaining(BLACK) == 290


def test_the_engine_budget_follows_its_time_left():
    assert move_budget(300, 0) == 10  # an even share over 30 moves
    assert move_budget(600, 5) == 24
    assert move_budget(1.5, 5) == 0.5  # never more than a third of what is left
    assert move_budget(0, 0) == 0.05


def test_time_control_tags():
    assert TimeControl(600, 5).pgn_tag() == "600+5" and TimeControl(300).pgn_tag() == "300"
    assert TimeControl.from_pgn_tag("900+10") == TimeControl(900, 10)
    for bad in ("-", "10 min", ""):
        with pytest.raises(TimeControlError):
            TimeControl.from_pgn_tag(bad)
    with pytest.raises(TimeControlError):
        TimeControl(0)
    assert [clock_text(s) for s in (300, 299.2, 61, 9.76)] == ["5:00", "5:00", "1:01", "9.7"]


def clocked_tab(xiangqi_tab, tag: str):
    tab = xiangqi_tab()
    now = FakeTime()
    tab.clock.now = now
    tab.clock.set_control(tag)
    tab.new_game()
    return tab, now


def test_a_flag_falls_in_the_tab_and_the_pgn_records_it(qtbot, xiangqi_tab):
    tab, now = clocked_tab(xiangqi_tab, "300")
    assert not tab.clock.timer.isActive()  # the clock starts with the first move
    tab._on_user_move(Move.from_iccs("h2e2"))
    assert tab.clock.clock.running == BLACK and tab.clock.timer.isActive()
    assert tab.clock.faces[BLACK].text() == "Black 5:00"
    now.t += 301
    with qtbot.waitSignal(tab.clock.flagFell, timeout=2_000):
        pass  # the clock's own timer notices
    over = tab.outcome()
    assert over.termination == Termination.TIME_FORFEIT and over.winner == RED
    assert "Lost on time" in tab.status_label.text() and not tab.view.movable
    assert "Lost on time" in tab.eval_label.text() and tab.eval_bar.score == 1.0  # the result, not an evaluation
    game = tab.current_game()
    assert game.result == "1-0" and game.headers["TimeControl"] == "300"
    assert '[TimeControl "300"]' in pgn.write_game(game)


def test_undo_and_review_pause_the_clocks(qtbot, xiangqi_tab):
    tab, now = clocked_tab(xiangqi_tab, "600+5")
    tab._on_user_move(Move.from_iccs("h2e2"))
    now.t += 3
    tab._on_user_move(Move.from_iccs("h9g7"))
    assert tab.clock.clock.remaining(BLACK) == 602
    tab.view_start()  # reviewing: both clocks stop
    now.t += 100
    assert tab.clock.clock.remaining(RED) == 600 and tab.clock.clock.running is None
    tab.view_live()  # back: red's clock runs again
    now.t += 1
    assert tab.clock.clock.remaining(RED) == 599
    tab.undo()  # paused until a new move
    now.t += 50
    assert tab.clock.clock.remaining(BLACK) == 602 and tab.clock.clock.running is None
    tab.redo()  # the same move back: still paused
    now.t += 50
    assert tab.clock.clock.running is None
    tab._on_user_move(Move.from_iccs("h0g2"))  # a new move: black's clock runs
    assert tab.clock.clock.running == BLACK and tab.clock.clock.remaining(RED) == 604
    assert tab.engine_time() == pytest.approx(move_budget(602, 5))


def test_no_clock_changes_nothing(qtbot, xiangqi_tab):
    tab, now = clocked_tab(xiangqi_tab, "")
    tab._on_user_move(Move.from_iccs("h2e2"))
    now.t += 10_000
    tab.clock.tick()
    assert tab.outcome() is None and tab.clock.clock is None and "TimeControl" not in tab.current_game().headers
    assert not tab.clock.faces[RED].isVisible() and tab.engine_time() == tab.move_time()


def test_a_custom_control_is_remembered(qtbot, xiangqi_tab, services):
    tab, _now = clocked_tab(xiangqi_tab, "custom")
    tab.clock.minutes.setValue(3)
    tab.clock.increment.setValue(2)
    assert tab.clock.clock.control == TimeControl(180, 2) and tab.line.headers["TimeControl"] == "180+2"
    again = xiangqi_tab()
    assert again.clock.control() == TimeControl(180, 2) and again.clock.minutes.isVisible()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_clock_screenshot(qapp, qtbot, xiangqi_tab, language, artifacts):
    install_ui_font(qapp)
    translators = install_translators(qapp, language)
    try:
        tab, now = clocked_tab(xiangqi_tab, "600+5")
        tab.resize(1100, 760)
        for text in ("h2e2", "h9g7", "h0g2"):
            now.t += 7
            tab._on_user_move(Move.from_iccs(text))
        now.t += 600
        qtbot.waitUntil(lambda: tab.view.banner is not None, timeout=2_000)  # announced: the game ends
        assert tab.grab().save(str(artifacts / f"xiangqi_clock_{language}.png"))
        presets = [tab.clock.control_box.itemText(i) for i in range(1, 4)]
        assert presets == (["5 min", "10+5", "15+10"] if language == "en" else ["5 分钟", "10+5", "15+10"])
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
