"""Speed of the summarizer as EVAL.md measures it: ``python -m engine.summarize.benchmark``.

    python -m engine.summarize.benchmark --json runs/summ/speed.json              extractive + the bundled model
    python -m engine.summarize.benchmark --model runs/summ/model --json ...        another model folder

For each input size (1,000 and 20,000 characters, cut from a text file, by default the
laws of ../shared/data) it runs one warm-up and then ``--repeats`` requests, and reports
the median and worst seconds; also the model's load time and the process's peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

import torch

from engine.data import read_jsonl, shared_data_dir
from engine.runtime.store import ModelError, ModelStore
from engine.summarize.summarizer import Summarizer

SIZES = (1_000, 20_000)


def sample_text(path: Path | None, chars: int) -> str:
    """``chars`` characters of running text: documents of a JSON lines file, joined."""
    if path is None:
        data = shared_data_dir()
        if data is None:
            raise ValueError("no --text given and ../shared/data is absent")
        path = data / "text-cn-laws" / "cn_laws_lawrefbook.jsonl.xz"
    parts, total = [], 0
    for item in read_jsonl(path):
        text = item.get("text", "")
        if len(text) > 500:
            parts.append(text)
            total += len(text)
        if total >= chars:
            break
    return "\n".join(parts)[:chars]


def time_requests(summarizer: Summarizer, text: str, mode: str, length: str, repeats: int) -> dict:
    summarizer.summarize(text, length, mode)  # warm-up
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        summary = summarizer.summarize(text, length, mode)
        seconds.append(time.perf_counter() - start)
    return {"median_s": round(statistics.median(seconds), 3), "max_s": round(max(seconds), 3),
            "summary_chars": summary.summary_chars, "mode": summary.mode}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.summarize.benchmark", description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, default=None, help="JSON lines with 'text' (default: the laws)")
    parser.add_argument("--model", default="summarize", help="model folder or name (default: the bundled one)")
    parser.add_argument("--length", default="medium", choices=("short", "medium", "long"))
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--threads", type=int, default=1, help="CPU threads (EVAL.md: cores - 1)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    torch.set_num_threads(args.threads)
    texts = {size: sample_text(args.text, size) for size in SIZES}
    report: dict = {"threads": args.threads, "device": args.device, "length": args.length}
    store = ModelStore()
    report["extractive"] = {str(size): time_requests(Summarizer(store), text, "extractive", args.length, args.repeats)
                            for size, text in texts.items()}
    summarizer = Summarizer(store, model=args.model, device=args.device)
    start = time.perf_counter()
    try:
        compressor = summarizer.compressor()
    except ModelError as exc:
        report["model"] = f"not measured: {exc}"
    else:
        report["load_s"] = round(time.perf_counter() - start, 3)
        report["parameters"] = sum(p.numel() for p in compressor.model.parameters())
        report["model"] = {str(size): time_requests(summarizer, text, "model", args.length, args.repeats)
                           for size, text in texts.items()}
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
