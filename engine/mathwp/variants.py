"""Practice variants ("Another like this"): the same word problem with new numbers, answered by
the model's equation for the original with the new numbers put in — not solved anew.

    variant = make_variant(solution, rng=random.Random(1))   # solution: the solver's, confident
    variant.text, variant.solution.answer.text                 # the new problem and its answer

Offered only when the model is confident of the original (:data:`VARIANT_THRESHOLD`, the
tab's "likely right" line: below it a wrong equation would make wrong practice), and only with
numbers that keep the answer plausible: the checks the solver makes (a count of people stays
a positive whole number, a chance stays within 0 and 1, :func:`engine.mathwp.answer.plausible`)
and those of the training data's number substitution (:func:`engine.mathwp.data.substitute_numbers`),
plus: a share below 1 stays below 1, an answer shown exactly stays exact (no ≈1.67 where the
original was 0.55 or 11/20), no step of the working goes negative unless the original's did, no
new number is 0 or 1 where the original's was not, and a division with a remainder keeps one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction

from engine.chinese_script import to_simplified, to_traditional
from engine.mathwp.answer import format_answer, plausible
from engine.mathwp.data import Problem, substitute_numbers
from engine.mathwp.expression import Equation, ExpressionError
from engine.mathwp.solver import UNSURE_BELOW, Solution, answer_in_script, as_asked, readable, worked_lines

VARIANT_THRESHOLD = UNSURE_BELOW  # the model's calibrated confidence on the original, at least
TRIES = 300  # each a few hundred microseconds: a divisible sum may need many


class VariantError(ValueError):
    """No variant is offered; ``reason`` is "exact" (the problem was an equation: no model's
    equation to reuse), "unsure" (the model's confidence is under the threshold), "no numbers"
    (the equation uses none of the text's numbers, or writes one out) or "implausible" (no
    new numbers kept the answer plausible)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Variant:
    original: Solution  # the model's solution the variant comes from
    text: str  # the problem with new numbers, in the script the original was typed in
    equation: Equation  # the original's equation with the new numbers

    @property
    def solution(self) -> Solution:
        """The variant worked out as the tab shows a solution (no confidence: it is evaluated,
        not the model's own answer to this text)."""
        quotient, traditional = self.equation.solve(), self.original.traditional
        value, rounding = quotient, ""
        if self.original.rounding:  # a quotient made whole, as the original's was
            value, rounding = as_asked(self.equation, quotient, to_simplified(self.text))
        answer = answer_in_script(value, to_simplified(self.text), traditional)
        unit_change = self.original.candidates[self.original.index].unit_change  # the same ÷1000 for new numbers
        return Solution(self.text, readable(self.equation), worked_lines(self.equation, rounding, unit_change), answer,
                        None,
                        traditional=traditional, rounding=rounding, quotient=quotient if rounding else None)


def offered(solution: Solution | None, threshold: float = VARIANT_THRESHOLD) -> bool:
    """Whether "Another like this" is offered for ``solution``."""
    return (solution is not None and bool(solution.candidates) and solution.confidence is not None
            and solution.confidence >= threshold)


def make_variant(solution: Solution, threshold: float = VARIANT_THRESHOLD, rng: random.Random | None = None,
                 tries: int = TRIES) -> Variant:
    """A variant of the model's ``solution`` (of a word problem), or :class:`VariantError`."""
    if not solution.candidates or solution.confidence is None:
        raise VariantError("The problem was an equation: there is no model's equation to reuse.", "exact")
    if solution.confidence < threshold:
        raise VariantError(f"The model's confidence ({solution.confidence:.0%}) is under {threshold:.0%}: "
                           "a variant of a doubtful equation would be doubtful practice.", "unsure")
    rng = rng or random.Random()
    chosen = solution.candidates[solution.index]
    assert chosen.equation is not None and chosen.value is not None  # a solution's candidates pass the check
    problem = Problem.from_text(solution.question)
    answer = chosen.value
    original_steps = [step.value for step in chosen.equation.worked_steps() if step.value is not None]
    # A quotient made whole (有余数除法) may have a remainder again: the new numbers are
    # checked once rounded, below, not by the count's plausibility as they come.
    question, quotient = ("", chosen.equation.solve()) if chosen.rounding else (solution.question, answer)
    for _ in range(tries):
        found = substitute_numbers(problem, chosen.target, question, quotient, rng, tries=1)
        if found is None and not problem.referenced_numbers(chosen.target):
            break
        if found is None or found.text == problem.text or _trivial(problem, found):
            continue
        try:
            equation = found.equation_from_target(chosen.target)
            steps = [step.value for step in equation.worked_steps() if step.value is not None]
            value = equation.solve()
        except ExpressionError:
            continue
        if chosen.rounding:  # a division with a remainder stays one: the practice is the rounding
            value, rounding = as_asked(equation, value, solution.question)
            if rounding != chosen.rounding or not plausible(value, solution.question):
                continue
        if _keeps_shape(answer, value, original_steps, steps, solution.question):
            return Variant(solution, to_traditional(found.text) if solution.traditional else found.text, equation)
    if not problem.referenced_numbers(chosen.target):
        raise VariantError("The model's equation uses none of the problem's numbers.", "no numbers")
    raise VariantError("No new numbers kept the answer plausible.", "implausible")


def _trivial(problem: Problem, found: Problem) -> bool:
    """Whether a new number is 0 or 1 where the original's was not (平均分给1个班: nothing to work out)."""
    return any(new.value in (0, 1) and old.value not in (0, 1) for old, new in zip(problem.numbers, found.numbers))


def _keeps_shape(answer: Fraction, value: Fraction, original_steps: list[Fraction], steps: list[Fraction],
                 question: str) -> bool:
    """A share stays a share, an answer shown exactly stays exact (no ≈1.67 where the original
    had 0.55 or 11/20), the working non-negative where it was."""
    if 0 < answer < 1 and not 0 < value < 1:
        return False
    if not format_answer(answer, question).approximate and format_answer(value, question).approximate:
        return False
    if all(v >= 0 for v in original_steps) and any(v < 0 for v in steps):
        return False
    return value != answer  # new numbers that give the same answer teach nothing new
