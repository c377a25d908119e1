"""Practice variants (engine/mathwp/variants.py): never offered under the confidence threshold
nor for a typed equation; new numbers that keep the answer plausible (whole people, a share
below 1), answered by the model's equation with them."""

from __future__ import annotations

import json
import random

import pytest

from engine.mathwp.data import find_numbers
from engine.mathwp.solver import MathSolver, solve_equation
from engine.mathwp.variants import VARIANT_THRESHOLD, VariantError, make_variant, offered
from tests.test_math_check import SHARE, TRUCK, TRUCK_BEAMS, model_says  # noqa: F401 - a fixture

PEOPLE = "学校有135名学生，平均分给3个班，每班多少人？"


@pytest.mark.parametrize("log_prob", [-0.4, -0.3, -1.5])  # 67%, 74%, 22%
def test_never_offered_under_the_threshold(model_says, log_prob):
    solution = model_says(PEOPLE, [("[N0]/[N1]", log_prob)])
    assert solution.confidence < VARIANT_THRESHOLD
    assert not offered(solution)
    with pytest.raises(VariantError) as refused:
        make_variant(solution)
    assert refused.value.reason == "unsure"


def test_never_offered_for_a_typed_equation():
    assert not offered(solve_equation("135÷3"))
    with pytest.raises(VariantError) as refused:
        make_variant(solve_equation("135÷3"))
    assert refused.value.reason == "exact"


def test_whole_people_with_the_models_equation(model_says):
    solution = model_says(PEOPLE, [("[N0]/[N1]", -0.1)])
    assert solution.confidence >= VARIANT_THRESHOLD and offered(solution)
    rng = random.Random(7)
    for _ in range(20):
        variant = make_variant(solution, rng=rng)
        numbers = [n.value for n in find_numbers(variant.text)]
        worked = variant.solution
        assert variant.text != solution.question and variant.text.endswith("每班多少人？")
        assert worked.answer.value == numbers[0] / numbers[1]  # the original's equation, new numbers
        assert worked.answer.value.denominator == 1 and worked.answer.value > 0
        assert worked.answer.unit == "人" and worked.confidence is None
        assert numbers[1] != 1  # 平均分给1个班 is no problem to practise


def test_a_share_stays_below_one_and_the_working_non_negative(model_says):
    solution = model_says(SHARE, [("([N0]-[N1])/[N0]", -0.05)])
    rng = random.Random(3)
    for _ in range(20):
        value = make_variant(solution, rng=rng).solution.answer.value
        assert 0 < value < 1
    truck = model_says(TRUCK, TRUCK_BEAMS)
    for _ in range(20):
        variant = make_variant(truck, rng=rng)
        assert all(step.value >= 0 for step in variant.equation.worked_steps())
        assert variant.solution.answer.value.denominator == 1  # the original's answer was whole: tidy stays tidy


def test_a_traditional_problem_gets_a_traditional_variant(model_says):
    solution = model_says("學校有135個蘋果，平均分給3個班，每班多少個？", [("[N0]/[N1]", -0.1)])
    assert solution.traditional and solution.answer.unit == "個"
    variant = make_variant(solution, rng=random.Random(7))
    assert "蘋果" in variant.text and variant.text.endswith("每班多少個？")  # as the problem was typed
    assert variant.solution.answer.unit == "個" and variant.solution.traditional


def test_cli_variant(capsys, monkeypatch):
    from engine.cli import main

    assert main(["math", "variant", "135÷3"]) == 1  # an equation: no model's equation to vary
    assert "no model's equation" in capsys.readouterr().err
    monkeypatch.setattr(MathSolver, "generate", lambda self, problems, ctx: [[("[N0]/[N1]", -0.05)] for _ in problems])
    assert main(["math", "variant", PEOPLE, "--seed", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["original_equation"] == "135÷3" and report["variant"] != PEOPLE and report["answer"].endswith("人")


def test_a_remainder_problem_keeps_its_rounding(model_says):
    problem = "有435人去春游，每辆车最多坐8人，至少需要几辆车？"
    solution = model_says(problem, [("[N0]/[N1]", -0.05)])
    rng = random.Random(5)
    for _ in range(20):
        variant = make_variant(solution, rng=rng)
        people, seats = (n.value for n in find_numbers(variant.text))
        worked = variant.solution
        assert worked.answer.value == -(-people // seats) and worked.answer.unit == "辆"  # rounded up
        assert worked.rounding == "up" and people % seats  # a remainder again: the practice is the rounding


def test_an_answer_to_a_rounded_variant_is_checked(model_says):
    from engine.mathwp.check import NOT_ROUNDED, check_answer

    solution = model_says("有435人去春游，每辆车最多坐8人，至少需要几辆车？", [("[N0]/[N1]", -0.05)])
    rng = random.Random(5)
    worked = make_variant(solution, rng=rng).solution
    people, seats = (n.value for n in find_numbers(worked.question))
    assert check_answer(worked, str(worked.answer.value), worked.question).right
    assert check_answer(worked, f"{people}÷{seats}", worked.question).how == NOT_ROUNDED
    assert not check_answer(worked, "1", worked.question).right


def test_a_variant_of_an_answer_put_into_the_unit_asked_may_be_a_short_decimal(model_says):
    """500克 × 6 ÷ 1000 = 3千克: new numbers rarely give a whole 千克 again; 3.7千克 is as a pupil writes it."""
    solution = model_says("一袋洗衣粉重500克，6袋洗衣粉重多少千克？", [("[N0]*[N1]", -0.05)])
    assert solution.answer.text == "3千克" and solution.steps[-1] == "3000克=3千克"
    rng = random.Random(1)
    for _ in range(5):
        variant = make_variant(solution, rng=rng).solution
        value = variant.answer.value
        assert value > 0 and (value * 100).denominator == 1
        assert variant.steps[-1].endswith(f"克={variant.answer.number}千克")  # the unit change, as in the original
