"""The opening explorer: the index (transpositions meet, results counted), the bundled index
and its CLI, and the panel beside the board (a click plays the move; not while reviewing)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QCoreApplication

from widgets.fonts import install_ui_font
from app.i18n import install_translators
from engine.cli import main
from engine.paths import resources_dir
from engine.xiangqi import Board, Move
from engine.xiangqi.explorer import (
    INDEX_DIR,
    INDEX_FILE,
    ExplorerError,
    OpeningIndex,
    count_positions,
    index_arrays,
    position_key,
)

BUNDLED = resources_dir() / INDEX_DIR / INDEX_FILE


def tiny_index(tmp_path, games, min_games=1) -> OpeningIndex:
    import numpy as np

    arrays = index_arrays(count_positions(games, max_ply=10), min_games)
    path = tmp_path / "tiny.npz"
    np.savez_compressed(path, games=np.array(len(games)), max_ply=np.array(10), min_games=np.array(min_games),
                        **arrays)
    return OpeningIndex(path)


def board_after(moves: str) -> Board:
    board = Board()
    for text in moves.split():
        board.push_iccs(text)
    return board


def test_transpositions_meet(tmp_path):
    # 炮二平五 马8进7 马八进七 and 马八进七 马8进7 炮二平五 reach one position by two orders.
    games = [("h2e2 h9g7 b0c2 i9h9".split(), "1-0"), ("b0c2 h9g7 h2e2 i9h9".split(), "0-1"),
             ("b0c2 h9g7 h2e2 b9c7".split(), "1/2-1/2"), ("c3c4 g6g5".split(), "1-0")]
    index = tiny_index(tmp_path, games)
    one, other = board_after("h2e2 h9g7 b0c2"), board_after("b0c2 h9g7 h2e2")
    assert position_key(one) == position_key(other) and one.move_stack != other.move_stack
    found = index.lookup(other)
    assert [(m.move.iccs(), m.games) for m in found] == [("i9h9", 2), ("b9c7", 1)]
    assert (found[0].red_wins, found[0].draws, found[0].black_wins) == (1, 0, 1)
    assert found[1].shares() == (0.0, 1.0, 0.0)
    start = index.lookup(Board())
    assert [(m.move.iccs(), m.games) for m in start] == [("b0c2", 2), ("h2e2", 1), ("c3c4", 1)]
    assert index.lookup(board_after("c3c4 g6g5 h2e2")) == []  # never reached


def test_positions_reached_too_rarely_are_left_out(tmp_path):
    games = [("h2e2 h9g7".split(), "1-0"), ("h2e2 b9c7".split(), "1-0"), ("c3c4 g6g5".split(), "1-0")]
    index = tiny_index(tmp_path, games, min_games=2)
    assert [(m.move.iccs(), m.games) for m in index.lookup(Board())] == [("h2e2", 2), ("c3c4", 1)]
    assert [m.move.iccs() for m in index.lookup(board_after("h2e2"))] == ["h9g7", "b9c7"]
    assert index.lookup(board_after("c3c4")) == []


def test_a_missing_or_corrupt_index_is_an_explorer_error(tmp_path):
    with pytest.raises(ExplorerError):
        OpeningIndex(tmp_path / "absent.npz").lookup(Board())
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(ExplorerError):
        OpeningIndex(broken).lookup(Board())


def test_the_bundled_index_is_small_and_fast(tmp_path):
    """Read once, then a lookup is a binary search: in the bundled index (100,000 positions) no
    slower than three times one in an index of a few positions, measured just before (reading
    the file again: 20,000 times; a scan of the keys: 15 times)."""
    assert BUNDLED.stat().st_size <= 10 * 2**20
    index = OpeningIndex(BUNDLED)
    assert not index.loaded
    top = index.lookup(Board())[0]
    assert top.move == Move.from_iccs("h2e2") and top.games > 10_000  # 炮二平五, the masters' favourite
    board = board_after("h2e2 h9g7 b0c2 i9h9")
    tiny = tiny_index(tmp_path, [("h2e2 h9g7 b0c2 i9h9 i0h0".split(), "1-0")])
    assert tiny.lookup(board) and index.lookup(board)  # found in both: the same path through lookup

    def lookup_seconds(index: OpeningIndex) -> float:
        """The least disturbed of five runs of 50."""
        best = float("inf")
        for _ in range(5):
            began = time.perf_counter()
            for _ in range(50):
                index.lookup(board)
            best = min(best, (time.perf_counter() - began) / 50)
        return best

    assert lookup_seconds(index) < 3 * lookup_seconds(tiny)


def test_cli_explore_prints_the_masters_moves(capsys):
    assert main(["xiangqi", "explore", "--moves", "h2e2", "--no-gpt"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "master games" in lines[0]
    first = lines[2].split()
    assert first[:2] == ["h9g7", "马８进７"] and int(first[2]) > 5_000
    assert main(["xiangqi", "explore", "--fen", Board().fen(), "--no-gpt"]) == 0
    assert capsys.readouterr().out.splitlines()[2].startswith("h2e2")


def test_cli_explore_builds_an_index(tmp_path, capsys):
    data = tmp_path / "games.jsonl"
    data.write_text('{"moves": "h2e2 h9g7", "result": "1-0"}\n{"moves": "h2e2 b9c7", "result": "0-1"}\n',
                    encoding="utf-8")
    out = tmp_path / "index.npz"
    assert main(["xiangqi", "explore", "build", "--data", str(data), "--out", str(out), "--min-games", "1"]) == 0
    assert '"positions": 2' in capsys.readouterr().out
    assert [(m.move.iccs(), m.red_wins, m.black_wins) for m in OpeningIndex(out).lookup(board_after("h2e2"))] == \
        [("h9g7", 1, 0), ("b9c7", 0, 1)]


def test_the_panel_plays_a_masters_move_and_only_shows_while_reviewing(qtbot, xiangqi_tab):
    tab = xiangqi_tab()
    explorer = tab.explorer
    explorer.set_shown(True)
    assert explorer.table.rowCount() > 5 and explorer.table.item(0, 0).text() == "炮二平五"
    qtbot.waitUntil(lambda: explorer.table.item(0, 3).text() != "…", timeout=60_000)  # the GPT's share
    assert explorer.table.item(0, 3).text().endswith("%")
    explorer.show_board(tab.view.board)  # shown again (any refresh): the GPT is not asked again
    assert not explorer._gpt_job.busy and explorer.table.item(0, 3).text().endswith("%")
    explorer._on_clicked(0, 0)
    assert [m.iccs() for m in tab.line.moves] == ["h2e2"]
    assert explorer.table.item(0, 0).text() == "马８进７"  # black's answers now
    tab.view_start()  # reviewing an earlier position: shown, not played
    assert explorer.table.item(0, 0).text() == "炮二平五"
    explorer._on_clicked(0, 0)
    assert [m.iccs() for m in tab.line.moves] == ["h2e2"]
    explorer.set_shown(False)
    assert not explorer.isVisible() and tab.services.settings.value("xiangqi/show_explorer") not in (True, "true")


def test_the_panel_follows_a_set_up_position(qtbot, xiangqi_tab):
    tab = xiangqi_tab()
    tab.explorer.set_shown(True)
    tab.load_text(board_after("b0c2 h9g7 h2e2").fen(), "test")  # a position, no history: found all the same
    assert tab.explorer.table.rowCount() >= 2
    assert "games" in tab.explorer.title.text()
    tab.enter_setup()  # set-up starts from the position shown: its moves stay
    assert tab.explorer.table.rowCount() >= 2
    tab.setup_panel.clear_button.click()  # an empty board: nothing
    assert tab.explorer.table.rowCount() == 0


@pytest.mark.parametrize("language", ["en", "zh"])
def test_explorer_screenshot(qapp, qtbot, services, language, artifacts):
    from widgets.xiangqi_tab import XiangqiTab

    install_ui_font(qapp)
    translators = install_translators(qapp, language)
    try:
        services.settings.set_value("xiangqi/opponent", "human")
        services.settings.set_value("xiangqi/show_explorer", True)
        tab = XiangqiTab(services)
        qtbot.addWidget(tab)
        tab.resize(1100, 720)
        tab.show()
        qtbot.waitExposed(tab)
        tab.explorer._on_clicked(0, 0)
        qtbot.waitUntil(lambda: tab.explorer.table.item(0, 3).text() != "…", timeout=60_000)
        assert tab.grab().save(str(artifacts / f"xiangqi_explorer_{language}.png"))
        tab.shutdown()
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
