"""The solver facade: input checks, beam-with-check, the CLI verbs, a trained tiny model."""

from __future__ import annotations

import json
import math
from fractions import Fraction

import pytest

from engine.chinese_script import to_simplified
from engine.mathwp.data import Problem
from engine.mathwp.solver import (
    MathSolver,
    ModelNotInstalledError,
    NoSolutionError,
    ProblemError,
    answer_probability,
    check_candidates,
    check_problem,
    looks_like_equation,
    rank_passing,
)
from engine.runtime.store import ModelStore

QUESTION = "学校有135名学生，平均分给3个班，每班多少人？"

pytestmark = pytest.mark.usefixtures("one_thread")


@pytest.fixture
def empty_store(tmp_path):
    return ModelStore(bundled_dir=tmp_path / "no-models")


class StubSolver(MathSolver):
    """A solver whose "model" returns fixed beams: tests the check without weights."""

    def __init__(self, beams):
        super().__init__(ModelStore(bundled_dir="/nonexistent"))
        self.fixed = beams

    def generate(self, problems, ctx):
        return [self.fixed for _ in problems]


BEAMS = [
    ("[N0]/", -0.1),  # does not parse
    ("[N0]/[N1]/2", -0.2),  # 22.5 pupils: implausible for a count
    ("[N0]/[N9]", -0.3),  # refers to a number the text does not have
    ("[N0]/[N1]", -0.4),  # the first that passes
    ("[N0]-[N1]", -0.5),  # passes too: the next candidate
]


def test_check_candidates_marks_each_beam():
    checked = check_candidates(Problem.from_text(QUESTION), QUESTION, BEAMS)
    assert [c.valid for c in checked] == [False, False, False, True, True]
    assert "implausible" in checked[1].problem and checked[1].value == Fraction(45, 2)
    assert checked[3].value == 45 and math.isclose(checked[3].confidence, math.exp(-0.4))


def test_solve_picks_the_first_candidate_that_passes_and_offers_the_next():
    solution = StubSolver(BEAMS).solve(QUESTION)
    assert solution.equation == "135÷3"
    assert solution.steps == ["135÷3=45"]
    assert solution.answer.text == "45人"
    assert math.isclose(solution.confidence, math.exp(-0.4))
    assert len(solution.candidates) == 2
    following = solution.next()
    assert following.equation == "135-3" and following.answer.text == "132人" and following.index == 1
    assert following.next().equation == "135÷3"  # wraps around
    assert "答：45人" in solution.text() and QUESTION in solution.text()


def test_ranking_prefers_equations_that_use_every_number_and_give_a_tidy_answer():
    question = "一袋米重240千克，每天吃12千克，吃了5天，还剩多少千克？"
    beams = [
        ("[N0]-[N1]", -0.5),  # leaves 5 days unused
        ("[N0]/7*[N2]", -0.6),  # uses 12 nowhere, and 171又3/7 kilograms is untidy
        ("[N0]-[N1]*[N2]", -1.0),  # uses all three: the answer
    ]
    checked = check_candidates(Problem.from_text(question), question, beams)
    assert [c.unused_numbers for c in checked] == [1, 1, 0]
    ranked = rank_passing(checked)
    assert [c.target for c in ranked] == ["[N0]-[N1]*[N2]", "[N0]-[N1]", "[N0]/7*[N2]"]
    solution = StubSolver(beams).solve(question)
    assert solution.answer.text == "180千克" and solution.next().answer.text == "228千克"
    # far likelier still wins: the penalties are costs, not rules
    assert rank_passing(check_candidates(Problem.from_text(question), question,
                                         [("[N0]-[N1]", -0.1), ("[N0]-[N1]*[N2]", -3.0)]))[0].target == "[N0]-[N1]"


# Log-probabilities the bundled model gave these problems' beams (2026-12-06).
PER_MINUTE = "8分钟做1个零件，平均每分钟做多少个？"
PER_MINUTE_BEAMS = [("[N1]/[N0]", -0.01), ("[N0]/[N1]", -4.23), ("[N0]-[N1]", -11.38)]
PER_DAY = "小岗计划4天做15道数学题，结果多做了9道．平均每天做了多少道？"
PER_DAY_BEAMS = [("[N2]/[N0]", -0.62), ("[N2]/[N1]", -1.05), ("([N1]-[N2])/[N0]", -3.33), ("([N1]+[N2])/[N0]", -4.39)]


def test_a_count_per_minute_below_one_is_a_fraction_not_the_inverse_rate():
    from engine.mathwp.answer import plausible, rate_asked

    assert rate_asked(PER_MINUTE) and rate_asked("每千克大约有几个芦柑？")
    assert not rate_asked("每10分钟做3个，1小时做多少个？") and not rate_asked("每班多少人？")
    assert not rate_asked("应安排多少人生产上衣，才能使每天生产的上衣和裤子配套？")  # 每天 after the question
    assert plausible(Fraction(1, 8), PER_MINUTE) and not plausible(Fraction(9, 8), PER_MINUTE)
    assert not plausible(Fraction(1, 8), "一共做了多少个零件？")  # a count, no rate: whole
    solution = StubSolver(PER_MINUTE_BEAMS).solve(PER_MINUTE)
    assert solution.equation == "1÷8" and solution.answer.text == "0.125个"


def test_a_fractional_rate_is_ranked_below_a_likely_whole_one():
    """9/15 of a problem a day passes the check (a rate below one) but the whole answer wins:
    most school rates are whole (the penalty keeps the held-out problems as they were)."""
    solution = StubSolver(PER_DAY_BEAMS).solve(PER_DAY)
    assert solution.answer.text == "6道"
    # 9/4 and 3/2 a day are above one: not whole, so no rate a school problem asks for
    assert [(c.value, c.fractional_count) for c in solution.candidates] == [(6, False), (Fraction(3, 5), True)]


def test_a_traditional_problem_gets_its_unit_in_traditional():
    traditional = "135個蘋果平均分給3個班，每班多少個？"
    solution = StubSolver([("[N0]/[N1]", -0.1), ("[N0]-[N1]", -0.2)]).solve(traditional)
    assert solution.answer.text == "45個" and solution.next().answer.text == "132個"
    assert solution.text().startswith(traditional) and "答：45個" in solution.text()  # copied as typed
    assert StubSolver([("[N0]/[N1]", -0.1)]).solve(to_simplified(traditional)).answer.text == "45个"


def test_a_number_in_scientific_notation_is_too_large_not_no_chinese(empty_store):
    from engine.mathwp.expression import NumberTooLargeError

    assert looks_like_equation("1e308") and not looks_like_equation("e308")
    with pytest.raises(NumberTooLargeError):
        MathSolver(empty_store).solve("1e308")


def test_confidence_is_the_answers_summed_over_its_equations():
    beams = [("[N0]/[N1]", -0.9), ("[N0]-[N1]", -1.2), ("[N0]-[N1]*1", -1.3), ("[N0]/", -1.4)]
    solution = StubSolver(beams).solve(QUESTION)
    assert solution.answer.value == 45 and math.isclose(solution.confidence, math.exp(-0.9))
    following = solution.next()
    assert following.answer.value == 132 and math.isclose(following.confidence, math.exp(-1.2) + math.exp(-1.3))


def test_calibration_recovers_a_known_temperature_and_bias_and_is_read_from_the_config():
    import random
    from types import SimpleNamespace

    from engine.mathwp.calibration import Calibration, calibration_error, fit, reliability

    truth = Calibration(temperature=2.0, bias=0.5)
    generator = random.Random(0)
    raw = [generator.uniform(0.01, 0.99) for _ in range(20_000)]
    correct = [generator.random() < truth(p) for p in raw]
    fitted = fit(raw, correct)
    assert fitted.temperature == pytest.approx(2.0, rel=0.1) and fitted.bias == pytest.approx(0.5, abs=0.1)
    assert calibration_error(reliability([fitted(p) for p in raw], correct)) < 0.02
    assert calibration_error(reliability(raw, correct)) > 0.05  # the raw probabilities were off
    config = SimpleNamespace(confidence_calibration=fitted.to_json())
    assert Calibration.from_config(config) == Calibration(**fitted.to_json())
    assert Calibration.from_config(SimpleNamespace())(0.3) == 0.3  # none stored: raw


def test_a_low_calibrated_confidence_is_a_guess():
    from engine.mathwp.calibration import Calibration

    beams = [("[N0]/[N1]", -0.4), ("[N0]-[N1]", -0.5)]  # raw: 67% for 45, 61% for 132
    solver = StubSolver(beams)
    assert not solver.solve(QUESTION).is_guess
    solver.calibration = Calibration(temperature=1.0, bias=-1.0)  # as a model's config may say
    solution = solver.solve(QUESTION)
    raw = math.exp(-0.4)
    assert math.isclose(solution.confidence, 1 / (1 + (1 - raw) / raw * math.e))  # odds divided by e: 43%
    assert solution.is_guess and solution.next().is_guess  # the next candidate keeps the calibration
    assert solver.solve("2x+3=7").is_guess is False  # exact, no model: never a guess


def test_voting_ranks_answers_by_their_summed_probability():
    from engine.mathwp.evaluate import rank_by_answer

    beams = [("[N0]/[N1]", -0.9), ("[N0]-[N1]", -1.2), ("[N0]-[N1]*1", -1.3)]
    checked = check_candidates(Problem.from_text(QUESTION), QUESTION, beams)
    assert [c.target for c in rank_by_answer(checked)] == ["[N0]-[N1]", "[N0]-[N1]*1", "[N0]/[N1]"]


def test_no_candidate_passing_is_a_clear_error():
    with pytest.raises(NoSolutionError, match="no equation"):
        StubSolver(BEAMS[:3]).solve(QUESTION)
    with pytest.raises(NoSolutionError) as failure:
        StubSolver(BEAMS[1:3]).solve(QUESTION)
    assert failure.value.best.target == "[N0]/[N1]/2"
    assert "135÷3÷2" in str(failure.value) and "implausible" in str(failure.value)  # numbers put back


@pytest.mark.parametrize("text, message", [
    ("", "empty"), ("   ", "empty"), ("一" * 1001 + "1", "too long"), ("小明有几个苹果？", "no numbers"),
    ("Tom has 3 apples and eats 2. How many are left?", "no chinese"),
])
def test_problem_checks(text, message):
    with pytest.raises(ProblemError) as refused:
        check_problem(text)
    assert refused.value.reason == message


def test_a_problem_in_traditional_characters_reaches_the_model_in_simplified():
    assert check_problem("學校有135名學生，平均分給3個班，每班多少人？") == QUESTION


def test_the_confidence_in_words():
    from engine.mathwp.calibration import Calibration

    solver = StubSolver([("[N0]/[N1]", -0.1)])  # 90%
    assert solver.solve(QUESTION).confidence_level == "likely"
    solver.calibration = Calibration(temperature=1.0, bias=-1.0)  # 90% -> 77%
    assert solver.solve(QUESTION).confidence_level == "unsure"
    solver.calibration = Calibration(temperature=1.0, bias=-3.0)  # 90% -> 31%
    assert solver.solve(QUESTION).confidence_level == "guess"
    assert solver.solve("2x+3=7").confidence_level == "exact"


def test_typed_equations_need_no_model(empty_store):
    solver = MathSolver(empty_store)
    solution = solver.solve("6000÷(1+(3/5))")
    assert solution.answer.text == "3750" and solution.confidence is None
    assert solution.steps == ["1+(3/5)=8/5", "6000÷(8/5)=3750"]
    assert solver.solve("2x+3=7").answer.value == 2
    assert looks_like_equation("（1+2）×3") and not looks_like_equation(QUESTION)


@pytest.mark.parametrize("text, answer", [
    ("280/4+360．", "430"),  # a sentence's full stop (Ape210K test has such problems)
    ("((4/9)+(1/6))*18=", "11"),
    ("280÷4＋360＝？", "430"),
    ("3+5=（  ）", "8"),
    ("2.75-1(5/6)+3(1/4)-2(1/6)。", "2"),  # mixed numbers
    ("2x+3=7.", "2"),
    ("解方程：x+4.8=5x．", "1.2"),  # an instruction before a colon
    ("计算：280÷4＋360＝？", "430"),
    ("化简比：(1/6)：(2/5)=(1/2)：2x．", "0.6"),  # 2x is one term: ÷2x divides by 2x
    ("1000001*999999=多少．", "999999999999"),
    ("12.5×8等于多少？", "100"),
    ("0.25*0.4/0.25*4的结果是多少", "1.6"),
    ("求x的值：24-120%x=18．", "5"),  # an instruction with an x in it
    ("解比例1.5：(1/2)=x：(1/4)．", "0.75"),  # a known instruction with no colon
    ("x:10=1.5:3", "5"),  # a ratio: "x:" is no instruction
    ("解比例x：10=1.5：3", "5"),
    ("(x*32+54)/25+4=10，x=多少．", "3"),
    ("48：x=(5/6)：(5/8)(解方程)", "36"),
    ("解方程：﹙x-3.2﹚/5=5.8．", "32.2"),  # small form brackets
    ("96÷3+□=50．", "18"),  # the one blank is the unknown
    ("多少×4.8=17.28．", "3.6"),
    ("1.4：2=多少：3．", "2.1"),
    ("如果2X+3=9，那么4X+3=多少", "15"),  # x from the first equation, into the second
    ("如果(5/(x))=(10/3)，那么x=多少．", "1.5"),
    ("根据85*32=2720，那么85*320=多少．", "27200"),  # a fact to go by
])
def test_typed_expressions_that_ask_for_their_result(empty_store, text, answer):
    assert looks_like_equation(text)
    assert MathSolver(empty_store).solve(text).answer.text == answer


def test_given_then_shows_how_x_was_found(empty_store):
    solution = MathSolver(empty_store).solve("已知0.6x+8=20，那么5x-9=多少．")
    assert solution.steps == ["0.6x+8=20", "0.6x=12", "x=20", "5×20=100", "100-9=91"]
    assert not looks_like_equation("如果4a+3=7.8，则4a-3=多少．")  # a, not x: a word problem for the model


def test_missing_model_says_where_it_belongs(empty_store):
    with pytest.raises(ModelNotInstalledError, match="not installed"):
        MathSolver(empty_store).solve(QUESTION)


# -- a real (tiny) model -------------------------------------------------------------------

TINY_ITEMS = [
    {"id": "a", "original_text": "学校有135名学生，平均分给3个班，每班多少人？", "equation": "x=135/3", "ans": "45"},
    {"id": "b", "original_text": "小明有12元，又得到8元，现在有多少元？", "equation": "x=12+8", "ans": "20"},
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A tiny tree decoder trained until it has learnt two problems: train → save_pretrained."""
    import torch

    from engine.mathwp.data import Item
    from engine.mathwp.tokenizer import build_tokenizer, character_vocabulary
    from engine.mathwp.tree_data import batch_stream, tree_examples
    from engine.mathwp.tree_model import TreeSolverConfig, TreeSolverModel
    from engine.training import TrainConfig, train

    folder = tmp_path_factory.mktemp("models") / "mathwp-tiny"
    items = [Item.from_json(record) for record in TINY_ITEMS]
    tokenizer = build_tokenizer(character_vocabulary(items, min_count=1))
    config = TreeSolverConfig(vocab_size=len(tokenizer), embedding_size=16, hidden_size=32, encoder_layers=1,
                              constants=["1"], pad_token_id=tokenizer.pad_token_id, dropout=0.0)
    torch.manual_seed(0)
    model = TreeSolverModel(config)
    examples, _ = tree_examples(items, tokenizer, config.classes)
    loop = TrainConfig(out_dir=str(folder.parent / "run"), lr=1e-2, min_lr=1e-3, warmup_steps=5, max_steps=150,
                       eval_every=10_000, log_every=10_000, precision="fp32", device="cpu", threads=1)
    train(loop, model, batch_stream(examples, 200, tokenizer.pad_token_id), log=lambda record: None)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_trained_model_round_trip_through_the_store(tiny_model):
    solver = MathSolver(ModelStore(), str(tiny_model), beams=4)
    solution = solver.solve(TINY_ITEMS[0]["original_text"])
    assert solution.equation == "135÷3" and solution.answer.text == "45人"
    assert 0 < solution.confidence <= 1
    assert solver.solve(TINY_ITEMS[1]["original_text"]).answer.text == "20元"


def test_cli_solve_and_evaluate(tiny_model, tmp_path, capsys):
    from engine.cli import main

    assert main(["math", "solve", "2x+3=7"]) == 0
    assert "x=2" in capsys.readouterr().out
    assert main(["math", "solve", TINY_ITEMS[1]["original_text"], "--model", str(tiny_model), "--json",
                 "--device", "cpu"]) == 0
    assert json.loads(capsys.readouterr().out)["answer"] == "20元"

    test_file = tmp_path / "test.jsonl"
    rows = TINY_ITEMS + [{"id": "bad-gold", "original_text": TINY_ITEMS[0]["original_text"], "ans": "abc"},
                         {"id": "typed", "original_text": "280/4+360．", "ans": "430"}]
    test_file.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "metrics.json"
    assert main(["math", "evaluate", "--test", str(test_file), "--model", str(tiny_model), "--json", str(out),
                 "--device", "cpu", "--beams", "4"]) == 0
    metrics = json.loads(out.read_text(encoding="utf-8"))
    assert metrics["n"] == 4 and metrics["accuracy"] == pytest.approx(3 / 4, abs=1e-3)
    assert metrics["unparsable_gold"] == ["bad-gold"]
    assert metrics["typed_expressions"] == metrics["typed_expressions_correct"] == 1  # no model needed
    assert {"accuracy_unchecked", "check_gain", "rank_gain", "vote_gain"} <= metrics.keys()


def test_calibration_command_fits_on_held_out_problems_and_stores_the_fit_in_the_config(tiny_model, tmp_path, capsys):
    import shutil

    from engine.cli import main
    from engine.mathwp.calibration import CONFIG_KEY

    folder = shutil.copytree(tiny_model, tmp_path / "model")
    valid = tmp_path / "valid.jsonl"
    valid.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in TINY_ITEMS), encoding="utf-8")
    assert main(["math", "calibrate", "--model", str(folder), "--valid", str(valid), "--json",
                 str(tmp_path / "fit.json")]) == 0
    assert "calibration error" in capsys.readouterr().out
    stored = json.loads((folder / "config.json").read_text(encoding="utf-8"))[CONFIG_KEY]
    assert stored == json.loads((tmp_path / "fit.json").read_text(encoding="utf-8"))[CONFIG_KEY]
    solver = MathSolver(ModelStore(), str(folder), beams=4)
    solution = solver.solve(TINY_ITEMS[0]["original_text"])
    assert solver.calibration.to_json() == stored and solution.calibration == solver.calibration
    raw = answer_probability(solution.candidates, solution.answer.value)
    assert solution.confidence == pytest.approx(solver.calibration(raw)) and solution.confidence != pytest.approx(raw)


def test_cli_without_the_model_explains(tmp_path, capsys):
    from engine.cli import main

    assert main(["math", "solve", QUESTION, "--model", str(tmp_path / "nothing-here")]) == 1
    assert "error:" in capsys.readouterr().err


def test_cli_prepare_and_train_on_tiny_data(tmp_path, capsys):
    import lzma

    from engine.cli import main

    data = tmp_path / "data" / "math-ape210k"
    data.mkdir(parents=True)
    with lzma.open(data / "valid.ape.json.xz", "wt", encoding="utf-8") as handle:
        for record in TINY_ITEMS * 3 + [{"id": "c", "original_text": "x", "equation": "x=1/0", "ans": "1"}]:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    assert main(["math", "prepare", "--data", str(tmp_path / "data"), "--out", str(tmp_path / "prep"),
                 "--valid-size", "1"]) == 0
    counts = json.loads((tmp_path / "prep" / "counts.json").read_text(encoding="utf-8"))
    assert counts["kept"] == 2 and counts["train"] == 1 and counts["valid"] == 1
    assert counts["dropped_by_source_and_reason"]["ape210k-valid"] == {
        "duplicate text": 4, "equation: DivisionByZeroError": 1}
    run = tmp_path / "run"
    assert main(["math", "train", "--data", str(tmp_path / "prep" / "train.jsonl"), "--valid",
                 str(tmp_path / "prep" / "valid.jsonl"), "--out", str(run), "--size", "tiny", "--max-steps", "4",
                 "--swap", "0.5",
                 "--eval-every", "2", "--eval-problems", "1", "--warmup", "1", "--precision", "fp32", "--batch-tokens", "256",
                 "--threads", "1",
                 "--device", "cpu", "--export", str(run / "export")]) == 0
    loaded = ModelStore().load(run / "export")
    assert type(loaded.model).__name__ == "TreeSolverModel"
    assert "mathwp" in (run / "export" / "README.md").read_text(encoding="utf-8")
    # --init continues the export: its tokenizer, not one built from the new data.
    again = tmp_path / "again"
    assert main(["math", "train", "--data", str(tmp_path / "prep" / "train.jsonl"), "--valid",
                 str(tmp_path / "prep" / "valid.jsonl"), "--out", str(again), "--init", str(run / "export"),
                 "--max-steps", "1", "--eval-every", "1", "--eval-problems", "1", "--warmup", "1", "--precision",
                 "fp32", "--batch-tokens", "256", "--threads", "1", "--device", "cpu"]) == 0
    assert (again / "best" / "tokenizer.json").read_text("utf-8") == (run / "export" / "tokenizer.json").read_text("utf-8")


BUSES = "有435人去春游，每辆车最多坐8人，至少需要几辆车？"
ROWS = "有435棵树苗，每行种8棵，最多可以种多少行？"


def test_a_division_with_a_remainder_is_rounded_as_the_question_asks():
    from engine.mathwp.answer import rounding_asked

    assert rounding_asked(BUSES) == "up" and rounding_asked(ROWS) == "down"
    assert rounding_asked("每个盒子装6个，100个需要几个盒子才能装完？") == "up"
    assert rounding_asked("一共有多少人？") == "" and rounding_asked("最多能装多少千克？") == ""  # no count
    assert rounding_asked("每平方米能种玉米15棵，这块地能种玉米多少棵？") == ""  # 能 alone: often a product
    buses = StubSolver([("[N0]/[N1]", -0.1)]).solve(BUSES)
    assert (buses.answer.text, buses.rounding) == ("55辆", "up")
    assert buses.steps == ["435÷8=54……3", "54+1=55"] and "答：55辆（进一法）" in buses.text()
    rows = StubSolver([("[N0]/[N1]", -0.1)]).solve(ROWS)
    assert (rows.answer.text, rows.steps, rows.rounding) == ("54行", ["435÷8=54……3"], "down")
    rope = StubSolver([("[N0]/[N1]", -0.1)]).solve("一根绳子长10米，每1.5米剪一段，最多可以剪几段？")
    assert (rope.answer.text, rope.steps) == ("6段", ["10÷1.5≈6"])


def test_only_a_quotient_is_rounded_and_a_whole_answer_is_preferred():
    # 435×8 is whole: no rounding; 435÷8+0.5 is no quotient at its top, 8÷435 one below one: implausible
    checked = check_candidates(Problem.from_text(BUSES), BUSES,
                               [("[N0]*[N1]", -0.1), ("[N0]/[N1]+0.5", -0.2), ("[N1]/[N0]", -0.3)])
    assert checked[0].rounding == "" and [(c.valid, c.rounding) for c in checked[1:]] == [(False, "")] * 2
    # no remainder of negatives ((8-435)÷(2-8-2) is 53.375 too), nor an astronomical count
    negatives = check_candidates(Problem.from_text(BUSES), BUSES, [("([N1]-[N0])/(2-[N1]-2)", -0.1)])[0]
    assert not negatives.valid and negatives.rounding == ""
    huge = "有123456789012人去春游，每辆车最多坐7人，至少需要几辆车？"
    assert not check_candidates(Problem.from_text(huge), huge, [("[N0]/[N1]", -0.1)])[0].valid
    # a rounded quotient is charged as the untidy answer it was: a whole one close behind wins
    question = "服装厂做一套工作服要3.3米布，85.8米布最多可以做多少套？"
    ranked = rank_passing(check_candidates(Problem.from_text(question), question,
                                           [("[N0]*[N1]/2", -0.5), ("[N1]/[N0]", -1.0)]))
    assert [c.value for c in ranked] == [26, 141] and ranked[1].rounding == "down"


def test_an_answer_of_zero_is_ranked_below_a_close_nonzero_one():
    question = "小巧带了216元，可以买18千克梨或12千克苹果，每千克苹果比每千克梨贵多少元？"
    beams = [("[N0]/[N1]-[N2]", -0.5), ("[N0]/[N2]-[N0]/[N1]", -1.5)]  # 216÷18-12 is 0
    assert [c.value for c in rank_passing(check_candidates(Problem.from_text(question), question, beams))] == [6, 0]
    # far likelier still wins: a penalty, not a rule
    beams = [("[N0]/[N1]-[N2]", -0.1), ("[N0]/[N2]-[N0]/[N1]", -4.0)]
    assert rank_passing(check_candidates(Problem.from_text(question), question, beams))[0].value == 0
