"""Another like this, in the Math tab: never offered under the confidence threshold; above it a
variant replaces the problem, says it is a variant, and can be checked."""

from __future__ import annotations

import pytest

from engine.mathwp.data import find_numbers
from engine.mathwp.solver import MathSolver
from tests.test_math_tab import tab  # noqa: F401 - a fixture
from widgets.math_tab import MathTab

PEOPLE = "学校有135名学生，平均分给3个班，每班多少人？"
pytestmark = pytest.mark.usefixtures("one_thread")


def solve(qtbot, tab: MathTab, monkeypatch, beams) -> None:
    monkeypatch.setattr(MathSolver, "generate", lambda self, problems, ctx: [beams for _ in problems])
    tab.input.setPlainText(PEOPLE)
    tab.solve()
    qtbot.waitUntil(lambda: not tab.busy(), timeout=20_000)


@pytest.mark.parametrize("log_prob", [-0.4, -1.5])  # 67%, 22%: under the tab's 80%
def test_never_offered_under_the_threshold(qtbot, tab, monkeypatch, log_prob):
    solve(qtbot, tab, monkeypatch, [("[N0]/[N1]", log_prob)])
    assert tab.solution is not None and not tab.variant_button.isEnabled()
    tab.another()  # even when asked (the shortcut of a disabled button does nothing; the slot says why)
    assert "No variant" in tab.message.text() and tab.input.toPlainText() == PEOPLE
    tab.input.setPlainText("2x+3=7")
    tab.solve()
    qtbot.waitUntil(lambda: tab.solution is not None and not tab.busy(), timeout=20_000)
    assert not tab.variant_button.isEnabled()


def test_a_variant_says_so_and_can_be_checked(qtbot, tab, monkeypatch):
    solve(qtbot, tab, monkeypatch, [("[N0]/[N1]", -0.05)])
    assert tab.variant_button.isEnabled()
    tab.another()
    text = tab.input.toPlainText()
    total, classes = (n.value for n in find_numbers(text))
    assert text != PEOPLE and text.endswith("每班多少人？")
    # practice: the working and the answer wait until the person checks an answer (or asks)
    assert tab.equation.text() == "?" and str(total // classes) not in tab.answer.text() + tab.steps.text()
    assert tab.reveal_button.isVisible() and not tab.copy_button.isEnabled()
    assert "A variant" in tab.confidence.text() and "135÷3" in tab.confidence.text()
    assert tab.variant_button.isEnabled()  # another one, from the same original
    monkeypatch.setattr(MathSolver, "solve", lambda *a, **k: pytest.fail("the variant is checked by its own working"))
    tab.checker.answer.setText(str(total / classes))
    tab.checker.check()
    qtbot.waitUntil(lambda: tab.checker.result is not None, timeout=20_000)
    assert tab.checker.result.right
    assert tab.equation.text() == f"{total}÷{classes}" and f"{total / classes}人" in tab.answer.text()
    assert not tab.reveal_button.isVisible() and tab.copy_button.isEnabled()
    assert "A variant" in tab.confidence.text()
    tab.another()
    assert tab.input.toPlainText() != text or tab.equation.text() != f"{total}÷{classes}"


def test_the_variant_note_in_chinese(qapp, qtbot, tab, monkeypatch, artifacts):
    from app.i18n import install_translators

    translators = install_translators(qapp, "zh")
    try:
        zh = MathTab(tab.services)
        qtbot.addWidget(zh)
        solve(qtbot, zh, monkeypatch, [("[N0]/[N1]", -0.05)])
        zh.resize(820, 640)
        zh.show()
        zh.another()
        assert "变式" in zh.confidence.text()
        assert zh.reveal_button.text() == "显示答案" and "答案已隐藏" in zh.steps.text()
        assert zh.grab().save(str(artifacts / "math_variant_zh.png"))
        zh.shutdown()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_a_variants_answer_shows_when_asked(qtbot, tab, monkeypatch):
    solve(qtbot, tab, monkeypatch, [("[N0]/[N1]", -0.05)])
    tab.another()
    total, classes = (n.value for n in find_numbers(tab.input.toPlainText()))
    assert tab.equation.text() == "?" and tab.reveal_button.shortcut().toString() == "Ctrl+Shift+R"
    tab.reveal_button.click()
    assert tab.equation.text() == f"{total}÷{classes}" and not tab.reveal_button.isVisible()
    tab.another()
    assert tab.equation.text() == "?"  # the next variant waits again
    solve(qtbot, tab, monkeypatch, [("[N0]/[N1]", -0.05)])
    assert tab.equation.text() == "135÷3" and not tab.reveal_button.isVisible()  # a problem solved: shown
