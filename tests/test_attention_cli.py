"""``wenqi-cli attention capture`` writes the matrices, labels and errors as JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest

from test_attention_models import model_dir


def test_cli_capture_writes_matrices_labels_and_errors(tmp_path, capsys):
    from engine.cli import main

    out = tmp_path / "attention.json"
    code = main(["attention", "capture", "--model", str(model_dir("gpt2")), "--text", "春风得意马蹄疾",
                 "--features", "8", "64", "--json", str(out)])
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    (stack,) = report["stacks"]
    assert stack["query_labels"] == list("春风得意马蹄疾")
    weights = np.array(stack["weights"])
    assert weights.shape == (2, 4, 7, 7)
    np.testing.assert_allclose(weights.sum(-1), 1.0, atol=1e-4)
    methods = [a["method"] for a in stack["approximations"]]
    assert methods == ["FAVOR+ m=8", "FAVOR+ m=64", "elu+1 linear", "Taylor order 2", "Taylor order 4"]
    assert np.array(stack["approximations"][0]["kl_per_head"]).shape == (2, 4)
    assert '"recompute_max_abs_error": 0.0' in capsys.readouterr().out


def test_cli_capture_of_a_missing_model_says_so(tmp_path, capsys):
    from engine.cli import main

    code = main(["attention", "capture", "--model", str(tmp_path / "nothing"), "--text", "春"])
    assert code == 1
    assert "No model named" in capsys.readouterr().err


def test_benchmark_measures_time_memory_and_error_of_one_method():
    from engine.attention.benchmark import Setup, measure_one, methods

    setup = Setup(heads=1, head_dim=8, repeats=1, error_limit=64, features=(4, 32))
    assert [name for name in methods(setup) if name.startswith("FAVOR")] == ["FAVOR+ m=4", "FAVOR+ m=32"]
    exact = measure_one("softmax (n×n map)", 64, setup)
    favor = measure_one("FAVOR+ m=4", 64, setup)
    assert exact["seconds"] > 0 and exact["peak_extra_mib"] >= 0 and exact["mean_kl"] is None
    assert favor["mean_kl"] > 0


def test_benchmark_workers_get_the_same_setup():
    from engine.attention.benchmark import Setup
    from engine.attention.cli import benchmark_setup
    from engine.cli import build_parser

    setup = Setup(heads=2, head_dim=16, causal=False, repeats=2, threads=1, features=(8,), scale=0.5)
    args = build_parser().parse_args(["attention", "benchmark", "--lengths", "32", *setup.arguments()])
    assert benchmark_setup(args) == setup


def test_a_task_name_finds_its_bundled_model(tmp_path):
    import shutil

    from engine.attention.cli import model_source
    from engine.runtime.store import ModelError, ModelStore

    shutil.copytree(model_dir("xiangqi"), tmp_path / "xiangqi-gpt")
    store = ModelStore(bundled_dir=tmp_path)
    assert model_source("xiangqi", store) == str((tmp_path / "xiangqi-gpt").resolve())
    assert model_source("xiangqi-gpt", store) == str((tmp_path / "xiangqi-gpt").resolve())
    with pytest.raises(ModelError):
        model_source("couplet", store)
