"""Speed of the summarizer as EVAL.md measures it: ``python -m engine.summarize.benchmark``.

    python -m engine.summarize.benchmark --json runs/summ/speed.json              extractive only
    python -m engine.summarize.benchmark --model runs/summ/model --json ...        + abstractive
    python -m engine.summarize.benchmark --untrained small                        architecture only

For each input size (1,000 and 20,000 characters, cut from a text file, by default the
laws of ../shared/data) it runs one warm-up and then ``--repeats`` requests, and reports
the median and worst seconds; also the model's load time and the process's peak memory.
``--untrained SIZE`` times a randomly initialised model of that size: it writes until its
length limit, so its times are an upper bound for a trained model of the same shape.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch

from engine.data import read_jsonl, shared_data_dir
from engine.runtime.store import ModelStore
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


def save_untrained(size: str, folder: Path, texts: list[str]) -> None:
    from transformers import BartForConditionalGeneration

    from engine.summarize.model import build_tokenizer, model_config

    tokenizer = build_tokenizer(texts, min_count=1)
    BartForConditionalGeneration(model_config(size, tokenizer)).save_pretrained(folder / "summarize")
    tokenizer.save_pretrained(folder / "summarize")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.summarize.benchmark", description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, default=None, help="JSON lines with 'text' (default: the laws)")
    parser.add_argument("--model", default=None, help="abstractive model folder or name")
    parser.add_argument("--untrained", default=None, help="time a random model of this size instead")
    parser.add_argument("--length", default="medium", choices=("short", "medium", "long"))
    parser.add_argument("--beams", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--threads", type=int, default=1, help="CPU threads (EVAL.md: cores - 1)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    torch.set_num_threads(args.threads)
    texts = {size: sample_text(args.text, size) for size in SIZES}
    report: dict = {"threads": args.threads, "device": args.device, "length": args.length, "beams": args.beams}
    store = ModelStore()
    report["extractive"] = {str(size): time_requests(Summarizer(store), text, "extractive", args.length, args.repeats)
                            for size, text in texts.items()}
    with tempfile.TemporaryDirectory() as scratch:
        model = args.model
        if args.untrained:
            save_untrained(args.untrained, Path(scratch), list(texts.values()))
            model = str(Path(scratch) / "summarize")
            report["untrained"] = args.untrained
        if model:
            summarizer = Summarizer(store, model=model, device=args.device, beams=args.beams)
            start = time.perf_counter()
            generator = summarizer.generator()
            report["load_s"] = round(time.perf_counter() - start, 3)
            report["parameters"] = sum(p.numel() for p in generator.model.parameters())
            report["abstractive"] = {str(size): time_requests(summarizer, text, "abstractive", args.length,
                                                              args.repeats) for size, text in texts.items()}
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
