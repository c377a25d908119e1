"""The computer's levels in the xiangqi tab: the ladder's order, the default opponent, the time
a move (remembered, asked by the engine every move, only for the engine levels)."""

from __future__ import annotations

import pytest

from engine.xiangqi import Board
from engine.xiangqi.names import MOVE_TIMES, RATINGS
from engine.xiangqi.opponents import DEFAULT_OPPONENT, available_opponents
from widgets.xiangqi_opponents import opponent_label
from widgets.xiangqi_tab import XiangqiTab


def test_the_ladder_lists_the_engine_levels_strongest_first_without_the_gpt(tmp_path):
    from engine.runtime.store import ModelStore

    store = ModelStore(bundled_dir=tmp_path)  # no GPT anywhere
    keys = [o.key for o in available_opponents(store=store)]
    assert keys[:6] == ["human", "engine:search", "engine:search-4", "engine:search-2", "random", "greedy"]
    player = available_opponents(store=store, move_time=lambda: 0.1)[1].make()
    assert player.gpt is None and Board().is_legal(player.choose_move(Board()))


def test_every_level_says_its_rating_or_that_it_has_none():
    for opponent in available_opponents():
        if opponent.key.startswith(("engine:", "gpt:")):
            level = opponent.key.split(":")[1]
            if level in RATINGS:
                assert opponent_label(opponent).endswith(f"(Elo ~{RATINGS[level]})")
            else:
                assert opponent_label(opponent).endswith("(unrated)")


def test_a_new_user_meets_the_default_level_and_a_choice_is_remembered(qtbot, services):
    tab = XiangqiTab(services)
    qtbot.addWidget(tab)
    assert tab.opponent.key == DEFAULT_OPPONENT != "random"
    assert tab.time_box.isEnabled()
    tab.set_opponent("greedy")
    assert not tab.time_box.isEnabled()  # the time is for the engine levels
    tab.shutdown()
    again = XiangqiTab(services)
    qtbot.addWidget(again)
    assert again.opponent.key == "greedy"
    again.shutdown()


def test_the_time_a_move_is_remembered_and_reaches_the_engine(qtbot, services):
    tab = XiangqiTab(services)
    qtbot.addWidget(tab)
    assert [tab.time_box.itemData(i) for i in range(tab.time_box.count())] == list(MOVE_TIMES)
    assert tab.move_time() == 1.0 and tab.time_box.currentData() == 1.0
    index = tab.time_box.findData(0.5)
    tab.time_box.setCurrentIndex(index)
    tab.time_box.activated.emit(index)
    assert tab.move_time() == 0.5
    engine = next(o for o in tab.opponents if o.key == "engine:search-2").make()
    assert engine.time_s() == 0.5  # asked every move: a change applies to the next move
    tab.shutdown()
    again = XiangqiTab(services)
    qtbot.addWidget(again)
    assert again.time_box.currentData() == 0.5
    again.shutdown()


@pytest.mark.parametrize("stored", ["7", "soon"])
def test_a_stored_time_that_is_not_offered_falls_back_to_one_second(qtbot, services, stored):
    services.settings.set_value("xiangqi/move_time", stored)
    tab = XiangqiTab(services)
    qtbot.addWidget(tab)
    assert tab.move_time() == 1.0 and tab.time_box.currentData() == 1.0
    tab.shutdown()
