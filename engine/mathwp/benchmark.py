"""Speed of the solver as EVAL.md measures it: :func:`benchmark`, which ``wenqi-cli math benchmark`` calls.

    wenqi-cli math benchmark --model resources/models/mathwp \
        --test ../shared/data/math-ape210k/test.ape.json.xz --json runs/mathwp/speed_cpu.json

Imports the model libraries (timed: the app does this in the background as its window
opens, so a user's first problem waits only for the model), loads the model (timed), warms
up on a few problems, then solves ``requests`` problems one at a time and reports the median
and 90th percentile latency, with the thread count, the device and the process's peak memory.
The target is a median below 300 ms on the CPU with one thread.
"""

from __future__ import annotations

import resource
import statistics
import time
from pathlib import Path


def benchmark(test: Path, model: str | None = None, requests: int = 50, warmup: int = 3, threads: int = 1,
              device: str = "cpu", beams: int | None = None, json_out: Path | None = None) -> dict:
    """Time the solver on the first ``warmup + requests`` problems of ``test``; print the
    metrics (and write them to ``json_out``). ValueError when no problem is left to time."""
    import torch

    from engine.cli import write_metrics
    from engine.data import read_jsonl
    from engine.mathwp.solver import DEFAULT_BEAMS, MODEL_NAME, MathSolver
    from engine.runtime.store import ModelStore, import_model_libraries

    torch.set_num_threads(threads)
    start = time.perf_counter()
    import_model_libraries()
    import_s = time.perf_counter() - start
    solver = MathSolver(ModelStore(), model or MODEL_NAME, device, beams or DEFAULT_BEAMS)
    start = time.perf_counter()
    loaded = solver.load()
    load_s = time.perf_counter() - start
    texts = [r.get("original_text") or r["input"] for r in read_jsonl(test, limit=warmup + requests)]
    latencies = []
    for index, text in enumerate(texts):
        begin = time.perf_counter()
        try:
            solver.solve(text)
        except ValueError:
            pass  # no plausible equation still costs a full search: it counts
        if index >= warmup:
            latencies.append(time.perf_counter() - begin)
    if not latencies:
        raise ValueError("no problems to time: raise --requests or use a longer --test file")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    metrics = {
        "model": loaded.source, "device": str(loaded.device), "threads": threads, "beams": solver.beams,
        "requests": len(latencies), "import_s": round(import_s, 3), "load_s": round(load_s, 3),
        "median_ms": round(statistics.median(latencies) * 1000, 1),
        "p90_ms": round(sorted(latencies)[int(0.9 * (len(latencies) - 1))] * 1000, 1),
        "peak_memory_mb": round(peak_kb / 1024, 1),
    }
    write_metrics(metrics, json_out)
    return metrics
