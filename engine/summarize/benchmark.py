"""Speed of the summarizer as EVAL.md measures it: ``wenqi-cli summarize bench``.

    wenqi-cli summarize bench --json runs/summ/speed.json              extractive + the bundled model
    wenqi-cli summarize bench --model runs/summ/model --json ...        another model folder

For each input size (1,000 and 20,000 characters, cut from a text file, by default the
laws of ../shared/data) it runs one warm-up and then ``--repeats`` requests, and reports
the median and worst seconds; also the model's load time and the process's peak memory.
"""

from __future__ import annotations

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


def speed_report(text_file: Path | None, model: str, length: str, repeats: int, threads: int, device: str) -> dict:
    """Seconds per request of the extractive summarizer and of ``model``, per input size;
    the model's load time, its size and the process's peak memory."""
    torch.set_num_threads(threads)
    texts = {size: sample_text(text_file, size) for size in SIZES}
    report: dict = {"threads": threads, "device": device, "length": length}
    store = ModelStore()
    report["extractive"] = {str(size): time_requests(Summarizer(store), text, "extractive", length, repeats)
                            for size, text in texts.items()}
    summarizer = Summarizer(store, model=model, device=device)
    start = time.perf_counter()
    try:
        compressor = summarizer.compressor()
    except ModelError as exc:
        report["model"] = f"not measured: {exc}"
    else:
        report["load_s"] = round(time.perf_counter() - start, 3)
        report["parameters"] = sum(p.numel() for p in compressor.model.parameters())
        report["model"] = {str(size): time_requests(summarizer, text, "model", length, repeats)
                           for size, text in texts.items()}
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return report


if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    from engine.cli import main

    sys.exit(main(["summarize", "bench", *sys.argv[1:]]))
