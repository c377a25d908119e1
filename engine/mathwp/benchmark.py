"""Speed of the solver as EVAL.md measures it: ``python -m engine.mathwp.benchmark``.

    python -m engine.mathwp.benchmark --model resources/models/mathwp \
        --test ../shared/data/math-ape210k/test.ape.json.xz --json runs/mathwp/speed_cpu.json

Imports the model libraries (timed: the app does this in the background as its window
opens, so a user's first problem waits only for the model), loads the model (timed), warms up on a few problems, then solves ``--requests`` problems one
at a time and reports the median and 90th percentile latency, with the thread count, the
device and the process's peak memory. The target is a median below 300 ms on the CPU with
one thread.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.mathwp.benchmark", description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="model folder or name (default: the bundled one)")
    parser.add_argument("--test", type=Path, required=True, help="problems to solve (JSON lines)")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--device", default="cpu", help="cpu or cuda")
    parser.add_argument("--beams", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    import torch

    from engine.cli import write_metrics
    from engine.data import read_jsonl
    from engine.mathwp.solver import DEFAULT_BEAMS, MODEL_NAME, MathSolver
    from engine.runtime.store import ModelStore, import_model_libraries

    torch.set_num_threads(args.threads)
    start = time.perf_counter()
    import_model_libraries()
    import_s = time.perf_counter() - start
    solver = MathSolver(ModelStore(), args.model or MODEL_NAME, args.device, args.beams or DEFAULT_BEAMS)
    start = time.perf_counter()
    loaded = solver.load()
    load_s = time.perf_counter() - start
    texts = [r.get("original_text") or r.get("input") for r in read_jsonl(args.test, limit=args.warmup + args.requests)]
    latencies = []
    for index, text in enumerate(texts):
        begin = time.perf_counter()
        try:
            solver.solve(text)
        except ValueError:
            pass  # no plausible equation still costs a full search: it counts
        if index >= args.warmup:
            latencies.append(time.perf_counter() - begin)
    if not latencies:
        parser.error("no problems to time: raise --requests or use a longer --test file")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    write_metrics({
        "model": loaded.source, "device": str(loaded.device), "threads": args.threads, "beams": solver.beams,
        "requests": len(latencies), "import_s": round(import_s, 3), "load_s": round(load_s, 3),
        "median_ms": round(statistics.median(latencies) * 1000, 1),
        "p90_ms": round(sorted(latencies)[int(0.9 * (len(latencies) - 1))] * 1000, 1),
        "peak_memory_mb": round(peak_kb / 1024, 1),
    }, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
