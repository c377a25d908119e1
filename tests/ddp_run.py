"""A tiny causal LM trained through the shared loop, as ``tests/test_training_ddp.py`` launches it:
``torchrun --nproc-per-node 2 tests/ddp_run.py OUT`` or ``python tests/ddp_run.py OUT``.

Each step's global batch is four rows of different lengths (so the ranks hold different numbers
of targets); with two processes rank r takes rows r and r + 2, alone one process takes all four.
"""

import faulthandler
import sys

import torch
from transformers import LlamaConfig, LlamaForCausalLM

from engine.training import TrainConfig, train

IGNORE = -100


def global_rows(step: int) -> list[torch.Tensor]:
    generator = torch.Generator().manual_seed(step)
    return [torch.randint(1, 32, (length,), generator=generator) for length in (5, 16, 9, 12)]


def collate(rows: list[torch.Tensor]) -> dict[str, torch.Tensor]:
    width = max(len(row) for row in rows)
    input_ids = torch.zeros(len(rows), width, dtype=torch.long)
    labels = torch.full((len(rows), width), IGNORE)
    for r, row in enumerate(rows):
        input_ids[r, : len(row)] = row
        labels[r, : len(row)] = row
    return {"input_ids": input_ids, "labels": labels}


def make_batches(start: int, rank: int, world_size: int):
    step = start
    while True:
        rows = global_rows(step)
        yield collate([row for index, row in enumerate(rows) if index % world_size == rank])
        step += 1


def main(out: str) -> None:
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=32, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                         num_key_value_heads=2, intermediate_size=32, max_position_embeddings=64,
                         tie_word_embeddings=True, pad_token_id=0)
    model = LlamaForCausalLM(config)
    train(TrainConfig(out_dir=out, lr=1e-2, warmup_steps=2, max_steps=6, eval_every=100, log_every=1,
                      precision="fp32", device="cpu", threads=1, fused_adamw=False),
          model, make_batches, log=lambda record: None)


if __name__ == "__main__":
    faulthandler.dump_traceback_later(90, exit=True)  # a hung rank prints where it hangs, then ends
    main(sys.argv[1])
