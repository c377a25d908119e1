"""Check my answer, in the Math tab: the person types their own answer to the problem in the
box above (a number, a fraction, a percent, a unit, or an equation such as (1236-180*5)/8)
and the panel says in words whether it is right — exactly, against the solver's answer
(``engine.mathwp.check``) — and, for a wrong equation, shows its working beside the
solution's with the first step where they part marked.

The solver runs in a job on ``services.runner`` (unless the tab already holds the solution of
this very text); a refused answer or problem clears the last verdict, and a verdict is
cleared as soon as the problem or the answer changes, so none stays beside a question it
does not answer.
"""

from __future__ import annotations

import html
import weakref
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from widgets.jobs import LatestJob
from widgets.services import AppServices
from engine.mathwp.check import NOT_ROUNDED, RIGHT, WRONG_UNIT, AnswerCheck, AnswerError, GivenAnswer, check_answer
from engine.mathwp.expression import ExpressionError
from engine.mathwp.solver import MODEL_NAME, ProblemError, Solution, check_problem, looks_like_equation
from widgets.math_messages import MathMessages, fraction_html
from widgets.messages import NoteLabel, fill

CHECK_SHORTCUT = "Ctrl+Shift+Return"
_COLORS = {"right": "#1b7f3b", "unit": "#b26a00", "wrong": "#b00020"}


def _check_job(services: AppServices, problem: str, answer: str, known: Solution | None):
    def job(ctx):
        from engine.mathwp.solver import MathSolver, NoSolutionError

        try:
            solution = known or MathSolver(services.store, MODEL_NAME, services.device.device,
                                           dtype=services.device.dtype).solve(problem, ctx)
            return check_answer(solution, answer, problem)
        except (NoSolutionError, ExpressionError, ProblemError, AnswerError) as exc:
            return exc  # the problem's own outcome, which the panel explains: not a failure of the job

    return job


class AnswerCheckPanel(QWidget):
    """``problem()`` gives the problem text and the tab's solution of it, when it has one: a
    method of the tab, held weakly (a strong one would make a cycle that only the garbage
    collector breaks, at any moment: Qt aborts when a widget goes then)."""

    checked = Signal()  # a verdict was given

    def __init__(self, services: AppServices, problem: Callable[[], tuple[str, Solution | None]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._problem = weakref.WeakMethod(problem)
        self.result: AnswerCheck | None = None
        self.checked_for = ""  # the problem the answer in the box was last checked against
        self.messages = MathMessages(self)
        self.jobs = LatestJob(services.runner, self.tr("Check answer"))
        self.answer = QLineEdit()
        self.answer.setPlaceholderText(self.tr("Your answer: 42, 3/4, 62.5%, 42千克 or an equation such as (1236-180×5)÷8"))
        self.answer.setClearButtonEnabled(True)
        self.answer.returnPressed.connect(self.check)
        self.answer.textChanged.connect(self.clear)
        self.check_button = QPushButton(self.tr("Check my answer"))
        self.check_button.setShortcut(CHECK_SHORTCUT)
        self.check_button.setToolTip(self.tr("Say whether your answer is right (%1)").replace("%1", CHECK_SHORTCUT))
        self.check_button.clicked.connect(self.check)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("My &answer:"))
        label.setBuddy(self.answer)
        row.addWidget(label)
        row.addWidget(self.answer, 1)
        row.addWidget(self.check_button)
        self.verdict = NoteLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.working = NoteLabel()
        self.working.setTextFormat(Qt.TextFormat.RichText)
        self.working.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.working)
        self._refresh()

    def problem(self) -> tuple[str, Solution | None]:
        return self._problem()()

    def busy(self) -> bool:
        return self.jobs.busy

    @Slot()
    def _refresh(self) -> None:
        self.check_button.setEnabled(bool(self.answer.text().strip()) and not self.busy())

    def _say(self, text: str, color: str = "", details: str = "") -> None:
        self.verdict.setText(f'<span style="color:{color}">{text}</span>' if color else text)
        self.verdict.setToolTip(details)

    @Slot()
    def clear(self) -> None:
        """Forget the verdict (and any check still running): it answered another question."""
        self.jobs.forget()
        self.result = None
        self.verdict.clear()
        self.verdict.setToolTip("")
        self.working.clear()
        self._refresh()

    def new_problem(self, text: str) -> None:
        """A problem is being solved: an answer already checked against another one goes (it
        answered that problem); one typed for this problem before solving stays."""
        if self.checked_for and self.checked_for != text:
            self.answer.clear()
            self.checked_for = ""

    @Slot()
    def check(self) -> None:
        text, known = self.problem()
        answer = self.answer.text()
        self.checked_for = text
        self.clear()
        try:
            GivenAnswer.parse(answer)
        except (AnswerError, ExpressionError) as exc:
            self._show_refusal(exc, in_answer=True)
            return
        try:
            if known is None and not looks_like_equation(text):
                check_problem(text)
        except ProblemError as exc:
            self._show_refusal(exc)
            return
        self._say(html.escape(self.tr("Checking…")))
        model = MODEL_NAME if known is None and not looks_like_equation(text) else ""
        self.jobs.start(_check_job(self.services, text, answer, known), on_result=self._on_done,
                        on_error=self._show_refusal, on_cancelled=self._refresh, model=model)
        self._refresh()

    def _show_refusal(self, exc: BaseException, in_answer: bool = False) -> None:
        """Why there is no verdict: the answer cannot be read (``in_answer``), or the problem
        cannot be solved (the answer was read before the job started: its errors are the problem's)."""
        message = self.messages.failure_message(exc)
        if in_answer and isinstance(exc, ExpressionError):
            message = fill(self.tr("Your answer cannot be checked: %1"), message)
        self._say(html.escape(message), _COLORS["wrong"], str(exc) if isinstance(exc, ExpressionError) else "")
        self._refresh()

    def _on_done(self, result: AnswerCheck | BaseException) -> None:
        if isinstance(result, BaseException):
            self._show_refusal(result)
            return
        self.result = result
        self._say(self.verdict_text(result), _COLORS["right" if result.right else
                                                   "unit" if result.verdict == WRONG_UNIT else "wrong"])
        self.working.setText(self.working_html(result))
        self._refresh()
        self.checked.emit()

    # -- words -----------------------------------------------------------------------------
    def verdict_text(self, check: AnswerCheck) -> str:
        """The verdict in words (rich text): what holds, what was expected, and how sure the
        model is of the answer it was checked against."""
        expected = fraction_html(check.solution.answer.text)
        if check.verdict == RIGHT:
            words = {"converted": self.tr("Right: %1 is %2."), "rounded": self.tr("Right, rounded: the exact answer is %2.")}
            line = fill(words.get(check.how, self.tr("Right: the answer is %2.")), html.escape(check.given.text), expected)
        elif check.verdict == WRONG_UNIT:
            asked = self.tr("as a percent") if check.expected_unit == "%" else fill(self.tr("in %1"), check.expected_unit)
            line = fill(self.tr("The number is right, but not the unit: the question asks for the answer %1 (%2)."),
                        asked, expected)
        else:
            line = fill(self.tr("Not right: the answer is %1."), expected)
            if check.how == NOT_ROUNDED:
                line += " " + html.escape(fill(self.tr("Yours is the exact quotient; the question asks for a whole "
                                                       "count. %1"), self.messages.rounding_note(check.solution.rounding)))
            if check.parts_at is not None:
                line += " " + fill(self.tr("Your working parts from the solution's at step %1: %2."), check.parts_at,
                                   fraction_html(check.given.steps[check.parts_at - 1].text))
            elif check.given.steps and check.how != NOT_ROUNDED:
                line += " " + self.tr("Each step of your working is one of the solution's, but it stops before the answer.")
        notes = []
        if check.solution.confidence is not None:
            notes.append(fill(self.tr("Checked against the model's answer (confidence %1%)."),
                              f"{check.solution.confidence * 100:.0f}"))
            if check.solution.confidence_level != "likely":
                notes.append(self.tr("The model is not sure of it: check its answer too."))
        else:
            notes.append(self.tr("Checked exactly (no model needed)."))
        if check.other_candidate is not None:
            notes.append(fill(self.tr("The model's candidate %1 gives your answer too."), check.other_candidate + 1))
        return line + "<br>" + html.escape(" ".join(notes))

    def working_html(self, check: AnswerCheck) -> str:
        """Your working beside the solution's (shown for a wrong equation), the parting step in red."""
        if check.right or not check.given.steps or not check.reference_steps:
            return ""
        mine = [fraction_html(step.text) for step in check.given.steps]
        if check.parts_at is not None:
            mine[check.parts_at - 1] = f'<span style="color:{_COLORS["wrong"]}"><b>{mine[check.parts_at - 1]}</b></span>'
        theirs = [fraction_html(step.text) for step in check.reference_steps]
        rows = "".join(f"<tr><td>{n}.</td><td>{a}</td><td>&nbsp;&nbsp;&nbsp;</td><td>{b}</td></tr>"
                       for n, (a, b) in enumerate(zip(mine + [""] * len(theirs), theirs + [""] * len(mine)), 1)
                       if a or b)
        heads = [html.escape(self.tr("Your working")), html.escape(self.tr("The solution's working"))]
        return (f"<table><tr><th></th><th align=left>{heads[0]}</th><th></th>"
                f"<th align=left>{heads[1]}</th></tr>{rows}</table>")

    def shutdown(self) -> None:
        self.jobs.cancel()
