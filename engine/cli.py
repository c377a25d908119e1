"""``wenqi-cli``: the engine without the UI. One contract for every task (see DESIGN.md):

    wenqi-cli info
    wenqi-cli <task> <run-verb> ...
    wenqi-cli <task> evaluate --test FILE [--limit N] [--json OUT] [--model DIR]
    wenqi-cli <task> train --data ... --out MODEL_DIR
    wenqi-cli soup --out DIR MODEL_DIR MODEL_DIR ...       average continuations of one model
    wenqi-cli training-bench --task TASK [--minutes M]     how fast a task learns on this machine

Each task package has a ``cli`` module with ``register(subparsers)``; add it to
``TASK_CLI_MODULES``. Those modules import their heavy dependencies inside the handlers so
``wenqi-cli --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
from importlib import metadata
from pathlib import Path

import engine

TASK_CLI_MODULES: list[str] = ["engine.xiangqi.cli", "engine.couplet.cli", "engine.mathwp.cli",
                               "engine.summarize.cli", "engine.attention.cli"]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def info_report(device_preference: str = "auto") -> dict:
    """Versions, device and models found, as a dict (printed by ``info``, shown in About)."""
    import torch
    import transformers

    from engine.runtime.device import choose_device
    from engine.runtime.store import ModelStore

    choice = choose_device(device_preference)
    models = [
        {"name": m.name, "architecture": m.architecture, "size_mb": round(m.size_mb, 1),
         "bundled": m.bundled, "path": str(m.path)}
        for m in ModelStore().discover()
    ]
    return {
        "wenqi": engine.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "pyside6": _version("PySide6-Essentials"),
        "device": choice.label,
        "dtype": str(choice.dtype).replace("torch.", ""),
        "device_note": choice.note,
        "models": models,
    }


def _cmd_info(args: argparse.Namespace) -> int:
    report = info_report(args.device)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    for key in ("wenqi", "python", "platform", "torch", "transformers", "pyside6", "device", "dtype"):
        print(f"{key:13} {report[key]}")
    if report["device_note"]:
        print(f"{'':13} {report['device_note']}")
    if report["models"]:
        print("models:")
        for m in report["models"]:
            origin = "bundled" if m["bundled"] else "user"
            print(f"  {m['name']:20} {m['architecture']:24} {m['size_mb']:6.1f} MB  {origin}  {m['path']}")
    else:
        print("models:       none found")
    return 0


def add_evaluate_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments every ``<task> evaluate`` verb takes."""
    parser.add_argument("--test", required=True, type=Path, help="JSON lines file (plain, .xz or .gz)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N items")
    parser.add_argument("--json", type=Path, default=None, help="also write the metrics here")
    parser.add_argument("--model", default=None, help="model folder or name (default: the bundled one)")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (0: all cores but one, as in the app)")


def print_progress(fraction: float | None, message: str) -> None:
    """A ``JobContext.on_progress`` for evaluate verbs: the latest message on one stderr line."""
    print(f"\r{message}", end="", file=sys.stderr, flush=True)


def write_metrics(metrics: dict, path: Path | None) -> None:
    """Print metrics and, when asked, write them as JSON."""
    text = json.dumps(metrics, ensure_ascii=False, indent=2)
    print(text)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")


def _cmd_soup(args: argparse.Namespace) -> int:
    from engine.runtime.store import ModelError
    from engine.soup import write_soup

    try:
        print("wrote", write_soup(args.folders, args.out))
    except ModelError as exc:
        raise ValueError(str(exc)) from exc
    return 0


def _cmd_training_bench(args: argparse.Namespace) -> int:
    from engine.training_bench import run_benchmark

    results = run_benchmark(args.task, args.variant, args.threads, args.minutes, args.out)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0 if all("error" not in r for r in results) else 1


def add_training_verbs(sub) -> None:
    """The verbs every task's training shares: ``soup`` and ``training-bench``."""
    soup = sub.add_parser("soup", help="average the weights of models trained onward from one model")
    soup.add_argument("folders", nargs="+", help="model folders that continue one model")
    soup.add_argument("--out", required=True, help="folder to write the averaged model to")
    soup.set_defaults(func=_cmd_soup)
    from engine.training_bench import TASKS

    bench = sub.add_parser("training-bench", help="how fast a task learns on this machine (engine/training_bench.py)")
    bench.add_argument("--task", choices=sorted(TASKS), required=True)
    bench.add_argument("--threads", type=int, nargs="+", default=[1])
    bench.add_argument("--minutes", type=float, default=3.0, help="training minutes per run")
    bench.add_argument("--variant", action="append", default=[], metavar="NAME=ARGS",
                       help="extra train arguments to compare (repeatable); default: the task's defaults")
    bench.add_argument("--out", type=Path, default=Path("runs/bench"), help="run folders go here")
    bench.add_argument("--json", type=Path, default=None, help="also write the results here")
    bench.set_defaults(func=_cmd_training_bench)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wenqi-cli", description="Wenqi's engine, headless.")
    parser.add_argument("--version", action="version", version=f"wenqi {engine.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    info = sub.add_parser("info", help="versions, device and models found")
    info.add_argument("--device", default="auto", help="auto, cpu, mps or cuda:N")
    info.add_argument("--json", action="store_true", help="print JSON")
    info.set_defaults(func=_cmd_info)
    for module_name in TASK_CLI_MODULES:
        importlib.import_module(module_name).register(sub)
    add_training_verbs(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (ValueError, OSError) as exc:
        # Bad input (a malformed FEN, a missing file, a damaged model): say it, no traceback.
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
