"""Check my answer in the Math tab (widgets/math_check.py): the verdict in words in both
languages, the working beside the solution's, refusals that clear the last verdict, the
shortcut; screenshots in tests/_artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from widgets.fonts import install_ui_font
from engine.mathwp.solver import MathSolver
from engine.runtime.store import ModelStore
from tests.test_math_check import TRUCK, TRUCK_BEAMS
from widgets.math_check import CHECK_SHORTCUT
from widgets.math_tab import MathTab

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture
def tab(qapp, qtbot, services, tmp_path, monkeypatch):
    install_ui_font(qapp)
    services.store = ModelStore(bundled_dir=tmp_path / "no-models")
    monkeypatch.setattr(MathSolver, "generate", lambda self, problems, ctx: [TRUCK_BEAMS for _ in problems])
    widget = MathTab(services)
    qtbot.addWidget(widget)
    widget.resize(820, 640)
    widget.show()
    yield widget
    widget.shutdown()


def check(qtbot, tab: MathTab, problem: str, answer: str) -> str:
    if tab.input.toPlainText() != problem:
        tab.input.setPlainText(problem)
    tab.checker.answer.setText(answer)
    tab.checker.check()
    qtbot.waitUntil(lambda: not tab.checker.busy(), timeout=20_000)
    return tab.checker.verdict.text()


def screenshot(qtbot, widget, path: Path, *grown) -> None:
    """Save ``widget`` once the layout has made room for each of the ``grown`` widgets' contents."""
    qtbot.waitUntil(lambda: all(w.height() >= (w.heightForWidth(w.width()) if w.hasHeightForWidth()
                                               else w.sizeHint().height()) > 0 for w in grown))
    assert widget.grab().save(str(path))


def test_right_wrong_and_wrong_unit_in_words(qtbot, tab, artifacts):
    assert "Right" in check(qtbot, tab, TRUCK, "42千克") and "#1b7f3b" in tab.checker.verdict.text()
    assert "confidence 9" in tab.checker.verdict.text()  # checked against the model's answer, said so
    assert tab.solution is None and tab.answer.text() == ""  # checking does not solve the problem on screen
    assert "Right: 42000克 is 42千克" in check(qtbot, tab, TRUCK, "42000克")
    assert "not the unit" in check(qtbot, tab, TRUCK, "42吨") and "in 千克" in tab.checker.verdict.text()
    verdict = check(qtbot, tab, TRUCK, "(1236+180*5)/8")
    assert "Not right: the answer is 42千克" in verdict and "at step 2: 1236+900=2136" in verdict
    assert "candidate 2 gives your answer" in verdict
    assert "Your working" in tab.checker.working.text() and "1236-900=336" in tab.checker.working.text()
    screenshot(qtbot, tab, artifacts / "math_check_en.png", tab.checker.verdict, tab.checker.working)


def test_the_tabs_own_solution_is_used_and_an_equation_is_checked_without_a_model(qtbot, tab, monkeypatch):
    tab.input.setPlainText("解方程：2x+3=7")
    tab.solve()
    qtbot.waitUntil(lambda: tab.solution is not None, timeout=20_000)
    monkeypatch.setattr(MathSolver, "solve", lambda *a, **k: pytest.fail("the shown solution is reused"))
    assert "Checked exactly" in check(qtbot, tab, "解方程：2x+3=7", "2")


def test_an_answer_checked_for_another_problem_goes_when_a_new_one_is_solved(qtbot, tab):
    check(qtbot, tab, TRUCK, "42千克")
    tab.input.setPlainText("解方程：2x+3=7")
    tab.solve()
    qtbot.waitUntil(lambda: tab.solution is not None, timeout=20_000)
    assert tab.checker.answer.text() == ""  # 42千克 answered the truck problem
    tab.checker.answer.setText("2")  # typed for this problem before solving it again: it stays
    tab.solve()
    qtbot.waitUntil(lambda: not tab.busy(), timeout=20_000)
    assert tab.checker.answer.text() == "2"
    check(qtbot, tab, TRUCK, "42千克")
    tab.solve()
    qtbot.waitUntil(lambda: tab.solution is not None and not tab.busy(), timeout=20_000)
    tab.another()  # a variant is another problem too
    assert tab.variant is not None and tab.checker.answer.text() == ""


def test_refusals_clear_the_last_verdict(qtbot, tab):
    assert "Right" in check(qtbot, tab, TRUCK, "42")
    tab.checker.answer.setText("3+*4")
    tab.checker.check()
    assert "cannot be checked" in tab.checker.verdict.text() and "Right" not in tab.checker.verdict.text()
    assert "Expected a number" in tab.checker.verdict.toolTip()
    assert "Right" in check(qtbot, tab, TRUCK, "42")
    tab.input.setPlainText(TRUCK + "再运一次")  # another problem: the verdict no longer answers it
    assert tab.checker.verdict.text() == "" and tab.checker.result is None
    assert "no numbers" in check(qtbot, tab, "小明有几个苹果？", "3")
    tab.checker.answer.setText("   ")
    assert not tab.checker.check_button.isEnabled()
    assert "Type your answer first" in check(qtbot, tab, TRUCK, "   ")


def test_the_shortcut_checks(qtbot, tab):
    tab.input.setPlainText(TRUCK)
    tab.checker.answer.setText("42")
    assert tab.checker.check_button.shortcut().toString() == "Ctrl+Shift+Return" == CHECK_SHORTCUT
    qtbot.keyClick(tab.checker.answer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.checker.result is not None, timeout=20_000)
    assert tab.checker.result.right


def test_the_verdict_in_chinese(qapp, qtbot, tab, artifacts):
    from app.i18n import install_translators

    translators = install_translators(qapp, "zh")
    try:
        zh = MathTab(tab.services)
        qtbot.addWidget(zh)
        zh.resize(820, 640)
        zh.show()
        verdict = check(qtbot, zh, TRUCK, "(1236+180*5)/8")
        assert "不对" in verdict and "第2步" in verdict
        assert "你的算式" in zh.checker.working.text()
        screenshot(qtbot, zh, artifacts / "math_check_zh.png", zh.checker.verdict, zh.checker.working)
        assert "单位" in check(qtbot, zh, TRUCK, "42吨")
        zh.shutdown()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_a_problem_the_model_cannot_solve_is_explained(qtbot, tab, monkeypatch):
    assert "Right" in check(qtbot, tab, TRUCK, "42")
    monkeypatch.setattr(MathSolver, "generate", lambda self, problems, ctx: [[("[N0]/", -0.1)] for _ in problems])
    tab.input.setPlainText(TRUCK + "？")
    verdict = check(qtbot, tab, TRUCK + "？", "42")
    assert "no equation that gives a plausible answer" in verdict and tab.checker.result is None


def test_a_bad_typed_problem_is_not_blamed_on_the_answer(qtbot, tab):
    verdict = check(qtbot, tab, "1/0", "3")
    assert "Division by zero" in verdict and "Your answer" not in verdict


BUSES = "有435人去春游，每辆车最多坐8人，至少需要几辆车？"


@pytest.mark.parametrize("language, rounded, not_rounded", [
    ("en", "Rounded up (进一法)", "exact quotient"), ("zh", "进一法：剩下的部分", "除得的商")])
def test_a_rounded_quotient_is_said_so_in_both_languages(qapp, qtbot, tab, monkeypatch, artifacts, language,
                                                         rounded, not_rounded):
    from app.i18n import install_translators

    monkeypatch.setattr(MathSolver, "generate", lambda self, problems, ctx: [[("[N0]/[N1]", -0.1)] for _ in problems])
    translators = install_translators(qapp, language) if language == "zh" else []
    try:
        widget = MathTab(tab.services)
        qtbot.addWidget(widget)
        widget.resize(820, 640)
        widget.show()
        widget.input.setPlainText(BUSES)
        widget.solve()
        qtbot.waitUntil(lambda: not widget.busy(), timeout=20_000)
        verdict = check(qtbot, widget, BUSES, "54.375")
        assert "55辆" in widget.answer.text() and rounded in widget.answer.text()
        assert "54……3" in widget.steps.text()
        assert not_rounded in verdict and rounded in verdict
        screenshot(qtbot, widget, artifacts / f"math_rounded_{language}.png", widget.checker.verdict, widget.answer)
        widget.shutdown()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
