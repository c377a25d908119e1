"""Check my answer (engine/mathwp/check.py): worked examples against a solution the model
(stub beams) or the evaluator gives: right, a wrong number, the right number in the wrong
unit, another unit of the same measure, an equation wrong at step 2; and the CLI verb."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from engine.mathwp.check import RIGHT, WRONG, WRONG_UNIT, AnswerError, GivenAnswer, check_answer
from engine.mathwp.expression import ExpressionSyntaxError
from engine.mathwp.solver import MathSolver, solve_equation
from engine.mathwp.dimensions import convert
from engine.runtime.store import ModelStore

# 1236 kg, 5 loads of 180 kg, the rest in 8 loads: (1236-180×5)÷8 = 42 kg
TRUCK = "一辆车要运货1236千克，先运了5次，每次运180千克，剩下的要8次运完，平均每次运多少千克？"
TRUCK_BEAMS = [("([N0]-[N2]*[N1])/[N3]", -0.05), ("([N0]+[N2]*[N1])/[N3]", -3.0)]
SHARE = "一堆帐篷共20顶，已经搭好了9顶，还剩下这批帐篷的几分之几没搭？"
PERCENT = "某班有40人，今天出勤36人，出勤率是百分之几？"


@pytest.fixture
def model_says(monkeypatch, tmp_path):
    """``model_says(problem, beams)``: the solver's solution when the model writes ``beams``."""
    def solve(problem: str, beams: list[tuple[str, float]]):
        monkeypatch.setattr(MathSolver, "generate", lambda self, problems, ctx: [beams for _ in problems])
        return MathSolver(ModelStore(bundled_dir=tmp_path / "none")).solve(problem)

    return solve


@pytest.mark.parametrize("answer, how", [
    ("42", ""), ("42千克", ""), ("42公斤", ""), ("答：42千克。", ""), ("42000克", "converted"),
    ("(1236-180*5)/8", ""), ("（1236－180×5）÷8", ""), ("x=(1236-5*180)/8", ""), ("8x+180*5=1236", ""),
])
def test_right_answers(model_says, answer, how):
    check = check_answer(model_says(TRUCK, TRUCK_BEAMS), answer, TRUCK)
    assert (check.verdict, check.how) == (RIGHT, how)
    assert check.parts_at is None


def test_a_wrong_number_is_wrong_and_says_what_was_expected(model_says):
    check = check_answer(model_says(TRUCK, TRUCK_BEAMS), "40千克", TRUCK)
    assert check.verdict == WRONG and not check.right
    assert check.solution.answer.text == "42千克" and check.expected_unit == "千克"
    assert check.to_json()["expected"] == "42千克"


@pytest.mark.parametrize("answer", ["42吨", "42米", "42人"])
def test_the_right_number_in_the_wrong_unit(model_says, answer):
    check = check_answer(model_says(TRUCK, TRUCK_BEAMS), answer, TRUCK)
    assert check.verdict == WRONG_UNIT


def test_an_equation_wrong_at_step_2_is_found_there(model_says):
    check = check_answer(model_says(TRUCK, TRUCK_BEAMS), "(1236+180*5)/8", TRUCK)
    assert check.verdict == WRONG
    assert [s.text for s in check.given.steps] == ["180×5=900", "1236+900=2136", "2136÷8=267"]
    assert check.parts_at == 2
    assert [s.text for s in check.reference_steps] == ["180×5=900", "1236-900=336", "336÷8=42"]
    assert check.other_candidate == 1  # the model's second candidate wrote this equation too
    assert check_answer(check.solution, "(1236-180*4)/8", TRUCK).parts_at == 1
    assert check_answer(check.solution, "(1236-180*5)/9", TRUCK).parts_at == 3
    assert check_answer(check.solution, "1236-180*5", TRUCK).parts_at is None  # stops short: no step parts


def test_fractions_percents_and_rounding(model_says):
    share = model_says(SHARE, [("([N0]-[N1])/[N0]", -0.1)])
    assert share.answer.text == "11/20"
    assert check_answer(share, "11/20").verdict == RIGHT
    assert check_answer(share, "0.55").verdict == RIGHT
    assert check_answer(share, "55%").verdict == RIGHT
    assert check_answer(share, "9/20").verdict == WRONG
    rate = model_says(PERCENT, [("[N1]/[N0]", -0.1)])
    assert rate.answer.text == "90%"
    assert check_answer(rate, "90%").verdict == RIGHT and check_answer(rate, "0.9").verdict == RIGHT
    assert check_answer(rate, "90").verdict == WRONG_UNIT  # the number of the percent, without its sign
    assert check_answer(rate, "80%").verdict == WRONG
    thirds = solve_equation("5÷3")
    assert (check_answer(thirds, "1又2/3").verdict, check_answer(thirds, "1.67").how) == (RIGHT, "rounded")
    assert check_answer(thirds, "1.6").verdict == WRONG


def test_an_exact_problem_is_checked_without_a_model():
    problem = "解方程：2x+3=7"
    check = check_answer(solve_equation(problem), "2", problem)
    assert check.right and check.solution.confidence is None


def test_bad_answers_are_refused_with_a_reason():
    with pytest.raises(AnswerError) as empty:
        GivenAnswer.parse("  答： ")
    assert empty.value.reason == "empty"
    with pytest.raises(AnswerError) as long:
        GivenAnswer.parse("1+" * 200 + "1")
    assert long.value.reason == "too long"
    with pytest.raises(ExpressionSyntaxError):
        GivenAnswer.parse("四十二")
    assert GivenAnswer.parse("1又2/3千克").value == Fraction(5, 3)


def test_units_convert_only_within_a_measure():
    assert convert(Fraction(2), "小时", "分钟") == 120
    assert convert(Fraction(3), "米", "千克") is None
    assert convert(Fraction(5), "角", "元") == Fraction(1, 2)


def test_cli_check_prints_json(capsys):
    from engine.cli import main

    assert main(["math", "check", "(1236-180*5)/8", "--answer", "(1236+180*5)/8", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["verdict"] == "wrong" and report["parts_at"] == 2 and report["expected"] == "42"
    assert main(["math", "check", "2x+3=7", "--answer", ""]) == 1
    assert "Type your answer" in capsys.readouterr().err


def test_the_exact_quotient_where_a_whole_count_is_asked_is_not_rounded(model_says):
    from engine.mathwp.check import NOT_ROUNDED

    problem = "有435人去春游，每辆车最多坐8人，至少需要几辆车？"
    solution = model_says(problem, [("[N0]/[N1]", -0.1)])
    assert check_answer(solution, "55辆", problem).right
    assert (check_answer(solution, "435÷8", problem).how, check_answer(solution, "54.375", problem).how) == (
        NOT_ROUNDED, NOT_ROUNDED)
    assert check_answer(solution, "54", problem).how == ""  # rounded the wrong way: wrong, no more
    # the solution's working, beside a wrong one, is the one the tab shows: 435÷8=54……3, 54+1=55
    check = check_answer(solution, "435÷8-1", problem)
    assert [step.text for step in check.reference_steps] == ["435÷8=54……3", "54+1=55"] and check.parts_at == 2
