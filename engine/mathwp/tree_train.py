"""Train the tree decoder: ``python -m engine.mathwp.train --arch tree ...``.

    python -m engine.mathwp.train --arch tree --data runs/mathwp/data/train.jsonl \
        --valid runs/mathwp/data/valid.jsonl --out runs/mathwp/tree --size fast \
        --minutes 100 --batch-tokens 4096 --lr 1e-3 --min-lr 5e-5 --warmup 100 \
        --eval-every 500 --precision fp32 --threads 1

The same data, loop (:func:`engine.training.train`), checkpoints and resume as the BART
(:mod:`engine.mathwp.train`); what differs is the model, the batches (problems with their
gold prefix trees, :mod:`engine.mathwp.tree_data`; a linear equation is solved for x first)
and the evaluation. Items with no tree (x in a divisor or a power, a unary minus, a rare
constant) are left out of training and counted in the first log line; on the held-out
problems they count as wrong. The tokenizer and the
model config (with its constants) are written to ``OUT/best`` first, and a resumed run reads
them back from there, so it trains the model it started.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch
from transformers import AutoTokenizer

from engine.mathwp.data import Item
from engine.mathwp.model import build_tokenizer, character_vocabulary
from engine.mathwp.tree import choose_constants
from engine.mathwp.tree_data import batch_stream, collate, length_groups, tree_examples
from engine.mathwp.tree_model import TREE_SIZES, TreeSolverConfig, TreeSolverModel, register_architecture
from engine.mathwp.tree_search import tree_candidates
from engine.mathwp.train import top_candidate_accuracy
from engine.training import save_exported_model, train
from engine.training_args import loop_config

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
    import random

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
"""


def export(best_dir: Path, out: Path, card: str) -> None:
    """The best checkpoint as fp16 safetensors plus its tokenizer and card: a model folder."""
    save_exported_model(TreeSolverModel.from_pretrained(best_dir, dtype=torch.float16), out)
    AutoTokenizer.from_pretrained(best_dir).save_pretrained(out)
    (out / "README.md").write_text(card, encoding="utf-8")


def run(args: argparse.Namespace, train_items: list[Item], valid_items: list[Item], command: str) -> int:
    register_architecture()  # AutoTokenizer reads the folder's config too
    best = Path(args.out) / "best"
    if (best / "config.json").is_file():  # a resumed run: the tokenizer and classes it started with
        tokenizer = AutoTokenizer.from_pretrained(best)
        config = TreeSolverConfig.from_pretrained(best)
    elif args.init is not None:
        tokenizer = AutoTokenizer.from_pretrained(args.init)
        config = TreeSolverConfig.from_pretrained(args.init)
    else:
        tokenizer = build_tokenizer(character_vocabulary(train_items))
        config = new_config(tokenizer, train_items, args.size)
    best.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(best)
    config.save_pretrained(best)
    examples, dropped = tree_examples(train_items, tokenizer, config.classes)
    print(json.dumps({"event": "data", "train": len(train_items), "train_trees": len(examples),
                      "dropped": dict(dropped), "valid": len(valid_items), "vocabulary": len(tokenizer),
                      "constants": config.constants}, ensure_ascii=False), flush=True)
    loop = loop_config(args, select_metric="valid_error")
    torch.manual_seed(args.seed)
    if args.init is not None:
        model = TreeSolverModel.from_pretrained(args.init, dtype=torch.float32)
    else:
        model = TreeSolverModel(config)
    make_batches = batch_stream(examples, loop.batch_tokens, tokenizer.pad_token_id, seed=args.seed)
    evaluate = valid_metrics(valid_items, tokenizer, config.classes, loop.batch_tokens, args.eval_problems)
    state = train(loop, model, make_batches, evaluate, log=lambda record: print(json.dumps(record), flush=True))
    if args.export and (best / "model.safetensors").is_file():
        metrics = [json.loads(line) for line in open(Path(args.out) / "metrics.jsonl", encoding="utf-8")]
        evals = [m for m in metrics if m.get("event") == "eval" and m.get("step") == state.get("best_step")]
        card = MODEL_CARD.format(
            size=args.size, parameters=sum(p.numel() for p in model.parameters()), constants=", ".join(config.constants),
            train=len(examples), dropped=", ".join(f"{n} dropped: {why}" for why, n in dropped.items()),
            valid=len(valid_items), command=command, metrics=json.dumps(evals[-1] if evals else {}),
        )
        export(best, Path(args.export), card)
    return 0 if state["step"] else 1
