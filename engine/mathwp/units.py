"""Units of one measure and how they convert, exactly: 3米 is 300厘米, 2小时 is 120分钟.

    >>> convert(Fraction(300), "厘米", "米")
    Fraction(3, 1)
    >>> convert(Fraction(3), "千克", "米") is None     # not one measure
    True

The units are those of :data:`engine.mathwp.answer.MEASURES` that a primary-school answer
converts between; counted things (人, 本, 棵) and money's 元/角 aside from each other, a
unit converts only into another of its own measure. 年/月/天 are not converted (a month has
no fixed number of days), 分 neither (a minute or a cent).
"""

from __future__ import annotations

from fractions import Fraction

# unit -> (measure, size in that measure's base unit)
_SCALES: dict[str, tuple[str, Fraction]] = {
    **{unit: ("length", Fraction(size)) for unit, size in (
        ("千米", 1000), ("公里", 1000), ("米", 1), ("分米", Fraction(1, 10)), ("厘米", Fraction(1, 100)),
        ("毫米", Fraction(1, 1000)))},
    **{unit: ("area", Fraction(size)) for unit, size in (
        ("平方千米", 10**6), ("公顷", 10**4), ("亩", Fraction(2000, 3)), ("平方米", 1),
        ("平方分米", Fraction(1, 100)), ("平方厘米", Fraction(1, 10**4)))},
    **{unit: ("volume", Fraction(size)) for unit, size in (
        ("立方米", 1000), ("升", 1), ("立方分米", 1), ("毫升", Fraction(1, 1000)), ("立方厘米", Fraction(1, 1000)))},
    **{unit: ("mass", Fraction(size)) for unit, size in (
        ("吨", 1000), ("千克", 1), ("公斤", 1), ("斤", Fraction(1, 2)), ("克", Fraction(1, 1000)))},
    **{unit: ("time", Fraction(size)) for unit, size in (
        ("周", 7 * 86400), ("星期", 7 * 86400), ("天", 86400), ("小时", 3600), ("个小时", 3600),
        ("分钟", 60), ("秒", 1))},
    **{unit: ("money", Fraction(size)) for unit, size in (("元", 1), ("块钱", 1), ("角", Fraction(1, 10)))},
    **{unit: ("speed", Fraction(size)) for unit, size in (
        ("千米/时", Fraction(1000, 3600)), ("千米/小时", Fraction(1000, 3600)), ("米/秒", 1),
        ("米/分", Fraction(1, 60)))},
}


def measure(unit: str) -> str | None:
    """``"length"``, ``"mass"``, ... or None for a unit that does not convert."""
    return _SCALES[unit][0] if unit in _SCALES else None


def convert(value: Fraction, unit: str, to_unit: str) -> Fraction | None:
    """``value`` in ``unit`` expressed in ``to_unit``; None when they are not one measure."""
    if unit == to_unit:
        return value
    if measure(unit) is None or measure(unit) != measure(to_unit):
        return None
    return value * _SCALES[unit][1] / _SCALES[to_unit][1]
