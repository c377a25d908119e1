"""The command-line arguments of the shared training loop, declared once for every task.

Each task's ``train`` verb adds its own arguments (data, model size, augmentations) and
these, with its own defaults; :func:`loop_config` turns the parsed arguments into the
loop's :class:`~engine.training.TrainConfig`. This module imports no torch, so a task's
``--help`` stays fast.

    add_loop_arguments(parser, lr=3e-3, batch_tokens=4096)
    args = parser.parse_args()
    run(options_of(TrainOptions, args), loop_config(args, select_metric="valid_error"))
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Options = TypeVar("Options", bound="DataclassInstance")


def add_loop_arguments(
    parser: argparse.ArgumentParser,
    *,
    max_steps: int = 100_000,
    batch_tokens: int = 8192,
    lr: float = 1e-3,
    min_lr: float = 1e-4,
    warmup: int = 200,
    eval_every: int = 500,
    checkpoint_minutes: float = 3.0,
    precision: str = "bf16",
    compile: bool = False,
    batch_tokens_help: str | None = None,
    precision_help: str | None = None,
) -> None:
    """``--out --init --minutes --max-steps --batch-tokens --lr --min-lr --warmup --eval-every
    --checkpoint-minutes --precision --compile --fused-adamw --device --threads --seed --export``."""
    parser.add_argument("--out", required=True, help="run folder: checkpoint/, best/, metrics.jsonl")
    parser.add_argument("--init", type=Path, default=None,
                        help="continue from this model folder (a run's best/ or an export): its weights and "
                             "tokenizer; --size is ignored")
    parser.add_argument("--minutes", type=float, default=None, help="training time budget")
    parser.add_argument("--max-steps", type=int, default=max_steps)
    parser.add_argument("--batch-tokens", type=int, default=batch_tokens, help=batch_tokens_help)
    parser.add_argument("--lr", type=float, default=lr)
    parser.add_argument("--min-lr", type=float, default=min_lr)
    parser.add_argument("--warmup", type=int, default=warmup)
    parser.add_argument("--eval-every", type=int, default=eval_every)
    parser.add_argument("--checkpoint-minutes", type=float, default=checkpoint_minutes)
    parser.add_argument("--precision", choices=["bf16", "fp16", "fp32"], default=precision, help=precision_help)
    parser.add_argument("--compile", action=argparse.BooleanOptionalAction, default=compile,
                        help="torch.compile the training forward (costs ~45 s at each start)")
    parser.add_argument("--fused-adamw", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (0: torch's default)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--export", default=None, help="write the best model here as fp16 when done")


def loop_config(args: argparse.Namespace, **fields):
    """The :class:`~engine.training.TrainConfig` of arguments from :func:`add_loop_arguments`;
    ``fields`` sets the rest (``select_metric``, ...)."""
    from engine.training import TrainConfig

    return TrainConfig(
        out_dir=args.out, lr=args.lr, min_lr=args.min_lr, warmup_steps=args.warmup, max_steps=args.max_steps,
        time_budget_s=args.minutes * 60 if args.minutes else None, batch_tokens=args.batch_tokens,
        eval_every=args.eval_every, checkpoint_every_s=args.checkpoint_minutes * 60,
        precision=args.precision, compile=args.compile, fused_adamw=args.fused_adamw, device=args.device, threads=args.threads, seed=args.seed, **fields,
    )


def options_of(cls: type[Options], args: argparse.Namespace) -> Options:
    """A task's training options (a dataclass of plain values, which its ``train.py`` takes)
    from the parsed arguments of the same names, which its ``cli.py`` declares."""
    return cls(**{field.name: getattr(args, field.name) for field in dataclasses.fields(cls)})
