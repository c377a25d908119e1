"""What the math engine refuses or cannot do (a problem, a typed equation, an answer to check,
no plausible equation, a missing model), said in the UI's language: the engine's error class
and its ``reason`` are the kind, the evaluator's precise English goes in a tooltip. Also the
rich-text form of equations the tab and the answer check show (fractions set as ³⁄₅)."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QObject

from widgets.jobs import readable_error
from engine.mathwp.check import MAX_ANSWER_CHARS, AnswerError
from engine.mathwp.expression import (
    DivisionByZeroError,
    ExpressionError,
    ExpressionSyntaxError,
    ExpressionTooComplexError,
    NonLinearError,
    NoUniqueSolutionError,
    NumberTooLargeError,
)
from engine.mathwp.solver import MAX_PROBLEM_CHARS, ModelNotInstalledError, NoSolutionError, ProblemError
from engine.mathwp.variants import VARIANT_THRESHOLD, VariantError
from engine.runtime.store import ModelError
from widgets.messages import fill

_FRACTION = re.compile(r"(\d+又)?\((\d+)/(\d+)\)|(\d+又)?(\d+)/(\d+)")


def fraction_html(text: str) -> str:
    """Equation text as rich text with fractions set as ³⁄₅: ``(3/5)``, ``8/5``, ``1又2/3``."""
    def fraction(match: re.Match) -> str:
        whole, top, bottom = match.group(1, 2, 3) if match.group(2) else match.group(4, 5, 6)
        return f"{(whole or '').rstrip('又')}<sup>{top}</sup>&frasl;<sub>{bottom}</sub>"

    return _FRACTION.sub(fraction, html.escape(text))


class MathMessages(QObject):
    """A QObject only for ``tr`` (its translation context)."""

    def problem_message(self, exc: ProblemError) -> str:
        """The engine's reason a problem cannot be solved, in the UI's language."""
        if exc.reason == "empty":
            return self.tr("Paste or type a word problem first.")
        if exc.reason == "too long":
            return fill(self.tr("The problem is too long (%1 characters; at most %2)."), exc.length, MAX_PROBLEM_CHARS)
        if exc.reason == "no chinese":
            return self.tr("The problem has no Chinese. The model reads word problems written in Chinese "
                           "(simplified or traditional characters); an equation such as 2x+3=7 can be typed as is.")
        return self.tr("The problem has no numbers written with digits, so there is nothing to calculate.")

    def rounding_note(self, rounding: str) -> str:
        """Why a quotient was made whole (有余数除法), or "" when it was not."""
        if rounding == "up":
            return self.tr("Rounded up (进一法): what is left over still needs one more.")
        if rounding == "down":
            return self.tr("Rounded down (去尾法): a part that is not whole does not count.")
        return ""

    def answer_message(self, exc: AnswerError) -> str:
        if exc.reason == "empty":
            return self.tr("Type your answer first: a number, a fraction, a percent or an equation.")
        return fill(self.tr("Your answer is too long (at most %1 characters)."), MAX_ANSWER_CHARS)

    def variant_message(self, exc: VariantError) -> str:
        """Why no variant is offered, in the UI's language."""
        if exc.reason == "exact":
            return self.tr("Variants are made from the model's equation for a word problem; this was an equation.")
        if exc.reason == "unsure":
            return fill(self.tr("No variant: the model is less than %1% sure of its answer, and a doubtful "
                                "equation would make doubtful practice."), f"{VARIANT_THRESHOLD * 100:.0f}")
        if exc.reason == "no numbers":
            return self.tr("No variant: the model's equation uses none of the problem's numbers.")
        return self.tr("No variant: no new numbers kept the answer plausible for this problem.")

    def expression_message(self, exc: ExpressionError) -> str:
        """What is wrong with a typed equation, in the UI's language (the evaluator's precise
        English reason goes in the tooltip)."""
        messages = (  # tr() with literal strings, for lupdate
            (DivisionByZeroError, self.tr("Division by zero: this cannot be calculated.")),
            (NumberTooLargeError, self.tr("A number or result is too large to calculate exactly.")),
            (ExpressionTooComplexError, self.tr("The equation is too long or nested too deeply.")),
            (NonLinearError, self.tr("Only equations that are linear in x can be solved (no x×x, no powers of x).")),
            (NoUniqueSolutionError,
             self.tr("This equation has no single solution: no number, or every number, solves it.")),
            (ExpressionSyntaxError, self.tr("The equation cannot be read: check its symbols and brackets.")),
        )
        return next((message for kind, message in messages if isinstance(exc, kind)),
                    fill(self.tr("Could not solve: %1"), str(exc)))

    def failure_message(self, exc: BaseException) -> str:
        """Why a problem was not solved (no plausible equation, no model, a bad equation...)."""
        if isinstance(exc, NoSolutionError):
            return self.tr("The model found no equation that gives a plausible answer to this problem. "
                           "Rewording it, or checking its numbers, may help.")
        if isinstance(exc, ModelNotInstalledError):
            return self.tr("Word problems need the math model, which is not installed.")
        if isinstance(exc, ModelError):
            return fill(self.tr("The math model could not be loaded: %1"), readable_error(exc))
        if isinstance(exc, ProblemError):
            return self.problem_message(exc)
        if isinstance(exc, AnswerError):
            return self.answer_message(exc)
        if isinstance(exc, ExpressionError):
            return self.expression_message(exc)
        return fill(self.tr("Could not solve: %1"), readable_error(exc))
