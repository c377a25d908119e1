"""The one training loop every task uses, nanoGPT style: read it top to bottom.

A task supplies what differs between tasks:

* the model: any ``transformers`` model whose forward returns ``.loss``;
* ``make_batches(start, rank, world_size)``: an endless iterator of batches (dicts of tensors
  for ``model(**batch)``), starting at batch number ``start`` of this rank's share, so a
  resumed run sees the data it would have seen;
* optionally ``evaluate(model) -> dict`` of metrics (lower ``select_metric`` is better).

Everything else is here: AdamW (fused) with warmup and cosine decay, gradient clipping, bf16/fp16
autocast on CPU and CUDA, optional ``torch.compile``, checkpoints (safetensors weights, optimizer state, JSON state)
that a restarted run resumes from, the best model by ``select_metric`` saved with
``save_pretrained``, and metrics as JSON lines. It runs on the CPU, one GPU, or several
through ``torchrun``/``accelerate launch`` (DDP whenever ``WORLD_SIZE`` > 1). Under DDP each
rank's loss is weighted by its share of the step's targets, so the ranks together take the step
one process would take on all their batches at once (DDP alone averages per-rank means).

    config = TrainConfig(out_dir="runs/xq", max_steps=20_000, time_budget_s=3600)
    train(config, model, make_batches, evaluate)
"""

from __future__ import annotations

import gc
import json
import math
import os
import random
import resource
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

import torch
import torch.distributed as dist
from safetensors.torch import load_model, save_model

Batch = dict[str, torch.Tensor]
MakeBatches = Callable[[int, int, int], Iterator[Batch]]
if TYPE_CHECKING:
    from transformers import PreTrainedModel
ModelT = TypeVar("ModelT", bound="PreTrainedModel")
Evaluate = Callable[[ModelT], dict[str, float]]  # evaluate(model) -> metrics, for the model being trained
IGNORE_INDEX = -100
"""A label that is not scored (the ``transformers`` convention)."""


@dataclass
class TrainConfig:
    out_dir: str
    lr: float = 1e-3
    min_lr: float = 1e-4
    warmup_steps: int = 200
    max_steps: int = 10_000
    time_budget_s: float | None = None  # stop (and finish the decay) by this much training time
    batch_tokens: int = 8192  # per rank; the task's batch builder reads it
    weight_decay: float = 0.1
    grad_clip: float = 1.0
    eval_every: int = 500  # steps
    checkpoint_every_s: float = 300.0
    log_every: int = 20
    select_metric: str = "valid_loss"
    seed: int = 0
    precision: str = "bf16"  # bf16 | fp16 | fp32
    device: str = "auto"  # auto | cpu | cuda
    threads: int = 0  # CPU threads; 0 = torch's default
    compile: bool = False  # torch.compile the training forward (dynamic shapes; ~45 s once per start)
    fused_adamw: bool = True


def lr_at(config: TrainConfig, step: int, progress: float) -> float:
    """Linear warmup over steps, then cosine from ``lr`` to ``min_lr`` over ``progress`` 0..1."""
    if step < config.warmup_steps:
        return config.lr * (step + 1) / config.warmup_steps
    cosine = 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))
    return config.min_lr + (config.lr - config.min_lr) * cosine


def _init_distributed(config: TrainConfig) -> tuple[int, int, torch.device]:
    """(rank, world_size, device); starts a process group when launched with WORLD_SIZE > 1."""
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    use_cuda = config.device == "cuda" or (config.device == "auto" and torch.cuda.is_available())
    if use_cuda:
        device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
    else:
        device = torch.device("cpu")
    if world_size > 1 and not dist.is_initialized():
        dist.init_process_group(backend="nccl" if use_cuda else "gloo")
    return rank, world_size, device


def _autocast(device: torch.device, precision: str):
    if precision == "fp32":
        return nullcontext()
    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}[precision]
    return torch.autocast(device_type=device.type, dtype=dtype)


def _optimizer(model: torch.nn.Module, config: TrainConfig) -> torch.optim.AdamW:
    """AdamW; matrices decay, biases, norms and embeddings-as-vectors do not."""
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.dim() >= 2]
    no_decay = [p for p in params if p.dim() < 2]
    groups = [{"params": decay, "weight_decay": config.weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=config.lr, betas=(0.9, 0.95), fused=config.fused_adamw)


def useful_tokens(batch: Batch, pad_id: int | None) -> int:
    """Tokens of a batch that are not padding: the attention mask's ones, else the input ids
    that are not ``pad_id``; plus the predicted decoder tokens of an encoder-decoder batch."""
    ids = batch["input_ids"]
    if "attention_mask" in batch:
        count = int(batch["attention_mask"].sum())
    elif pad_id is not None:
        count = int((ids != pad_id).sum())
    else:
        count = ids.numel()
    labels = batch.get("labels")
    if labels is not None and labels.shape != ids.shape:
        count += int((labels != IGNORE_INDEX).sum())
    return count


def predicted_tokens(batch: Batch, causal: bool) -> int:
    """How many targets a batch's loss averages over: its labels that are not ``IGNORE_INDEX``, less each
    row's first label for a causal LM (which predicts label i + 1 from token i)."""
    labels = batch.get("labels")
    if labels is None:
        return batch["input_ids"].numel()
    return int((labels[:, 1:] if causal and labels.dim() == 2 else labels).ne(IGNORE_INDEX).sum())


def is_causal_lm(model: torch.nn.Module) -> bool:
    return any(cls.__name__.endswith("ForCausalLM") for cls in type(model).__mro__)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# -- checkpoints -----------------------------------------------------------------------------

def endless_epochs(epoch_groups: Callable[[int], list[list]], start: int, rank: int,
                   world_size: int) -> Iterator[list]:
    """The groups of rows of endless epochs for a task's ``make_batches``.

    ``epoch_groups(epoch)`` gives one epoch's groups (the task shuffles and buckets them); each
    rank takes an equal share, and the first ``start`` groups are skipped on resume.
    """
    produced, epoch = 0, 0
    while True:
        groups = epoch_groups(epoch)
        for group in groups[: len(groups) - len(groups) % world_size][rank::world_size]:
            produced += 1
            if produced > start:
                yield group
        epoch += 1


def length_batches(lengths: list[int], batch_tokens: int, rng: random.Random, chunk: int = 2048) -> list[list[int]]:
    """One epoch of index batches for a task's ``epoch_groups``: shuffled, sorted by length
    within chunks of ``chunk`` rows so little is padding, each batch at most ``batch_tokens``
    padded tokens (longest length x count), the batches in random order.

        >>> sorted(length_batches([3, 9, 4, 8, 3], 16, random.Random(0)))
        [[0, 4, 2], [1], [3]]
    """
    order = list(range(len(lengths)))
    rng.shuffle(order)
    batches = []
    for start in range(0, len(order), chunk):
        group = sorted(order[start : start + chunk], key=lambda i: lengths[i])
        current: list[int] = []
        for index in group:
            if current and lengths[index] * (len(current) + 1) > batch_tokens:
                batches.append(current)
                current = []
            current.append(index)
        if current:
            batches.append(current)
    rng.shuffle(batches)
    return batches

BUNDLE_SHARD_SIZE = "7MB"  # every tracked file of the repository stays under 8 MiB


def causal_lm_metrics(batches: list[Batch]) -> Evaluate:
    """``evaluate(model)`` for a causal LM: loss and unmasked top-1 over the labelled tokens
    (labels -100 are not scored) of fixed validation batches."""

    def evaluate(model) -> dict[str, float]:
        device = next(model.parameters()).device
        total_loss, correct, count = 0.0, 0, 0
        for batch in batches:
            inputs = {k: v.to(device) for k, v in batch.items() if k != "labels"}
            logits = model(**inputs).logits[:, :-1].float()
            targets = batch["labels"][:, 1:].to(device)
            mask = targets != IGNORE_INDEX
            total_loss += float(torch.nn.functional.cross_entropy(logits[mask], targets[mask], reduction="sum"))
            correct += int((logits.argmax(-1)[mask] == targets[mask]).sum())
            count += int(mask.sum())
        return {"valid_loss": round(total_loss / count, 4), "valid_top1_unmasked": round(correct / count, 4)}

    return evaluate


def save_exported_model(model, out: str | Path) -> None:
    """A trained model's export (``--export``): ``save_pretrained`` in safetensors shards small
    enough for a repository file; ``ModelStore`` and ``from_pretrained`` read them as one."""
    model.save_pretrained(out, max_shard_size=BUNDLE_SHARD_SIZE)


def checkpoint_dir(out_dir: str | Path) -> Path:
    return Path(out_dir) / "checkpoint"


def save_checkpoint(out_dir: str | Path, model, optimizer, scaler, state: dict) -> None:
    """Write weights, optimizer and state to a fresh folder, then swap it in (no torn files)."""
    final = checkpoint_dir(out_dir)
    staging = final.with_name("checkpoint.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    save_model(model, str(staging / "model.safetensors"))
    torch.save({"optimizer": optimizer.state_dict(), "scaler": scaler.state_dict()}, staging / "optimizer.pt")
    (staging / "state.json").write_text(json.dumps(state, indent=1), encoding="utf-8")
    old = final.with_name("checkpoint.old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def load_checkpoint(out_dir: str | Path, model, optimizer, scaler) -> dict | None:
    """Restore a checkpoint in place; returns its state, or None when there is none."""
    folder = checkpoint_dir(out_dir)
    if not (folder / "state.json").is_file():
        return None
    load_model(model, str(folder / "model.safetensors"), device=str(next(model.parameters()).device))
    saved = torch.load(folder / "optimizer.pt", map_location="cpu", weights_only=True)
    optimizer.load_state_dict(saved["optimizer"])
    scaler.load_state_dict(saved["scaler"])
    return json.loads((folder / "state.json").read_text(encoding="utf-8"))


# -- the loop --------------------------------------------------------------------------------

def train(
    config: TrainConfig,
    model: ModelT,
    make_batches: MakeBatches,
    evaluate: Evaluate[ModelT] | None = None,
    log: Callable[[dict], None] | None = None,
) -> dict:
    """Train (resuming from ``out_dir/checkpoint`` if present); returns the final state."""
    rank, world_size, device = _init_distributed(config)
    master = rank == 0
    if config.threads and device.type == "cpu":
        torch.set_num_threads(config.threads)
    torch.manual_seed(config.seed + rank)
    out_dir = Path(config.out_dir)
    if master:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "train_config.json").write_text(json.dumps(asdict(config), indent=1), encoding="utf-8")
    metrics_file = out_dir / "metrics.jsonl"

    def emit(record: dict) -> None:
        if not master:
            return
        line = json.dumps(record)
        with open(metrics_file, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
        (log or print)(record)

    model.to(device)  # type: ignore[arg-type]  # transformers' stub of PreTrainedModel.to misreads its decorator
    raw_model = model  # what we save and evaluate; DDP only wraps it for the backward pass
    wrapped: torch.nn.Module = raw_model  # what runs forward and backward
    optimizer = _optimizer(raw_model, config)
    scaler = torch.amp.GradScaler(device.type, enabled=config.precision == "fp16")
    state = load_checkpoint(out_dir, raw_model, optimizer, scaler) or {
        "step": 0, "elapsed_s": 0.0, "tokens": 0, "useful_tokens": 0, "best": None,
    }
    state.setdefault("useful_tokens", 0)  # checkpoints written before these were counted
    state.setdefault("cpu_s", 0.0)
    if state["step"]:
        emit({"event": "resumed", "step": state["step"], "elapsed_s": round(state["elapsed_s"], 1)})
    if world_size > 1:
        wrapped = torch.nn.parallel.DistributedDataParallel(
            raw_model, device_ids=[device.index] if device.type == "cuda" else None
        )
    if config.compile:
        wrapped = cast(torch.nn.Module, torch.compile(wrapped, dynamic=True))  # a Module compiles to a Module
    pad_id = getattr(getattr(raw_model, "config", None), "pad_token_id", None)
    causal = is_causal_lm(raw_model)

    def progress() -> float:
        by_steps = state["step"] / config.max_steps
        by_time = state["elapsed_s"] / config.time_budget_s if config.time_budget_s else 0.0
        return max(by_steps, by_time)

    def run_eval() -> None:
        if master and evaluate is not None:
            raw_model.eval()
            with torch.no_grad(), _autocast(device, config.precision):
                metrics = evaluate(raw_model)
            raw_model.train()
            emit({"event": "eval", "step": state["step"], **metrics})
            score = metrics.get(config.select_metric)
            if score is not None and (state["best"] is None or score < state["best"]):
                state["best"] = score
                state["best_step"] = state["step"]
                raw_model.save_pretrained(out_dir / "best")
        if world_size > 1:
            dist.barrier()

    batches = make_batches(state["step"], rank, world_size)
    wrapped.train()
    last_checkpoint = time.monotonic()
    window_start, window_tokens, window_useful, window_loss, window_steps = time.monotonic(), 0, 0, 0.0, 0
    while progress() < 1.0:
        step_start, cpu_start = time.monotonic(), time.process_time()
        lr = lr_at(config, state["step"], progress())
        for group in optimizer.param_groups:
            group["lr"] = lr

        batch = {k: v.to(device, non_blocking=True) for k, v in next(batches).items()}
        with _autocast(device, config.precision):
            loss = wrapped(**batch).loss
        if world_size > 1:  # weight = this rank's targets / the mean over ranks (module doc)
            targets = torch.tensor([float(predicted_tokens(batch, causal))], dtype=torch.float64, device=device)
            total = targets.clone()
            dist.all_reduce(total)
            weight = float(targets * world_size / total)
            step_loss = loss.detach().double() * targets
            dist.all_reduce(step_loss)
            step_loss = float(step_loss / total)  # the mean over every rank's targets
            loss = loss * weight
        else:
            step_loss = float(loss.detach())
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)
        grad_norm = torch.nn.utils.clip_grad_norm_(wrapped.parameters(), config.grad_clip)
        scaler.step(optimizer)
        scaler.update()
        optimizer.zero_grad(set_to_none=True)

        # Every rank must agree on the clock that decides the schedule and the stop.
        elapsed = torch.tensor([time.monotonic() - step_start], dtype=torch.float64, device=device)
        if world_size > 1:
            dist.broadcast(elapsed, src=0)
        state["elapsed_s"] += float(elapsed)
        state["cpu_s"] += time.process_time() - cpu_start  # this process's CPU: unlike wall time, not slowed by others
        state["step"] += 1
        state["tokens"] += batch["input_ids"].numel() * world_size
        window_tokens += batch["input_ids"].numel() * world_size
        useful = useful_tokens(batch, pad_id) * world_size
        state["useful_tokens"] += useful
        window_useful += useful
        window_loss += step_loss
        window_steps += 1

        if state["step"] % config.log_every == 0:
            seconds = time.monotonic() - window_start
            emit({
                "event": "train", "step": state["step"], "loss": round(window_loss / window_steps, 4),
                "lr": round(lr, 7), "grad_norm": round(float(grad_norm), 3),
                "tokens_per_s": round(window_tokens / seconds), "useful_tokens_per_s": round(window_useful / seconds),
                "elapsed_s": round(state["elapsed_s"], 1),
                "progress": round(progress(), 4),
            })
            window_start, window_tokens, window_useful, window_loss, window_steps = time.monotonic(), 0, 0, 0.0, 0
        if state["step"] % config.eval_every == 0:
            run_eval()
        due = torch.tensor([time.monotonic() - last_checkpoint >= config.checkpoint_every_s], device=device)
        if world_size > 1:
            dist.broadcast(due, src=0)
        if bool(due):
            if master:
                save_checkpoint(out_dir, raw_model, optimizer, scaler, state)
            last_checkpoint = time.monotonic()

    if state["step"] % config.eval_every != 0:
        run_eval()
    if master:
        save_checkpoint(out_dir, raw_model, optimizer, scaler, state)
        emit({"event": "done", **state, "peak_rss_mb": peak_rss_mb()})
    if world_size > 1:
        dist.barrier()
        # DDP's reducer must be freed while its process group lives: freed after it (when this
        # frame ends) it hung a gloo rank about one run in three on a busy CPU.
        del wrapped
        gc.collect()
        dist.destroy_process_group()
    return state
