"""``wenqi-cli summarize <verb>``: the summarizer without the UI.

    wenqi-cli summarize run "一段中文……" [--length short] [--mode auto]   print a summary
    wenqi-cli summarize run --file report.pdf                            .txt .md .html .docx .pdf
    wenqi-cli summarize evaluate --test FILE [--mode auto|model|lead|textrank] [--baselines] [--json OUT]
    wenqi-cli summarize train --data ... --valid ... --out DIR            see engine/summarize/train.py
    wenqi-cli summarize train-writer --data ... --valid ... --out DIR     see engine/summarize/writer_train.py
    wenqi-cli summarize tune --model DIR --valid FILE...                  choose the headline's decoding
    wenqi-cli summarize oracle --test FILE                                what a perfect tagger scores
    wenqi-cli summarize bench [--model DIR] [--json OUT]                  speed as EVAL.md measures it

Each verb is a pair ``add_<verb>(verbs)`` / ``run_<verb>(args)``, as in the other tasks.
Without ``--mode`` both use what the app's tab shows by default (``auto``: the bundled model,
or extractive summaries when no model can be used).
"""

from __future__ import annotations

import argparse
import json
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
    return Summarizer(ModelStore(), model=getattr(args, "model", None) or DEFAULT_MODEL, device=choice.device,
                      dtype=choice.dtype, writer=getattr(args, "writer", None))


def _add_model_arguments(parser: argparse.ArgumentParser, with_model: bool = True) -> None:
    if with_model:
        parser.add_argument("--model", default=None, help="model folder or name (default: summarize)")
    parser.add_argument("--device", default="auto", help="auto, cpu, mps or cuda:N")


def add_run(verbs) -> None:
    parser = verbs.add_parser("run", help="summarize a text")
    parser.add_argument("text", nargs="?", help="the text (or use --file)")
    parser.add_argument("--file", type=Path,
                        help="read the text from a document: .txt, .md, .html, .docx or .pdf (its text layer)")
    parser.add_argument("--length", choices=LENGTH_CHOICES, default="medium")
    parser.add_argument("--mode", choices=("auto", "model", "extractive"), default="auto")
    _add_model_arguments(parser)
    parser.set_defaults(func=run_run)


def run_run(args: argparse.Namespace) -> int:
    from engine.runtime.jobs import JobContext
    from engine.summarize.documents import read_document

    if (args.text is None) == (args.file is None):
        raise ValueError("give the text or --file, not both")
    text = args.text
    if args.file:
        document = read_document(args.file, JobContext(on_progress=print_progress))
        print(file=sys.stderr)  # ends the progress line, so the summary starts on its own
        if document.pages:
            read = "" if document.pages_read == document.pages else f", the first {document.pages_read} read"
            print(f"{document.name}: {document.pages} pages{read}", file=sys.stderr)
        text = document.text
    summary = _summarizer(args).summarize(text, args.length, args.mode)
    print(summary.text)
    if summary.note:
        print(summary.note, file=sys.stderr)
    print(f"[{summary.mode}, {summary.summary_chars}/{summary.source_chars} characters, "
          f"{summary.compression:.0%}]", file=sys.stderr)
    return 0


def add_evaluate(verbs) -> None:
    parser = verbs.add_parser("evaluate", help="character ROUGE on (text, summary) pairs")
    add_evaluate_arguments(parser)
    parser.add_argument("--mode", choices=("auto", "model", "lead", "textrank"), default="auto",
                        help="auto (default): what the tab shows, the bundled model or extractive without one")
    parser.add_argument("--length", choices=LENGTH_CHOICES, default="short",
                        help="summary length (the test references are headlines: short)")
    parser.add_argument("--lead-chars", type=int, default=0, help="lead: first N characters (0: first sentence)")
    parser.add_argument("--baselines", action="store_true",
                        help="also score lead and TextRank on the same pairs, into the same JSON")
    parser.add_argument("--writer", default=None,
                        help="a headline writer's model folder (writer.py): its headlines are scored")
    _add_model_arguments(parser, with_model=False)
    parser.set_defaults(func=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    from engine.runtime.jobs import JobContext
    from engine.runtime.store import ModelError
    from engine.summarize.data import read_pairs
    from engine.summarize.evaluate import BASELINES, EvalSettings, evaluate
    from engine.summarize.text import SummarizeInputError

    pairs = read_pairs(args.test, args.limit)
    summarize = None
    fallbacks = refused = 0
    summarizer = _summarizer(args, args.threads)
    if args.mode not in BASELINES:
        if args.mode == "model":
            try:
                summarizer.compressor()
            except ModelError as exc:
                raise ValueError(f"{exc} (the baselines need no model: --mode lead or --mode textrank)") from exc

        def summarize(text: str) -> str:
            nonlocal fallbacks, refused
            try:
                summary = summarizer.summarize(text, args.length, args.mode)
            except SummarizeInputError:  # as the tab would refuse it: scored as an empty summary
                refused += 1
                return ""
            fallbacks += bool(summary.fallback)
            return summary.text

    metrics = evaluate(pairs, EvalSettings(mode=args.mode, length=args.length, lead_chars=args.lead_chars),
                       summarize, JobContext(on_progress=print_progress))
    print(file=sys.stderr)
    metrics["test"] = str(args.test)
    if args.mode not in BASELINES:
        metrics["model"] = summarizer.model if summarizer.model_available() else None
        metrics["writer"] = summarizer.writer
        metrics["extractive_fallbacks"] = fallbacks
        metrics["refused_inputs"] = refused
    if args.baselines:
        metrics["baselines"] = {mode: evaluate(pairs, EvalSettings(mode=mode, length=args.length))
                                for mode in BASELINES}
    write_metrics(metrics, args.json)
    return 0


def add_pair_arguments(parser: argparse.ArgumentParser) -> None:
    """The training files of ``train`` and ``train-writer``."""
    parser.add_argument("--data", nargs="+", required=True, help="labelled (text, summary) files to train on")
    parser.add_argument("--repeat", nargs="*", type=int, default=[],
                        help="how often each --data file is used per epoch (default: once each)")
    parser.add_argument("--valid", nargs="+", required=True, help="labelled files to choose the model on")
    parser.add_argument("--exclude", nargs="*", default=[], help="files whose texts are never trained on (tests)")


def add_train_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``summarize train`` (here, so ``--help`` needs no torch import)."""
    add_pair_arguments(parser)
    parser.add_argument("--size", default="small", help="tiny, small (bundled) or base; see tagger.py")
    parser.add_argument("--vocab", type=int, default=6000, help="characters in a new tokenizer")
    add_loop_arguments(parser, max_steps=100_000, batch_tokens=8192, lr=1e-3, min_lr=5e-5, warmup=300,
                       eval_every=500, checkpoint_minutes=3.0, batch_tokens_help="padded tokens per batch")


def add_train(verbs) -> None:
    parser = verbs.add_parser("train", help="train the summarizer tagger on (text, summary) pairs")
    add_train_arguments(parser)
    parser.set_defaults(func=run_train)


def run_train(args: argparse.Namespace) -> int:
    from engine.summarize.train import TrainOptions, run
    from engine.training_args import loop_config, options_of

    return run(options_of(TrainOptions, args), loop_config(args))


def add_train_writer(verbs) -> None:
    parser = verbs.add_parser("train-writer", help="train the headline writer (engine/summarize/writer_train.py)")
    add_pair_arguments(parser)
    parser.add_argument("--tagger", default="summarize", help="the tagger whose keep levels the writer reads")
    parser.add_argument("--size", default="small", help="tiny or small; see writer.py")
    parser.add_argument("--keep-dropout", type=float, default=0.2,
                        help="share of training sequences whose keep levels are hidden (writer_train.py)")
    parser.add_argument("--keep-jitter", type=float, default=0.3,
                        help="share of window characters whose keep level moves a step in training")
    add_loop_arguments(parser, max_steps=100_000, batch_tokens=8192, lr=1e-3, min_lr=5e-5, warmup=300,
                       eval_every=500, checkpoint_minutes=3.0, batch_tokens_help="padded tokens per batch")
    parser.set_defaults(func=run_train_writer)


def run_train_writer(args: argparse.Namespace) -> int:
    from engine.summarize.writer_train import WriterOptions, run
    from engine.training_args import loop_config, options_of

    return run(options_of(WriterOptions, args), loop_config(args))


def headline_lengths(value: str) -> tuple[int, int]:
    """``MIN,MAX`` as a pair of ints."""
    low, high = (int(part) for part in value.split(","))
    return low, high


def add_tune(verbs) -> None:
    parser = verbs.add_parser("tune", help="choose the headline's decoding on validation sets (engine/summarize/tune.py)")
    parser.add_argument("--model", required=True, help="model folder or name")
    parser.add_argument("--valid", type=Path, nargs="+", required=True, help="labelled validation files")
    parser.add_argument("--limit", type=int, default=300, help="pairs per file")
    parser.add_argument("--bonus", type=float, nargs="+", default=[2.0, 3.0, 4.0])
    parser.add_argument("--cost", type=float, nargs="+", default=[0.0, 1.0, 2.0])
    parser.add_argument("--chars", type=headline_lengths, nargs="+", default=[(8, 24), (8, 28), (10, 32)],
                        help="headline length ranges, as MIN,MAX")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write every row here")
    parser.set_defaults(func=run_tune)


def run_tune(args: argparse.Namespace) -> int:
    from engine.runtime.device import set_threads
    from engine.summarize.tune import tune

    set_threads(args.threads)
    rows = tune(args.model, args.valid, args.limit, args.bonus, args.cost, args.chars)
    best = max(rows, key=lambda row: row["mean"])
    print("best:", json.dumps(best, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def add_oracle(verbs) -> None:
    parser = verbs.add_parser("oracle", help="ROUGE-L of the training labels as summaries: the tagger's ceiling")
    parser.add_argument("--test", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--min-span", type=int, nargs="+", default=[1, 2, 3])
    parser.set_defaults(func=run_oracle)


def run_oracle(args: argparse.Namespace) -> int:
    from engine.summarize.oracle import oracle_report

    print(json.dumps(oracle_report(args.test, args.limit, args.min_span), ensure_ascii=False))
    return 0


def add_bench(verbs) -> None:
    parser = verbs.add_parser("bench", help="seconds per summary at 1,000 and 20,000 characters (EVAL.md)")
    parser.add_argument("--text", type=Path, default=None, help="JSON lines with 'text' (default: the laws)")
    parser.add_argument("--model", default="summarize", help="model folder or name (default: the bundled one)")
    parser.add_argument("--length", default="medium", choices=LENGTH_CHOICES)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--threads", type=int, default=1, help="CPU threads (EVAL.md: cores - 1)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--json", type=Path, default=None)
    parser.set_defaults(func=run_bench)


def run_bench(args: argparse.Namespace) -> int:
    from engine.summarize.benchmark import speed_report

    report = speed_report(args.text, args.model, args.length, args.repeats, args.threads, args.device)
    write_metrics(report, args.json)
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("summarize", help="summaries of Chinese text: run, evaluate, train, tune, oracle, bench")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    add_run(verbs)
    add_evaluate(verbs)
    add_train(verbs)
    add_train_writer(verbs)
    add_tune(verbs)
    add_oracle(verbs)
    add_bench(verbs)
    parser.set_defaults(func=lambda _args: parser.print_help() or 2)
