"""How fast does a task learn on this machine? ``wenqi-cli training-bench``.

Runs a task's own training command (the shared loop) from scratch for a fixed budget of
training minutes, once per thread count and per option set, each in a fresh process, and
reports what the loop measured: *useful* tokens per second of wall time and of the
process's CPU time (padding excluded, see ``engine.training.useful_tokens``; on a shared
machine the CPU-time rate is the one that compares across runs), all tokens per second, the padding share, peak memory
and the validation metrics after the budget (the cosine schedule ends with the budget).

    wenqi-cli training-bench --task xiangqi --minutes 3 --threads 1 \\
        --variant base="--precision fp32 --no-compile --no-fused-adamw" \\
        --variant fast="--precision bf16 --compile" --json runs/bench/xiangqi.json

A variant is ``NAME=ARGS``: extra arguments for the task's ``train`` command (they override
the benchmark's, which follow the task's model card). Run folders go under ``--out``.
"""

from __future__ import annotations

import json
import shlex
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

DATA = "../shared/data"

TASKS = {
    # task: the training command and its data, as the bundled model's card trains it
    "xiangqi": ["-m", "engine", "xiangqi", "train",
                "--data", f"{DATA}/xiangqi-ccpd/games_train.jsonl.xz",
                f"{DATA}/xiangqi-wukong/games_liu_dahua_hu_ronghua.jsonl.xz",
                "--valid", f"{DATA}/xiangqi-ccpd/games_valid.jsonl.xz",
                "--exclude", f"{DATA}/xiangqi-ccpd/games_test.jsonl.xz"],
    "couplet": ["-m", "engine", "couplet", "train",
                "--data", f"{DATA}/couplets-from-tang-song-poetry/pairs_train.jsonl.xz",
                f"{DATA}/couplets-zijianzhao/train.jsonl.xz", "--repeat", "1", "2",
                "--valid", f"{DATA}/couplets-from-tang-song-poetry/pairs_valid.jsonl.xz",
                f"{DATA}/couplets-zijianzhao/valid.jsonl.xz"],
    "mathwp": ["-m", "engine", "math", "train", "--size", "fast",
               "--data", "runs/mathwp/data/train.jsonl", "--valid", "runs/mathwp/data/valid.jsonl"],
    "summarize": ["-m", "engine", "summarize", "train", "--size", "small",
                  "--data", f"{DATA}/summ-lcsts/clge_lcsts_train.jsonl.xz",
                  f"{DATA}/summ-xwlb-news-titles/xwlb_title_pairs_train.jsonl.xz", "--repeat", "4", "1",
                  "--valid", f"{DATA}/summ-lcsts/clge_lcsts_val.jsonl.xz",
                  f"{DATA}/summ-xwlb-news-titles/xwlb_title_pairs_valid.jsonl.xz"],
}


def read_metrics(run_dir: Path) -> list[dict]:
    path = run_dir / "metrics.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def summarize_run(records: list[dict]) -> dict:
    """The benchmark's numbers from one run's metrics.jsonl."""
    done = next((r for r in reversed(records) if r["event"] == "done"), None)
    evals = [r for r in records if r["event"] == "eval"]
    if done is None:
        return {"error": "the run did not finish (see its log)"}
    seconds = done["elapsed_s"] or float("nan")
    useful = done.get("useful_tokens", done["tokens"])
    final = {k: v for k, v in evals[-1].items() if k not in ("event", "step")} if evals else {}
    rates = [r["useful_tokens_per_s"] for r in records if r["event"] == "train" and "useful_tokens_per_s" in r]
    return {
        "steps": done["step"], "train_s": round(seconds, 1),
        "useful_tokens_per_s": round(useful / seconds), "tokens_per_s": round(done["tokens"] / seconds),
        # the second half's median: after torch.compile's start-up, as in a long run
        "steady_useful_tokens_per_s": round(statistics.median(rates[len(rates) // 2:])) if rates else None,
        "useful_tokens_per_cpu_s": round(useful / done["cpu_s"]) if done.get("cpu_s") else None,
        "padding_share": round(1 - useful / done["tokens"], 4) if done["tokens"] else 0.0,
        "peak_rss_mb": done.get("peak_rss_mb"), "final": final,
    }


def run_variant(task: str, name: str, extra: list[str], threads: int, minutes: float, out: Path) -> dict:
    run_dir = out / f"{task}-{name}-t{threads}"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    command = [sys.executable, *TASKS[task], "--out", str(run_dir), "--minutes", str(minutes),
               "--threads", str(threads), "--eval-every", "1000000", "--checkpoint-minutes", "1000", *extra]
    with open(run_dir / "log.txt", "w", encoding="utf-8") as log:
        subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, check=False)
    return {"task": task, "variant": name, "threads": threads, "minutes": minutes, "args": extra,
            **summarize_run(read_metrics(run_dir))}


def parse_variant(text: str) -> tuple[str, list[str]]:
    name, _, args = text.partition("=")
    return name, shlex.split(args)


def run_benchmark(task: str, variants: list[str], threads: list[int], minutes: float, out: Path) -> list[dict]:
    """Every variant (``NAME=ARGS``; none: the task's defaults) at every thread count, one
    fresh run each; each result is printed as it comes."""
    results = []
    for name, extra in [parse_variant(v) for v in variants] or [("default", [])]:
        for count in threads:
            result = run_variant(task, name, extra, count, minutes, out)
            print(json.dumps(result, ensure_ascii=False), flush=True)
            results.append(result)
    return results


if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    from engine.cli import main

    sys.exit(main(["training-bench", *sys.argv[1:]]))
