"""Check a person's own answer to a problem against the solver's solution ("Check my answer").

    >>> from engine.mathwp.solver import solve_equation
    >>> problem = "(1236-180*5)/8"
    >>> solution = solve_equation(problem)
    >>> check_answer(solution, "42", problem).verdict, check_answer(solution, "(1236+180*5)/8", problem).parts_at
    ('right', 2)

The answer may be a number (``45``, ``3.5``, ``62.5%``, ``11/20``, ``1又2/3``), a number with
a unit (``45人``, ``300厘米``) or an equation (``(1236-180*5)/8``, ``x=...``, ``8x+900=1236``).
It is read by the solver's exact evaluator (:mod:`engine.mathwp.expression`; the text is never run as
Python) and compared with the solution's answer:

* **right**: the same value; the same quantity in another unit of its measure (300厘米 for
  3米, :func:`engine.mathwp.dimensions.convert`); or a decimal rounded half up from an answer that does not
  end (1.67 for 5/3);
* **wrong unit**: the right number with a unit that is not the one asked for (3千克 for 3米),
  or a percent asked for and its number given without the sign (62.5 for 62.5%);
* **wrong**: anything else. For an equation, the first of its steps whose value none of the
  solution's steps works out is where it parts from them (:attr:`AnswerCheck.parts_at`).

A word problem's solution is the model's, which can be wrong: the check says so by carrying
the solution's confidence, and notes when another candidate the model wrote gives the
person's value (:attr:`AnswerCheck.other_candidate`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from engine.mathwp.answer import COUNTED, MEASURES
from engine.mathwp.data import rounds_to
from engine.mathwp.expression import Equation, Step, normalise
from engine.mathwp.solver import Solution, typed_expression, worked_steps
from engine.mathwp.dimensions import convert

RIGHT, WRONG, WRONG_UNIT = "right", "wrong", "wrong unit"
NOT_ROUNDED = "not rounded"  # how an answer is wrong: the exact quotient where a whole count is asked
MAX_ANSWER_CHARS = 200

_UNITS = sorted(set(MEASURES + COUNTED) | {"块钱"}, key=len, reverse=True)
_TRAILING_UNIT = re.compile(r"^(?P<number>.*?)\s*(?P<unit>" + "|".join(map(re.escape, _UNITS)) + r")$")
_ANSWER_WORDS = re.compile(r"^\s*(?:答|解|答案)\s*[:：]?\s*|\s*[。.．]\s*$")
_MIXED = re.compile(r"(\d+)\s*又\s*(\d+)\s*/\s*(\d+)")


class AnswerError(ValueError):
    """An answer that cannot be checked; ``reason`` is "empty" or "too long"."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class GivenAnswer:
    """What the person typed, read: its value, unit ("" for none), and its steps when it is an
    equation (one step or more), else none."""

    text: str
    value: Fraction
    unit: str
    steps: tuple[Step, ...] = ()
    percent: bool = False  # written with a % sign

    @classmethod
    def parse(cls, text: str) -> GivenAnswer:
        """Read an answer; :class:`AnswerError` when empty or too long, an
        :class:`~engine.mathwp.expression.ExpressionError` when it cannot be read."""
        typed = _ANSWER_WORDS.sub("", text or "").strip()
        if not typed:
            raise AnswerError("Type your answer first.", "empty")
        if len(typed) > MAX_ANSWER_CHARS:
            raise AnswerError(f"The answer is too long ({len(typed)} characters; at most {MAX_ANSWER_CHARS}).",
                              "too long")
        unit = ""
        match = _TRAILING_UNIT.match(typed)
        if match and match["number"]:
            typed, unit = match["number"], match["unit"]
        expression = typed_expression(_MIXED.sub(r"\1(\2/\3)", typed))
        equation = Equation.parse(expression)
        value = equation.solve()
        steps = tuple(equation.worked_steps()) if _is_working(equation) else ()
        return cls(text.strip(), value, unit, steps, normalise(typed).rstrip().endswith("%"))


def _is_working(equation: Equation) -> bool:
    """Whether an answer is an equation worth stepping through (not a lone number or fraction)."""
    steps = equation.worked_steps()
    return len(steps) > 1 or (equation.expression is not None and len(steps) == 1
                              and not re.fullmatch(r"[\d.]+/[\d.]+=.*", steps[0].text.replace("÷", "/")))


@dataclass(frozen=True)
class AnswerCheck:
    verdict: str  # RIGHT, WRONG or WRONG_UNIT
    given: GivenAnswer
    solution: Solution
    expected_unit: str  # the unit the answer is asked in ("%" for a percent), "" for none
    how: str = ""  # right: "" (as is), "converted" (another unit) or "rounded"; wrong: "" or NOT_ROUNDED
    parts_at: int | None = None  # 1-based step of the given equation where it parts from the solution's
    other_candidate: int | None = None  # 0-based: another of the model's candidates gives the person's value
    reference_steps: tuple[Step, ...] = ()  # the solution's steps, with their values

    @property
    def right(self) -> bool:
        return self.verdict == RIGHT

    def to_json(self) -> dict:
        return {
            "verdict": self.verdict, "how": self.how,
            "answer": self.given.text, "value": str(self.given.value), "unit": self.given.unit,
            "expected": self.solution.answer.text, "expected_value": str(self.solution.answer.value),
            "expected_unit": self.expected_unit, "confidence": self.solution.confidence,
            "confidence_level": self.solution.confidence_level,
            "steps": [step.text for step in self.given.steps], "parts_at": self.parts_at,
            "reference_steps": [step.text for step in self.reference_steps],
            "other_candidate": None if self.other_candidate is None else self.other_candidate + 1,
        }


def expected_unit(solution: Solution) -> str:
    return "%" if solution.answer.number.endswith("%") else solution.answer.unit


def reference_steps(solution: Solution, problem: str = "") -> tuple[Step, ...]:
    """The steps of the equation behind ``solution``, with their values: the model's chosen
    candidate, else the typed equation that is the problem itself."""
    if solution.candidates:
        equation = solution.candidates[solution.index].equation
        assert equation is not None  # a solution's candidates pass the check
        return tuple(worked_steps(equation, solution.rounding))
    try:
        return tuple(Equation.parse(typed_expression(problem)).worked_steps())
    except ValueError:  # "如果…那么…" and others the solver reads in two parts: no steps to compare
        return ()


def check_answer(solution: Solution, answer: str, problem: str = "") -> AnswerCheck:
    """The verdict on ``answer`` against ``solution`` (``problem``: the text it solves, for the
    steps of a typed equation)."""
    given = GivenAnswer.parse(answer)
    expected, unit = solution.answer.value, expected_unit(solution)
    steps = reference_steps(solution, problem or solution.question)
    verdict, how = _verdict(given, expected, unit)
    parts_at = other = None
    if verdict == WRONG and solution.quotient is not None and given.value == solution.quotient:
        how = NOT_ROUNDED
    if verdict == WRONG:
        parts_at = parting_step(given.steps, steps, expected)
        other = next((i for i, c in enumerate(solution.candidates)
                      if i != solution.index and c.value == given.value), None)
    return AnswerCheck(verdict, given, solution, unit, how, parts_at, other, steps)


def _verdict(given: GivenAnswer, expected: Fraction, unit: str) -> tuple[str, str]:
    value = given.value
    if unit == "%":
        if value == expected:
            return RIGHT, ""
        if value == expected * 100 and not given.percent:
            return WRONG_UNIT, ""
        return (RIGHT, "rounded") if _rounded(expected * 100, given.text.rstrip("%％ ")) else (WRONG, "")
    if given.unit and unit and given.unit != unit:
        converted = convert(value, given.unit, unit)
        if converted is not None and converted == expected:
            return RIGHT, "" if convert(Fraction(1), given.unit, unit) == 1 else "converted"  # 公斤 is 千克
        if value == expected or (converted is None and _rounded(expected, given.text)):
            return WRONG_UNIT, ""
        return WRONG, ""
    if value == expected:
        return RIGHT, ""
    return (RIGHT, "rounded") if _rounded(expected, given.text) else (WRONG, "")


def _rounded(expected: Fraction, text: str) -> bool:
    """A decimal the person rounded from an exact answer that does not end within its places."""
    number = _TRAILING_UNIT.sub(r"\g<number>", _ANSWER_WORDS.sub("", text).strip()).strip()
    return bool(re.fullmatch(r"-?\d+\.\d{1,4}", number)) and Fraction(number) != expected and rounds_to(expected, number)


def parting_step(given: tuple[Step, ...], reference: tuple[Step, ...], expected: Fraction) -> int | None:
    """The first of the person's steps (1-based) whose value no step of the reference works out
    (nor its answer): where the person's working leaves the solution's. None when every step
    is one of the solution's (the working stops short of the answer) or there are no steps."""
    reached = {step.value for step in reference if step.value is not None} | {expected}
    return next((number for number, step in enumerate(given, 1)
                 if step.value is not None and step.value not in reached), None)
