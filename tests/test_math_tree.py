"""The tree decoder: prefix trees of equations, the batched model, its search, saving and loading."""

from __future__ import annotations

import random

import pytest
import torch

from engine.mathwp.data import Item, Problem, parse_answer
from engine.mathwp.expression import Equation, to_text
from engine.mathwp.tokenizer import build_tokenizer, character_vocabulary
from engine.mathwp.tree import (NotATreeError, choose_constants, infix_target, prefix_tokens, solved_for_x,
                                tree_shape)
from engine.mathwp.tree_data import Example, augmented, collate, encode_problem, tree_examples
from engine.mathwp.tree_model import TreeSolverConfig, TreeSolverModel
from engine.mathwp.tree_search import beam_search, encode_problems, tree_candidates

ROAD = "修了全长的80%，距终点还有40千米．这条公路长多少千米？"

ITEMS = [
    Item("1", "t", "学校把135本练习本平均分给3个班，每班多少本？", "x=135/3", parse_answer("45")),
    Item("2", "t", ROAD, "x=40/(1-(80/100))", parse_answer("200")),
    Item("3", "t", "一个圆的半径是2厘米，它的面积是多少平方厘米？", "x=3.14*2^2", parse_answer("12.56")),
    Item("4", "t", "甲有12个苹果，乙比甲多5个，丙是乙的2倍，丙有多少个？", "x=(12+5)*2", parse_answer("34")),
    Item("5", "t", "一个数的3倍加上4等于19，这个数是多少？", "3*x+4=19", parse_answer("5")),
]


# -- prefix trees ------------------------------------------------------------------------------

def test_prefix_tokens_point_at_the_problem_numbers():
    problem = Problem.from_text(ROAD)
    assert prefix_tokens(problem, Equation.parse("x=40/(1-80%)"), ["1"]) == ["/", "[N1]", "-", "1", "[N0]"]
    # x on either side is one tree; the percent in the text is its placeholder, not 80 and 100
    assert prefix_tokens(problem, Equation.parse("40/(1-(80/100))=x"), ["1"]) == ["/", "[N1]", "-", "1", "[N0]"]


@pytest.mark.parametrize("equation, solved", [
    ("3*x+4=19", "(19-4)/3"),
    ("(x-3)*2=10", "10/2+3"),  # x once: each operation around it undone
    ("12=x/3+2", "(12-2)*3"),
    ("100-x=30", "100-30"),
    ("60/x=12", "60/12"),
    ("15+x=4*x", "15/(4-1)"),  # x twice: its terms collected
    ("5*x=4*(x-2.5)+20", "(20-4*2.5)/(5-4)"),
    ("0.9*x=x-20", "20/(1-0.9)"),
])
def test_a_linear_equation_is_solved_for_x_on_its_own_numbers(equation, solved):
    assert to_text(solved_for_x(Equation.parse(equation))) == solved


@pytest.mark.parametrize("equation, reason", [
    ("x^2=4", "x in a power"),
    ("x*x=4", "x in a divisor or a power"),
    ("x=-(19-4)", "unary minus"),
    ("x=19*7", "constant outside the set"),  # 7 is no number of the text and no constant
])
def test_equations_without_a_tree_say_why(equation, reason):
    problem = Problem.from_text("一个数的3倍加上4等于19，这个数是多少？")
    with pytest.raises(NotATreeError, match=reason):
        prefix_tokens(problem, Equation.parse(equation), ["1", "2"])


@pytest.mark.parametrize("equation", ["x=(12+5)*2", "x=12-(5-2)", "x=12/(5*2)", "x=(12-5)/2-1", "x=2^(5-2)",
                                      "x=(12^2)^2"])
def test_infix_target_keeps_the_value(equation):
    problem = Problem.from_text("甲有12个苹果，乙比甲多5个，丙是乙的2倍，丙有多少个？")
    tokens = prefix_tokens(problem, Equation.parse(equation))
    back = problem.equation_from_target(infix_target(tokens))
    assert back.solve() == Equation.parse(equation).solve()


def test_tree_shape_of_a_prefix_sequence():
    shape = tree_shape(["/", "[N1]", "-", "1", "[N0]"])
    assert shape.parent == [-1, 0, 0, 2, 2]
    assert shape.sibling == [-1, -1, 1, -1, 3] and shape.is_right == [False, False, True, False, True]
    assert shape.depth == [0, 1, 1, 2, 2] and shape.height == [2, 0, 1, 0, 0]
    for broken in (["+", "[N0]"], ["[N0]", "[N1]"]):
        with pytest.raises(NotATreeError):
            tree_shape(broken)


def test_constants_are_chosen_by_frequency():
    assert choose_constants(ITEMS, min_count=1) == ["1", "3.14"]  # 2 is a number of every text using it
    assert choose_constants(ITEMS, min_count=2) == []


# -- the model ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny():
    tokenizer = build_tokenizer(character_vocabulary(ITEMS, min_count=1))
    config = TreeSolverConfig(vocab_size=len(tokenizer), embedding_size=8, hidden_size=16, encoder_layers=2,
                              constants=["1", "3.14"], pad_token_id=tokenizer.pad_token_id)
    torch.manual_seed(0)
    examples, dropped = tree_examples(ITEMS, tokenizer, config.classes)
    assert len(examples) == 5 and not dropped
    return tokenizer, TreeSolverModel(config).eval(), examples


def test_swapped_operands_are_equivalent_trees_of_every_order(tiny):
    tokenizer, model, examples = tiny
    classes = model.config.classes
    problem = Problem.from_text(ITEMS[3].text)  # (12+5)*2: + and * both swap
    seen = set()
    for seed in range(40):
        (example,) = augmented([examples[3]], classes, 1.0, random.Random(seed))
        tokens = [classes[label] for label in example.labels]
        assert example.shape == tree_shape(tokens) and example.input_ids == examples[3].input_ids
        assert problem.equation_from_target(infix_target(tokens)).solve() == 34
        seen.add(tuple(tokens))
    assert len(seen) == 4
    assert augmented(examples, classes, 0.0, random.Random(0)) == examples


def test_batched_forward_equals_one_problem_at_a_time(tiny):
    tokenizer, model, examples = tiny
    with torch.no_grad():
        together = model(**collate(examples, tokenizer.pad_token_id)).logits
        alone = torch.cat([model(**collate([e], tokenizer.pad_token_id)).logits for e in examples])
    assert together.shape == (sum(len(e.labels) for e in examples), len(model.config.classes))
    torch.testing.assert_close(together, alone)


def test_search_scores_agree_with_the_teacher_forced_pass(tiny):
    tokenizer, model, _ = tiny
    problems = [Problem.from_text(item.text) for item in ITEMS]
    together = beam_search(model, encode_problems(model, tokenizer, problems), beams=3)
    for problem, found in zip(problems, together):
        alone = beam_search(model, encode_problems(model, tokenizer, [problem]), beams=3)[0]
        assert [h.labels for h in alone] == [h.labels for h in found]
        assert len(found) == 3 and found[0].log_prob >= found[-1].log_prob
        for hypothesis in found:
            tokens = [model.config.classes[label] for label in hypothesis.labels]
            example = Example(*encode_problem(tokenizer, problem), hypothesis.labels, tree_shape(tokens))
            batch = collate([example], tokenizer.pad_token_id)
            with torch.no_grad():
                log_probs = torch.log_softmax(model(**batch).logits, -1)
            forced = float(log_probs.gather(1, batch["labels"].unsqueeze(1)).sum())
            assert forced == pytest.approx(hypothesis.log_prob, abs=1e-4)


def test_candidates_are_equations_over_the_problem_numbers(tiny):
    tokenizer, model, _ = tiny
    problems = [Problem.from_text(item.text) for item in ITEMS]
    for problem, scored in zip(problems, tree_candidates(model, tokenizer, problems, beams=4)):
        for target, _ in scored:
            problem.equation_from_target(target)  # parses, and names only numbers the text has


def test_training_steps_lower_the_loss_and_reach_every_parameter(tiny):
    tokenizer, _, examples = tiny
    torch.manual_seed(1)
    model = TreeSolverModel(TreeSolverConfig(vocab_size=len(tokenizer), embedding_size=8, hidden_size=16,
                                             constants=["1", "3.14"], dropout=0.0))
    batch = collate(examples, tokenizer.pad_token_id)
    loss = model(**batch).loss
    loss.backward()
    assert all(p.grad is not None and p.grad.abs().sum() > 0 for p in model.parameters())
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    first = loss.item()
    for _ in range(30):
        optimizer.zero_grad()
        loss = model(**batch).loss
        loss.backward()
        optimizer.step()
    assert loss.item() < first / 2


def test_save_and_load_through_the_model_store(tiny, tmp_path):
    from engine.mathwp.solver import MathSolver
    from engine.runtime.store import ModelStore

    tokenizer, model, examples = tiny
    model.save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    assert (tmp_path / "model.safetensors").is_file()
    solver = MathSolver(ModelStore(), str(tmp_path), beams=2)
    loaded = solver.load().model
    assert isinstance(loaded, TreeSolverModel) and loaded.config.constants == ["1", "3.14"]
    batch = collate(examples, tokenizer.pad_token_id)
    with torch.no_grad():
        torch.testing.assert_close(loaded(**batch).logits, model(**batch).logits)
    scored = solver.generate([Problem.from_text(ROAD)], None)[0]
    assert len(scored) == 2
