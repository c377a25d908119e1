"""An exact answer shown as a person expects it, with the unit the question asks for.

    >>> format_answer(Fraction(3750), "求洗衣机的价钱是多少元？").text
    '3750元'
    >>> format_answer(Fraction(11, 20), "还剩下这批帐篷的几分之几没完成？").text
    '11/20'
    >>> format_answer(Fraction(5, 3), "每人分多少千克？").text
    '1又2/3千克 (≈1.67)'

The form follows the question: "几分之几" or a chance (可能性) wants a fraction (带分数
when above 1), "百分之几" or a rate (出勤率, 百分比) a percent; otherwise an integer, a short
exact decimal, or a fraction with its rounded decimal. :func:`plausible` says whether a value
can be the answer at all (a count of people or trees is a positive whole number) — the
solver uses it to skip a candidate equation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from engine.mathwp.expression import decimal_text

# Longest first, so 平方千米 wins over 千米 and 米. 块钱/多少钱 are 元.
MEASURES = (
    "平方千米 平方米 平方分米 平方厘米 立方米 立方分米 立方厘米 千米/时 千米/小时 米/秒 米/分"
    " 千米 公里 分米 厘米 毫米 米 千克 公斤 克 吨 斤 毫升 升 公顷 亩 元 角 个小时 小时 分钟 秒 天 周"
    " 星期 个月 月 年 岁 度 倍"
).split()
COUNTED = (
    "人 个 只 本 棵 辆 条 张 台 件 头 匹 位 名 支 朵 盆 艘 架 间 座 层 页 次 份 套 双 瓶 杯 包 盒 筐"
    " 桶 篮 粒 颗 枚 道 题 场 组 排 户 家 所 片 堆 捆 箱 袋 根 把 块 幅 首 封 副 顶 节 面 行 盏 趟 圈 遍 段"
).split()
_UNITS = sorted(set(MEASURES + COUNTED), key=len, reverse=True)
_ASKED_UNIT = re.compile(r"(?:多少|几)(" + "|".join(re.escape(u) for u in _UNITS) + ")")
_MONEY = re.compile(r"(?:多少|几)块?钱")
_FRACTION_ASKED = re.compile(r"几分之几|\(*\(\)\)*/\(*\(\)\)*")  # or a blank fraction: ((())/(()))
# 效率/速率/频率/功率 are rates, not percents ("照这样的效率多少天可以加工完").
_PERCENT_ASKED = re.compile(r"百分之几|百分率|百分比|百分数|(?:多少|几)[%％]|(?<![效速频功])率(?:是|为|有)?多少")
_CHANCE_ASKED = re.compile(r"(?:可能性|概率)(?:是|为|有)?(?:多少|几|多大)")
_FALL_ASKED = re.compile(r"(?:降|减|少|低|节约|节省)了?(?:百分之几|几成|多少[%％]|百分率)")
_CLAUSE_END = re.compile(r"[，,。．；;！!？?]")
_SHARE_ASKED = re.compile(r"分数|分得|里面?有(?:多少|几)个")
_NEGATIVE_POSSIBLE = re.compile(r"负|零下|-\d|亏|低于零")
_HOW_MANY = re.compile(r"多少|几|求")
_PRICE_ASKED = re.compile(r"价钱|价格|售价|单价|总价|钱数")
_NUMBER_UNIT = re.compile(r"\d(?:\.\d+)?(" + "|".join(re.escape(u) for u in _UNITS) + ")")
_NOT_INFERRED = {"倍", "度"}  # "3倍" is a ratio, "30度" often an angle: never the asked quantity's unit
# A count per minute, per metre... asked for ("平均每分钟做多少个", "每千克有几个"): a rate. Below
# one it cannot be whole (8分钟做1个零件 makes 1/8 个 a minute); above one, school problems pick
# numbers that divide evenly, so it stays whole. "每10分钟" (a number between) is no such rate.
_RATE_MEASURES = [u for u in MEASURES if u not in {"倍", "岁", "度", "元", "角"}]
# 有余数除法: a count asked for "at least" (至少需要几辆车, 几次才能运完) is the quotient rounded
# up, "at most" (最多可以栽几行) rounded down. Only these words: with a bare 能 or 需要 the
# question is as often a product (每平方米能种15棵, 能种多少棵), whose whole answer the check keeps.
# The cue nearest before the question word decides (每人至少分3个最多可以分给几人: down).
_ROUNDING = re.compile(r"(?P<up>至少|最少|才(?:能|可以|够))|(?P<down>最多|至多)")
_PER_MEASURE_ASKED = re.compile(r"每一?(?:" + "|".join(re.escape(u) for u in _RATE_MEASURES) + r")[^，,。；;？?]*?(?:多少|几)")


@dataclass(frozen=True)
class Answer:
    value: Fraction
    number: str  # the value as shown: "3750", "11/20", "1又2/3", "62.5%"
    unit: str  # "元", "" when the question names none
    approximate: str = ""  # "≈1.67" when the exact form is a fraction that does not end

    @property
    def text(self) -> str:
        main = f"{self.number}{self.unit}"
        return f"{main} ({self.approximate})" if self.approximate else main


def asked_unit(question: str) -> str:
    """The unit of the quantity asked for (the last "多少<unit>" / "几<unit>"), or ""."""
    if _MONEY.search(question):
        last_money = max(m.end() for m in _MONEY.finditer(question))
    else:
        last_money = -1
    matches = list(_ASKED_UNIT.finditer(question))
    if matches and matches[-1].end() > last_money:
        return matches[-1].group(1)
    return "元" if last_money >= 0 else ""


def shown_unit(question: str) -> str:
    """The unit to show with the answer: the one asked for; 元 for a price (求洗衣机的价钱);
    or else, when the question asks "多少" / "几" / "求" without one, the single unit its
    numbers carry (15个 ... 3个 → 个). Display only: the solver's plausibility check keeps to
    :func:`asked_unit`."""
    unit, asked = asked_unit(question), asked_part(question)
    if unit:
        return unit
    if _PRICE_ASKED.search(asked):
        return "元"
    if not _HOW_MANY.search(asked):
        return ""
    carried = {match.group(1) for match in _NUMBER_UNIT.finditer(question)} - _NOT_INFERRED
    return carried.pop() if len(carried) == 1 else ""


def asked_part(question: str) -> str:
    """The last clause of the question, where it asks (a 20% given earlier is not asked for)."""
    clauses = [c for c in _CLAUSE_END.split(question) if c.strip()]
    return clauses[-1] if clauses else question


def counts_things(question: str) -> bool:
    """Whether the question asks for a number of people or things (a positive whole number);
    not when it asks for a share (分得), a fraction (用分数表示) or "how many 2.6 in 11.7"."""
    return asked_unit(question) in COUNTED and not _SHARE_ASKED.search(question)


def rate_asked(question: str) -> bool:
    """Whether the question asks for so many per minute, per metre, per kilogram...

    >>> rate_asked("8分钟做1个零件，平均每分钟做多少个？"), rate_asked("每10分钟做3个，1小时做多少个？")
    (True, False)
    """
    return bool(_PER_MEASURE_ASKED.search(asked_part(question)))


def rounding_asked(question: str) -> str:
    """"up" (进一法) or "down" (去尾法) when the question asks for a whole count that a
    division with a remainder answers, else "".

    >>> rounding_asked("435人坐车，每辆车坐8人，至少需要几辆车？"), rounding_asked("435棵树，每行8棵，最多可以栽多少行？")
    ('up', 'down')
    >>> rounding_asked("每平方米能种15棵，能种多少棵？"), rounding_asked("每分钟最多做多少个？")
    ('', '')
    >>> rounding_asked("每人至少分3个最多可以分给几人？"), rounding_asked("要运几次才能运完这435个？")
    ('down', 'up')
    """
    asked = asked_part(question)
    if not counts_things(question) or rate_asked(question):
        return ""
    cues = list(_ROUNDING.finditer(asked))
    if not cues:
        return ""
    question_word = _HOW_MANY.search(asked)
    asked_at = question_word.start() if question_word else len(asked)
    before = [cue for cue in cues if cue.start() < asked_at]
    return (before[-1] if before else cues[0]).lastgroup or ""


def mixed_number(value: Fraction) -> str:
    """``5/3`` → ``1又2/3``; a proper fraction or an integer stays as it is."""
    whole, rest = divmod(abs(value.numerator), value.denominator)
    sign = "-" if value < 0 else ""
    if rest == 0:
        return f"{sign}{whole}"
    if whole == 0:
        return f"{sign}{rest}/{value.denominator}"
    return f"{sign}{whole}又{rest}/{value.denominator}"


def _rounded(value: Fraction, places: int = 2) -> str:
    text = f"{float(value):.{places}f}".rstrip("0").rstrip(".")
    return f"≈{text}"


def format_answer(value: Fraction, question: str = "") -> Answer:
    """The value in the form the question asks for, with its unit."""
    unit = shown_unit(question)
    asked = asked_part(question)
    if _CHANCE_ASKED.search(asked):  # a chance has no unit ("摸到白球的可能性" is no number of balls)
        return Answer(value, mixed_number(value), "")
    if _FRACTION_ASKED.search(asked) and value.denominator != 1:
        return Answer(value, mixed_number(value), "")
    if _PERCENT_ASKED.search(asked):
        percent = decimal_text(value * 100, max_places=2)
        if percent is not None:
            return Answer(value, f"{percent}%", "")
        return Answer(value, f"{mixed_number(value * 100)}%", "", _rounded(value * 100) + "%")
    decimal = decimal_text(value, max_places=4)
    if decimal is not None:
        return Answer(value, decimal, unit)
    return Answer(value, mixed_number(value), unit, _rounded(value))


MAX_NUMERATOR = 10**10  # no word problem of the training data has an answer this large
MAX_DENOMINATOR = 10**10  # map scales reach 1:40000000


def plausible(value: Fraction, question: str) -> bool:
    """Could ``value`` answer ``question``? Counts are positive whole numbers (a count per
    minute, per metre... below one is a fraction); a chance is
    between 0 and 1; a fall in percent (降价百分之几) is below 100%, any percent at most
    1000%; nothing is astronomically large or fine, nor negative unless the question
    speaks of negatives, debts or temperatures below zero."""
    if abs(value.numerator) >= MAX_NUMERATOR or value.denominator >= MAX_DENOMINATOR:
        return False
    asked = asked_part(question)
    if _CHANCE_ASKED.search(asked):
        return 0 <= value <= 1
    if _FALL_ASKED.search(asked):
        return 0 < value < 1
    if _PERCENT_ASKED.search(asked):
        return 0 < value <= 10
    if counts_things(question):
        # so many a minute may be a fraction below one: 8分钟做1个 is 1/8 个 a minute
        return value > 0 and (value.denominator == 1 or (value < 1 and rate_asked(question)))
    return value >= 0 or bool(_NEGATIVE_POSSIBLE.search(question))
