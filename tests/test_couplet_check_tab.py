"""Check my lower line, the Couplets tab's second mode (widgets/couplet_check.py): the mode is
remembered, crafted pairs get marks and a verdict in words in both languages, the model's lines
stand beside, refused lines clear the last check; screenshots in tests/_artifacts/."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from widgets.fonts import install_ui_font
from engine.runtime.store import ModelStore
from tests.test_couplet_tab import model_root  # noqa: F401 - a fixture: a tiny random couplet model
from tests.test_math_check_tab import screenshot
from widgets.couplet_check import CHECK_SHORTCUT
from widgets.couplet_tab import MODE_KEY, CoupletTab

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture
def make_tab(qapp, qtbot, services, model_root):
    install_ui_font(qapp)
    services.store = ModelStore(extra_dirs=[model_root], bundled_dir=model_root / "none")
    tabs = []

    def make() -> CoupletTab:
        widget = CoupletTab(services)
        qtbot.addWidget(widget)
        widget.resize(980, 620)
        widget.show()
        tabs.append(widget)
        return widget

    yield make
    for widget in tabs:
        widget.shutdown()


def check(qtbot, tab: CoupletTab, upper: str, lower: str) -> str:
    tab.mode.setCurrentIndex(1)
    tab.checker.upper.setText(upper)
    tab.checker.lower.setText(lower)
    tab.checker.check()
    qtbot.waitUntil(lambda: not tab.checker.busy(), timeout=60_000)
    return tab.checker.verdict.text()


def test_the_mode_is_remembered_and_starts_from_the_line_being_answered(qtbot, make_tab):
    tab = make_tab()
    assert tab.pages.currentWidget() is not tab.checker
    tab.input.setText("白日依山尽")
    tab.mode.setCurrentIndex(1)
    assert tab.pages.currentWidget() is tab.checker and tab.checker.upper.text() == "白日依山尽"
    assert str(tab.services.settings.value(MODE_KEY)) == "1"
    again = make_tab()
    assert again.pages.currentWidget() is again.checker and again.mode.currentIndex() == 1


def test_crafted_pairs_in_words_with_the_models_lines(qtbot, make_tab, artifacts):
    tab = make_tab()
    verdict = check(qtbot, tab, "春回大地千山秀", "日照神州万木春")
    assert "The form is broken" in verdict and "borrowed at place 7" in verdict
    assert tab.checker.pair.check is not None and tab.checker.pair.check.faults("borrowed") == [6]
    assert tab.checker.model_lines.count() >= 1 and "yours ranks" in verdict
    screenshot(qtbot, tab, artifacts / "couplet_check_en.png", tab.checker.verdict, tab.checker.pair)
    assert "differ in length (5 and 4 characters)" in check(qtbot, tab, "白日依山尽", "黄河入海")
    verdict = check(qtbot, tab, "花开富贵年", "竹报平安春")
    assert "with faults" in verdict and "upper line ends level" in verdict
    verdict = check(qtbot, tab, "明月松间照", "飞去石上流")
    assert "word classes do not face each other at place 1, 2" in verdict and "unsure at place 4, 5" in verdict


def test_refused_lines_and_edits_clear_the_last_check(qtbot, make_tab):
    tab = make_tab()
    check(qtbot, tab, "白日依山尽", "黄河入海流")
    assert tab.checker.result is not None and "The form holds" in tab.checker.verdict.text()
    assert "Type your lower line too" in check(qtbot, tab, "白日依山尽", " ")
    assert tab.checker.result is None and tab.checker.pair.check is None and tab.checker.model_lines.count() == 0
    assert "lower line can hold only Chinese" in check(qtbot, tab, "白日依山尽", "黄河ab海流")
    check(qtbot, tab, "白日依山尽", "黄河入海流")
    tab.checker.lower.setText("黄河入海去")  # an edit: the check on screen answered the old line
    assert tab.checker.result is None and tab.checker.verdict.text() == ""


def test_the_shortcut_and_return_check(qtbot, make_tab):
    tab = make_tab()
    tab.mode.setCurrentIndex(1)
    assert tab.checker.check_button.shortcut().toString() == CHECK_SHORTCUT
    tab.checker.upper.setText("白日依山尽")
    tab.checker.lower.setText("黄河入海流")
    qtbot.keyClick(tab.checker.lower, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.checker.result is not None, timeout=60_000)


def test_the_check_in_chinese(qapp, qtbot, make_tab, artifacts):
    from app.i18n import install_translators

    translators = install_translators(qapp, "zh")
    try:
        tab = make_tab()
        verdict = check(qtbot, tab, "明月松间照", "飞去石上流")
        assert "词性" in verdict and "第1、2" in verdict
        assert tab.mode.tabText(1) == "检查我的下联"
        screenshot(qtbot, tab, artifacts / "couplet_check_zh.png", tab.checker.verdict, tab.checker.pair)
        assert "借用" in check(qtbot, tab, "春回大地千山秀", "日照神州万木春")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_without_the_model_the_rules_still_stand(qtbot, make_tab, tmp_path):
    tab = make_tab()
    tab.services.store = ModelStore(bundled_dir=tmp_path / "nothing")
    verdict = check(qtbot, tab, "春回大地千山秀", "日照神州万木春")
    assert "borrowed at place 7" in verdict and "opinion is missing" in verdict and "couplet" in verdict
    assert tab.checker.result.model is None and tab.checker.model_lines.count() == 0
