"""``MathSolver.solve(text, ctx) -> Solution``: what the tab and the CLI call.

A problem goes through the model: its numbers become placeholders, beam search writes
``beams`` equations, and each candidate is *checked* — it must parse, evaluate, and give a
plausible answer (a positive whole number when the question counts people or trees, not
negative unless the question allows it). The first candidate that passes wins; the others
that pass stay available as "next candidates". Text that is itself an equation or an
expression (``6000÷(1+3/5)``, ``2x+3=7``) is evaluated directly, with no model.

    solver = MathSolver(ModelStore())
    solution = solver.solve("学校把135本练习本平均分给3个班，每班多少本？")
    solution.equation, solution.steps, solution.answer.text     # '135÷3', ['135÷3=45'], '45本'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fractions import Fraction

import torch
from transformers import LogitsProcessor, LogitsProcessorList

from engine.mathwp.answer import Answer, format_answer, plausible
from engine.mathwp.data import MAX_NUMBERS, Problem, find_numbers, normalise_text, placeholder
from engine.mathwp.expression import Equation, ExpressionError, normalise
from engine.mathwp.model import EQUATION_SYMBOLS, MAX_SOURCE_TOKENS, MAX_TARGET_TOKENS
from engine.runtime.jobs import JobContext
from engine.paths import bundled_models_dir
from engine.runtime.store import ModelError, ModelStore

MODEL_NAME = "mathwp"  # resources/models/mathwp
MAX_PROBLEM_CHARS = 1000
DEFAULT_BEAMS = 8
MAX_OPEN_BRACKETS = 6  # deeper than any equation in the training data


class ProblemError(ValueError):
    """A problem the solver cannot take; ``reason`` is "empty", "too long" or "no numbers"."""

    def __init__(self, message: str, reason: str, length: int = 0) -> None:
        super().__init__(message)
        self.reason = reason
        self.length = length


class NoSolutionError(ValueError):
    """No equation the model wrote passes the check."""


class ModelNotInstalledError(ModelError):
    """The bundled math model is absent (it has not been trained yet, or was removed)."""


@dataclass(frozen=True)
class Candidate:
    """One equation the model wrote, checked."""

    target: str  # as written by the model, with placeholders: "[N0]/[N1]"
    log_prob: float  # of the whole equation under the model
    equation: Equation | None = None  # with the problem's numbers put back
    value: Fraction | None = None
    problem: str = ""  # why the candidate fails the check; "" when it passes

    @property
    def valid(self) -> bool:
        return not self.problem

    @property
    def confidence(self) -> float:
        return math.exp(self.log_prob)


@dataclass(frozen=True)
class Solution:
    question: str
    equation: str  # readable: "6000÷(1+(3/5))"; "x=..." only for a real equation
    steps: list[str]
    answer: Answer
    confidence: float | None  # the model's probability of this equation; None without a model
    candidates: list[Candidate] = field(default_factory=list)  # passing ones, best first
    index: int = 0  # which of ``candidates`` this solution shows

    def next(self) -> Solution:
        """The solution from the next candidate that passed the check (wraps around)."""
        if not self.candidates:
            return self
        return solution_from(self.question, self.candidates, (self.index + 1) % len(self.candidates))

    def text(self) -> str:
        """The whole solution as plain text, for the clipboard."""
        lines = [self.question, ""] if self.question else []
        lines.append(f"列式：{self.equation}")
        lines += [f"  {step}" for step in self.steps]
        lines.append(f"答：{self.answer.text}")
        return "\n".join(lines)


def readable(equation: Equation) -> str:
    """``x=6000÷(1+(3/5))`` shows as ``6000÷(1+(3/5))``; a real equation keeps its ``=``."""
    if equation.expression is not None:
        return equation.text(pretty=True).removeprefix("x=")
    return equation.text(pretty=True)


def solution_from(question: str, candidates: list[Candidate], index: int = 0) -> Solution:
    chosen = candidates[index]
    return Solution(question, readable(chosen.equation), chosen.equation.steps(),
                    format_answer(chosen.value, question), chosen.confidence, candidates, index)


def solve_equation(text: str) -> Solution:
    """An equation or expression the user typed, evaluated exactly (no model)."""
    equation = Equation.parse(text)
    value = equation.solve()
    return Solution("", readable(equation), equation.steps(), format_answer(value), None)


def check_problem(text: str) -> str:
    """The problem, normalised; :class:`ProblemError` when it cannot be solved."""
    text = normalise_text(text or "")
    if not text:
        raise ProblemError("The problem is empty: paste or type a word problem.", "empty")
    if len(text) > MAX_PROBLEM_CHARS:
        raise ProblemError(f"The problem is too long ({len(text)} characters; at most {MAX_PROBLEM_CHARS}).",
                           "too long", len(text))
    if not find_numbers(text):
        raise ProblemError("The problem has no numbers (written with digits) to calculate with.", "no numbers")
    return text


def check_candidates(problem: Problem, question: str, scored: list[tuple[str, float]]) -> list[Candidate]:
    """Every (target, log-prob) in beam order, checked: parses, evaluates, is plausible."""
    checked = []
    for target, log_prob in scored:
        try:
            equation = problem.equation_from_target(target)
            value = equation.solve()
        except ExpressionError as exc:
            checked.append(Candidate(target, log_prob, problem=str(exc)))
            continue
        reason = "" if plausible(value, question) else "implausible answer for this question"
        checked.append(Candidate(target, log_prob, equation, value, reason))
    return checked


def looks_like_equation(text: str) -> bool:
    """True for ``6000÷(1+3/5)`` or ``2x+3=7``; a word problem has letters or CJK."""
    text = normalise(text)
    return bool(text) and not re.search(r"[^\sx0-9.+\-*/^()=%]", text)


class MathSolver:
    """The solver facade: load the model lazily, solve one problem or many."""

    def __init__(self, store: ModelStore, model: str = MODEL_NAME, device: str | torch.device = "cpu",
                 beams: int = DEFAULT_BEAMS, dtype: torch.dtype | None = None) -> None:
        self.store = store
        self.model_name = model
        self.device = torch.device(device)
        self.dtype = dtype
        self.beams = beams

    def load(self, ctx: JobContext | None = None):
        ctx = ctx or JobContext()
        try:
            return self.store.load(self.model_name, self.device, self.dtype, on_progress=ctx.on_progress,
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

    def solve(self, text: str, ctx: JobContext | None = None) -> Solution:
        """A typed equation is evaluated; a word problem goes through the model."""
        if looks_like_equation(text):
            return solve_equation(text)
        question = check_problem(text)
        problem = Problem.from_text(question)
        checked = check_candidates(problem, question, self.generate([problem], ctx or JobContext())[0])
        passing = [c for c in checked if c.valid]
        if not passing:
            best = f" Its best try, {checked[0].target[:60]}, fails: {checked[0].problem}" if checked else ""
            raise NoSolutionError("The model found no equation that gives a plausible answer." + best)
        return solution_from(question, passing)

    def generate(self, problems: list[Problem], ctx: JobContext) -> list[list[tuple[str, float]]]:
        """For each problem, (target, log-prob) of ``beams`` equations, best first."""
        loaded = self.load(ctx)
        return generate_candidates(loaded.model, loaded.tokenizer, problems, self.beams, ctx)


@torch.no_grad()
def generate_candidates(model, tokenizer, problems: list[Problem], beams: int,
                        ctx: JobContext | None = None) -> list[list[tuple[str, float]]]:
    """Beam search over a batch of problems: ``beams`` (target, log-prob) pairs each."""
    ctx = ctx or JobContext()
    device = next(model.parameters()).device
    sources = ["".join(p.source()) for p in problems]
    encoded = tokenizer(sources, padding=True, truncation=True, max_length=MAX_SOURCE_TOKENS,
                        return_tensors="pt").to(device)
    ctx.check()
    grammar = EquationProcessor(tokenizer, [len(p.numbers) for p in problems], beams)
    sequences = model.generate(
        **encoded, num_beams=beams, num_return_sequences=beams, max_new_tokens=MAX_TARGET_TOKENS,
        do_sample=False, stopping_criteria=ctx.stopping_criteria(), logits_processor=LogitsProcessorList([grammar]),
    )
    log_probs = sequence_log_probs(model, encoded, sequences, beams, tokenizer.pad_token_id)
    texts = tokenizer.batch_decode(sequences, skip_special_tokens=True)
    return [list(zip(texts[i * beams:(i + 1) * beams], log_probs[i * beams:(i + 1) * beams]))
            for i in range(len(problems))]


class EquationProcessor(LogitsProcessor):
    """Lets the decoder write only what an equation can hold: operators, digits, ``x``,
    brackets, the placeholders of the problem's own numbers, and [EOS]; ``(`` only up to
    :data:`MAX_OPEN_BRACKETS` deep, ``)`` only to close an open ``(``, and [EOS] only once
    every bracket is closed."""

    def __init__(self, tokenizer, number_counts: list[int], beams: int) -> None:
        vocab = tokenizer.get_vocab()
        self.open, self.close, self.eos = vocab["("], vocab[")"], tokenizer.eos_token_id
        self.beams = beams
        symbols = [vocab[s] for s in EQUATION_SYMBOLS] + [self.eos]
        self.masks = torch.full((len(number_counts), len(vocab)), -math.inf)
        for row, count in enumerate(number_counts):
            self.masks[row, symbols] = 0.0
            self.masks[row, [vocab[placeholder(i)] for i in range(min(count, MAX_NUMBERS))]] = 0.0

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        problem = torch.arange(input_ids.shape[0], device=input_ids.device) // self.beams
        scores = scores + self.masks.to(scores.device)[problem, :scores.shape[-1]]
        depth = (input_ids == self.open).sum(-1) - (input_ids == self.close).sum(-1)
        scores[depth <= 0, self.close] = -math.inf
        scores[depth > 0, self.eos] = -math.inf
        scores[depth >= MAX_OPEN_BRACKETS, self.open] = -math.inf
        return scores


def sequence_log_probs(model, encoded, sequences: torch.Tensor, beams: int, pad_id: int) -> list[float]:
    """log P(equation | problem) of each generated sequence (one teacher-forced pass)."""
    labels = sequences[:, 1:].clone()  # drop the decoder start token
    labels[labels == pad_id] = -100
    logits = model(input_ids=encoded["input_ids"].repeat_interleave(beams, 0),
                   attention_mask=encoded["attention_mask"].repeat_interleave(beams, 0),
                   decoder_input_ids=sequences[:, :-1]).logits.float()
    token_log_probs = torch.log_softmax(logits, -1).gather(-1, labels.clamp(min=0).unsqueeze(-1)).squeeze(-1)
    return (token_log_probs * (labels != -100)).sum(-1).tolist()
