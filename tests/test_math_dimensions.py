"""Unit conversions the solver puts into the model's equation (engine/mathwp/dimensions.py)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from engine.mathwp.data import Problem
from engine.mathwp.dimensions import in_asked_units
from engine.mathwp.solver import check_candidates


def converted(text: str, target: str) -> str | None:
    problem = Problem.from_text(text)
    found = in_asked_units(problem, problem.text, target)
    return found.target if found else None


@pytest.mark.parametrize(("text", "target", "expected"), [
    # centimetres times a count, metres asked
    ("他每步长75厘米，走了240步，走了多少米？", "[N0]*[N1]", "[N0]*[N1]/100"),
    # a sum of centimetres and decimetres, centimetres asked: the decimetres are converted
    ("上底150厘米，下底25分米，高20厘米，面积是多少平方厘米？", "([N0]+[N1])*[N2]/2", "([N0]+[N1]*10)*[N2]/2"),
    # square centimetres asked as dm**2 (the way Ape210K writes units)
    ("梯形上底与下底的和是10厘米，高是4厘米，面积是多少dm**2？", "[N0]*[N1]/2", "[N0]*[N1]/2/100"),
    # kilograms over grams is a plain count, a thousand times the bare quotient
    ("把5千克糖分装成每袋250克，可以装多少袋？", "[N0]/[N1]", "[N0]/[N1]*1000"),
    # tonnes plus kilograms, tonnes asked
    ("一辆载重4吨的卡车，装运5000千克的货物，连车带货一共重多少吨？", "[N0]+[N1]", "[N0]+[N1]/1000"),
    # hectares from square metres
    ("菜地长为60m、宽为40m，它的面积有多少公顷？", "[N0]*[N1]", "[N0]*[N1]/10000"),
    # a rate asked: kilometres an hour to metres a minute
    ("汽车3小时行了180千米，平均每分钟行多少米？", "[N1]/[N0]", "[N1]/[N0]*50/3"),
    # a unit followed by a letter (两地相距255千米A、B) is still a unit
    ("相距255千米A、B两地，快车已行了300米，还剩多少米？", "[N0]-[N1]", "[N0]*1000-[N1]"),
])
def test_conversions_a_pupil_writes(text, target, expected):
    assert converted(text, target) == expected


@pytest.mark.parametrize(("text", "target"), [
    ("每步长75厘米，走了240步，走了多少厘米？", "[N0]*[N1]"),  # already in the unit asked
    ("每步长75厘米，走了240步，走了多少米？", "[N0]*[N1]/100"),  # the model converted itself
    ("汽车每小时行60千米，行了3小时，一共行了多少米？", "[N0]*[N1]"),  # 60 is a rate, 每小时 … 千米
    ("3千克苹果12元，1千克苹果多少元？", "[N1]/[N0]"),  # yuan per kilogram is no sum of money
    ("一根绳子长3米，剪去2段，还剩多少厘米？", "[N0]-[N1]"),  # metres minus a count: unsure
    ("解方程：3x=12米，x是多少厘米？", "x*[N0]=[N1]"),  # an equation in x is left alone
    # (2/5)小时 inside a bracket of two numbers is no fraction literal: hours already
    ("相距120千米，汽车(2/5)小时行驶了32千米，从甲地到乙地需要多少小时？", "[N0]/([N2]/[N1])"),
    ("农机站有433千克柴油，用了5天，平均每天大约用多少千克？", "[N0]/[N1]"),  # kilograms a day, as asked
    ("小丽的速度为4千米/h，走了0.25小时，两村相距多少米？", "[N1]/(1/4)"),  # 1/4 is the text's 4 turned over
    ("妈妈一周(5天)共骑车12.5小时，平均每天骑车几小时？", "[N1]/[N0]"),  # hours a day, as asked
    ("开放时间是上午9：00到晚上12：00，每天开放共多少小时？", "15"),  # no unit in it
    ("一项工程3星期零2天完成，合多少天？", "[N0]*7+[N1]"),  # the model converted with 7 itself
    ("10斤是多少千克？", "[N0]/2"),  # and with 2
    ("一块地面积是3m2，另一块是50dm2，一共多少m2？", "[N0]+[N2]"),  # m2 is not read as metres
    ("小明有5元，花了2.3元，还剩几元几角？", "[N0]-[N1]"),  # an answer in two units
])
def test_left_as_written_when_unsure_or_not_needed(text, target):
    assert converted(text, target) is None


def test_the_checked_candidate_answers_in_the_asked_unit():
    text = "机灵狗走了240步，他每步的平均长度大约是75厘米，机灵狗走了多少米？"
    [candidate] = check_candidates(Problem.from_text(text), text, [("[N0]*[N1]", -0.1)])
    assert candidate.valid and candidate.value == Fraction(180)
    assert candidate.steps == ["240×75=18000", "18000÷100=180", "18000厘米=180米"]
