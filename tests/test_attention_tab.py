"""The Attention tab end to end with a tiny model: capture in a job, every view, exports, screenshots."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QWidget

from test_attention_models import TEXT, model_dir

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _open_tab(qtbot, qapp, services, kind):
    """The tab, with the bundled CJK font, finding only the tiny model of ``kind``."""
    from widgets.fonts import install_ui_font
    from engine.runtime.store import ModelStore
    from widgets.attention_tab import AttentionTab

    install_ui_font(qapp)
    services.store = ModelStore(bundled_dir=model_dir(kind).parent)
    widget = AttentionTab(services)
    qtbot.addWidget(widget)
    widget.resize(1500, 900)
    widget.show()
    return widget


@pytest.fixture
def tab(qtbot, qapp, services):
    return _open_tab(qtbot, qapp, services, "gpt2")


def _capture(qtbot, tab, text=TEXT):
    tab.text_edit.setPlainText(text)
    tab.run_button.click()
    qtbot.waitUntil(lambda: tab.capture is not None and tab._job is None, timeout=60_000)


def _save(widget, path):
    assert widget.grab().save(str(path))


def test_capture_fills_every_view_with_chinese_labels(qtbot, tab, artifacts):
    _capture(qtbot, tab)
    stack = tab.capture.stacks[0]
    assert stack.query_labels == list(TEXT)
    assert "15 tokens" in tab.status.text()
    # Thumbnails: every head, then the head mean and the rollout; the first head is shown.
    assert tab.grid.columns == [0, 1, 2, 3, "mean", "rollout"] and tab.grid.layers == 2
    np.testing.assert_array_equal(tab.heatmap.matrix, stack.weights[0, 0])
    hover = tab.heatmap.hover_text(5, 3)
    assert hover.startswith("蹄 → 意") and f"{stack.weights[0, 0, 5, 3]:.6f}" in hover
    # The mouse over a cell finds that cell (queries run down, keys across).
    assert tab.heatmap.cell_at(tab.heatmap.plot.vb.mapViewToScene(QPointF(3.5, 5.5))) == (5, 3)

    # Token axes: readable Chinese tick labels, with the bundled CJK family behind the UI font.
    axis = tab.heatmap.bottom_axis
    levels = axis.tickValues(0, 15, 1000)
    strings = [s for spacing, values in levels for s in axis.tickStrings(values, 1, spacing)]
    assert set(strings) == set(TEXT)  # the tokens alone: no index numbers ("5 蹄") among them
    assert "Wenqi Sans" in axis.style["tickFont"].families()
    assert "query" in tab.heatmap.left_axis.labelText and "key" in tab.heatmap.bottom_axis.labelText

    tab.grid.picked.emit(1, 2)
    np.testing.assert_array_equal(tab.heatmap.matrix, stack.weights[1, 2])
    assert tab.last_redraw_seconds > 0
    _save(tab, artifacts / "attention_tab.png")

    tab.heatmap.cellClicked.emit(12, 0)  # a row of the heatmap picks the head view's token
    tab.views.setCurrentWidget(tab.head_view)
    assert tab.head_view.token == 12 and tab.head_view.lines
    assert tab.head_view.hover_text(5.5, keys=False) == "蹄 #5"  # the index, in the tooltip
    assert tab.head_view.hover_text(3.5, keys=True).startswith("意 #3\n")  # and the weight from the token shown
    np.testing.assert_array_equal(tab.head_view.matrix, stack.weights[1, 2])
    strongest = int(np.argmax(stack.weights[1, 2, 12]))
    assert tab.head_view.lines[-1].yData[-1] == strongest + 0.5  # drawn last, on top
    _save(tab, artifacts / "attention_head_view.png")

    tab.grid.picked.emit(1, "rollout")
    np.testing.assert_allclose(tab.head_view.matrix, stack.rollout()[1])
    tab.views.setCurrentWidget(tab.heatmap)  # a view shown again catches up with the pick
    np.testing.assert_allclose(tab.heatmap.matrix, stack.rollout()[1])
    np.testing.assert_allclose(tab.heatmap.matrix.sum(1), 1.0, atol=1e-5)


def test_many_tokens_keep_labels_apart_and_zooming_brings_them_back(qtbot, tab):
    from widgets.attention_plots import TokenAxis

    axis = TokenAxis("bottom")
    axis.set_labels([f"{TEXT[i % len(TEXT)]}" for i in range(512)])
    whole = axis.tickValues(0, 512, 700)
    shown = [v for _, values in whole for v in values]
    assert 5 <= len(shown) <= 60  # a readable subset, not 512 piled up
    zoomed = [v for _, values in axis.tickValues(100, 116, 700) for v in values]
    assert len(zoomed) == 16  # every token once zoomed in


def test_approximation_mode_shows_exact_approximate_error_and_numbers(qtbot, tab, artifacts):
    _capture(qtbot, tab)
    panel = tab.approx_panel
    assert panel.compare_button.isEnabled()
    panel.method.setCurrentIndex(panel.method.findData("favor"))
    panel.features.setValue(16)
    panel.compare_button.click()
    qtbot.waitUntil(lambda: tab.comparison is not None, timeout=60_000)
    assert tab.views.currentWidget() is panel
    layer, head = tab.layer, tab.column
    np.testing.assert_array_equal(panel.exact_view.matrix, tab.stack().weights[layer, head])
    np.testing.assert_allclose(panel.error_view.matrix, np.abs(panel.exact_view.matrix - panel.approx_view.matrix))
    assert "FAVOR+ m=16" in panel.numbers.text() and "KL" in panel.numbers.text()
    _save(tab, artifacts / "attention_approximation.png")

    panel.method.setCurrentIndex(panel.method.findData("taylor"))
    panel.order.setCurrentIndex(panel.order.findData(4))
    assert panel.approximation().order == 4 and panel.features.isHidden()
    panel.compare_button.click()
    qtbot.waitUntil(lambda: "Taylor order 4" in panel.numbers.text(), timeout=60_000)


def test_exports_png_csv_and_npy(qtbot, tab, tmp_path):
    _capture(qtbot, tab)
    tab.export_png(tmp_path / "view.png")
    tab.export_csv(tmp_path / "map.csv")
    tab.export_npy(tmp_path / "all.npy")
    assert (tmp_path / "view.png").stat().st_size > 1000
    rows = (tmp_path / "map.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].split(",")[1:4] == ["春", "风", "得"] and rows[1].startswith("春,1")
    assert np.load(tmp_path / "all.npy").shape == (2, 4, 15, 15)


def test_a_damaged_model_or_empty_text_is_reported_not_raised(qtbot, tab, tmp_path):
    tab.text_edit.setPlainText("  ")
    tab.run_button.click()
    assert "text" in tab.status.text()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text("{not json", encoding="utf-8")
    tab.set_model(str(broken))
    tab.text_edit.setPlainText(TEXT)
    tab.run_button.click()
    qtbot.waitUntil(lambda: tab._job is None, timeout=30_000)
    assert tab.status.text().startswith("Failed") and tab.capture is None


class SourceTab(QWidget):
    """A tab that offers its current input, as the couplet or math tabs will."""

    def __init__(self, model: str, text: str | None) -> None:
        super().__init__()
        self.offer = (model, text) if text else None

    def attention_input(self):
        return self.offer


def test_one_click_takes_the_input_of_another_tab(qtbot, services):
    from app.main_window import MainWindow
    from app.tabs import TabSpec
    from engine.runtime.store import ModelStore

    services.store = ModelStore(bundled_dir=model_dir("gpt2").parent)
    window = MainWindow(services, tabs=[TabSpec("attention", "widgets.attention_tab", "AttentionTab")])
    qtbot.addWidget(window)
    window.tabs.addTab(SourceTab("tiny-gpt2", None), "Empty")
    window.tabs.addTab(SourceTab("tiny-gpt2", "一日看尽长安花"), "Couplet")
    window.tabs.addTab(SourceTab("tiny-gpt2", "春风得意"), "Math")
    tab = window.tabs.widget(1)
    qtbot.waitUntil(lambda: tab._shown_tab is not None)  # it watches the window's tabs
    assert [title for title, _ in tab.input_sources()] == ["Empty", "Couplet", "Math"]
    tab.take_button.click()  # no tab visited yet: the first that offers something
    assert tab.text_edit.toPlainText() == "一日看尽长安花"
    assert Path(tab.model_box.currentData()).name == "tiny-gpt2"
    window.tabs.setCurrentIndex(4)
    window.tabs.setCurrentIndex(1)
    tab.take_button.click()  # the tab the user came from
    assert tab.text_edit.toPlainText() == "春风得意"


def test_hundreds_of_move_tokens_stay_readable_zoomed_out_and_in(qtbot, qapp, services, artifacts):
    from test_attention_models import random_game

    tab = _open_tab(qtbot, qapp, services, "xiangqi")
    moves = random_game(400, seed=3)
    _capture(qtbot, tab, " ".join(["[*]", "[START]", *moves]))
    labels = tab.stack().query_labels
    assert len(labels) == len(moves) + 2 and all(CHINESE.search(label) for label in labels[2:])
    _save(tab, artifacts / "attention_many_moves.png")
    tab.heatmap.plot.setRange(xRange=(100, 124), yRange=(100, 124), padding=0)
    qapp.processEvents()
    view = tab.heatmap.plot.vb.viewRange()
    axis = tab.heatmap.bottom_axis
    shown = [v for _, values in axis.tickValues(*view[0], axis.width()) for v in values]
    assert len(shown) >= 12  # every other move at least, once zoomed in
    _save(tab, artifacts / "attention_many_moves_zoomed.png")


def test_an_encoder_decoder_model_offers_its_three_kinds_of_attention(qtbot, qapp, services):
    tab = _open_tab(qtbot, qapp, services, "bart")
    _capture(qtbot, tab, "春风得意马蹄疾")
    assert [tab.stack_box.itemData(i) for i in range(tab.stack_box.count())] == ["encoder", "decoder", "cross"]
    assert tab.stack_box.isVisible()
    tab.grid.picked.emit(1, "rollout")
    tab.stack_box.setCurrentIndex(2)  # cross-attention has no rollout: the head mean is shown instead
    cross = tab.capture.stack("cross")
    assert tab.column == "mean" and tab.grid.columns[-1] == "mean"
    assert tab.heatmap.matrix.shape == (len(cross.query_labels), 7)
    assert tab.heatmap.left_axis.labels == cross.query_labels and tab.heatmap.bottom_axis.labels == list("春风得意马蹄疾")


def test_the_model_list_follows_the_model_folders(qtbot, tab, services):
    from engine.runtime.store import ModelStore

    services.store = ModelStore(bundled_dir=model_dir("bart").parent)
    services.deviceChanged.emit(services.device)  # what applying the settings dialog sends
    names = [tab.model_box.itemText(i) for i in range(tab.model_box.count())]
    assert any(name.startswith("tiny-bart") for name in names)


def test_before_a_capture_a_hint_not_empty_axes(qtbot, tab):
    """Issue 26: a newcomer saw empty -1…1 axes; now a hint until there is something to show."""
    assert tab.pages.currentWidget() is tab.empty_hint and "Capture" in tab.empty_hint.text()
    assert tab.hint.isHidden()
    _capture(qtbot, tab)
    assert tab.pages.currentIndex() == 1 and not tab.hint.isHidden()
    assert "query" in tab.hint.text() and "key" in tab.hint.text()


def test_a_refused_or_failed_capture_leaves_no_old_maps_beside_its_message(qtbot, tab, tmp_path, artifacts):
    _capture(qtbot, tab)
    assert tab.pages.currentIndex() == 1
    tab.text_edit.setPlainText("")
    tab.run_button.click()
    assert "Type a text first" in tab.status.text()
    assert tab.capture is None and tab.pages.currentWidget() is tab.empty_hint and tab.hint.isHidden()
    _capture(qtbot, tab)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text("{not json", encoding="utf-8")
    tab.set_model(str(broken))
    tab.run_button.click()
    qtbot.waitUntil(lambda: tab._job is None, timeout=30_000)
    assert tab.status.text().startswith("Failed") and tab.pages.currentWidget() is tab.empty_hint
    _save(tab, artifacts / "attention_refused.png")


def test_the_head_view_opens_on_the_token_with_the_most_spread_attention(qtbot, tab):
    _capture(qtbot, tab)
    tab.views.setCurrentWidget(tab.head_view)

    def most_spread(matrix):
        return int((-(matrix * np.log(np.clip(matrix, 1e-12, None))).sum(-1)).argmax())

    for layer, head in ((0, 0), (1, 2)):  # each map opens on its own, until the user picks a token
        tab.grid.picked.emit(layer, head)
        shown = tab.stack().weights[layer, head]
        assert tab.head_view.token == most_spread(shown) != 0 and len(tab.head_view.lines) > 1
    tab.head_view.tokenSelected.emit(3)
    tab.grid.picked.emit(0, 1)
    assert tab.head_view.token == 3  # the user's pick stays


def test_the_token_limit_is_the_chosen_models_and_says_why(qtbot, qapp, services):
    """Issue 26: the spin box said 1024 while the couplet model reads 96 tokens."""
    from widgets.attention_tab import AttentionTab

    tab = AttentionTab(services)  # the bundled models
    qtbot.addWidget(tab)
    tab.set_model("couplet")
    assert tab.max_tokens.maximum() == 96 == tab.max_tokens.value()  # the saved 1024 does not fit it
    assert "couplet reads at most 96 tokens" in tab.max_tokens.toolTip() and "96" in tab.max_tokens.suffix()
    tab.set_model("xiangqi-gpt")
    assert tab.max_tokens.maximum() == 1024 == tab.max_tokens.value()  # the user's own choice comes back
    tab.max_tokens.setValue(300)
    tab.set_model("couplet")
    tab.set_model("xiangqi-gpt")
    assert tab.max_tokens.value() == 300

    tab.text_edit.setPlainText("春风得意马蹄疾")  # Chinese, for a model of moves
    tab.run_button.click()
    qtbot.waitUntil(lambda: tab.capture is not None and tab._job is None, timeout=60_000)
    assert "1 tokens" in tab.status.text() and "1 of them are unknown to this model" in tab.status.text()
    tab.set_model("couplet")
    tab.text_edit.setPlainText("春" * 500)
    tab.run_button.click()
    qtbot.waitUntil(lambda: tab.capture.model == "couplet" and tab._job is None, timeout=60_000)
    assert "96 tokens (the text is cut there: the most this model reads)" in tab.status.text()


def test_math_and_summarize_offer_their_text(qtbot, services):
    from widgets.math_tab import MathTab
    from widgets.summarize_tab import SummarizeTab

    math, summarize = MathTab(services), SummarizeTab(services)
    qtbot.addWidget(math)
    qtbot.addWidget(summarize)
    assert math.attention_input() is None and summarize.attention_input() is None
    math.input.setPlainText("學校有135名學生，平均分給3個班，每班多少人？")
    summarize.source.setPlainText("商务部最新数据显示，前5个月服务贸易增长。")
    assert math.attention_input() == ("summarize", "学校有135名学生，平均分给3个班，每班多少人？")  # as models read it
    assert summarize.attention_input() == ("summarize", "商务部最新数据显示，前5个月服务贸易增长。")
