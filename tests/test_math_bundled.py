"""The bundled math model, end to end: it loads from resources/models/mathwp as fp16
safetensors, solves word problems through the solver and the tab, and its beams stay
within the equation grammar."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.mathwp.solver import MODEL_NAME, MathSolver
from engine.paths import bundled_models_dir
from engine.runtime.store import ModelStore

pytestmark = pytest.mark.usefixtures("one_thread")

BUNDLED = bundled_models_dir() / MODEL_NAME
EASY = ("学校把135本练习本平均分给3个班，每班多少本？", "45本")  # one step; the bundled model must solve it
VARIED = [  # whatever the model answers, it answers with a checked, well-formed solution
    "小明有12元，妈妈又给了他8元，小明现在有多少元？",
    "王艳家买了一台洗衣机和一台电冰箱，一共花了6000元，电冰箱的价钱是洗衣机的(3/5)，求洗衣机的价钱．",
    "一条小路长120米，在路的一边每隔6米种一棵树（两端都种），一共要种多少棵树？",
    "一件衣服原价200元，现在打八折出售，比原价便宜了多少元？",
]


@pytest.fixture(scope="module")
def solver():
    return MathSolver(ModelStore(), beams=4)


def test_the_bundled_model_is_fp16_safetensors_with_a_card():
    import json

    assert list(BUNDLED.glob("*.safetensors")) and not list(BUNDLED.glob("*.bin"))
    # Exports are sharded (engine.training.save_exported_model): no bundled file reaches 8 MiB.
    assert all(f.stat().st_size < 8 * 2**20 for f in bundled_models_dir().rglob("*") if f.is_file())
    assert json.loads((BUNDLED / "config.json").read_text("utf-8"))["dtype"] == "float16"
    card = (BUNDLED / "README.md").read_text("utf-8")
    assert "Ape210K" in card and "wenqi-cli math" in card


def test_a_fresh_process_loads_the_bundled_model_through_the_store_alone():
    """The tree decoder is not a transformers class: the store registers it (no solver import)."""
    import subprocess
    import sys

    code = ("from engine.runtime.store import ModelStore; "
            "print(type(ModelStore().load('mathwp').model).__name__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "TreeSolverModel"


def test_an_easy_problem_is_solved(solver):
    solution = solver.solve(EASY[0])
    assert solution.answer.text == EASY[1] and solution.equation == "135÷3"


def test_so_many_a_minute_is_the_things_over_the_minutes(solver):
    """Not 8÷1: the count per minute is below one, a fraction (issue 36)."""
    solution = solver.solve("8分钟做1个零件，平均每分钟做多少个？")
    assert solution.equation == "1÷8" and solution.answer.text == "0.125个"


@pytest.mark.parametrize("problem", VARIED)
def test_every_answer_comes_from_a_checked_equation(solver, problem):
    solution = solver.solve(problem)
    assert solution.steps and solution.answer.text and 0 < solution.confidence <= 1
    assert solution.candidates and all(candidate.valid for candidate in solution.candidates)
    assert solution.next().index == (1 if len(solution.candidates) > 1 else 0)


def test_the_tab_solves_a_word_problem_with_the_bundled_model(qapp, qtbot, services, artifacts):
    from widgets.math_tab import MathTab

    tab = MathTab(services)
    qtbot.addWidget(tab)
    tab.show()
    assert not tab.model_note.isVisible()
    tab.input.setPlainText(EASY[0])
    tab.solve()
    qtbot.waitUntil(lambda: not tab.busy(), timeout=60_000)
    assert tab.solution is not None and "45" in tab.answer.text()
    assert "confidence" in tab.confidence.text()
    assert tab.grab().save(str(artifacts / "math_tab.png"))
    tab.shutdown()


def test_the_answer_is_in_the_unit_the_question_asks(solver):
    """500克 a bag, asked in 千克: the equation gets the ÷1000 a pupil writes (engine/mathwp/dimensions.py)."""
    solution = solver.solve("一袋洗衣粉重500克，6袋洗衣粉重多少千克？")
    assert solution.answer.text == "3千克" and solution.steps[-2:] == ["3000÷1000=3", "3000克=3千克"]


def test_the_tab_shows_the_unit_conversion_step(qapp, qtbot, services, artifacts):
    from widgets.math_tab import MathTab

    tab = MathTab(services)
    qtbot.addWidget(tab)
    tab.show()
    tab.input.setPlainText("小明每步长65厘米，他从家走到学校共走了800步，小明家到学校有多少米？")
    tab.solve()
    qtbot.waitUntil(lambda: not tab.busy(), timeout=60_000)
    assert tab.solution is not None and "520米" in tab.answer.text()
    assert tab.solution.steps[-2:] == ["52000÷100=520", "52000厘米=520米"]
    assert tab.grab().save(str(artifacts / "math_units.png"))
    tab.shutdown()
