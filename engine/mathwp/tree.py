"""Equations as prefix expression trees: what the tree decoder (:mod:`engine.mathwp.tree_model`)
is trained to write, one node at a time, operators before their operands.

An operand is a number of the problem (its placeholder ``[Nk]``) or one of a small set of
constants (``1``, ``3.14``, ``100``, ... chosen by their frequency in the training data):

    >>> problem = Problem.from_text("修了全长的80%，距终点还有40千米．这条公路长多少千米？")
    >>> prefix_tokens(problem, Equation.parse("x=40/(1-80%)"), ["1"])
    ['/', '[N1]', '-', '1', '[N0]']
    >>> infix_target(['/', '[N1]', '-', '1', '[N0]'])
    '[N1]/(1-[N0])'

``x=<expression>`` and ``<expression>=x`` give the same tree. What has no tree here raises
:class:`NotATreeError` saying why: a linear equation with ``x`` on both sides or inside
(``[N0]*x=[N1]*(x-[N2])``; the tree writes only the expression that *is* x), a unary minus,
a constant outside the set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from engine.mathwp.data import Item, Problem
from engine.mathwp.expression import BinOp, Equation, Neg, Node, Num, plain_number, to_text

OPERATORS = ("+", "-", "*", "/", "^")


class NotATreeError(ValueError):
    """An equation the tree decoder cannot write; the message is the reason, for counting."""


def _operand(num: Num) -> str:
    return num.text if num.text.startswith("[N") else plain_number(num.value)


def _walk(node: Node, constants: set[str] | None, out: list[str]) -> None:
    if isinstance(node, BinOp):
        out.append(node.op)
        _walk(node.left, constants, out)
        _walk(node.right, constants, out)
    elif isinstance(node, Num):
        token = _operand(node)
        if constants is not None and not token.startswith("[N") and token not in constants:
            raise NotATreeError("constant outside the set")
        out.append(token)
    elif isinstance(node, Neg):
        raise NotATreeError("unary minus")
    else:
        raise NotATreeError("linear equation")  # x inside the expression


def prefix_tokens(problem: Problem, equation: Equation, constants: Iterable[str] | None = None) -> list[str]:
    """The equation's expression in prefix order over ``problem``'s placeholders and the
    ``constants`` (None: any constant)."""
    expression = equation.expression
    if expression is None:
        raise NotATreeError("linear equation")
    out: list[str] = []
    _walk(problem._mapped(expression), None if constants is None else set(constants), out)
    return out


def constant_counts(items: Iterable[Item]) -> Counter:
    """How many training equations use each constant (a literal that is no number of the text)."""
    counts: Counter = Counter()
    for item in items:
        try:
            tokens = prefix_tokens(Problem.from_text(item.text), Equation.parse(item.equation))
        except NotATreeError:
            continue
        counts.update({t for t in tokens if t not in OPERATORS and not t.startswith("[N")})
    return counts


def choose_constants(items: Iterable[Item], min_count: int = 20) -> list[str]:
    """The constants used by at least ``min_count`` training equations, most frequent first."""
    return [token for token, count in constant_counts(items).most_common() if count >= min_count]


@dataclass(frozen=True)
class TreeShape:
    """Where each node of a prefix sequence sits: what the batched forward pass walks.

    ``parent`` is -1 for the root; ``sibling`` is a right child's left sibling (-1 else);
    ``left``/``right`` an operator's children (-1 for a leaf); ``height`` is 0 for a leaf."""

    parent: list[int]
    is_right: list[bool]
    sibling: list[int]
    left: list[int]
    right: list[int]
    depth: list[int]
    height: list[int]


def tree_shape(tokens: list[str]) -> TreeShape:
    """The shape of a prefix sequence; :class:`NotATreeError` when it is not one whole tree."""
    n = len(tokens)
    shape = TreeShape([-1] * n, [False] * n, [-1] * n, [-1] * n, [-1] * n, [0] * n, [0] * n)
    position = 0

    def node(parent: int, depth: int) -> int:
        nonlocal position
        if position >= n:
            raise NotATreeError("prefix sequence ends early")
        index = position
        position += 1
        shape.parent[index], shape.depth[index] = parent, depth
        if tokens[index] in OPERATORS:
            left = node(index, depth + 1)
            right = node(index, depth + 1)
            shape.left[index], shape.right[index] = left, right
            shape.is_right[right], shape.sibling[right] = True, left
            shape.height[index] = 1 + max(shape.height[left], shape.height[right])
        return index

    node(-1, 0)
    if position != n:
        raise NotATreeError("tokens after a whole tree")
    return shape


def _tree(tokens: list[str], position: int = 0) -> tuple[Node, int]:
    token = tokens[position]
    if token in OPERATORS:
        left, position = _tree(tokens, position + 1)
        right, position = _tree(tokens, position)
        return BinOp(token, left, right), position
    return Num(Fraction(0), token), position + 1


def infix_target(tokens: list[str]) -> str:
    """A prefix sequence as the infix target the solver checks (``[N0]/([N1]-1)``), with as
    few brackets as its meaning needs."""
    tree_shape(tokens)  # a whole tree, or NotATreeError
    return to_text(_tree(tokens)[0], number_text=lambda num: num.text)
