"""In the Chinese UI, a refused input is explained in Chinese: the engine raises errors with a
kind and parameters, the tab says them through its translations (issue 26's English texts)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication

from app.i18n import install_translators
from engine.runtime.store import ModelStore
from widgets.couplet_tab import CoupletTab

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(qapp):
    translators = install_translators(qapp, "zh")
    assert translators, "the Chinese translations did not load"
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)


def assert_chinese(text: str) -> None:
    assert text and not text.isascii() and HAN.search(text), text


@pytest.mark.parametrize("upper", ["", "hello world", "春风😀得意", "天" * 41])
def test_couplet_refusals_are_chinese(chinese, qtbot, services, tmp_path, upper):
    services.store = ModelStore(bundled_dir=tmp_path / "none")
    tab = CoupletTab(services)
    qtbot.addWidget(tab)
    tab.input.setText(upper)
    tab.write()
    assert_chinese(tab.message.text())


BAD_RECORDS = [
    "",  # nothing to read
    "   /   ",  # an empty FEN
    "rnbakabnr/9/1c5c1/p1p1p1p1p/9 w",  # 5 ranks
    "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1X1P1P/1C5C1/9/RNBAKABNR w",  # a bad letter
    "rnbakabnr/8/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w",  # a short rank
    "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR x",  # a bad side
    "rnbakabnr/9/1c5c1/p1p1p1p1p/9/9/P1P1P1P1P/1C5C1/9/RNBAKABNR w - - a 1",  # bad counters
    "3k5/9/9/9/9/9/9/9/9/3KK4 w",  # two red generals, one outside the palace
    "3k5/9/9/9/9/9/9/9/3A5/4K4 w",  # an advisor off its points
    "3k5/9/9/9/9/4b4/9/9/9/4K4 w",  # an elephant across the river
    "3k5/9/9/9/9/9/1P7/9/9/4K4 w",  # a soldier behind its start
    "3k5/9/9/9/9/RRR6/9/9/9/4K4 w",  # three chariots
    "4k4/9/9/9/9/9/9/9/9/4K4 w",  # flying generals
    "3k5/9/9/9/9/9/9/9/9/3RK4 w",  # black in check, red to move
    "1. 炮二平五 马８进７ 2. 车九进九",  # an illegal move
    "1. h2e2 xx",  # not a move
]


@pytest.fixture
def xiangqi_tab(chinese, qtbot, services):
    from widgets.xiangqi_tab import XiangqiTab

    services.settings.set_value("xiangqi/opponent", "human")
    tab = XiangqiTab(services)
    qtbot.addWidget(tab)
    tab.show()  # its message() reads the shown message
    yield tab
    tab.shutdown()


@pytest.mark.parametrize("record", BAD_RECORDS)
def test_xiangqi_fen_pgn_and_set_up_refusals_are_chinese(xiangqi_tab, record):
    assert not xiangqi_tab.load_text(record, xiangqi_tab.tr("the clipboard"))
    message = xiangqi_tab.message()
    assert_chinese(message)
    # Every reason, not only the frame around it: no English sentence is left in the message.
    assert not re.search(r"[A-Za-z]{3,} [a-z]{2,} [a-z]{2,}", message), message


def test_xiangqi_set_up_problems_are_chinese(xiangqi_tab):
    from engine.xiangqi import Board

    xiangqi_tab.enter_setup()
    xiangqi_tab.setup_panel.show_board(Board("3k5/9/9/9/9/9/1P7/9/9/3KK4 w"))
    problems = xiangqi_tab.setup_panel.problems.text().splitlines()
    assert len(problems) >= 2
    for problem in problems:
        assert_chinese(problem)


@pytest.mark.parametrize("size", [0, 21 * 2**20])
def test_xiangqi_file_refusals_are_chinese(xiangqi_tab, tmp_path, size):
    path = tmp_path / "binary.pgn"
    path.write_bytes(b"\xff\xfe\x00\xd8" * 100)  # neither UTF-8 nor GB18030
    if size:
        with path.open("r+b") as handle:
            handle.truncate(size)  # over the tab's 20 MB limit (sparse: nothing is written)
    assert not xiangqi_tab.open_path(str(path))
    assert_chinese(xiangqi_tab.message())
    assert not re.search(r"[A-Za-z]{3,} [a-z]{2,} [a-z]{2,}", xiangqi_tab.message())


def test_qt_s_own_file_dialog_is_chinese(chinese, qtbot):
    from PySide6.QtWidgets import QFileDialog, QLabel

    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert len(labels) == 3
    for label in labels:
        assert_chinese(label)


@pytest.fixture
def summarize_tab(chinese, qtbot, services):
    from widgets.summarize_tab import SummarizeTab

    tab = SummarizeTab(services)
    qtbot.addWidget(tab)
    return tab


@pytest.mark.parametrize("text", ["", "   \n", "Only English words here, nothing else at all.", "中" * 100_001])
def test_summarize_refusals_are_chinese(summarize_tab, text):
    summarize_tab.source.setPlainText(text)
    summarize_tab.start()
    assert_chinese(summarize_tab.message.text())
    assert not re.search(r"[A-Za-z]{3,} [a-z]{2,} [a-z]{2,}", summarize_tab.message.text())


@pytest.mark.parametrize("kind", ["missing", "binary", "folder"])
def test_file_errors_are_chinese(qtbot, summarize_tab, xiangqi_tab, tmp_path, kind):
    path = tmp_path / "text.txt"
    if kind == "binary":
        path.write_bytes(b"\xff\xfe\x00\xd8" * 100)
    elif kind == "folder":
        path.mkdir()
    summarize_tab.open_file(str(path))
    qtbot.waitUntil(lambda: not summarize_tab.reading.busy)  # documents are read in a job
    assert_chinese(summarize_tab.message.text())
    assert not xiangqi_tab.open_path(str(path))
    assert_chinese(xiangqi_tab.message())
    summarize_tab.save_summary(str(tmp_path / "no-such-folder" / "summary.txt"))
    assert_chinese(summarize_tab.message.text())
    assert not re.search(r"[A-Za-z]{3,} [a-z]{2,} [a-z]{2,}", summarize_tab.message.text())
