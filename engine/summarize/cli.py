"""``wenqi-cli summarize <verb>``: the summarizer without the UI.

    wenqi-cli summarize run "一段中文……" [--length short] [--mode auto]   print a summary
    wenqi-cli summarize run --file article.txt --stream                  stream it as it is written
    wenqi-cli summarize evaluate --test FILE [--mode lead|textrank|abstractive] [--json OUT]
    wenqi-cli summarize train --documents ... | --data ... --out DIR        see engine/summarize/train.py

Each verb is a pair ``add_<verb>(verbs)`` / ``run_<verb>(args)``, as in the other tasks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli import add_evaluate_arguments, print_progress, write_metrics
from engine.training_args import add_loop_arguments

LENGTH_CHOICES = ("short", "medium", "long")


def _summarizer(args: argparse.Namespace, threads: int = 0):
    from engine.runtime.device import choose_device
    from engine.runtime.store import ModelStore
    from engine.summarize.summarizer import DEFAULT_MODEL, Summarizer

    choice = choose_device(args.device, threads)
    return Summarizer(ModelStore(), model=args.model or DEFAULT_MODEL, device=choice.device,
                      dtype=choice.dtype, beams=args.beams)


def _add_model_arguments(parser: argparse.ArgumentParser, with_model: bool = True) -> None:
    if with_model:
        parser.add_argument("--model", default=None, help="model folder or name (default: summarize)")
    parser.add_argument("--beams", type=int, default=4, help="beam size for abstractive summaries")
    parser.add_argument("--device", default="auto", help="auto, cpu, mps or cuda:N")


def add_run(verbs) -> None:
    parser = verbs.add_parser("run", help="summarize a text")
    parser.add_argument("text", nargs="?", help="the text (or use --file)")
    parser.add_argument("--file", type=Path, help="read the text from a file (UTF-8 or GB18030)")
    parser.add_argument("--length", choices=LENGTH_CHOICES, default="medium")
    parser.add_argument("--mode", choices=("auto", "extractive", "abstractive"), default="auto")
    parser.add_argument("--stream", action="store_true", help="print abstractive text as it is written (greedy)")
    _add_model_arguments(parser)
    parser.set_defaults(func=run_run)


def run_run(args: argparse.Namespace) -> int:
    from engine.data import read_text_file
    from engine.runtime.jobs import JobContext
    from engine.summarize.text import MAX_FILE_BYTES

    if (args.text is None) == (args.file is None):
        raise ValueError("give the text or --file, not both")
    text = read_text_file(args.file, MAX_FILE_BYTES) if args.file else args.text
    streamed: list[str] = []

    def on_partial(piece: str) -> None:
        streamed.append(piece)
        print(piece, end="", flush=True)

    summary = _summarizer(args).summarize(text, args.length, args.mode, JobContext(on_partial=on_partial),
                                          stream=args.stream)
    print("" if streamed else summary.text)
    if summary.note:
        print(summary.note, file=sys.stderr)
    print(f"[{summary.mode}, {summary.summary_chars}/{summary.source_chars} characters, "
          f"{summary.compression:.0%}]", file=sys.stderr)
    return 0


def add_evaluate(verbs) -> None:
    parser = verbs.add_parser("evaluate", help="character ROUGE on (text, summary) pairs")
    add_evaluate_arguments(parser)
    parser.add_argument("--mode", choices=("lead", "textrank", "abstractive"), default="abstractive")
    parser.add_argument("--length", choices=LENGTH_CHOICES, default="short",
                        help="summary length (the test references are headlines: short)")
    parser.add_argument("--lead-chars", type=int, default=0, help="lead: first N characters (0: first sentence)")
    parser.add_argument("--batch-size", type=int, default=32, help="abstractive: texts per generate call")
    _add_model_arguments(parser, with_model=False)
    parser.set_defaults(func=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    from engine.runtime.jobs import JobContext
    from engine.runtime.store import ModelError
    from engine.summarize.data import read_pairs
    from engine.summarize.evaluate import EvalSettings, evaluate

    settings = EvalSettings(mode=args.mode, length=args.length, lead_chars=args.lead_chars,
                            beams=args.beams, batch_size=args.batch_size)
    pairs = read_pairs(args.test, args.limit)
    summarize_batch = None
    if args.mode == "abstractive":
        summarizer = _summarizer(args, args.threads)
        try:
            summarizer.generator()
        except ModelError as exc:
            raise ValueError(f"{exc} (the baselines need no model: --mode lead or --mode textrank)") from exc
        summarize_batch = lambda texts: summarizer.abstractive_batch(texts, args.length)  # noqa: E731

    metrics = evaluate(pairs, settings, summarize_batch, JobContext(on_progress=print_progress))
    print(file=sys.stderr)
    metrics["test"] = str(args.test)
    if args.mode == "abstractive":
        metrics["model"] = summarizer.generator().name
    write_metrics(metrics, args.json)
    return 0


def add_train_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``summarize train`` (here, so ``--help`` needs no torch import)."""
    parser.add_argument("--documents", nargs="*", default=[], help="unlabelled texts for gap-sentence pretraining")
    parser.add_argument("--data", nargs="*", default=[], help="labelled (text, summary) files for fine-tuning")
    parser.add_argument("--valid", nargs="*", default=[], help="labelled files to choose the model on")
    parser.add_argument("--exclude", nargs="*", default=[], help="files whose texts are never trained on (tests)")
    parser.add_argument("--size", default="small", help="tiny, small (bundled) or base; see model.py")
    parser.add_argument("--vocab", type=int, default=8000, help="characters in a new tokenizer")
    add_loop_arguments(parser, max_steps=100_000, batch_tokens=32768, lr=1e-3, min_lr=5e-5, warmup=300,
                       eval_every=500, checkpoint_minutes=3.0,
                       batch_tokens_help="padded source + target tokens per batch")


def add_train(verbs) -> None:
    parser = verbs.add_parser("train", help="pretrain (gap sentences) or fine-tune the abstractive model")
    add_train_arguments(parser)
    parser.set_defaults(func=run_train)


def run_train(args: argparse.Namespace) -> int:
    from engine.summarize.train import run

    return run(args)


def register(subparsers) -> None:
    parser = subparsers.add_parser("summarize", help="summaries of Chinese text: run, evaluate, train")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    add_run(verbs)
    add_evaluate(verbs)
    add_train(verbs)
    parser.set_defaults(func=lambda _args: parser.print_help() or 2)
