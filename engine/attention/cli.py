"""``wenqi-cli attention``: capture a model's attention to JSON, and the length benchmark.

    wenqi-cli attention capture --model couplet --text "春风得意马蹄疾" --json out.json
    wenqi-cli attention benchmark --lengths 512 1024 2048 4096 --json bench.json
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser("attention", help="look at what a model attends to")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)

    capture = verbs.add_parser("capture", help="every layer's and head's attention for a text, as JSON")
    capture.add_argument("--model", required=True, help="a bundled model (xiangqi-gpt, couplet…), a task or a folder")
    capture.add_argument("--text", required=True, help="the input; for the xiangqi GPT, tokens such as '[*] [START] h2e2'")
    capture.add_argument("--target", default=None, help="encoder-decoder models: the output to look at "
                                                         "(default: what the model writes)")
    capture.add_argument("--max-tokens", type=int, default=1024)
    capture.add_argument("--features", type=int, nargs="*", default=None,
                         help="FAVOR+ feature counts m to compare (default: d and 4d)")
    capture.add_argument("--device", default="cpu", help="cpu, auto, mps or cuda:N")
    capture.add_argument("--json", type=Path, default=None, help="write matrices, labels and errors here")
    capture.set_defaults(func=_cmd_capture)

    benchmark = verbs.add_parser("benchmark", help="time and memory of softmax and its approximations vs length")
    from engine.attention.benchmark import add_arguments

    add_arguments(benchmark)
    benchmark.set_defaults(func=_cmd_benchmark)


def model_source(name: str, store) -> str:
    """A model's folder or name; a task name (``xiangqi``) finds its bundled model (``xiangqi-gpt``)."""
    from engine.runtime.store import ModelError

    try:
        return store.resolve(name)
    except ModelError:
        matches = [info for info in store.discover() if info.name.startswith(f"{name}-")]
        if len(matches) == 1:
            return str(matches[0].path)
        raise


def _cmd_capture(args: argparse.Namespace) -> int:
    from engine.attention import Approximation, capture_attention, compare_stack, default_approximations
    from engine.attention.export import write_capture_json
    from engine.cli import write_metrics
    from engine.runtime.device import resolve_device
    from engine.runtime.store import ModelError, ModelStore

    store = ModelStore()
    device, _note = resolve_device(args.device)
    try:
        loaded = store.load(model_source(args.model, store), device=device)
    except ModelError as exc:
        raise ValueError(str(exc)) from exc
    capture = capture_attention(loaded, args.text, target=args.target, max_tokens=args.max_tokens)
    comparisons = {}
    for stack in capture.stacks:
        if not stack.can_approximate:
            continue
        approximations = default_approximations(stack.head_dim)
        if args.features:
            approximations = [Approximation("favor", features=m) for m in args.features] + \
                             [a for a in approximations if a.method != "favor"]
        comparisons[stack.name] = [compare_stack(stack, a) for a in approximations]
    if args.json is not None:
        write_capture_json(capture, comparisons, args.json)
    summary = {
        "model": capture.model, "tokens": len(capture.stacks[0].key_labels), "truncated": capture.truncated,
        "capture_seconds": round(capture.seconds, 4),
        "stacks": {s.name: {"layers": s.layers, "heads": s.heads, "recompute_max_abs_error": s.recompute_error,
                            "approximations": [c.summary() for c in comparisons.get(s.name, [])]}
                   for s in capture.stacks},
    }
    write_metrics(summary, None)
    return 0


def _cmd_benchmark(args: argparse.Namespace) -> int:
    from engine.attention.benchmark import run_from_arguments

    return run_from_arguments(args)
