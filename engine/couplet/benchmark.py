"""Speed of the couplet writer as EVAL.md measures it: model load time, then (after a
warm-up) the median time of ``--requests`` requests for 5 candidates, and peak memory.

    python -m engine.couplet.benchmark --threads 1 --json runs/couplet/speed.json
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

# Upper lines of the lengths people write: 5 and 7 (classical), 4, 9, 11 and a long one.
UPPERS = ["白日依山尽", "春回大地千山秀", "风调雨顺", "一帆风顺年年好", "绿水青山环古寺",
          "书山有路勤为径", "春风化雨润桃李", "海阔凭鱼跃，天高任鸟飞", "千里江山如画",
          "一年四季春常在，万紫千红永开花"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.couplet.benchmark", description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="couplet")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--n", type=int, default=5, help="candidates per request")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    import torch

    from engine.cli import write_metrics
    from engine.couplet.writer import CoupletWriter
    from engine.runtime.store import ModelStore

    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    writer = CoupletWriter.from_store(ModelStore(), args.model)
    load_s = time.perf_counter() - started
    for upper in UPPERS[:3]:
        writer.write(upper, args.n)
    times = []
    for index in range(args.requests):
        started = time.perf_counter()
        writer.write(UPPERS[index % len(UPPERS)], args.n)
        times.append(time.perf_counter() - started)
    report = {
        "model": args.model, "threads": args.threads, "requests": args.requests, "candidates": args.n,
        "load_s": round(load_s, 2), "median_ms": round(statistics.median(times) * 1000, 1),
        "p90_ms": round(sorted(times)[int(0.9 * (len(times) - 1))] * 1000, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "machine": f"{platform.processor() or platform.machine()}, {torch.get_num_threads()} thread(s)",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    write_metrics(report, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
