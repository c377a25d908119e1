"""The shared training loop: it trains, checkpoints, resumes and keeps the best model."""

import json

import pytest
import torch
from transformers import LlamaConfig, LlamaForCausalLM

from engine.training import TrainConfig, checkpoint_dir, lr_at, train


def tiny_model() -> LlamaForCausalLM:
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=32, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                         num_key_value_heads=2, intermediate_size=32, max_position_embeddings=64,
                         tie_word_embeddings=True)
    return LlamaForCausalLM(config)


def counting_batches(start, rank, world_size):
    """A learnable pattern (0 1 2 ... 15); records which batch numbers were produced."""
    number = start
    while True:
        ids = torch.arange(16).repeat(4, 1)
        produced.append(number)
        number += 1
        yield {"input_ids": ids, "labels": ids}


produced: list[int] = []


def eval_loss(model):
    ids = torch.arange(16)[None]
    return {"valid_loss": float(model(input_ids=ids, labels=ids).loss)}


def events(out_dir, kind):
    lines = (out_dir / "metrics.jsonl").read_text().splitlines()
    return [r for r in map(json.loads, lines) if r["event"] == kind]


def test_learning_rate_warms_up_then_decays_to_min():
    config = TrainConfig(out_dir="x", lr=1e-3, min_lr=1e-4, warmup_steps=10, max_steps=100)
    assert lr_at(config, 0, 0.0) == pytest.approx(1e-4)
    assert lr_at(config, 9, 0.09) == pytest.approx(1e-3)
    assert lr_at(config, 50, 0.5) == pytest.approx(5.5e-4)
    assert lr_at(config, 100, 1.0) == pytest.approx(1e-4)


def test_train_learns_checkpoints_and_resumes(tmp_path):
    produced.clear()
    config = TrainConfig(out_dir=str(tmp_path), lr=1e-2, warmup_steps=2, max_steps=12, eval_every=6,
                         checkpoint_every_s=0.0, log_every=3, precision="fp32", device="cpu")
    model = tiny_model()
    first = train(config, model, counting_batches, eval_loss, log=lambda r: None)
    assert first["step"] == 12
    evals = events(tmp_path, "eval")
    assert evals[-1]["valid_loss"] < evals[0]["valid_loss"] + 1e-6
    assert (checkpoint_dir(tmp_path) / "model.safetensors").is_file()
    assert (tmp_path / "best" / "config.json").is_file()

    # A longer run with the same folder resumes at step 12 with the data that comes next.
    produced.clear()
    resumed = train(TrainConfig(**{**config.__dict__, "max_steps": 15}), tiny_model(), counting_batches,
                    eval_loss, log=lambda r: None)
    assert resumed["step"] == 15
    assert produced[0] == 12
    assert events(tmp_path, "resumed")[0]["step"] == 12
    state = json.loads((checkpoint_dir(tmp_path) / "state.json").read_text())
    assert state["step"] == 15


def test_bf16_autocast_runs_on_cpu(tmp_path):
    produced.clear()
    config = TrainConfig(out_dir=str(tmp_path), max_steps=2, warmup_steps=1, precision="bf16", device="cpu",
                         checkpoint_every_s=1e9)
    state = train(config, tiny_model(), counting_batches, log=lambda r: None)
    assert state["step"] == 2 and state["tokens"] == 2 * 64


def test_endless_epochs_resume_and_share_equally_between_ranks():
    from itertools import islice

    from engine.training import endless_epochs

    def epoch_groups(epoch):
        return [[epoch, i] for i in range(5)]  # 5 groups: one is left out with 2 ranks

    whole = list(islice(endless_epochs(epoch_groups, 0, 0, 1), 12))
    assert whole[:6] == [[0, 0], [0, 1], [0, 2], [0, 3], [0, 4], [1, 0]]
    assert list(islice(endless_epochs(epoch_groups, 7, 0, 1), 5)) == whole[7:12]
    rank0 = list(islice(endless_epochs(epoch_groups, 0, 0, 2), 4))
    rank1 = list(islice(endless_epochs(epoch_groups, 0, 1, 2), 4))
    assert rank0 == [[0, 0], [0, 2], [1, 0], [1, 2]] and rank1 == [[0, 1], [0, 3], [1, 1], [1, 3]]


def test_a_killed_run_resumed_with_the_same_config_ends_where_an_unbroken_one_does(tmp_path):
    """Weights, optimizer moments, schedule position and data order all survive a restart."""

    def batches(stop_at=None):
        def make(start, rank, world_size):
            generator = torch.Generator().manual_seed(0)
            rows = [torch.randint(0, 32, (4, 16), generator=generator) for _ in range(20)]
            for number in range(start, 20):
                if number == stop_at:
                    raise KeyboardInterrupt  # the session ends mid-run
                yield {"input_ids": rows[number], "labels": rows[number]}
        return make

    def config(folder):
        return TrainConfig(out_dir=str(folder), lr=1e-2, warmup_steps=3, max_steps=12, eval_every=100,
                           checkpoint_every_s=0.0, precision="fp32", device="cpu")

    unbroken = tiny_model()
    train(config(tmp_path / "a"), unbroken, batches(), log=lambda r: None)
    with pytest.raises(KeyboardInterrupt):
        train(config(tmp_path / "b"), tiny_model(), batches(stop_at=7), log=lambda r: None)
    resumed = tiny_model()
    state = train(config(tmp_path / "b"), resumed, batches(), log=lambda r: None)
    assert state["step"] == 12
    for (name, a), (_, b) in zip(unbroken.state_dict().items(), resumed.state_dict().items()):
        assert torch.allclose(a, b, atol=1e-6), name
