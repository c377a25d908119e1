"""Equations as prefix expression trees: what the tree decoder (:mod:`engine.mathwp.tree_model`)
is trained to write, one node at a time, operators before their operands.

An operand is a number of the problem (its placeholder ``[Nk]``) or one of a small set of
constants (``1``, ``3.14``, ``100``, ... chosen by their frequency in the training data):

    >>> problem = Problem.from_text("修了全长的80%，距终点还有40千米．这条公路长多少千米？")
    >>> prefix_tokens(problem, Equation.parse("x=40/(1-80%)"), ["1"])
    ['/', '[N1]', '-', '1', '[N0]']
    >>> infix_target(['/', '[N1]', '-', '1', '[N0]'])
    '[N1]/(1-[N0])'

``x=<expression>`` and ``<expression>=x`` give the same tree, and a linear equation is
solved for ``x`` on its trees first (:func:`solved_for_x`: ``a*x=b*(x-c)`` → ``b*c/(b-a)``),
so the decoder writes an expression every time. What has no tree here raises
:class:`NotATreeError` saying why: ``x`` in a divisor, a unary minus, a constant outside the set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from engine.mathwp.data import Item, Problem
from engine.mathwp.expression import (BinOp, Equation, ExpressionError, Neg, Node, Num, Unknown, contains_unknown,
                                      evaluate, number, plain_number, to_text)

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
        raise NotATreeError("x inside the expression")


Terms = list[tuple[bool, Node | None]]  # (positive?, tree) summed; None stands for 1 (x's own slope)


def _times(terms: Terms, factor: Node, factor_first: bool, op: str = "*") -> Terms:
    def product(tree: Node | None) -> Node:
        if tree is None:
            return factor if op == "*" else BinOp("/", number(1), factor)
        return BinOp(op, factor, tree) if factor_first else BinOp(op, tree, factor)

    return [(sign, product(tree)) for sign, tree in terms]


def _flipped(terms: Terms) -> Terms:
    return [(not sign, tree) for sign, tree in terms]


def _linear_terms(node: Node) -> tuple[Terms, Terms]:
    """(slope, constant) of a linear expression as signed terms over its own sub-trees; a
    sub-tree without x stays one term, so ``(12+5)*x`` keeps ``12+5`` together."""
    if not contains_unknown(node):
        return [], [(True, node)]
    if isinstance(node, Unknown):
        return [(True, None)], []
    if isinstance(node, Neg):
        slope, constant = _linear_terms(node.operand)
        return _flipped(slope), _flipped(constant)
    assert isinstance(node, BinOp)  # a number has no x: returned above
    if node.op in "+-":
        (left_slope, left_constant), (right_slope, right_constant) = _linear_terms(node.left), _linear_terms(node.right)
        if node.op == "-":
            right_slope, right_constant = _flipped(right_slope), _flipped(right_constant)
        return left_slope + right_slope, left_constant + right_constant
    if node.op == "*" and not contains_unknown(node.left):
        slope, constant = _linear_terms(node.right)
        return _times(slope, node.left, True), _times(constant, node.left, True)
    if node.op in "*/" and not contains_unknown(node.right):
        slope, constant = _linear_terms(node.left)
        return _times(slope, node.right, False, node.op), _times(constant, node.right, False, node.op)
    raise NotATreeError("x in a divisor or a power")


def _sum(terms: Terms) -> Node:
    """Signed terms as one tree, a positive term first (the caller ensures there is one)."""
    terms = sorted(terms, key=lambda term: not term[0])  # stable: the equation's order otherwise
    tree = terms[0][1] or number(1)
    for positive, term in terms[1:]:
        tree = BinOp("+" if positive else "-", tree, term or number(1))
    return tree


def _unknowns(node: Node) -> int:
    if isinstance(node, Unknown):
        return 1
    if isinstance(node, Neg):
        return _unknowns(node.operand)
    return _unknowns(node.left) + _unknowns(node.right) if isinstance(node, BinOp) else 0


_UNDO = {"+": "-", "-": "+", "*": "/", "/": "*"}


def _undone(side: Node, other: Node) -> Node:
    """x alone, from ``side = other`` with x once in ``side``: each operation around x undone
    in turn, as a pupil does (``(x-3)*2=10`` → ``10/2+3``)."""
    while not isinstance(side, Unknown):
        if not isinstance(side, BinOp) or side.op == "^":
            raise NotATreeError("unary minus" if isinstance(side, Neg) else "x in a power")
        # other before side in each assignment: mypy checks the items in turn, and side is
        # no longer known to be a BinOp once it is reassigned
        if contains_unknown(side.left):
            other, side = BinOp(_UNDO[side.op], other, side.right), side.left
        elif side.op in "-/":  # a - x = b gives x = a - b; a / x = b gives x = a / b
            other, side = BinOp(side.op, side.left, other), side.right
        else:
            other, side = BinOp(_UNDO[side.op], other, side.left), side.right
    return other


def _collected(left: Node, right: Node) -> Node:
    """x from a linear equation ``left = right`` with x in several places: the x terms moved
    left and the rest right, then divided (``15+x=4*x`` → ``15/(4-1)``)."""
    left_slope, left_constant = _linear_terms(left)
    right_slope, right_constant = _linear_terms(right)
    moved_slope, moved_constant = left_slope + _flipped(right_slope), right_constant + _flipped(left_constant)
    for slope, constant in ((moved_slope, moved_constant), (_flipped(moved_slope), _flipped(moved_constant))):
        if any(sign for sign, _ in slope) and any(sign for sign, _ in constant):
            return _sum(constant) if slope == [(True, None)] else BinOp("/", _sum(constant), _sum(slope))
    raise NotATreeError("x is 0 or negative")


def solved_for_x(equation: Equation) -> Node:
    """The expression that x equals, written with the equation's own sub-trees: by undoing
    the operations around x when it occurs once, else by collecting its terms."""
    if equation.right is None:
        raise NotATreeError("expression without x")
    left, right = _unknowns(equation.left), _unknowns(equation.right)
    if left + right == 1:
        side, other = (equation.left, equation.right) if left else (equation.right, equation.left)
        solved = _undone(side, other)
    else:
        solved = _collected(equation.left, equation.right)
    try:
        if evaluate(solved) != equation.solve():
            raise NotATreeError("solving changed the value")
    except ExpressionError as exc:
        raise NotATreeError(f"solved form does not evaluate: {exc}") from exc
    return solved


def prefix_tokens(problem: Problem, equation: Equation, constants: Iterable[str] | None = None) -> list[str]:
    """The equation's expression (a linear equation solved for x) in prefix order over
    ``problem``'s placeholders and the ``constants`` (None: any constant)."""
    expression = equation.expression
    if expression is None:
        expression = solved_for_x(equation)
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
