"""The Math tab: paste a word problem (or type an equation) and see the equation, the steps a
pupil writes, the answer with its unit and the model's confidence (calibrated: below
``GUESS_BELOW`` the tab says the answer is a guess, under ``UNSURE_BELOW`` that the model is
unsure, above it that the answer is likely right); ask for the next candidate when the first
looks wrong; copy the solution; try the examples.

The tab talks to one facade, ``engine.mathwp.solver.MathSolver``, through jobs on
``services.runner``. Without the bundled model it says so — where the model would go — and
still evaluates equations the user types, exactly (that is why the tab is registered even
before a model ships). News from a job the user has since replaced is dropped.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.jobs import LatestJob
from widgets.services import AppServices
from engine.mathwp.solver import (
    MODEL_NAME,
    ModelNotInstalledError,
    NoSolutionError,
    ProblemError,
    Solution,
    check_problem,
    looks_like_equation,
)
from engine.mathwp.expression import ExpressionError
from engine.mathwp.variants import VARIANT_THRESHOLD, Variant, VariantError, make_variant, offered
from engine.chinese_script import to_simplified
from engine.paths import bundled_models_dir
from engine.summarize.summarizer import DEFAULT_MODEL as SUMMARIZE_MODEL
from engine.runtime.store import ModelError
from widgets.math_check import AnswerCheckPanel
from widgets.math_messages import MathMessages, fraction_html
from widgets.messages import NoteLabel

REVEAL_SHORTCUT = "Ctrl+Shift+R"
EXAMPLES = [
    "学校把135本练习本平均分给3个班，每班多少本？",
    "王艳家买了一台洗衣机和一台电冰箱，一共花了6000元，电冰箱的价钱是洗衣机的(3/5)，求洗衣机的价钱．",
    "一条小路长120米，在路的一边每隔6米种一棵树（两端都种），一共要种多少棵树？",
    "一件衣服原价200元，现在打八折出售，比原价便宜了多少元？",
    "甲、乙两车同时从A城去B城，甲车每小时行35千米，乙车每小时行40千米，结果乙比甲提前0.5小时到达。甲车行了多少小时？",
    "6000÷(1+3/5)",
    "解方程：2x+3=7",
    "解比例：3：4=6：x",
]


def _solve_job(services: AppServices, text: str):
    def job(ctx):
        from engine.mathwp.solver import MathSolver

        solver = MathSolver(services.store, MODEL_NAME, services.device.device, dtype=services.device.dtype)
        try:
            return solver.solve(text, ctx)
        except (NoSolutionError, ExpressionError) as exc:
            return exc  # the problem's own outcome, which the tab explains: not a failure of the job

    return job


class MathTab(QWidget):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.solution: Solution | None = None
        self.solved_text = ""  # the input the shown solution answers
        self.variant_source: Solution | None = None  # the model's solution the shown variant comes from
        self.variant: Variant | None = None  # the variant shown, if one is
        self.working_hidden = False  # a variant's working and answer, hidden until checked or shown
        self._model = MODEL_NAME  # "" while the last problem was an equation the user typed
        self._asked = ""  # the input the running job solves
        self.jobs = LatestJob(services.runner, self.tr("Math"))
        self.messages = MathMessages(self)
        self._build()
        self._show_model_state()
        self._refresh()

    def tab_title(self) -> str:
        return self.tr("Math")

    def model_name(self) -> str:
        return self._model

    def attention_input(self) -> tuple[str, str] | None:
        """For the Attention tab: the problem, read by the summarizer's encoder — the math solver
        is a GRU, whose reading has no attention maps; the encoder reads Chinese one character a token."""
        text = self.input.toPlainText().strip()
        return (SUMMARIZE_MODEL, to_simplified(text)) if text else None

    @staticmethod
    def self_test(services: AppServices) -> str:
        from engine.mathwp.solver import MathSolver

        solver = MathSolver(services.store, MODEL_NAME, services.device.device)
        line = f"6000÷(1+3/5) = {solver.solve('6000÷(1+3/5)').answer.text}"
        if model_installed(services):
            line += f"; {EXAMPLES[0]} → {solver.solve(EXAMPLES[0]).answer.text}"
        return line

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.input = QPlainTextEdit()
        self.input.setPlaceholderText(self.tr("Paste a math word problem, or type an equation such as 6000÷(1+3/5)"))
        self.input.setMaximumHeight(110)
        self.input.textChanged.connect(self._on_text_changed)
        self.solve_button = QPushButton(self.tr("Solve"))
        self.solve_button.setDefault(True)
        self.solve_button.setShortcut("Ctrl+Return")
        self.solve_button.clicked.connect(self.solve)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop)
        self.examples = QComboBox()
        self.examples.addItem(self.tr("Examples to try…"))
        for example in EXAMPLES:
            self.examples.addItem(example if len(example) <= 40 else example[:38] + "…", example)
        self.examples.activated.connect(self._on_example)
        buttons = QHBoxLayout()
        buttons.addWidget(self.examples, 1)
        buttons.addWidget(self.solve_button)
        buttons.addWidget(self.stop_button)
        self.checker = AnswerCheckPanel(self.services, self._problem_and_solution)
        self.input.textChanged.connect(self.checker.clear)

        self.model_note = QLabel()
        self.model_note.setWordWrap(True)
        self.model_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = NoteLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.equation = QLabel()
        self.equation.setTextFormat(Qt.TextFormat.RichText)
        self.equation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.equation.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.equation.setFont(font)
        self.steps = QLabel()
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.steps.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.steps.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        steps_font = self.steps.font()
        steps_font.setPointSizeF(steps_font.pointSizeF() * 1.2)
        self.steps.setFont(steps_font)
        self.answer = QLabel()
        self.answer.setFont(font)
        self.answer.setTextFormat(Qt.TextFormat.RichText)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confidence = QLabel()
        self.confidence.setWordWrap(True)
        self.confidence.setToolTip(self.tr(
            "The model's probability of this answer: the probabilities of the checked equations that give it, "
            "added up, then calibrated so that answers shown with 70% are right about 70% of the time"))
        self.next_button = QPushButton(self.tr("Next candidate"))
        self.next_button.setToolTip(self.tr("Show the model's next equation that passes the check"))
        self.next_button.clicked.connect(self.next_candidate)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the problem, equation, steps and answer"))
        self.copy_button.clicked.connect(self.copy)
        self.variant_button = QPushButton(self.tr("Another like this"))
        self.variant_button.setShortcut("Ctrl+Shift+A")
        self.variant_button.setToolTip(self.tr(
            "The same problem with new numbers, answered with the model's equation (Ctrl+Shift+A); offered only "
            "when the model is at least %1% sure of its answer").replace("%1", f"{VARIANT_THRESHOLD * 100:.0f}"))
        self.variant_button.clicked.connect(self.another)
        self.reveal_button = QPushButton(self.tr("Show the answer"))
        self.reveal_button.setShortcut(REVEAL_SHORTCUT)
        self.reveal_button.setToolTip(self.tr("Show the variant's working and answer (%1)").replace("%1", REVEAL_SHORTCUT))
        self.reveal_button.clicked.connect(self.reveal)
        self.checker.checked.connect(self.reveal)  # the verdict names the answer: the working may show too
        actions = QHBoxLayout()
        actions.addWidget(self.confidence, 1)
        actions.addWidget(self.reveal_button)
        actions.addWidget(self.variant_button)
        actions.addWidget(self.next_button)
        actions.addWidget(self.copy_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.input)
        layout.addLayout(buttons)
        layout.addWidget(self.checker)
        layout.addWidget(self.model_note)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("Equation")))
        layout.addWidget(self.equation)
        layout.addWidget(QLabel(self.tr("Steps")))
        layout.addWidget(self.steps)
        layout.addWidget(self.answer)
        layout.addStretch(1)  # spare height below the answer, not between the steps and it
        layout.addLayout(actions)

    # -- state -----------------------------------------------------------------------------
    def busy(self) -> bool:
        return self.jobs.busy

    def _say(self, text: str, error: bool = False, details: str = "") -> None:
        self.message.setText(text)
        self.message.setToolTip(details)
        self.message.setStyleSheet("color: #b00020;" if error else "")

    def _problem_and_solution(self) -> tuple[str, Solution | None]:
        """For the answer check: the problem in the box, and the solution shown when it answers it."""
        text = self.input.toPlainText().strip()
        return text, self.solution if self.solution is not None and self.solved_text == text else None

    def _clear(self) -> None:
        """Forget the shown solution: it answered another problem than the one now in the box."""
        self.solution = None
        self.solved_text = ""
        self.variant_source = None
        self.variant, self.working_hidden = None, False
        for label in (self.equation, self.steps, self.answer, self.confidence):
            label.clear()
        self._refresh()

    def _show_model_state(self) -> None:
        if model_installed(self.services):
            self.model_note.hide()
            return
        where = bundled_models_dir() / MODEL_NAME
        self.model_note.setText(self.tr(
            "The math model is not installed yet (it belongs in %1, or in a model folder chosen in "
            "Settings), so word problems cannot be solved. Equations you type, such as 2x+3=7, "
            "are still evaluated exactly.").replace("%1", str(where)))
        self.model_note.show()

    @Slot()
    def _on_text_changed(self) -> None:
        """An emptied box forgets the answer and the message; an edited one greys the answer, which
        answered the text before (``_refresh``)."""
        if not self.input.toPlainText().strip() and (self.solution is not None or self.busy() or self.message.text()):
            self.jobs.forget()  # its answer would be to a problem no longer there
            self._say("")
            self._clear()
        self._refresh()

    @Slot()
    def _refresh(self) -> None:
        current = self.solution is None or self.solved_text == self.input.toPlainText().strip()
        for label in (self.equation, self.steps, self.answer, self.confidence):
            label.setEnabled(current)  # greyed: the answer to the problem as it was
        self.answer.setToolTip("" if current else self.tr(
            "This answer is to the problem as it was before you edited it: solve again for the new one."))
        self.solve_button.setEnabled(bool(self.input.toPlainText().strip()) and not self.busy())
        self.stop_button.setEnabled(self.busy())
        self.next_button.setEnabled(self.solution is not None and len(self.solution.candidates) > 1
                                    and not self.busy())
        self.copy_button.setEnabled(self.solution is not None and not self.working_hidden)
        self.reveal_button.setVisible(self.working_hidden)
        self.variant_button.setEnabled(offered(self.variant_source or self.solution) and not self.busy())

    def _show(self, solution: Solution) -> None:
        self.solution = solution
        self.working_hidden = False
        self.equation.setText(fraction_html(solution.equation))
        self.steps.setText("<br>".join(fraction_html(step) for step in solution.steps))
        answer = self.tr("Answer: %1").replace("%1", fraction_html(solution.answer.text))
        note = self.messages.rounding_note(solution.rounding)
        self.answer.setText(answer + (f'<br><span style="font-size: small">{html.escape(note)}</span>' if note else ""))
        if solution.confidence is None:
            self.confidence.setText(self.tr("Evaluated exactly (no model needed)."))
        else:
            position = self.tr("candidate %1 of %2").replace("%1", str(solution.index + 1)).replace(
                "%2", str(len(solution.candidates)))
            text = self.tr("Model confidence: %1% (%2)").replace(
                "%1", f"{solution.confidence * 100:.0f}").replace("%2", position)
            self.confidence.setText(text + "\n" + self._confidence_words(solution.confidence_level))
        self._refresh()

    def _confidence_words(self, level: str) -> str:
        """What the percentage means, in words (the model card's reliability table)."""
        if level == "guess":
            return self.tr("This answer is a guess: at this confidence the model is wrong more often "
                           "than right. Check it, or try the next candidate.")
        if level == "unsure":
            return self.tr("The model is unsure of this answer: at this confidence it is wrong one time "
                           "in three or more. Check it.")
        return self.tr("Likely right: at this confidence the model was right eight or nine times in ten "
                       "on problems it had not seen.")

    # -- actions ---------------------------------------------------------------------------
    @Slot()
    def solve(self) -> None:
        text = self.input.toPlainText().strip()
        typed = looks_like_equation(text)
        if not typed:
            try:
                check_problem(text)
            except ProblemError as exc:
                self.jobs.forget()  # whatever it would answer belongs to another problem
                self._clear()
                self._say(self.messages.problem_message(exc), error=True)
                return
        self._say(self.tr("Solving…"))
        self.checker.new_problem(text)
        self._asked = text
        self.variant_source = self.variant = None
        self._model = "" if typed else MODEL_NAME  # a typed equation needs no model
        self.services.show_model()
        self.jobs.start(_solve_job(self.services, text), on_result=self._on_done, on_error=self._on_error,
                        on_cancelled=self._on_cancelled, model=self._model)
        self._refresh()

    @Slot()
    def stop(self) -> None:
        self.jobs.cancel()

    def _on_done(self, solution: Solution | NoSolutionError | ExpressionError) -> None:
        if isinstance(solution, Exception):
            self._on_error(solution)
            return
        self._say("")
        self.solved_text = self._asked
        self._show(solution)

    def _on_error(self, exc: BaseException) -> None:
        self._clear()
        if isinstance(exc, ModelNotInstalledError):
            self._show_model_state()
        details = str(exc) if isinstance(exc, (NoSolutionError, ExpressionError)) else ""
        self._say(self.messages.failure_message(exc), error=True, details=details)
        self._refresh()

    def _on_cancelled(self) -> None:
        self._say(self.tr("Stopped."))
        self._refresh()

    @Slot()
    def next_candidate(self) -> None:
        if self.solution is not None:
            self._show(self.solution.next())

    @Slot()
    def another(self) -> None:
        """Another like this: the model's problem with new numbers, worked by its equation."""
        source = self.variant_source or self.solution
        if source is None:
            return
        try:
            variant = make_variant(source)
        except VariantError as exc:
            self._say(self.messages.variant_message(exc), error=True)
            return
        self.checker.new_problem(variant.text)  # an answer checked for the problem before is not this one's
        self.input.setPlainText(variant.text)
        self._show_variant(variant)

    def _show_variant(self, variant: Variant, hidden: bool = True) -> None:
        """The variant, its working and answer hidden (practice: the person works it out first)
        until they check an answer or ask for it."""
        self.variant_source, self.variant = variant.original, variant
        self.solved_text = variant.text
        self._say("")
        self._show(variant.solution)
        self.confidence.setText(self.tr(
            "A variant: the problem above with new numbers, answered by the model's equation for the original "
            "(%1) with them, not solved anew. Try it yourself and check your answer.").replace(
            "%1", variant.original.equation))
        if hidden:
            self.working_hidden = True
            self.equation.setText("?")
            self.steps.setText(html.escape(self.tr(
                "Hidden until you check your answer or press Show the answer (%1).").replace("%1", REVEAL_SHORTCUT)))
            self.answer.setText(self.tr("Answer: %1").replace("%1", "?"))
        self._refresh()

    @Slot()
    def reveal(self) -> None:
        """Show the hidden working and answer of the variant on screen."""
        if self.working_hidden and self.variant is not None:
            self._show_variant(self.variant, hidden=False)

    @Slot()
    def copy(self) -> None:
        if self.solution is not None:
            QGuiApplication.clipboard().setText(self.solution.text())
            self._say(self.tr("Copied."))

    @Slot(int)
    def _on_example(self, index: int) -> None:
        example = self.examples.itemData(index)
        if example:
            self.input.setPlainText(example)
            self.examples.setCurrentIndex(0)
            self.solve()

    def shutdown(self) -> None:
        self.jobs.cancel()
        self.checker.shutdown()


def model_installed(services: AppServices) -> bool:
    """Whether the store finds the math model (a folder check; nothing is loaded)."""
    try:
        services.store.resolve(MODEL_NAME)
    except ModelError:
        return False
    return True
