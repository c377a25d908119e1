"""Exact, safe arithmetic for word problems: parse an equation, evaluate it, show the steps.

Numbers are ``fractions.Fraction`` from the first digit to the answer, so ``1/3*3`` is 1
and 0.1+0.2 is 0.3. Nothing is ever passed to ``eval``: a small recursive-descent parser
builds a tree of :class:`Num`, :class:`Unknown`, :class:`Neg` and :class:`BinOp` nodes.

    >>> Equation.parse("x=6000/(1+(3/5))").solve()
    Fraction(3750, 1)

What is understood:

* numbers ``12``, ``3.5``, ``.5``, fractions ``(3/5)``, percents ``20%`` (also after a
  bracket: ``(a+b)%``), mixed numbers ``1(5/6)`` (= 1+5/6; only integer + proper fraction);
* ``+ - * / ^`` and their look-alikes ``× ÷ ** − :`` (a ratio ``a:b`` is ``a/b``), any
  bracket ``() [] {} （）``, unary minus, implicit multiplication (``2x``, ``3(x+1)``; a
  number and ``x`` make one term, so ``1/2x`` is ``1/(2x)`` as pupils read it);
* the unknown ``x`` (the only name): an expression (``6000/(1+3/5)``), ``x=<expression>``,
  or any **linear** equation in ``x`` (``35x=40(x-0.5)``), solved exactly — also with ``x``
  in a divisor when cross-multiplying leaves it linear (a proportion ``3:4=6:x``, ``1/x=2``).
  Equations of a higher degree and systems are out of scope: they raise :class:`NonLinearError`.

Hostile input fails fast with a specific :class:`ExpressionError` (a ``ValueError``):
longer than :data:`MAX_LENGTH` characters, nested deeper than :data:`MAX_DEPTH`, an
exponent above :data:`MAX_EXPONENT` or any number beyond :data:`MAX_BITS` bits (checked
*before* a power is computed) — ``1e308`` too — other scientific notation (``1e9``: write the
number out), division by zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

MAX_LENGTH = 500  # characters of one equation
MAX_DEPTH = 40  # brackets and unary signs nested in each other
MAX_DIGITS = 30  # digits of one number literal
MAX_EXPONENT = 64  # |exponent| of a power
MAX_BITS = 4096  # bits of any numerator or denominator met while evaluating


class ExpressionError(ValueError):
    """An equation that cannot be read or evaluated; the message says why."""


class ExpressionSyntaxError(ExpressionError):
    """Not an equation: an unknown character or name, a missing bracket or operand."""


class ExpressionTooComplexError(ExpressionError):
    """Too long or too deeply nested to be a word problem's equation."""


class NumberTooLargeError(ExpressionError):
    """A literal, an exponent or a result beyond the evaluator's bounds."""


class DivisionByZeroError(ExpressionError):
    """A division by zero (also ``0^-1``)."""


class NonLinearError(ExpressionError):
    """The unknown appears in a way a linear equation does not allow (x*x, 1/x, x^2)."""


class NoUniqueSolutionError(ExpressionError):
    """A linear equation with no solution (1=2) or with every number a solution (x=x)."""


# -- the tree ----------------------------------------------------------------------------------

PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "^": 4, "atom": 5}
PRETTY_OPERATORS = {"+": "+", "-": "-", "*": "×", "/": "÷", "^": "^"}


@dataclass(frozen=True)
class Num:
    """A number as written (``text``: ``20%``, ``(3/5)``, ``1(5/6)``, ``3.5``) and its value."""

    value: Fraction
    text: str

    precedence = PRECEDENCE["atom"]


@dataclass(frozen=True)
class Unknown:
    precedence = PRECEDENCE["atom"]


@dataclass(frozen=True)
class Neg:
    operand: Node

    precedence = PRECEDENCE["neg"]


@dataclass(frozen=True)
class BinOp:
    op: str  # one of + - * / ^
    left: Node
    right: Node

    @property
    def precedence(self) -> int:
        return PRECEDENCE[self.op]


Node = Num | Unknown | Neg | BinOp


def number(value: Fraction | int | str) -> Num:
    """A literal whose text is the value's plain form: ``3``, ``0.25`` or ``(1/3)``."""
    value = Fraction(value)
    return Num(value, plain_number(value))


def plain_number(value: Fraction) -> str:
    """``3``, ``-3``, ``0.25`` (terminating decimals up to 8 places) or ``(1/3)``."""
    decimal = decimal_text(value)
    if decimal is not None:
        return decimal
    return f"({value.numerator}/{value.denominator})"


def decimal_text(value: Fraction, max_places: int = 8) -> str | None:
    """The exact decimal of ``value`` if it terminates within ``max_places``, else None."""
    if value.denominator == 1:
        return str(value.numerator)
    for places in range(1, max_places + 1):
        scaled = value * 10**places
        if scaled.denominator == 1:
            sign = "-" if scaled < 0 else ""
            digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
            return f"{sign}{digits[:-places]}.{digits[-places:]}"
    return None


def contains_unknown(node: Node) -> bool:
    if isinstance(node, Unknown):
        return True
    if isinstance(node, Neg):
        return contains_unknown(node.operand)
    if isinstance(node, BinOp):
        return contains_unknown(node.left) or contains_unknown(node.right)
    return False


# -- printing ----------------------------------------------------------------------------------

def _needs_brackets(parent: BinOp | Neg, child: Node, right_side: bool) -> bool:
    if isinstance(parent, Neg):
        return child.precedence < PRECEDENCE["neg"] or isinstance(child, Neg)
    if isinstance(child, Neg):
        return right_side or parent.op == "^"
    if child.precedence < parent.precedence:
        return True
    if child.precedence > parent.precedence:
        return False
    if parent.op == "^":  # right-associative: (a^b)^c needs them, a^b^c does not
        return not right_side
    return right_side and parent.op in "-/"


def to_text(node: Node, pretty: bool = False, number_text=None) -> str:
    """The tree with as few brackets as its meaning allows.

    Plain (``pretty=False``) is ASCII and re-parses to the same value: ``6000/(1+3/5)``
    style, numbers in their plain form. Pretty uses ``× ÷ −`` and the numbers as written.
    ``number_text(num) -> str`` overrides how a number is shown (placeholders, for one).
    """
    if isinstance(node, Num):
        if number_text is not None:
            return number_text(node)
        return node.text if pretty else node_plain(node)
    if isinstance(node, Unknown):
        return "x"
    if isinstance(node, Neg):
        inner = to_text(node.operand, pretty, number_text)
        return f"-({inner})" if _needs_brackets(node, node.operand, False) else f"-{inner}"
    parts = []
    for child, right_side in ((node.left, False), (node.right, True)):
        text = to_text(child, pretty, number_text)
        parts.append(f"({text})" if _needs_brackets(node, child, right_side) else text)
    op = PRETTY_OPERATORS[node.op] if pretty else node.op
    return parts[0] + op + parts[1]


def node_plain(num: Num) -> str:
    """A literal without the notations that need special parsing: ``20%`` → ``(20/100)``,
    ``1(5/6)`` → ``(1+5/6)``, ``120.0`` → ``120``; fractions ``(3/5)`` stay."""
    mixed = _MIXED.fullmatch(num.text)
    if mixed:
        return f"({mixed.group(1)}+{mixed.group(2)})"
    if num.text.endswith("%") and num.text.count("%") == 1 and _is_number(num.text):
        return f"({plain_number(Fraction(num.text[:-1]))}/100)"
    if num.text.startswith("("):
        return num.text
    return plain_number(num.value)


_MIXED = re.compile(r"(\d+)\((\d+/\d+)\)")


# -- tokenizing --------------------------------------------------------------------------------

_LOOKALIKES = str.maketrans({
    "×": "*", "·": "*", "✕": "*", "÷": "/", "／": "/", "∶": "/", ":": "/", "：": "/",
    "−": "-", "－": "-", "—": "-", "–": "-", "＋": "+", "＝": "=", "％": "%", "﹪": "%",
    "（": "(", "）": ")", "[": "(", "]": ")", "{": "(", "}": ")", "【": "(", "】": ")",
    "Ｘ": "x", "X": "x", "ｘ": "x", "．": ".", "。": ".",
    "﹙": "(", "﹚": ")", "﹕": "/", "﹦": "=", "﹢": "+", "﹣": "-",  # small form variants
    **{chr(0xFF10 + d): str(d) for d in range(10)},  # full-width digits
})
_TOKEN = re.compile(r"\s+|(?P<num>\d*\.\d+|\d+\.?)|(?P<op>\*\*|[-+*/^()=%x])")
_SCIENTIFIC = re.compile(r"\d\.?\d*[eE][-+]?\d")
_SCIENTIFIC_NUMBER = re.compile(r"(\d*\.?\d+)[eE]([-+]?\d+)")


def normalise(text: str) -> str:
    """Map the look-alike symbols people type (``× ÷ （ ）：`` full-width digits) to ASCII."""
    return text.translate(_LOOKALIKES).replace("**", "^").strip()


def tokenize(text: str) -> list[str]:
    text = normalise(text)
    if not text:
        raise ExpressionSyntaxError("The equation is empty.")
    if len(text) > MAX_LENGTH:
        raise ExpressionTooComplexError(f"The equation is too long ({len(text)} characters; at most {MAX_LENGTH}).")
    if _SCIENTIFIC.search(text):
        for mantissa, exponent in _SCIENTIFIC_NUMBER.findall(text):  # 1e308 is a number, only too long
            whole_digits = len(mantissa.split(".")[0].lstrip("0")) + int(exponent[:6])
            if not exponent.startswith("-") and whole_digits > MAX_DIGITS:
                raise NumberTooLargeError(f"{mantissa}e{exponent} would have more than {MAX_DIGITS} digits.")
        raise ExpressionSyntaxError("Scientific notation such as 1e9 is not supported; write the number out.")
    tokens, position = [], 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            bad = re.match(r"[A-Za-z_]+", text[position:])
            if bad:
                raise ExpressionSyntaxError(f"Unknown name '{bad.group()}': the only name allowed is x.")
            raise ExpressionSyntaxError(f"Unexpected character '{text[position]}' at position {position + 1}.")
        if match.group("num"):
            digits = match.group("num").rstrip(".")
            if sum(c.isdigit() for c in digits) > MAX_DIGITS:
                raise NumberTooLargeError(f"A number has more than {MAX_DIGITS} digits.")
            tokens.append(digits)
        elif match.group("op"):
            tokens.append("^" if match.group("op") == "**" else match.group("op"))
        position = match.end()
    return tokens


def _is_number(token: str | None) -> bool:
    return token is not None and (token[0].isdigit() or token[0] == ".")


# -- parsing -----------------------------------------------------------------------------------

class _Parser:
    """Recursive descent, lowest precedence first::

        equation := expr ['=' expr]
        expr     := term (('+' | '-') term)*
        term     := unary (('*' | '/') unary | <implicit *> power)*
        unary    := ('-' | '+') unary | power
        power    := postfix ['^' unary]          (right-associative; -2^2 = -(2^2))
        postfix  := primary '%'*
        primary  := number | fraction | mixed | 'x' | '(' expr ')'
    """

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.position = 0
        self.depth = 0

    def peek(self, offset: int = 0) -> str | None:
        index = self.position + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None:
            raise ExpressionSyntaxError("The equation ends too early" + (f": '{expected}' is missing." if expected else "."))
        if expected is not None and token != expected:
            raise ExpressionSyntaxError(f"Expected '{expected}' but found '{token}'.")
        self.position += 1
        return token

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionTooComplexError(f"The equation is nested too deeply (more than {MAX_DEPTH} levels).")

    def equation(self) -> tuple[Node, Node | None]:
        left = self.expr()
        right = None
        if self.peek() == "=":
            self.take()
            right = self.expr()
        if self.peek() is not None:
            what = "a second '='" if self.peek() == "=" else f"'{self.peek()}'"
            raise ExpressionSyntaxError(f"Unexpected {what} after a complete equation.")
        return left, right

    def expr(self) -> Node:
        node = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            node = BinOp(op, node, self.term())
        return node

    def term(self) -> Node:
        node = self.unary()
        while True:
            token = self.peek()
            if token in ("*", "/"):
                self.take()
                node = BinOp(token, node, self.unary())
            elif token in ("x", "("):
                node = BinOp("*", node, self.power())  # implicit: 2x, 3(x+1), (a)(b)
            else:
                return node

    def unary(self) -> Node:
        if self.peek() in ("-", "+"):
            sign = self.take()
            self.nest()
            operand = self.unary()
            self.depth -= 1
            return Neg(operand) if sign == "-" else operand
        return self.power()

    def power(self) -> Node:
        base = self.postfix()
        if self.peek() == "^":
            self.take()
            self.nest()
            exponent = self.unary()
            self.depth -= 1
            return BinOp("^", base, exponent)
        return base

    def postfix(self) -> Node:
        node = self.primary()
        while self.peek() == "%":
            self.take()
            if isinstance(node, Num) and not node.text.endswith("%"):
                node = Num(node.value / 100, node.text + "%")
            else:
                node = BinOp("/", node, number(100))
        return node

    def _fraction_ahead(self, start: int) -> tuple[int, int] | None:
        """``( int / int )`` starting at token ``start``: the pair, else None."""
        window = self.tokens[start:start + 5]
        if (len(window) == 5 and window[0] == "(" and window[2] == "/" and window[4] == ")"
                and window[1].isdigit() and window[3].isdigit()):
            return int(window[1]), int(window[3])
        return None

    def primary(self) -> Node:
        token = self.take()
        if _is_number(token):
            fraction = self._fraction_ahead(self.position) if token.isdigit() else None
            if fraction and 0 < fraction[0] < fraction[1]:  # a mixed number 1(5/6)
                self.position += 5
                whole, (top, bottom) = int(token), fraction
                return Num(whole + Fraction(top, bottom), f"{token}({top}/{bottom})")
            if self.peek() == "x" and self.peek(1) != "^":  # a term 2x, as pupils read 1÷2x: 1÷(2x)
                self.take()
                return BinOp("*", Num(Fraction(token), token), Unknown())
            return Num(Fraction(token), token)
        if token == "x":
            return Unknown()
        if token == "(":
            fraction = self._fraction_ahead(self.position - 1)
            if fraction and fraction[1] != 0:  # a fraction literal (3/5): one number
                self.position += 4
                return Num(Fraction(*fraction), f"({fraction[0]}/{fraction[1]})")
            self.nest()
            node = self.expr()
            self.take(")")
            self.depth -= 1
            return node
        if token == ")":
            raise ExpressionSyntaxError("A ')' has no matching '('.")
        raise ExpressionSyntaxError(f"Expected a number, x or '(' but found '{token}'.")


def parse(text: str) -> tuple[Node, Node | None]:
    """``(left, right)`` of an equation; ``right`` is None for a bare expression."""
    return _Parser(tokenize(text)).equation()


def parse_expression(text: str) -> Node:
    """One expression (no '='), e.g. a gold answer ``(11/20)`` or ``1-2/3``."""
    left, right = parse(text)
    if right is not None:
        raise ExpressionSyntaxError("Expected an expression, not an equation.")
    return left


# -- evaluating --------------------------------------------------------------------------------

def _bounded(value: Fraction) -> Fraction:
    if value.numerator.bit_length() > MAX_BITS or value.denominator.bit_length() > MAX_BITS:
        raise NumberTooLargeError("A result is too large to be the answer to a word problem.")
    return value


def _power(base: Fraction, exponent: Fraction) -> Fraction:
    if exponent.denominator != 1:
        raise ExpressionError("Only whole-number exponents are supported.")
    power = exponent.numerator
    if abs(power) > MAX_EXPONENT:
        raise NumberTooLargeError(f"The exponent {power} is too large (at most {MAX_EXPONENT}).")
    if base == 0 and power < 0:
        raise DivisionByZeroError("Zero cannot be raised to a negative power (division by zero).")
    bits = max(base.numerator.bit_length(), base.denominator.bit_length())
    if bits * abs(power) > MAX_BITS:
        raise NumberTooLargeError("A power is too large to be the answer to a word problem.")
    return base**power


def apply(op: str, left: Fraction, right: Fraction) -> Fraction:
    """One exact operation with the bounds checked."""
    if op == "+":
        return _bounded(left + right)
    if op == "-":
        return _bounded(left - right)
    if op == "*":
        return _bounded(left * right)
    if op == "/":
        if right == 0:
            raise DivisionByZeroError("Division by zero.")
        return _bounded(left / right)
    return _bounded(_power(left, right))


@dataclass(frozen=True)
class Linear:
    """``slope * x + constant``: what any side of a linear equation evaluates to."""

    slope: Fraction
    constant: Fraction

    @property
    def is_constant(self) -> bool:
        return self.slope == 0

    def negated(self) -> Linear:
        return Linear(-self.slope, -self.constant)


_ONE = Linear(Fraction(0), Fraction(1))


def _times(a: Linear, b: Linear) -> Linear:
    if not a.is_constant and not b.is_constant:
        raise NonLinearError("The unknown is multiplied by itself: only linear equations are solved.")
    factor, other = (a.constant, b) if a.is_constant else (b.constant, a)
    return Linear(apply("*", factor, other.slope), apply("*", factor, other.constant))


def _plus(a: Linear, b: Linear, op: str = "+") -> Linear:
    return Linear(apply(op, a.slope, b.slope), apply(op, a.constant, b.constant))


def _linear(node: Node) -> Linear:
    if isinstance(node, Num):
        return Linear(Fraction(0), node.value)
    if isinstance(node, Unknown):
        return Linear(Fraction(1), Fraction(0))
    if isinstance(node, Neg):
        return _linear(node.operand).negated()
    left, right = _linear(node.left), _linear(node.right)
    op = node.op
    if op in "+-":
        return _plus(left, right, op)
    if op == "*":
        return _times(left, right)
    if op == "/":
        if not right.is_constant:
            raise NonLinearError("The unknown is in a divisor: only linear equations are solved.")
        return Linear(apply("/", left.slope, right.constant), apply("/", left.constant, right.constant))
    if not right.is_constant:
        raise NonLinearError("The unknown is in an exponent: only linear equations are solved.")
    if left.is_constant:
        return Linear(Fraction(0), apply("^", left.constant, right.constant))
    if right.constant == 1:
        return left
    if right.constant == 0:
        return _ONE
    raise NonLinearError("The unknown is raised to a power: only linear equations are solved.")


@dataclass(frozen=True)
class Ratio:
    """``top / bottom``, both linear: a side with ``x`` in a divisor, as in ``3/4=6/x``."""

    top: Linear
    bottom: Linear


def _ratio(node: Node) -> Ratio:
    """Like :func:`_linear`, with divisors kept apart, so a proportion's sides stay linear and
    cross-multiply as a pupil's do: ``3:4=6:x`` gives ``3x=24``."""
    if isinstance(node, Neg):
        inner = _ratio(node.operand)
        return Ratio(inner.top.negated(), inner.bottom)
    if not isinstance(node, BinOp) or node.op == "^":
        return Ratio(_linear(node), _ONE)
    left, right = _ratio(node.left), _ratio(node.right)
    if node.op in "+-":
        return Ratio(_plus(_times(left.top, right.bottom), _times(right.top, left.bottom), node.op),
                     _times(left.bottom, right.bottom))
    if node.op == "*":
        return Ratio(_times(left.top, right.top), _times(left.bottom, right.bottom))
    return Ratio(_times(left.top, right.bottom), _times(left.bottom, right.top))  # "/"


def _value_at(node: Node, x: Fraction) -> Fraction:
    """The exact value with ``x`` put in (raises :class:`DivisionByZeroError` where it divides by zero)."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Unknown):
        return x
    if isinstance(node, Neg):
        return -_value_at(node.operand, x)
    return apply(node.op, _value_at(node.left, x), _value_at(node.right, x))


def evaluate(node: Node) -> Fraction:
    """The value of an expression without the unknown."""
    result = _linear(node)
    if not result.is_constant:
        raise ExpressionError("The expression contains x; write it as an equation (x=... or ...=...).")
    return result.constant


# -- the equation ------------------------------------------------------------------------------

def step_number(value: Fraction, as_fraction: bool = False) -> str:
    """A sub-result as a pupil writes it: integer, short decimal or (improper) fraction."""
    decimal = decimal_text(value, max_places=4)
    if decimal is None or (as_fraction and value.denominator != 1):
        return f"{value.numerator}/{value.denominator}"
    return decimal


def _step_operand(node: Node, value: Fraction, as_fraction: bool) -> str:
    """A number as written, or an earlier sub-result (bracketed when a fraction or negative)."""
    if isinstance(node, Num):
        return node.text
    text = step_number(value, as_fraction)
    return f"({text})" if "/" in text or value < 0 else text


@dataclass(frozen=True)
class Equation:
    """A parsed expression or equation in ``x``.

        >>> eq = Equation.parse("x=6000÷(1+(3/5))")
        >>> eq.steps(), eq.solve()
        (['1+(3/5)=8/5', '6000÷(8/5)=3750'], Fraction(3750, 1))
    """

    left: Node
    right: Node | None = None

    @classmethod
    def parse(cls, text: str) -> Equation:
        left, right = parse(text)
        return cls(left, right)

    @property
    def expression(self) -> Node | None:
        """The side to evaluate when the equation is ``x=<expr>`` (or ``<expr>=x``) or bare."""
        if self.right is None:
            return self.left
        if isinstance(self.left, Unknown) and not contains_unknown(self.right):
            return self.right
        if isinstance(self.right, Unknown) and not contains_unknown(self.left):
            return self.left
        return None

    def solve(self) -> Fraction:
        """The value of the expression, or of ``x`` in a linear equation."""
        expression = self.expression
        if expression is not None:
            return evaluate(expression)
        left, right, cross_multiplied = self._sides()
        slope = left.slope - right.slope
        if slope == 0:
            if left.constant == right.constant:
                raise NoUniqueSolutionError("Every number solves this equation.")
            raise NoUniqueSolutionError("No number solves this equation.")
        x = _bounded((right.constant - left.constant) / slope)
        if cross_multiplied:
            assert self.right is not None  # a bare expression is its own expression, solved above
            try:
                _value_at(self.left, x), _value_at(self.right, x)
            except DivisionByZeroError:
                raise NoUniqueSolutionError("No number solves this equation: its only candidate "
                                            "divides by zero.") from None
        return x

    def _sides(self) -> tuple[Linear, Linear, bool]:
        """Both sides as linear expressions, and whether they had to be cross-multiplied
        (``x`` in a divisor: the solution must then not divide by zero)."""
        assert self.right is not None  # only an equation that is no bare expression has sides
        try:
            return _linear(self.left), _linear(self.right), False
        except NonLinearError:
            left, right = _ratio(self.left), _ratio(self.right)
            return _times(left.top, right.bottom), _times(right.top, left.bottom), True

    def text(self, pretty: bool = False, number_text=None) -> str:
        sides = [to_text(self.left, pretty, number_text)]
        if self.right is not None:
            sides.append(to_text(self.right, pretty, number_text))
        return "=".join(sides)

    def steps(self, pretty: bool = True) -> list[str]:
        """The lines a pupil writes, innermost sub-result first: ``1+(3/5)=8/5``.

        For a linear equation: both sides simplified, the unknown gathered, the solution.
        """
        return [step.text for step in self.worked_steps(pretty)]

    def worked_steps(self, pretty: bool = True) -> list[Step]:
        """:meth:`steps` with the value each line works out (None for a linear equation's
        lines before the last, which hold ``x``)."""
        expression = self.expression
        if expression is not None:
            steps: list[Step] = []
            _collect_steps(expression, steps, pretty)
            return steps
        left, right, _ = self._sides()
        x = self.solve()
        slope, constant = left.slope - right.slope, right.constant - left.constant
        if slope < 0:  # gather x on the side where it stays positive: 6=5x → 5x=6, not -5x=-6
            slope, constant = -slope, -constant
        lines = [f"{_linear_text(left)}={_linear_text(right)}",
                 f"{_linear_text(Linear(slope, Fraction(0)))}={step_number(constant)}"]
        lines = [line for line in dict.fromkeys(lines) if line != f"x={step_number(x)}"]  # no line twice
        return [Step(line, None) for line in lines] + [Step(f"x={step_number(x)}", x)]


@dataclass(frozen=True)
class Step:
    """One line of working: ``180×5=900`` and the value it works out (900)."""

    text: str
    value: Fraction | None


def _linear_text(value: Linear) -> str:
    """``3x-2``, ``-x``, ``(2/3)x+1`` or a constant."""
    if value.slope == 0:
        return step_number(value.constant)
    slope = {Fraction(1): "", Fraction(-1): "-"}.get(value.slope, step_number(value.slope))
    if "/" in slope:
        slope = f"({slope})"
    if value.constant == 0:
        return f"{slope}x"
    sign = "+" if value.constant > 0 else "-"
    return f"{slope}x{sign}{step_number(abs(value.constant))}"


def _collect_steps(node: Node, steps: list[Step], pretty: bool) -> tuple[Fraction, bool]:
    """Append the steps under ``node``; return its value and whether to show it as a fraction
    (it is one when a fraction such as ``(3/5)`` went into it: pupils keep working in fractions).
    """
    if isinstance(node, Num):
        return node.value, "/" in node.text
    if isinstance(node, Neg):
        value, as_fraction = _collect_steps(node.operand, steps, pretty)
        return -value, as_fraction
    if isinstance(node, Unknown):
        raise ExpressionError("The expression contains x.")
    left, left_fraction = _collect_steps(node.left, steps, pretty)
    right, right_fraction = _collect_steps(node.right, steps, pretty)
    value = apply(node.op, left, right)
    as_fraction = left_fraction or right_fraction
    op = PRETTY_OPERATORS[node.op] if pretty else node.op
    steps.append(Step(f"{_step_operand(node.left, left, left_fraction)}{op}"
                      f"{_step_operand(node.right, right, right_fraction)}={step_number(value, as_fraction)}", value))
    return value, as_fraction


def solve(text: str) -> Fraction:
    """Parse and solve in one call: ``solve("x=1+2")`` → ``Fraction(3, 1)``."""
    return Equation.parse(text).solve()
