"""``wenqi-cli math <verb>``: the math solver without the UI.

    wenqi-cli math solve "学校把135本练习本平均分给3个班，每班多少本？"
    wenqi-cli math solve "6000÷(1+3/5)"                 an equation needs no model
    wenqi-cli math check "..." --answer "(1236-180*5)/8" [--json]   right or wrong, and where
    wenqi-cli math variant "..." [--seed N] [--json]     the same problem with new numbers
    wenqi-cli math evaluate --test FILE [--limit N] [--json OUT] [--model DIR]
    wenqi-cli math calibrate --model DIR --valid runs/mathwp/data/valid.jsonl
    wenqi-cli math benchmark --test FILE [--model DIR] [--threads 1]
    wenqi-cli math prepare --out runs/mathwp/data
    wenqi-cli math train --data runs/mathwp/data/train.jsonl --valid runs/mathwp/data/valid.jsonl \
        --out runs/mathwp/tree --minutes 100

Each verb is a pair: ``add_<verb>(verbs)`` declares its arguments, ``run_<verb>(args)`` turns
them into the plain values that the module doing the work takes (``evaluate.evaluate_file``,
``train.train_model``, ...). This is the only argument parser of ``engine.mathwp``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from engine.cli import add_evaluate_arguments
from engine.training_args import add_loop_arguments, loop_config


def add_solve(verbs) -> None:
    parser = verbs.add_parser("solve", help="solve a word problem (or evaluate an equation)")
    parser.add_argument("problem", help="the problem text, or an equation such as 2x+3=7")
    parser.add_argument("--model", default=None, help="model folder or name (default: the bundled one)")
    parser.add_argument("--beams", type=int, default=None, help="beam width: candidates checked (default 8)")
    parser.add_argument("--device", default="auto", help="auto, cpu or cuda")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run_solve)


def run_solve(args: argparse.Namespace) -> int:
    from engine.mathwp.solver import DEFAULT_BEAMS, MODEL_NAME, MathSolver
    from engine.runtime.device import choose_device
    from engine.runtime.store import ModelError, ModelStore

    solver = MathSolver(ModelStore(), args.model or MODEL_NAME, choose_device(args.device).device,
                        args.beams or DEFAULT_BEAMS)
    try:
        solution = solver.solve(args.problem)
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({
            "equation": solution.equation, "steps": solution.steps, "answer": solution.answer.text,
            "value": str(solution.answer.value), "confidence": solution.confidence, "guess": solution.is_guess,
            "confidence_level": solution.confidence_level, "rounding": solution.rounding,
            "candidates": [c.equation.text(pretty=True) for c in solution.candidates
                           if c.equation is not None],  # all of them: a solution's candidates pass the check
        }, ensure_ascii=False, indent=2))
    else:
        print(solution.text())
        if solution.confidence is not None:
            words = {"guess": "a guess: check it", "unsure": "unsure: check it", "likely": "likely right"}
            print(f"confidence {solution.confidence:.0%} ({words[solution.confidence_level]})")
    return 0


def add_check(verbs) -> None:
    parser = verbs.add_parser("check", help="check your own answer to a problem against the solver's")
    parser.add_argument("problem", help="the problem text, or an equation")
    parser.add_argument("--answer", required=True,
                        help="your answer: a number (42, 62.5%%, 11/20, 1又2/3), with a unit (42千克), or an equation")
    parser.add_argument("--model", default=None, help="model folder or name (default: the bundled one)")
    parser.add_argument("--device", default="auto", help="auto, cpu or cuda")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    from engine.mathwp.check import GivenAnswer, check_answer
    from engine.mathwp.solver import DEFAULT_BEAMS, MODEL_NAME, MathSolver
    from engine.runtime.device import choose_device
    from engine.runtime.store import ModelError, ModelStore

    GivenAnswer.parse(args.answer)  # a bad answer fails before the model loads
    solver = MathSolver(ModelStore(), args.model or MODEL_NAME, choose_device(args.device).device, DEFAULT_BEAMS)
    try:
        check = check_answer(solver.solve(args.problem), args.answer, args.problem)
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(check.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(check.verdict + (f" ({check.how})" if check.how else ""))
    print(f"expected {check.solution.answer.text}" + (
        "" if check.solution.confidence is None else f" (the model's answer, confidence {check.solution.confidence:.0%})"))
    for number, step in enumerate(check.given.steps, 1):
        print(f"  {'→' if number == check.parts_at else ' '} {step.text}")
    if check.parts_at is not None:
        print(f"your working parts from the solution's at step {check.parts_at}; its steps: "
              + "; ".join(step.text for step in check.reference_steps))
    if check.other_candidate is not None:
        print(f"the model's candidate {check.other_candidate + 1} gives your answer")
    return 0


def add_variant(verbs) -> None:
    parser = verbs.add_parser("variant", help="another like this: the problem with new numbers, by the model's equation")
    parser.add_argument("problem", help="the word problem")
    parser.add_argument("--seed", type=int, default=None, help="for the same new numbers every time")
    parser.add_argument("--model", default=None, help="model folder or name (default: the bundled one)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run_variant)


def run_variant(args: argparse.Namespace) -> int:
    import random

    from engine.mathwp.solver import MODEL_NAME, MathSolver
    from engine.mathwp.variants import make_variant
    from engine.runtime.store import ModelStore

    original = MathSolver(ModelStore(), args.model or MODEL_NAME).solve(args.problem)
    variant = make_variant(original, rng=random.Random(args.seed))  # a VariantError says why not
    worked = variant.solution
    if args.json:
        print(json.dumps({"variant": variant.text, "equation": worked.equation, "steps": worked.steps,
                          "answer": worked.answer.text, "rounding": worked.rounding, "original_equation": original.equation,
                          "original_confidence": original.confidence}, ensure_ascii=False, indent=2))
    else:
        print(f"a variant (the model's equation {original.equation} with new numbers; "
              f"its confidence on the original {original.confidence:.0%}):\n")
        print(worked.text())
    return 0


def add_evaluate(verbs) -> None:
    parser = verbs.add_parser("evaluate", help="answer accuracy on a test file (EVAL.md)")
    add_evaluate_arguments(parser)
    parser.add_argument("--beams", type=int, default=None, help="beam width: candidates checked (default 8)")
    parser.add_argument("--batch-size", type=int, default=32, help="problems per search")
    parser.add_argument("--device", default="auto", help="auto, cpu or cuda")
    parser.add_argument("--predictions", type=Path, default=None, help="write one JSON line per problem here")
    parser.set_defaults(func=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    from engine.mathwp.evaluate import evaluate_file
    from engine.runtime.store import ModelError

    try:
        evaluate_file(args.test, args.model, args.limit, args.beams, args.batch_size, args.device, args.threads,
                      args.json, args.predictions)
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def add_calibrate(verbs) -> None:
    parser = verbs.add_parser("calibrate", help="fit the confidence on held-out problems; write it into the model's config")
    parser.add_argument("--model", type=Path, required=True, help="the model folder whose config gets the fit")
    parser.add_argument("--valid", type=Path, required=True, help="held-out problems (never a test set)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None, help="write the tables and the fit here")
    parser.set_defaults(func=run_calibrate)


def run_calibrate(args: argparse.Namespace) -> int:
    from engine.mathwp.evaluate import calibrate

    calibrate(args.model, args.valid, args.threads, args.json)
    return 0


def add_benchmark(verbs) -> None:
    parser = verbs.add_parser("benchmark", help="the solver's latency, one problem at a time (EVAL.md)")
    parser.add_argument("--model", default=None, help="model folder or name (default: the bundled one)")
    parser.add_argument("--test", type=Path, required=True, help="problems to solve (JSON lines)")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--device", default="cpu", help="cpu or cuda")
    parser.add_argument("--beams", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.set_defaults(func=run_benchmark)


def run_benchmark(args: argparse.Namespace) -> int:
    from engine.mathwp.benchmark import benchmark

    try:
        benchmark(args.test, args.model, args.requests, args.warmup, args.threads, args.device, args.beams, args.json)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def add_prepare(verbs) -> None:
    parser = verbs.add_parser("prepare", help="clean and merge the labelled sets into train/valid JSON lines")
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--out", type=Path, required=True, help="where train.jsonl and valid.jsonl go")
    parser.add_argument("--valid-size", type=int, default=1000, help="problems held out to choose models on")
    parser.set_defaults(func=run_prepare)


def run_prepare(args: argparse.Namespace) -> int:
    from engine.data import shared_data_dir
    from engine.mathwp.prepare import prepare

    data = args.data or shared_data_dir()
    if data is None or not Path(data).is_dir():
        print("error: no data folder: pass --data DIR", file=sys.stderr)
        return 2
    print(json.dumps(prepare(Path(data), args.out, args.valid_size), ensure_ascii=False, indent=1))
    return 0


def add_train(verbs) -> None:
    parser = verbs.add_parser("train", help="train the tree decoder (GTS)")
    parser.add_argument("--data", type=Path, nargs="+", required=True,
                        help="the shared data folder, or prepared train.jsonl files")
    parser.add_argument("--valid", type=Path, default=None, help="prepared valid.jsonl (with prepared --data)")
    parser.add_argument("--size", default="fast", help="tiny, fast (the bundled size) or small")
    add_loop_arguments(parser, max_steps=30_000, batch_tokens=4096, lr=1e-3, min_lr=5e-5, warmup=100,
                       eval_every=500, checkpoint_minutes=5.0, precision="fp32")
    parser.add_argument("--eval-problems", type=int, default=1000, help="held-out problems decoded per eval")
    parser.add_argument("--swap", type=float, default=0.0,
                        help="share of trees each epoch with their + and * operands swapped at random")
    parser.set_defaults(func=run_train)


def run_train(args: argparse.Namespace) -> int:
    from engine.mathwp.train import TrainOptions, train_model

    options = TrainOptions(data=args.data, valid=args.valid, size=args.size, init=args.init,
                           eval_problems=args.eval_problems, swap=args.swap,
                           export=Path(args.export) if args.export else None,
                           command=" ".join(["wenqi-cli", *sys.argv[1:]]))
    return train_model(options, loop_config(args, select_metric="valid_error"))


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "math", help="math word problems: solve, check, variant, evaluate, calibrate, benchmark, prepare, train")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    add_solve(verbs)
    add_check(verbs)
    add_variant(verbs)
    add_evaluate(verbs)
    add_calibrate(verbs)
    add_benchmark(verbs)
    add_prepare(verbs)
    add_train(verbs)
    parser.set_defaults(func=lambda _args: parser.print_help() or 2)
