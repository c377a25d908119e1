"""Speed of the couplet writer as EVAL.md measures it: model load time, then (after a
warm-up) the median time of ``--requests`` requests for 5 candidates, and peak memory.
With ``--phrases FILE`` (validation pairs), also how well the 横批 ranker reads: the share of
real 4-character lines that score above every reordering of their own characters.

    wenqi-cli couplet bench --threads 1 --phrases valid.jsonl.xz --json speed.json
"""

from __future__ import annotations

import itertools
import os
import platform
import random
import resource
import statistics
import sys
import time
from pathlib import Path

# Upper lines of the lengths people write: 5 and 7 (classical), 4, 9, 11 and a long one.
UPPERS = ["白日依山尽", "春回大地千山秀", "风调雨顺", "一帆风顺年年好", "绿水青山环古寺",
          "书山有路勤为径", "春风化雨润桃李", "海阔凭鱼跃，天高任鸟飞", "千里江山如画",
          "一年四季春常在，万紫千红永开花"]
# ``--long``: lines of 8 or more characters, which are written clause by clause.
LONG_UPPERS = ["书山有路勤为径学海无涯", "自力更生创千秋大业", "喜结良缘同心永结", "春风送暖，万户千门歌盛世",
               "一门天赐平安福，四海人同富贵春", "读书十年作官十年归田十年", "坐卧一楼间，因病得闲，如此散材天或恕"]


def phrase_ranking(writer, phrases: list[str], shuffles: int = 5, seed: int = 0) -> float:
    """Share of ``phrases`` the line scorer ranks above ``shuffles`` reorderings of themselves."""
    rng = random.Random(seed)
    wins = 0
    for phrase in phrases:
        orders = ["".join(p) for p in itertools.permutations(phrase)][1:]
        rivals = rng.sample(orders, min(shuffles, len(orders)))
        scores = writer.score_lines([phrase, *rivals])
        wins += scores[0] > max(scores[1:])
    return wins / max(len(phrases), 1)


def speed_report(model: str = "couplet", threads: int = 1, requests: int = 20, n: int = 5,
                 phrases: Path | None = None, long_lines: bool = False) -> dict:
    """The writer's load time, then (after a warm-up) the median and 90th-percentile time of
    ``requests`` requests for ``n`` candidates; with ``phrases``, the 横批 ranker's accuracy."""
    import torch

    from engine.couplet.writer import CoupletWriter
    from engine.runtime.store import ModelStore

    torch.set_num_threads(threads)
    started = time.perf_counter()
    writer = CoupletWriter.from_store(ModelStore(), model)
    load_s = time.perf_counter() - started
    uppers = LONG_UPPERS if long_lines else UPPERS
    for upper in uppers[:3]:
        writer.write(upper, n)
    times, cpu_times = [], []
    for index in range(requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        writer.write(uppers[index % len(uppers)], n)
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    report = {
        "model": model, "uppers": "8+ characters" if long_lines else "mixed lengths", "threads": threads, "requests": requests, "candidates": n,
        "load_s": round(load_s, 2), "median_ms": round(statistics.median(times) * 1000, 1),
        "p90_ms": round(sorted(times)[int(0.9 * (len(times) - 1))] * 1000, 1),
        # CPU time per request: what the wall time would be on an idle core (this machine is shared).
        "median_cpu_ms": round(statistics.median(cpu_times) * 1000, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "machine": f"{platform.processor() or platform.machine()}, {torch.get_num_threads()} thread(s)",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    if phrases:
        from engine.couplet.data import read_pairs

        lines = sorted({line for pair in read_pairs([phrases]) for line in pair if len(line) == 4
                        and len(set(line)) == 4})
        report["hengpi_phrases"] = len(lines)
        report["hengpi_ranker_accuracy"] = round(phrase_ranking(writer, lines), 4)
    return report


if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    from engine.cli import main

    sys.exit(main(["couplet", "bench", *sys.argv[1:]]))
