"""Train the math model: ``python -m engine.mathwp.train`` or ``wenqi-cli math train``.

    python -m engine.mathwp.train --data ../shared/data --out runs/mathwp/small \
        --size small --minutes 50 --export runs/mathwp/small/export

``--data`` is the shared data folder (prepared on the fly into ``OUT/data`` by
:mod:`engine.mathwp.prepare`, which also holds out the validation slice) or prepared
``train.jsonl`` files (then pass ``--valid``). The loop is :func:`engine.training.train`:
a stopped run resumes from ``OUT/checkpoint`` with the same command; the model with the
lowest validation answer error is kept in ``OUT/best`` (with its tokenizer); ``--export``
writes it as fp16 with a model card, a folder ``ModelStore`` loads.

Augmentations (each can be switched off to measure it): the numbers' digits after their
placeholders (``--no-values``), number substitution (``--substitute``), equivalent
equation forms (``--reform``). ``--arch tree`` trains the tree decoder instead
(:mod:`engine.mathwp.tree_train`; the augmentations are the BART's only).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import torch
from transformers import AutoTokenizer, BartForConditionalGeneration

from engine.mathwp.data import Item, Problem, answers_match, training_pair
from engine.mathwp.expression import ExpressionError
from engine.mathwp.model import (
    IGNORE,
    Augment,
    build_tokenizer,
    character_vocabulary,
    fixed_batches,
    make_batch_stream,
    new_model,
)
from engine.training import save_exported_model, train
from engine.training_args import loop_config


def read_prepared(paths: list[Path]) -> list[Item]:
    from engine.data import read_jsonl

    return [Item.from_json(record) for path in paths for record in read_jsonl(path)]


def load_data(args: argparse.Namespace) -> tuple[list[Item], list[Item]]:
    """(train, valid) items from a shared data folder or prepared files."""
    if len(args.data) == 1 and Path(args.data[0]).is_dir():
        from engine.mathwp.prepare import prepare

        prepared = Path(args.out) / "data"
        if not (prepared / "train.jsonl").is_file():
            prepare(Path(args.data[0]), prepared)
        return read_prepared([prepared / "train.jsonl"]), read_prepared([prepared / "valid.jsonl"])
    if not args.valid:
        raise ValueError("--valid is needed when --data names prepared files")
    return read_prepared([Path(p) for p in args.data]), read_prepared([Path(args.valid)])


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


def valid_metrics(valid: list[Item], tokenizer, batch_tokens: int, show_values: bool, problems: int):
    """``evaluate(model)`` for the loop: teacher-forced loss, and the answer error of greedy
    decoding on the first ``problems`` validation items (the selection metric)."""
    from engine.mathwp.generation import generate_candidates

    loss_batches = list(fixed_batches(valid, tokenizer, batch_tokens, show_values))
    answer_items = valid[:problems]

    def evaluate(model: torch.nn.Module) -> dict[str, float]:
        device = next(model.parameters()).device
        total, count = 0.0, 0
        for batch in loss_batches:
            batch = {k: v.to(device) for k, v in batch.items()}
            logits = model(**batch).logits.float()
            mask = batch["labels"] != IGNORE
            total += float(torch.nn.functional.cross_entropy(logits[mask], batch["labels"][mask], reduction="sum"))
            count += int(mask.sum())
        accuracy = top_candidate_accuracy(answer_items, lambda problems: generate_candidates(model, tokenizer, problems, 1))
        return {"valid_loss": round(total / max(count, 1), 4), "valid_accuracy": round(accuracy, 4),
                "valid_error": round(1 - accuracy, 4)}

    return evaluate


MODEL_CARD = """# mathwp — math word problem solver ({size})

A BART encoder-decoder ({parameters:,} parameters, fp16) trained from scratch by Wenqi: it reads
a Chinese math word problem (numbers replaced by placeholders) and writes the equation, which
`engine.mathwp.expression` evaluates exactly.

- Data: {train} training problems from Math23K, Ape210K valid, HMWP and CM17K valid (one unknown;
  see `{out}/data/counts.json`), {valid} held out to choose the checkpoint. Research data,
  licence terms unclear (see each PROVENANCE.md).
- Trained with: `{command}`
- Validation (greedy, held-out slice): {metrics}
- Test numbers: run `python -m engine.mathwp.evaluate --test ../shared/data/math-ape210k/test.ape.json.xz --model THIS_FOLDER`.
"""


def _command_line() -> str:
    """This run's command, as ``python -m engine.mathwp.train ...`` whichever way it started."""
    argv = sys.argv[1:]
    if argv[:2] == ["math", "train"]:  # wenqi-cli math train ...
        argv = argv[2:]
    return " ".join(["python -m engine.mathwp.train", *argv])


def export(best_dir: Path, out: Path, card: str) -> None:
    """The best checkpoint as fp16 safetensors plus its tokenizer and card: a model folder."""
    model = BartForConditionalGeneration.from_pretrained(best_dir, dtype=torch.float16)
    save_exported_model(model, out)
    AutoTokenizer.from_pretrained(best_dir).save_pretrained(out)
    (out / "README.md").write_text(card, encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # batch workers fork after tokenizing
    train_items, valid_items = load_data(args)
    if args.arch == "tree":
        from engine.mathwp import tree_train

        return tree_train.run(args, train_items, valid_items, _command_line())
    if args.init is not None:
        tokenizer = AutoTokenizer.from_pretrained(args.init)
    else:
        tokenizer = build_tokenizer(character_vocabulary(train_items))
    print(json.dumps({"event": "data", "train": len(train_items), "valid": len(valid_items),
                      "vocabulary": len(tokenizer)}), flush=True)
    config = loop_config(args, select_metric="valid_error")
    best = Path(args.out) / "best"
    best.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(best)  # the loop saves the weights beside it
    torch.manual_seed(args.seed)
    if args.init is not None:
        model = BartForConditionalGeneration.from_pretrained(args.init, dtype=torch.float32)
    else:
        model = new_model(tokenizer, args.size)
    show_values = not args.no_values
    augment = Augment(show_values, args.substitute, args.reform)
    make_batches = make_batch_stream(train_items, tokenizer, config.batch_tokens, augment, seed=args.seed,
                                     workers=args.workers)
    evaluate = valid_metrics(valid_items, tokenizer, config.batch_tokens, show_values, args.eval_problems)
    state = train(config, model, make_batches, evaluate, log=lambda record: print(json.dumps(record), flush=True))
    if args.export and (best / "config.json").is_file():
        metrics = [json.loads(line) for line in open(Path(args.out) / "metrics.jsonl", encoding="utf-8")]
        evals = [m for m in metrics if m.get("event") == "eval" and m.get("step") == state.get("best_step")]
        card = MODEL_CARD.format(
            size=args.size, parameters=sum(p.numel() for p in model.parameters()), train=len(train_items),
            valid=len(valid_items), out=args.out, command=_command_line(),
            metrics=json.dumps(evals[-1] if evals else {}),
        )
        export(best, Path(args.export), card)
    return 0 if state["step"] else 1


def main(argv: list[str] | None = None) -> int:
    from engine.mathwp.cli import train_arguments

    parser = argparse.ArgumentParser(prog="python -m engine.mathwp.train", description=__doc__.splitlines()[0])
    train_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
