"""Put an equation into the units the question asks for, as a pupil must.

The model writes ``75*240`` for "每步75厘米，走了240步，走了多少米？": right arithmetic, wrong
unit. Each number of the text carries the unit written after it; the equation's tree is
walked with those units (centimetre × count is a length in centimetres, centimetre ×
centimetre an area in square centimetres, litres ÷ litres a plain ratio) and the conversions
a pupil writes are put in where they belong:

    >>> from engine.mathwp.data import Problem
    >>> problem = Problem.from_text("每步75厘米，机灵狗走了240步，走了多少米？")
    >>> in_asked_units(problem, problem.text, "[N0]*[N1]").target
    '[N0]*[N1]/100'
    >>> problem = Problem.from_text("上底150厘米，下底25分米，高20厘米，面积是多少平方厘米？")
    >>> in_asked_units(problem, problem.text, "([N0]+[N1])*[N2]/2").target
    '([N0]+[N1]*10)*[N2]/2'

Only where the walk is sure: every quantity's unit known, sums of like quantities, products
and quotients whose result is a length, area, volume, mass, time or sum of money — and the
answer's measure the one asked for; a plain ratio of like quantities in unlike units (5千克 ÷ 250克)
is scaled to a plain number, and a rate asked (平均每分钟行多少米) is a measure over a measure. A
number after 每小时 / 每千克 (a rate whose unit the text splits), a conversion constant the model
wrote itself (``/100``, ``*7`` between 星期 and 天), or an answer asked in two units (几元几角)
leaves the equation as it is (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from engine.mathwp.answer import asked_part
from engine.mathwp.data import PLACEHOLDER, Problem
from engine.mathwp.expression import BinOp, ExpressionError, Neg, Node, Num, Unknown, parse_expression, to_text

# A dimension is (length, mass, time, money) exponents; a unit is its dimension and its size in
# metres, kilograms, seconds and yuan.
Dimension = tuple[int, int, int, int]
NONE: Dimension = (0, 0, 0, 0)
_LENGTH, _AREA, _VOLUME = (1, 0, 0, 0), (2, 0, 0, 0), (3, 0, 0, 0)
_MASS, _TIME, _MONEY, _SPEED = (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1), (1, 0, -1, 0)
Unit = tuple[Dimension, Fraction]
_Quantity = tuple[Fraction, Unit | None]  # a text number's value and unit (None: a rate)

UNITS: dict[str, Unit] = {}  # the one table of units and their sizes: answers typed (check.py) and problems
for _names, _dimension, _size in (
    ("千米 公里 km", _LENGTH, 1000), ("米 m", _LENGTH, 1), ("分米 dm", _LENGTH, Fraction(1, 10)),
    ("厘米 cm", _LENGTH, Fraction(1, 100)), ("毫米 mm", _LENGTH, Fraction(1, 1000)),
    ("平方千米 km**2 km²", _AREA, 10**6), ("公顷", _AREA, 10**4), ("亩", _AREA, Fraction(2000, 3)),
    ("平方米 m**2 m²", _AREA, 1),
    ("平方分米 dm**2 dm²", _AREA, Fraction(1, 100)), ("平方厘米 cm**2 cm²", _AREA, Fraction(1, 10**4)),
    ("平方毫米 mm**2 mm²", _AREA, Fraction(1, 10**6)),
    ("立方米 m**3 m³", _VOLUME, 1), ("立方分米 dm**3 dm³ 升 L", _VOLUME, Fraction(1, 1000)),
    ("立方厘米 cm**3 cm³ 毫升 mL ml", _VOLUME, Fraction(1, 10**6)),
    ("吨 t", _MASS, 1000), ("千克 公斤 kg", _MASS, 1), ("斤", _MASS, Fraction(1, 2)), ("克 g", _MASS, Fraction(1, 1000)),
    ("星期", _TIME, 7 * 86400), ("天", _TIME, 86400), ("小时 个小时 h", _TIME, 3600), ("分钟 min", _TIME, 60), ("秒", _TIME, 1),
    ("元 块钱", _MONEY, 1), ("角", _MONEY, Fraction(1, 10)),
    ("千米/时 千米/小时 千米/h 千米每小时 km/h", _SPEED, Fraction(1000, 3600)), ("米/秒 米/s m/s", _SPEED, 1),
    ("米/分 米/分钟 米/min m/min", _SPEED, Fraction(1, 60)),
):
    for _name in _names.split():
        UNITS[_name] = (_dimension, Fraction(_size))

_NAMES: dict[Unit, str] = {}  # each unit's first (Chinese) name, for the working: 52000厘米=520米
for _name, _unit in UNITS.items():
    _NAMES.setdefault(_unit, _name)
_ALTERNATIVES = "|".join(re.escape(name) for name in sorted(UNITS, key=len, reverse=True))
# Longest first; a unit may not run on into a longer one the table lacks (千米/h), and a Latin
# one not into a word (m of min); 255千米A is 255 kilometres.
_UNIT = rf"(?:{_ALTERNATIVES})(?<![A-Za-z²³])(?![/²³*])|(?:{_ALTERNATIVES})(?<=[A-Za-z²³])(?![A-Za-z*²³/\d^])"
_UNIT_AFTER = re.compile(_UNIT)
_ASKED = re.compile(rf"(?:多少|几)({_UNIT})")
# 每小时5千米, 每千克8元: the number is a rate whose unit the text splits in two.
_PER_MEASURE = re.compile(rf"每一?(?:{_ALTERNATIVES})")
_CLAUSE = re.compile(r"[，,。．；;！!？?：:]")
# Constants a pupil converts with: an equation holding one converts already.
_CONVERSION = {Fraction(n) for n in (10, 24, 60, 100, 1000, 3600, 10**4, 10**5, 10**6)}
_CONVERSION |= {1 / n for n in _CONVERSION}


_MARKER = 987_654_000
_MARKER_TEXT = re.compile(rf"{_MARKER // 1000}(\d\d\d)\.5")


def _marker_text(index: int) -> str:
    """The marker for the text's number ``index``: no whole number, so ``([N0]/[N1])`` does not
    read as one fraction literal (3/5)."""
    return f"{_MARKER + index}.5"



class _Unsure(Exception):
    """The walk cannot say the unit of some part of the equation."""


def convert(value: Fraction, unit: str, to_unit: str) -> Fraction | None:
    """``value`` in ``unit`` expressed in ``to_unit``; None when they are not one measure.

        >>> convert(Fraction(300), "厘米", "米"), convert(Fraction(3), "千克", "米")
        (Fraction(3, 1), None)
    """
    if unit == to_unit:
        return value
    if unit not in UNITS or to_unit not in UNITS or UNITS[unit][0] != UNITS[to_unit][0]:
        return None
    return value * UNITS[unit][1] / UNITS[to_unit][1]


def _number_unit(problem: Problem, index: int) -> Unit | None:
    """The unit written after the text's number ``index``: (dimension, size); a count or a
    bare number is (NONE, 1); None for a rate (每小时 … 5千米)."""
    number = problem.numbers[index]
    if number.text.endswith("%"):
        return NONE, Fraction(1)
    clause_start = max((m.end() for m in _CLAUSE.finditer(problem.text, 0, number.start)), default=0)
    if _PER_MEASURE.search(problem.text, clause_start, number.start):
        return None
    unit = _UNIT_AFTER.match(problem.text, number.end)
    return UNITS[unit.group()] if unit else (NONE, Fraction(1))


def _scaled(node: Node, factor: Fraction) -> Node:
    """``node`` times ``factor``, written as a pupil writes it (``x*10``, ``x/100``)."""
    if factor == 1:
        return node
    if factor.numerator == 1:
        return BinOp("/", node, Num(Fraction(factor.denominator), str(factor.denominator)))
    if factor.denominator == 1:
        return BinOp("*", node, Num(factor, str(factor.numerator)))
    return BinOp("/", BinOp("*", node, Num(Fraction(factor.numerator), str(factor.numerator))),
                 Num(Fraction(factor.denominator), str(factor.denominator)))


def _walk(node: Node, numbers: dict[Fraction, _Quantity], asked: Unit | None) -> tuple[Node, Dimension, Fraction]:
    """(the node with conversions put in, its dimension, its unit's size); ``numbers`` maps each
    marker standing for a text number to that number's value and unit; a sum of unlike units is
    put into ``asked`` when it is of that measure."""
    if isinstance(node, Num):
        if node.value in numbers:
            unit = numbers[node.value][1]
            if unit is None:
                raise _Unsure
            return node, *unit
        if node.value in _CONVERSION:
            raise _Unsure
        return node, NONE, Fraction(1)
    if isinstance(node, Neg):
        inner, dimension, size = _walk(node.operand, numbers, asked)
        return Neg(inner), dimension, size
    if isinstance(node, Unknown):
        raise _Unsure
    left, left_dimension, left_size = _walk(node.left, numbers, asked)
    right, right_dimension, right_size = _walk(node.right, numbers, asked)
    if node.op in "+-":
        if left_dimension != right_dimension:
            raise _Unsure  # 3米 + 2: the model means something the walk does not see
        # Into the unit asked, else the smaller one, as a pupil does: 255千米-300米 → 255000-300
        size = asked[1] if asked and asked[0] == left_dimension else min(left_size, right_size)
        return BinOp(node.op, _scaled(left, left_size / size), _scaled(right, right_size / size)), left_dimension, size
    if node.op == "*":
        if left_dimension == right_dimension != NONE and left_size != right_size:  # 2米 × 50厘米
            right, right_size = _scaled(right, right_size / left_size), left_size
        return BinOp("*", left, right), _plus(left_dimension, right_dimension, 1), left_size * right_size
    if node.op == "/":
        return BinOp("/", left, right), _plus(left_dimension, right_dimension, -1), left_size / right_size
    exponent = numbers[node.right.value][0] if isinstance(node.right, Num) and node.right.value in numbers else (
        node.right.value if isinstance(node.right, Num) else None)
    if right_dimension != NONE or exponent is None or exponent.denominator != 1 or not 0 < exponent <= 3:
        raise _Unsure
    power = int(exponent)
    return BinOp("^", left, right), _plus(NONE, left_dimension, power), left_size ** power


def _plus(a: Dimension, b: Dimension, times: int) -> Dimension:
    """``a`` + ``times`` × ``b``, exponent by exponent."""
    return (a[0] + times * b[0], a[1] + times * b[1], a[2] + times * b[2], a[3] + times * b[3])


def _asked_unit(question: str) -> Unit | None:
    """The unit of the last "多少<unit>" of the question that this module converts, or None; a
    rate when the question asks per unit (平均每天用多少千克: kilograms a day)."""
    asked = list(_ASKED.finditer(question))
    if not asked:
        return None
    (dimension, size), start = UNITS[asked[-1].group(1)], asked[-1].start()
    clause_start = max((m.end() for m in _CLAUSE.finditer(question, 0, start)), default=0)
    per = list(_PER_MEASURE.finditer(question, clause_start, start))
    if per:
        per_dimension, per_size = UNITS[per[-1].group().lstrip("每一")]
        return _plus(dimension, per_dimension, -1), size / per_size
    return dimension, size


@dataclass(frozen=True)
class AsAsked:
    """An equation put into the unit asked."""

    target: str  # with the conversions put in
    change: tuple[str, str, Fraction] | None = None  # (from 厘米, to 米, the factor 1/100) of the answer, when it has one


def in_asked_units(problem: Problem, question: str, target: str) -> AsAsked | None:
    """The model's ``target`` with unit conversions put in, or None when it needs none or the
    walk is unsure (see the module's docstring)."""
    # Each placeholder becomes a marker number no equation writes, so the tree keeps which
    # text number each leaf is (a constant 2 is not the text's 2米).
    markers = {index: Fraction(_marker_text(index)) for index in range(len(problem.numbers))}
    numbers = {marker: (problem.numbers[index].value, _number_unit(problem, index)) for index, marker in markers.items()}
    try:
        tree = parse_expression(PLACEHOLDER.sub(lambda m: _marker_text(int(m.group(1))), target))
    except ExpressionError:
        return None  # an equation in x, or something the check will refuse anyway
    if any(value >= _MARKER + len(markers) for value in _values(tree) if value >= _MARKER):
        return None  # a placeholder the text has no number for
    if len(_ASKED.findall(asked_part(question))) > 1:
        return None  # 几元几角, 多少米多少厘米: an answer in two units
    asked = _asked_unit(question)
    values = {value for value, _ in numbers.values()}
    constants = [value for value in _values(tree) if value not in numbers]
    if any(value.numerator == 1 and value.denominator > 3 and 1 / value in values for value in constants):
        return None  # a text number in disguise: 4千米/h written as the constant 1/4 (1/2 and 1/3 are halves and cones)
    sizes = {unit[1] for _, unit in numbers.values() if unit is not None} | ({asked[1]} if asked else set())
    if any(value != 1 and value in {a / b for a in sizes for b in sizes} for value in constants):
        return None  # the model converted itself: ×7 for 星期 and 天, ×2 for 千克 and 斤
    try:
        converted, dimension, size = _walk(tree, numbers, asked)
    except _Unsure:
        return None
    change = None
    if dimension == NONE:
        if asked is not None and asked[0] != NONE:
            return None  # a plain ratio where a measure is asked: numbers written without units
        if size == 1 and converted == tree:
            return None  # no unit in it (15, asked 每天…多少小时)
        converted = _scaled(converted, size / (asked[1] if asked else 1))  # 12.5小时 ÷ 5天, 每天几小时: no change
    elif asked is None or asked[0] != dimension:
        return None  # a measure not asked: the model may mean what the walk does not see
    else:
        factor = size / asked[1]
        converted = _scaled(converted, factor)
        if factor != 1 and (dimension, size) in _NAMES and (dimension, asked[1]) in _NAMES:
            change = (_NAMES[dimension, size], _ASKED.findall(question)[-1], factor)
    if converted == tree:
        return None
    return AsAsked(_MARKER_TEXT.sub(lambda m: f"[N{int(m.group(1))}]", to_text(converted)), change)


def _values(node: Node) -> list[Fraction]:
    if isinstance(node, Num):
        return [node.value]
    if isinstance(node, Neg):
        return _values(node.operand)
    if isinstance(node, BinOp):
        return _values(node.left) + _values(node.right)
    return []
