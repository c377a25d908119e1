"""The Math tab: input messages, equations without a model, the missing-model note, a word
problem through a job (stub beams), next candidate, copy, examples."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from engine.mathwp.solver import MathSolver
from engine.runtime.store import ModelStore
from widgets.math_tab import EXAMPLES, MathTab, fraction_html

QUESTION = "学校有135名学生，平均分给3个班，每班多少人？"

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture
def tab(qapp, qtbot, services, tmp_path):
    services.store = ModelStore(bundled_dir=tmp_path / "no-models")
    widget = MathTab(services)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.shutdown()


def solve(qtbot, tab: MathTab, text: str) -> None:
    tab.input.setPlainText(text)
    tab.solve()
    qtbot.waitUntil(lambda: not tab.busy(), timeout=20_000)


def test_fraction_html():
    assert fraction_html("6000÷(1+(3/5))") == "6000÷(1+<sup>3</sup>&frasl;<sub>5</sub>)"
    assert fraction_html("1又2/3千克") == "1<sup>2</sup>&frasl;<sub>3</sub>千克"
    assert fraction_html("(1+3÷5)") == "(1+3÷5)"
    assert fraction_html("<b>") == "&lt;b&gt;"


def test_without_a_model_the_tab_says_so_and_still_evaluates_equations(qtbot, tab):
    assert tab.model_note.isVisible()
    assert "not installed" in tab.model_note.text() and "mathwp" in tab.model_note.text()
    solve(qtbot, tab, "6000÷(1+(3/5))")
    assert "<sup>3</sup>" in tab.equation.text()
    assert tab.steps.text() == ("1+<sup>3</sup>&frasl;<sub>5</sub>=<sup>8</sup>&frasl;<sub>5</sub><br>"
                                "6000÷<sup>8</sup>&frasl;<sub>5</sub>=3750")
    assert "3750" in tab.answer.text()
    assert "no model" in tab.confidence.text()
    assert not tab.next_button.isEnabled()
    tab.copy()
    assert "答：3750" in QGuiApplication.clipboard().text()


def test_a_word_problem_without_the_model_is_not_faked(qtbot, tab):
    solve(qtbot, tab, QUESTION)
    assert "not installed" in tab.message.text()
    assert tab.solution is None and tab.answer.text() == ""


@pytest.mark.parametrize("text, message", [
    ("   ", "Paste or type"), ("一" * 1001 + "1", "too long (1002 characters; at most 1000)"),
    ("小明有几个苹果？", "no numbers"), ("Tom has 3 apples and eats 2. How many are left?", "has no Chinese"),
])
def test_bad_input_is_explained_and_clears_the_last_solution(qtbot, tab, text, message):
    solve(qtbot, tab, "2x+3=7")
    assert tab.solution is not None and "2" in tab.answer.text()
    tab.input.setPlainText(text)
    tab.solve()
    assert message in tab.message.text()
    assert not tab.busy()
    # The last answer was to another problem: nothing of it stays beside the refusal.
    assert tab.solution is None
    assert all(label.text() == "" for label in (tab.equation, tab.steps, tab.answer, tab.confidence))
    assert not tab.copy_button.isEnabled() and not tab.next_button.isEnabled()


@pytest.mark.parametrize("text, message, details", [
    ("9^9^9^9", "too large", "exponent"),
    ("1/0", "Division by zero", "Division by zero"),
    ("x*x=4", "linear", "multiplied by itself"),
    ("x+1=x", "no single solution", "No number solves"),
    ("3+*4", "cannot be read", "Expected a number"),
    ("1e308", "too large", "more than 30 digits"),  # a number, not "no Chinese"
])
def test_a_bad_equation_is_explained_with_the_evaluators_reason(qtbot, tab, text, message, details):
    failures = []
    tab.services.runner.jobEnded.connect(lambda handle, error: failures.append(error))
    solve(qtbot, tab, text)
    assert message in tab.message.text() and details in tab.message.toolTip()
    assert tab.solution is None
    assert failures == [""]  # the tab explains it; the status bar shows no English failure


def test_word_problem_next_candidate_and_copy(qtbot, tab, monkeypatch):
    beams = [("[N0]/[N1]/2", -0.1), ("[N0]/[N1]", -0.5), ("[N0]-[N1]", -1.0)]
    monkeypatch.setattr(MathSolver, "generate", lambda self, problems, ctx: [beams for _ in problems])
    solve(qtbot, tab, QUESTION)
    assert tab.equation.text() == "135÷3" and "45人" in tab.answer.text()
    assert "61%" in tab.confidence.text() and "1 of 2" in tab.confidence.text()
    assert tab.next_button.isEnabled()
    tab.next_candidate()
    assert tab.equation.text() == "135-3" and "132人" in tab.answer.text() and "2 of 2" in tab.confidence.text()
    tab.copy()
    assert QGuiApplication.clipboard().text().startswith(QUESTION)


def test_a_low_confidence_answer_is_called_a_guess_in_both_languages(qapp, qtbot, tab, monkeypatch):
    from app.i18n import install_translators

    monkeypatch.setattr(MathSolver, "generate", lambda self, problems, ctx: [[("[N0]/[N1]", -0.4)] for _ in problems])
    solve(qtbot, tab, QUESTION)
    assert "67%" in tab.confidence.text() and "guess" not in tab.confidence.text()
    assert "unsure" in tab.confidence.text()  # said in words, not only a percentage
    monkeypatch.setattr(MathSolver, "generate", lambda self, problems, ctx: [[("[N0]/[N1]", -0.1)] for _ in problems])
    solve(qtbot, tab, QUESTION)
    assert "90%" in tab.confidence.text() and "Likely right" in tab.confidence.text()
    monkeypatch.setattr(MathSolver, "generate", lambda self, problems, ctx: [[("[N0]/[N1]", -1.5)] for _ in problems])
    solve(qtbot, tab, QUESTION)
    assert "22%" in tab.confidence.text() and "This answer is a guess" in tab.confidence.text()
    translators = install_translators(qapp, "zh")
    try:
        solve(qtbot, tab, QUESTION)
        assert "这个答案只是猜测" in tab.confidence.text()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_no_plausible_equation_is_explained_and_clears_the_last_solution(qtbot, tab, monkeypatch):
    solve(qtbot, tab, "2x+3=7")
    beams = [("[N0]/[N1]/2", -0.1), ("[N0]/", -0.5)]  # 22.5 pupils, then no equation at all
    monkeypatch.setattr(MathSolver, "generate", lambda self, problems, ctx: [beams for _ in problems])
    failures = []
    tab.services.runner.jobEnded.connect(lambda handle, message: failures.append(message))
    solve(qtbot, tab, QUESTION)
    assert "no equation that gives a plausible answer" in tab.message.text()
    assert "135÷3÷2" in tab.message.toolTip()  # the model's best try, for the curious
    assert tab.solution is None and tab.answer.text() == "" and not tab.copy_button.isEnabled()
    assert failures == [""]  # an outcome, not a failed job in the status bar


def test_examples_fill_the_input_and_solve(qtbot, tab):
    index = EXAMPLES.index("解比例：3：4=6：x") + 1
    tab.examples.activated.emit(index)
    qtbot.waitUntil(lambda: tab.solution is not None, timeout=20_000)
    assert tab.input.toPlainText() == "解比例：3：4=6：x" and tab.solution.answer.text == "8"


def test_clearing_the_input_clears_the_answer_and_the_message(qtbot, tab):
    solve(qtbot, tab, "2x+3=7")
    assert tab.solution is not None and "2" in tab.answer.text()
    tab.input.setPlainText("")
    assert tab.solution is None and tab.message.text() == ""
    assert all(label.text() == "" for label in (tab.equation, tab.steps, tab.answer, tab.confidence))
    assert not tab.copy_button.isEnabled() and not tab.solve_button.isEnabled()


def test_clearing_the_input_drops_the_answer_still_being_worked_out(qtbot, tab, monkeypatch):
    monkeypatch.setattr(MathSolver, "generate", lambda self, problems, ctx: [[("[N0]/[N1]", -0.1)] for _ in problems])
    ended = []
    tab.services.runner.jobEnded.connect(lambda handle, error: ended.append(error))
    tab.input.setPlainText(QUESTION)
    tab.solve()
    tab.input.setPlainText("")
    assert not tab.busy() and tab.message.text() == ""
    qtbot.waitUntil(lambda: bool(ended), timeout=20_000)  # the job has ended: its answer was dropped
    assert tab.solution is None and tab.answer.text() == ""


def test_an_edited_problem_greys_the_answer_to_the_old_one(qtbot, tab):
    solve(qtbot, tab, "2x+3=7")
    assert tab.answer.isEnabled() and tab.answer.toolTip() == ""
    tab.input.setPlainText("2x+3=9")
    assert not tab.answer.isEnabled() and not tab.equation.isEnabled() and "before you edited" in tab.answer.toolTip()
    tab.input.setPlainText("2x+3=7")
    assert tab.answer.isEnabled()
    tab.input.setPlainText("2x+3=9")
    solve(qtbot, tab, "2x+3=9")
    assert tab.answer.isEnabled() and "3" in tab.answer.text()
