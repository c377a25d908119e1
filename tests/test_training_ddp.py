"""The shared loop under torchrun: two CPU processes (gloo) take the steps one process takes
on the same global batches."""

import json
import os
import subprocess
import sys
from pathlib import Path

import torch
from safetensors.torch import load_file

SCRIPT = Path(__file__).with_name("ddp_run.py")


def run(command: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SCRIPT.parent.parent), "OMP_NUM_THREADS": "1"}
    done = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]


def train_losses(out: Path) -> list[float]:
    records = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    return [r["loss"] for r in records if r["event"] == "train"]


def test_two_processes_end_with_the_weights_and_losses_of_one_on_the_global_batch(tmp_path):
    run([sys.executable, str(SCRIPT), str(tmp_path / "one")], tmp_path)
    run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
         str(SCRIPT), str(tmp_path / "two")], tmp_path)
    one = load_file(tmp_path / "one" / "checkpoint" / "model.safetensors")
    two = load_file(tmp_path / "two" / "checkpoint" / "model.safetensors")
    assert one.keys() == two.keys()
    for name in one:
        assert torch.allclose(one[name], two[name], atol=1e-5), name
    losses = train_losses(tmp_path / "one")
    assert train_losses(tmp_path / "two") == losses  # each step's mean over every target
    assert len(losses) == 6
