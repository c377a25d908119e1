"""``wenqi-cli attention``: capture a model's attention to JSON, and the length benchmark.

    wenqi-cli attention capture --model couplet --text "春风得意马蹄疾" --json out.json
    wenqi-cli attention benchmark --lengths 512 1024 2048 4096 --json bench.json
"""

from __future__ import annotations

import argparse
import json
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

    add_benchmark(verbs)


def add_benchmark(verbs) -> None:
    parser = verbs.add_parser("benchmark", help="time and memory of softmax and its approximations vs length")
    parser.add_argument("--lengths", type=int, nargs="+", default=[256, 512, 1024, 2048, 4096])
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--head-dim", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--device", default="cpu", help="cpu or cuda:N")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (0: as the app, all cores but one)")
    parser.add_argument("--bidirectional", action="store_true", help="no causal mask (encoder attention)")
    parser.add_argument("--error-limit", type=int, default=1024, help="measure errors up to this length")
    parser.add_argument("--features", type=int, nargs="+", default=[0], help="FAVOR+'s m values (default: d and 4d)")
    parser.add_argument("--scale", type=float, default=1.0, help="standard deviation of the queries and keys")
    parser.add_argument("--method", action="append", default=None, help="only this method (repeatable)")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)  # one measurement, in its own process
    parser.set_defaults(func=_cmd_benchmark)


def benchmark_setup(args: argparse.Namespace):
    """The benchmark's :class:`~engine.attention.benchmark.Setup` from its arguments (a worker
    process gets the same one from ``Setup.arguments()``)."""
    from engine.attention.benchmark import Setup
    from engine.runtime.device import default_threads

    if any(n < 1 for n in args.lengths) or args.heads < 1 or args.head_dim < 2 or args.repeats < 1:
        raise ValueError("Lengths, heads and repeats must be positive and the head size at least 2.")
    if any(m < 0 for m in args.features) or args.scale <= 0:
        raise ValueError("Feature counts and the input scale must be positive.")
    return Setup(heads=args.heads, head_dim=args.head_dim, causal=not args.bidirectional, repeats=args.repeats,
                 device=args.device, threads=args.threads or default_threads(), error_limit=args.error_limit,
                 features=tuple(m for m in args.features if m > 0), scale=args.scale)


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
    from engine.attention.benchmark import format_table, methods, run_benchmark, worker_row

    setup = benchmark_setup(args)
    if args.worker is not None:
        print(json.dumps(worker_row(args.worker, args.lengths[0], setup), ensure_ascii=False))
        return 0
    known = methods(setup)
    unknown = [m for m in args.method or [] if m not in known]
    if unknown:
        raise ValueError(f"Unknown method {unknown[0]!r}; choose from: {', '.join(known)}")
    report = run_benchmark(sorted(args.lengths), setup, args.method)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(format_table(report))
    return 0
