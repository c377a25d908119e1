"""``MathSolver.solve(text, ctx) -> Solution``: what the tab and the CLI call.

A problem goes through the model: its numbers become placeholders, beam search writes
``beams`` equations, and each candidate is *checked* — it must parse, evaluate, and give a
plausible answer (a positive whole number when the question counts people or trees, not
negative unless the question allows it). The candidates that pass are then *ranked*
(:func:`rank_passing`): the model's log-probability, less a penalty for each number of the
text the equation leaves unused, one for an untidy answer (not a decimal of at most two
places), one for an answer of 0 and one for a count that is a fraction (only a rate below one passes the check:
8分钟做1个零件 makes 1/8 个 a minute). The best wins; the rest stay available as "next
candidates". The penalties were chosen on the held-out problems (engine/mathwp/README.md has
the numbers); letting the
candidates vote on their answers was measured too and gains nothing (``vote_gain`` in
:mod:`engine.mathwp.evaluate`). The confidence shown is the answer's probability calibrated on
held-out problems (:mod:`engine.mathwp.calibration`); below :data:`GUESS_BELOW` the answer is
more often wrong than right, and the tab says it is a guess. Text that is itself
an equation or an expression (``6000÷(1+3/5)``, ``2x+3=7``) is evaluated directly, with no
model. A problem typed in traditional characters is read in simplified (the model's script)
and answered with its unit in traditional. The beam search itself is in :mod:`engine.mathwp.tree_search`, imported only when a model
runs.

    solver = MathSolver(ModelStore())
    solution = solver.solve("学校把135本练习本平均分给3个班，每班多少本？")
    solution.equation, solution.steps, solution.answer.text     # '135÷3', ['135÷3=45'], '45本'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import TYPE_CHECKING

from engine.mathwp.answer import Answer, counts_things, format_answer, plausible, rounding_asked
from engine.mathwp.calibration import Calibration
from engine.chinese_script import to_simplified, to_traditional
from engine.mathwp.data import Problem, find_numbers, has_chinese, normalise_text
from engine.mathwp.dimensions import in_asked_units
from engine.mathwp.expression import (BinOp, Equation, ExpressionError, Step, decimal_text, evaluate,
                                      normalise, plain_number, step_number)
from engine.runtime.jobs import JobContext
from engine.paths import bundled_models_dir
from engine.runtime.store import ModelError, ModelStore

if TYPE_CHECKING:  # torch loads with the model, not with the tab that imports this module
    import torch

MODEL_NAME = "mathwp"  # resources/models/mathwp
MAX_PROBLEM_CHARS = 1000
DEFAULT_BEAMS = 8
# Words around a typed expression. The instruction is matched before normalise() makes a colon
# "/": "解方程：", "求x的值：" (a Chinese character before the colon, so the ratio "x:10=1.5:3" is
# none), or a known one with no colon ("解比例1.5：(1/2)=x：(1/4)").
_INSTRUCTION = re.compile(r"^(?:[\u4e00-\u9fffxX的，、 ]{0,19}[\u4e00-\u9fff]\s*[：:]|(?:解方程|解比例|计算|简算|求x的值)(?=[\d(（xX□]))")
# What asks for the result at the end: "=?", "=( )", "=多少．", "的结果是多少", "，x=多少", "(简算)".
_RESULT_ASKED = re.compile(r"(?:[\s.?？=]|\(\s*\)|等于|是|多少|的(?:结果|得数|积|商|和|差)|[,，]x=多少|\((?:解方程|简算)\))+$")
_GIVEN_THEN = re.compile(r"^(?:如果|已知|若|根据)?(?P<given>[^，,；;]+)[，,；;](?:那么|则)[，,]?(?P<then>.+)$")
_EXPONENT = re.compile(r"(?<=\d)[eE](?=[-+]?\d)")  # the e of 1e308
_BLANK = re.compile(r"□|多少|\(\s*\)")  # a pupil's unknown: "96÷3+□=50", "多少×4.8=17.28"
UNUSED_NUMBER_PENALTY = 1.5  # log-prob per number of the text an equation does not use
UNTIDY_ANSWER_PENALTY = 2.0  # log-prob for an answer that is no decimal of at most two places
# log-prob for a count that is a fraction (so many a minute below one, which the check lets
# pass: 8分钟做1个 is 1/8 个 a minute), since most such school answers are whole after all
FRACTIONAL_COUNT_PENALTY = 2.0
# log-prob for an answer of 0: 30 of the 27,811 training answers (most of them calculations, not
# word problems), while 7 of the 9 zeros the model gave on held-out problems were wrong (216÷18-12)
ZERO_ANSWER_PENALTY = 2.0
GUESS_BELOW = 0.5  # a calibrated confidence under this: the answer is more often wrong than right
# Under this the answer is unsure: calibrated 60-80% was right 47-62% of the time on the test
# sets, 80-90% 75-85% (the model card's reliability table).
UNSURE_BELOW = 0.8


class ProblemError(ValueError):
    """A problem the solver cannot take; ``reason`` is "empty", "too long", "no chinese" (the
    model reads problems written in Chinese; "Tom has 3 apples…" got 3÷2) or "no numbers"."""

    def __init__(self, message: str, reason: str, length: int = 0) -> None:
        super().__init__(message)
        self.reason = reason
        self.length = length


class NoSolutionError(ValueError):
    """No equation the model wrote passes the check; ``best`` is its most likely try."""

    def __init__(self, best: Candidate | None = None) -> None:
        self.best = best
        message = "The model found no equation that gives a plausible answer."
        if best is not None:
            tried = readable(best.equation) if best.equation is not None else best.target[:60]
            message += f" Its best try, {tried}, fails: {best.problem}."
        super().__init__(message)


class ModelNotInstalledError(ModelError):
    """The bundled math model is absent (it has not been trained yet, or was removed)."""


@dataclass(frozen=True)
class Candidate:
    """One equation the model wrote, checked."""

    target: str  # as written by the model, with placeholders ("[N0]/[N1]"), put into the unit asked (dimensions.py)
    log_prob: float  # of the whole equation under the model
    equation: Equation | None = None  # with the problem's numbers put back
    value: Fraction | None = None
    problem: str = ""  # why the candidate fails the check; "" when it passes
    unused_numbers: int = 0  # numbers of the text the equation does not refer to
    fractional_count: bool = False  # a count of things (a rate: 每分钟做多少个) that is no whole number
    rounding: str = ""  # "up" (进一法) or "down" (去尾法): ``value`` is the equation's quotient made whole
    unit_change: tuple[str, str, Fraction] | None = None  # the answer put from 厘米 into the 米 asked (dimensions.py)

    @property
    def steps(self) -> list[str]:
        assert self.equation is not None  # a passing candidate
        return worked_lines(self.equation, self.rounding, self.unit_change)

    @property
    def valid(self) -> bool:
        return not self.problem

    @property
    def rank_score(self) -> float:
        """Log-probability, less the penalties of :func:`rank_passing`."""
        # A rounded quotient is charged as the untidy answer it was (an equation that comes out
        # whole beats it unless the model is much surer of the division).
        untidy = self.value is None or bool(self.rounding) or decimal_text(self.value, max_places=2) is None
        # A count below one is charged once, as a fraction, not again for its places (1/8 个 is 0.125)
        shape = FRACTIONAL_COUNT_PENALTY if self.fractional_count else UNTIDY_ANSWER_PENALTY * untidy
        zero = ZERO_ANSWER_PENALTY if self.value == 0 else 0.0
        return self.log_prob - UNUSED_NUMBER_PENALTY * self.unused_numbers - shape - zero

    @property
    def confidence(self) -> float:
        return math.exp(self.log_prob)


@dataclass(frozen=True)
class Solution:
    question: str
    equation: str  # readable: "6000÷(1+(3/5))"; "x=..." only for a real equation
    steps: list[str]
    answer: Answer
    confidence: float | None  # the answer's probability (its equations' summed), calibrated; None without a model
    candidates: list[Candidate] = field(default_factory=list)  # passing ones, best first
    index: int = 0  # which of ``candidates`` this solution shows
    calibration: Calibration = Calibration()  # the model's, for the next candidates
    traditional: bool = False  # the problem was typed in traditional characters: so is the unit
    rounding: str = ""  # "up" (进一法) or "down" (去尾法): the answer is a quotient made whole
    quotient: Fraction | None = None  # with ``rounding``: the quotient before it was made whole

    @property
    def is_guess(self) -> bool:
        """Whether the model is more often wrong than right at this confidence."""
        return self.confidence is not None and self.confidence < GUESS_BELOW

    @property
    def confidence_level(self) -> str:
        """The confidence in words: "exact" (no model), "guess", "unsure" or "likely" (right)."""
        if self.confidence is None:
            return "exact"
        return "guess" if self.is_guess else "unsure" if self.confidence < UNSURE_BELOW else "likely"

    def next(self) -> Solution:
        """The solution from the next candidate that passed the check (wraps around)."""
        if not self.candidates:
            return self
        return solution_from(self.question, self.candidates, (self.index + 1) % len(self.candidates), self.calibration,
                             self.traditional)

    def text(self) -> str:
        """The whole solution as plain text, for the clipboard."""
        question = to_traditional(self.question) if self.traditional else self.question  # as it was typed
        lines = [question, ""] if question else []
        lines.append(f"列式：{self.equation}")
        lines += [f"  {step}" for step in self.steps]
        lines.append(f"答：{self.answer.text}" + {"up": "（进一法）", "down": "（去尾法）"}.get(self.rounding, ""))
        return "\n".join(lines)


def worked_steps(equation: Equation, rounding: str = "") -> list[Step]:
    """The equation's steps with their values; with ``rounding`` ("up", "down") its quotient's
    line as a pupil writes it: ``435÷8=54……3`` (then ``54+1=55`` when rounded up), or
    ``10÷1.5≈6`` when the numbers are not whole. The quotient's line keeps the exact value."""
    steps = equation.worked_steps()
    if not rounding:
        return steps
    last = steps[-1]
    assert last.value is not None  # a rounded equation is an expression: every step has its value
    division, whole = last.text.rsplit("=", 1)[0], math.floor(last.value)
    operands = _division_operands(equation)
    assert operands is not None  # only a division is rounded (rounded_quotient)
    dividend, divisor = operands
    if dividend.denominator == divisor.denominator == 1:
        steps[-1] = Step(f"{division}={whole}……{step_number(dividend - whole * divisor)}", last.value)
        if rounding == "up":
            steps.append(Step(f"{whole}+1={whole + 1}", Fraction(whole + 1)))
    else:
        steps[-1] = Step(f"{division}≈{whole + (rounding == 'up')}", last.value)
    return steps


def worked_lines(equation: Equation, rounding: str = "", unit_change: tuple[str, str, Fraction] | None = None
                 ) -> list[str]:
    """:func:`worked_steps` as the lines shown, and last the unit change a pupil writes when the
    equation puts its answer into the unit asked (``unit_change``: 厘米, 米, 1/100 → 52000厘米=520米)."""
    lines = [step.text for step in worked_steps(equation, rounding)]
    if unit_change and not rounding:
        source, asked, factor = unit_change
        value = equation.solve()
        lines.append(f"{step_number(value / factor)}{source}={step_number(value)}{asked}")
    return lines


def _division_operands(equation: Equation) -> tuple[Fraction, Fraction] | None:
    """The values divided by the equation's last operation, or None when it is no ÷."""
    node = equation.expression
    if not (isinstance(node, BinOp) and node.op == "/"):
        return None
    return evaluate(node.left), evaluate(node.right)


def rounded_quotient(equation: Equation, value: Fraction, question: str) -> tuple[Fraction, str] | None:
    """(the whole count, "up" or "down") when ``question`` asks for one with 至少/最多 and the
    like (:func:`~engine.mathwp.answer.rounding_asked`) and ``equation`` is a division of two
    positive numbers whose quotient ``value`` is above one and no whole number (有余数除法: 435人,
    8人一辆 → 55辆); else None. A quotient below one is no division with a remainder but a
    wrong equation (0.09÷360). Only ``x=a÷b`` is read so, not ``8x=435`` (the model writes the
    former)."""
    operands = _division_operands(equation)
    rounding = rounding_asked(question)
    if operands is None or min(operands) <= 0 or value <= 1 or value.denominator == 1 or not rounding:
        return None
    return Fraction(math.ceil(value) if rounding == "up" else math.floor(value)), rounding


def as_asked(equation: Equation, value: Fraction, question: str) -> tuple[Fraction, str]:
    """(the answer, its rounding): a quotient made whole when the question asks so
    (:func:`rounded_quotient`), else ``value`` as it is with no rounding ("")."""
    return rounded_quotient(equation, value, question) or (value, "")


def readable(equation: Equation) -> str:
    """``x=6000÷(1+(3/5))`` shows as ``6000÷(1+(3/5))``; a real equation keeps its ``=``."""
    if equation.expression is not None:
        return equation.text(pretty=True).removeprefix("x=")
    return equation.text(pretty=True)


def answer_probability(candidates: list[Candidate], value: Fraction | None) -> float:
    """The model's probability of an answer: its passing equations' probabilities added up."""
    return sum(c.confidence for c in candidates if c.value == value)


def solution_from(question: str, candidates: list[Candidate], index: int = 0,
                  calibration: Calibration = Calibration(), traditional: bool = False) -> Solution:
    chosen = candidates[index]
    assert chosen.equation is not None and chosen.value is not None  # a passing candidate is solved
    confidence = calibration(answer_probability(candidates, chosen.value))
    return Solution(question, readable(chosen.equation), chosen.steps,
                    answer_in_script(chosen.value, question, traditional), confidence, candidates, index,
                    calibration, traditional, chosen.rounding,
                    chosen.equation.solve() if chosen.rounding else None)


def answer_in_script(value: Fraction, question: str, traditional: bool) -> Answer:
    """:func:`format_answer` for the simplified ``question``, its unit in traditional (個, 條,
    輛) when the problem was typed so."""
    answer = format_answer(value, question)
    return replace(answer, unit=to_traditional(answer.unit)) if traditional else answer


def typed_in_traditional(text: str) -> bool:
    """Whether the text has characters that OpenCC writes otherwise in simplified (風 → 风)."""
    text = normalise_text(text or "")
    return to_simplified(text) != text


def typed_expression(text: str) -> str:
    """A typed equation or expression without the words around it: an instruction before it
    (``解方程：``, ``计算：``), the sentence's full stop, a trailing ``=``, ``=?``, ``=（ ）`` or
    ``的结果是多少`` (``计算：280÷4+360＝？`` → ``280/4+360``); an equation's one blank
    (``□``, ``多少``, ``( )``) becomes ``x`` (``96÷3+□=50`` → ``96/3+x=50``)."""
    text = _RESULT_ASKED.sub("", normalise(_INSTRUCTION.sub("", text.strip(), count=1)))
    if "=" in text and "x" not in text and len(_BLANK.findall(text)) == 1:
        text = _BLANK.sub("x", text)  # the one blank of an equation is its unknown
    return text


def _only_symbols(text: str) -> bool:
    """Digits, operators and x only; a number in scientific notation (1e308) counts as digits,
    so the evaluator says what is wrong with it rather than the problem check ("no Chinese")."""
    text = _EXPONENT.sub("", text)
    return bool(text) and not re.search(r"[^\sx0-9.+\-*/^()=%]", text)


def given_then(text: str) -> tuple[str, str] | None:
    """The two typed parts of "如果2x+3=9，那么4x+3=多少" (an equation that gives x, or a
    fact such as 85×32=2720, then what to work out), or None when the text is not so."""
    match = _GIVEN_THEN.match(text.strip())
    if match is None:
        return None
    given, then = typed_expression(match["given"]), typed_expression(match["then"])
    return (given, then) if "=" in given and _only_symbols(given) and _only_symbols(then) else None


def solve_equation(text: str) -> Solution:
    """An equation or expression the user typed, evaluated exactly (no model). In
    "如果2x+3=9，那么4x+3=多少" x comes from the first equation and goes into the second."""
    steps, parts = [], given_then(text)
    if parts is None:
        typed = typed_expression(text)
    else:
        given, typed = parts
        if "x" in given:  # otherwise a fact to go by: 根据85×32=2720，那么85×320=多少
            condition = Equation.parse(given)
            x = condition.solve()
            steps = condition.steps()
            typed = typed.replace("x", f"({plain_number(x)})")
    equation = Equation.parse(typed)
    value = equation.solve()
    return Solution("", readable(equation), steps + equation.steps(), format_answer(value), None)


def check_problem(text: str) -> str:
    """The problem, normalised and in simplified characters (the model's); :class:`ProblemError`
    when it cannot be solved."""
    text = to_simplified(normalise_text(text or ""))
    if not text:
        raise ProblemError("The problem is empty: paste or type a word problem.", "empty")
    if len(text) > MAX_PROBLEM_CHARS:
        raise ProblemError(f"The problem is too long ({len(text)} characters; at most {MAX_PROBLEM_CHARS}).",
                           "too long", len(text))
    if not has_chinese(text):
        raise ProblemError("The problem has no Chinese: the model reads word problems written in Chinese.",
                           "no chinese")
    if not find_numbers(text):
        raise ProblemError("The problem has no numbers (written with digits) to calculate with.", "no numbers")
    return text


def check_candidates(problem: Problem, question: str, scored: list[tuple[str, float]]) -> list[Candidate]:
    """Every (target, log-prob) in beam order, checked: parses, evaluates, is plausible."""
    checked = []
    for target, log_prob in scored:
        in_units = in_asked_units(problem, question, target)  # 75*240 厘米, 多少米 → 75*240/100
        target = in_units.target if in_units else target
        try:
            equation = problem.equation_from_target(target)
            value = equation.solve()
        except ExpressionError as exc:
            checked.append(Candidate(target, log_prob, problem=str(exc)))
            continue
        reason, rounding = "", ""
        if not plausible(value, question):
            whole, rounding = as_asked(equation, value, question)
            if rounding and plausible(whole, question):
                value = whole
            else:
                reason, rounding = "implausible answer for this question", ""
        unused = len(problem.numbers) - len(problem.referenced_numbers(target))
        fractional_count = value.denominator != 1 and counts_things(question)
        checked.append(Candidate(target, log_prob, equation, value, reason, unused, fractional_count, rounding,
                                 in_units.change if in_units else None))
    return checked


def rank_passing(checked: list[Candidate]) -> list[Candidate]:
    """The candidates that pass the check, best first by :attr:`Candidate.rank_score`: a pupil's
    equation uses the numbers it is given, and school answers are mostly tidy decimals."""
    return sorted((c for c in checked if c.valid), key=lambda c: -c.rank_score)  # stable


def looks_like_equation(text: str) -> bool:
    """True for ``6000÷(1+3/5)``, ``2x+3=7``, ``解方程：2x+3=7`` or ``如果2x+3=9，那么4x+3=多少``;
    a word problem has letters or CJK beyond such words."""
    return _only_symbols(typed_expression(text)) or given_then(text) is not None


class MathSolver:
    """The solver facade: load the model lazily, solve one problem or many."""

    def __init__(self, store: ModelStore, model: str = MODEL_NAME, device: str | torch.device = "cpu",
                 beams: int = DEFAULT_BEAMS, dtype: torch.dtype | None = None) -> None:
        import torch

        self.store = store
        self.model_name = model
        self.device = torch.device(device)
        self.dtype = dtype
        self.beams = beams
        self.calibration = Calibration()  # the loaded model's (none until one is loaded)

    def load(self, ctx: JobContext | None = None):
        ctx = ctx or JobContext()
        try:
            loaded = self.store.load(self.model_name, self.device, self.dtype, on_progress=ctx.on_progress,
                                     cancel=ctx.cancel_token)
        except ModelError as exc:
            # The store's "not found" (not a damaged folder, whose message says what is wrong).
            if self.model_name == MODEL_NAME and "No model named" in str(exc):
                raise ModelNotInstalledError(
                    f"The math model is not installed. It belongs in {bundled_models_dir() / MODEL_NAME} "
                    "(or a model folder chosen in Settings); see engine/mathwp/README.md for how to train it. "
                    "Equations you type are still evaluated."
                ) from exc
            raise
        self.calibration = Calibration.from_config(loaded.model.config)
        return loaded

    def solve(self, text: str, ctx: JobContext | None = None) -> Solution:
        """A typed equation is evaluated; a word problem goes through the model."""
        if looks_like_equation(text):
            return solve_equation(text)
        question = check_problem(text)
        problem = Problem.from_text(question)
        checked = check_candidates(problem, question, self.generate([problem], ctx or JobContext())[0])
        passing = rank_passing(checked)
        if not passing:
            raise NoSolutionError(checked[0] if checked else None)
        return solution_from(question, passing, calibration=self.calibration,
                             traditional=typed_in_traditional(text))

    def generate(self, problems: list[Problem], ctx: JobContext) -> list[list[tuple[str, float]]]:
        """For each problem, (target, log-prob) of ``beams`` equations, best first."""
        from engine.mathwp.tree_search import tree_candidates  # torch: not at tab import

        loaded = self.load(ctx)
        return tree_candidates(loaded.model, loaded.tokenizer, problems, self.beams, ctx)
