"""Train the tree decoder: :func:`train_model`, which ``wenqi-cli math train`` calls.

    wenqi-cli math train --data runs/mathwp/data/train.jsonl --valid runs/mathwp/data/valid.jsonl \
        --out runs/mathwp/tree --size fast --minutes 100 --batch-tokens 4096 --lr 1e-3 --min-lr 5e-5 \
        --warmup 100 --eval-every 500 --precision fp32 --threads 1 --export runs/mathwp/tree/export

``data`` is the shared data folder (prepared on the fly into ``OUT/data`` by
:mod:`engine.mathwp.prepare`, which also holds out the validation slice) or prepared
``train.jsonl`` files (then pass ``valid``). The loop is :func:`engine.training.train`: a
stopped run resumes from ``OUT/checkpoint`` with the same command; the model with the lowest
greedy answer error on the held-out problems is kept in ``OUT/best``; ``export`` writes it as
fp16 with a model card, a folder ``ModelStore`` loads.

The batches are problems with their gold prefix trees (:mod:`engine.mathwp.tree_data`; a
linear equation is solved for x first); ``swap`` of them each epoch have the operands of
their ``+`` and ``*`` nodes swapped at random (an equivalent tree). Items with no tree (x in
a divisor or a power, a unary minus, a rare constant) are left out of training and counted in
the first log line; on the held-out problems they count as wrong. The tokenizer and the model
config (with its constants) are written to ``OUT/best`` first, and a resumed run reads them
back from there, so it trains the model it started.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

import torch
from transformers import AutoTokenizer

from engine.data import read_jsonl
from engine.mathwp.data import Item, Problem, answers_match
from engine.mathwp.expression import ExpressionError
from engine.mathwp.prepare import prepare
from engine.mathwp.tokenizer import build_tokenizer, character_vocabulary
from engine.mathwp.tree import choose_constants
from engine.mathwp.tree_data import batch_stream, collate, length_groups, tree_examples
from engine.mathwp.tree_model import TREE_SIZES, TreeSolverConfig, TreeSolverModel, register_architecture
from engine.mathwp.tree_search import tree_candidates
from engine.training import TrainConfig, save_exported_model, train


@dataclass(frozen=True)
class TrainOptions:
    """What :func:`train_model` trains on and how (the shared loop's settings apart)."""

    data: list[Path]
    valid: Path | None = None
    size: str = "fast"
    init: Path | None = None  # continue from this model folder: its weights, tokenizer and constants
    eval_problems: int = 1000  # held-out problems decoded greedily at each evaluation
    swap: float = 0.0  # share of trees each epoch with their + and * operands swapped
    export: Path | None = None
    command: str = ""  # the command line, for the exported card


def read_prepared(paths: list[Path]) -> list[Item]:
    return [Item.from_json(record) for path in paths for record in read_jsonl(path)]


def load_data(options: TrainOptions, out_dir: Path) -> tuple[list[Item], list[Item]]:
    """(train, valid) items from a shared data folder or prepared files."""
    if len(options.data) == 1 and options.data[0].is_dir():
        prepared = out_dir / "data"
        if not (prepared / "train.jsonl").is_file():
            prepare(options.data[0], prepared)
        return read_prepared([prepared / "train.jsonl"]), read_prepared([prepared / "valid.jsonl"])
    if options.valid is None:
        raise ValueError("--valid is needed when --data names prepared files")
    return read_prepared(options.data), read_prepared([options.valid])


def top_candidate_accuracy(items: list[Item], candidates) -> float:
    """The share of ``items`` whose top candidate gives the gold answer; ``candidates(problems)``
    returns each problem's (target, log-prob) pairs, best first (64 problems a call)."""
    correct = 0
    for start in range(0, len(items), 64):
        chunk = items[start:start + 64]
        problems = [Problem.from_text(item.text) for item in chunk]
        for item, problem, scored in zip(chunk, problems, candidates(problems)):
            try:
                value = problem.equation_from_target(scored[0][0]).solve()
            except ExpressionError:
                continue
            correct += answers_match(value, item.answer)
    return correct / max(len(items), 1)


def new_config(tokenizer, train_items: list[Item], size: str) -> TreeSolverConfig:
    if size not in TREE_SIZES:
        raise ValueError(f"Unknown model size '{size}': choose one of {', '.join(TREE_SIZES)}.")
    embedding, hidden, layers = TREE_SIZES[size]
    return TreeSolverConfig(vocab_size=len(tokenizer), embedding_size=embedding, hidden_size=hidden,
                            encoder_layers=layers, constants=choose_constants(train_items),
                            pad_token_id=tokenizer.pad_token_id)


def valid_metrics(valid: list[Item], tokenizer, classes: list[str], batch_tokens: int, problems: int):
    """``evaluate(model)`` for the loop: teacher-forced loss on the held-out items that have a
    tree, and the answer error of greedy trees on the first ``problems`` held-out items (all
    of them: one with no tree counts as wrong)."""
    examples, _ = tree_examples(valid, tokenizer, classes)
    loss_batches = [collate(group, tokenizer.pad_token_id)
                    for group in length_groups(examples, batch_tokens, random.Random(0))]
    answer_items = valid[:problems]

    def evaluate(model: TreeSolverModel) -> dict[str, float]:
        device = next(model.parameters()).device
        total, count = 0.0, 0
        for batch in loss_batches:
            batch = {k: v.to(device) for k, v in batch.items()}
            total += float(model(**batch).loss) * batch["labels"].numel()
            count += batch["labels"].numel()
        accuracy = top_candidate_accuracy(answer_items, lambda problems: tree_candidates(model, tokenizer, problems, 1))
        return {"valid_loss": round(total / max(count, 1), 4), "valid_accuracy": round(accuracy, 4),
                "valid_error": round(1 - accuracy, 4)}

    return evaluate


MODEL_CARD = """# mathwp-tree — math word problem solver, tree decoder ({size})

A goal-driven tree decoder (GTS, Xie & Sun 2019) over a bidirectional GRU encoder
({parameters:,} parameters, fp16), trained from scratch by Wenqi: it reads a Chinese math
word problem (numbers replaced by placeholders) and writes the equation as an expression tree,
which `engine.mathwp.expression` evaluates exactly. Constants: {constants}.

- Data: {train} training problems with a tree ({dropped}), {valid} held out to choose the checkpoint.
- Trained with: `{command}`
- Validation (greedy, held-out slice): {metrics}
- Test numbers: `wenqi-cli math evaluate --test ../shared/data/math-ape210k/test.ape.json.xz --model THIS_FOLDER`.
"""


def export(best_dir: Path, out: Path, card: str) -> None:
    """The best checkpoint as fp16 safetensors plus its tokenizer and card: a model folder."""
    save_exported_model(TreeSolverModel.from_pretrained(best_dir, dtype=torch.float16), out)
    AutoTokenizer.from_pretrained(best_dir).save_pretrained(out)
    (out / "README.md").write_text(card, encoding="utf-8")


def train_model(options: TrainOptions, loop: TrainConfig) -> int:
    """Train (or resume) a tree decoder with the shared loop; 0 when it took at least one step."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    train_items, valid_items = load_data(options, Path(loop.out_dir))
    register_architecture()  # AutoTokenizer reads the folder's config too
    best = Path(loop.out_dir) / "best"
    if (best / "config.json").is_file():  # a resumed run: the tokenizer and classes it started with
        tokenizer = AutoTokenizer.from_pretrained(best)
        config = TreeSolverConfig.from_pretrained(best)
    elif options.init is not None:
        tokenizer = AutoTokenizer.from_pretrained(options.init)
        config = TreeSolverConfig.from_pretrained(options.init)
    else:
        tokenizer = build_tokenizer(character_vocabulary(train_items))
        config = new_config(tokenizer, train_items, options.size)
    best.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(best)
    config.save_pretrained(best)
    examples, dropped = tree_examples(train_items, tokenizer, config.classes)
    print(json.dumps({"event": "data", "train": len(train_items), "train_trees": len(examples),
                      "dropped": dict(dropped), "valid": len(valid_items), "vocabulary": len(tokenizer),
                      "constants": config.constants}, ensure_ascii=False), flush=True)
    torch.manual_seed(loop.seed)
    if options.init is not None:
        model = TreeSolverModel.from_pretrained(options.init, dtype=torch.float32)
    else:
        model = TreeSolverModel(config)
    make_batches = batch_stream(examples, loop.batch_tokens, tokenizer.pad_token_id, seed=loop.seed,
                                classes=config.classes, swap=options.swap)
    evaluate = valid_metrics(valid_items, tokenizer, config.classes, loop.batch_tokens, options.eval_problems)
    state = train(loop, model, make_batches, evaluate, log=lambda record: print(json.dumps(record), flush=True))
    if options.export and (best / "model.safetensors").is_file():
        metrics = list(read_jsonl(best.parent / "metrics.jsonl"))
        evals = [m for m in metrics if m.get("event") == "eval" and m.get("step") == state.get("best_step")]
        card = MODEL_CARD.format(
            size=options.size, parameters=sum(p.numel() for p in model.parameters()),
            constants=", ".join(config.constants), train=len(examples),
            dropped=", ".join(f"{n} dropped: {why}" for why, n in dropped.items()), valid=len(valid_items),
            command=options.command, metrics=json.dumps(evals[-1] if evals else {}),
        )
        export(best, options.export, card)
    return 0 if state["step"] else 1
