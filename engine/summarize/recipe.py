"""The abstractive recipe end to end, in calls that fit a 10-minute GPU command.

    python -m engine.summarize.recipe --data .carry/data --out $OUT --stages pretrain --minutes 6
    python -m engine.summarize.recipe --data .carry/data --out $OUT --stages finetune evaluate --minutes 4

``--data`` is a folder laid out like ../shared/data (only the files below are read).
Stages:

* ``pretrain``: PEGASUS gap sentences on every unlabelled text we may train on; the best
  model goes to ``WORK/pretrain/best`` and, as fp16, to ``OUT/pretrained`` (so a fresh machine
  can continue from it: carry it back and pass ``--pretrained``);
* ``finetune``: the labelled pairs, from ``--pretrained`` (or from scratch with ``--scratch``,
  to measure what pretraining gives); the model goes to ``OUT/model`` (``WORK/model-scratch``);
* ``evaluate``: character ROUGE on the three test sets with beam 4 (the CLI), greedy search
  (what the app streams) and the two baselines, into ``OUT/metrics.json``
  (``metrics-scratch.json``), and the model card ``OUT/model/README.md``.

A stage whose run folder says it is done is skipped, so a second call on a warm machine
continues where the first stopped. Every step is an ordinary ``summarize train`` /
``summarize evaluate`` run; this module only fixes their arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from engine.summarize.cli import add_train_arguments

DOCUMENTS = ["summ-xwlb-news-titles/xwlb_title_pairs_train.jsonl.xz", "text-cn-laws/cn_laws_lawrefbook.jsonl.xz",
             "summ-lcsts/clge_lcsts_train.jsonl.xz"]
# LCSTS twice: 8.6k pairs beside 99k news pairs. CSL dev and CLGE CSL val are not reported
# splits and bring the abstract -> title genre, of which there is no train split.
PAIRS = ["summ-lcsts/clge_lcsts_train.jsonl.xz", "summ-lcsts/clge_lcsts_train.jsonl.xz",
         "summ-xwlb-news-titles/xwlb_title_pairs_train.jsonl.xz", "summ-csl/csl_benchmark_ts_dev.tsv.xz",
         "summ-csl/clge_csl_val.tsv.xz"]
VALID = ["summ-lcsts/clge_lcsts_val.jsonl.xz", "summ-xwlb-news-titles/xwlb_title_pairs_valid.jsonl.xz"]
TESTS = ["summ-lcsts/clge_lcsts_test.jsonl.xz", "summ-csl/csl_benchmark_ts_test.tsv.xz",
         "summ-csl/clge_csl_test.tsv.xz", "summ-xwlb-news-titles/xwlb_title_pairs_test.jsonl.xz"]
STAGES = ("pretrain", "finetune", "evaluate")


def _finished(run_dir: Path) -> bool:
    metrics = run_dir / "metrics.jsonl"
    return metrics.is_file() and '"event": "done"' in metrics.read_text(encoding="utf-8")


def _train(argv: list[str]) -> None:
    from engine.summarize.train import run

    parser = argparse.ArgumentParser()
    add_train_arguments(parser)
    if run(parser.parse_args(argv)) != 0:
        raise RuntimeError(f"training stopped without a step: {' '.join(argv)}")


def _paths(data: Path, names: list[str]) -> list[str]:
    missing = [name for name in names if not (data / name).is_file()]
    if missing:
        raise ValueError(f"missing under {data}: {', '.join(missing)}")
    return [str(data / name) for name in names]


def pretrain(args: argparse.Namespace) -> None:
    run_dir = args.work / "pretrain"
    if _finished(run_dir):
        return
    _train(["--out", str(run_dir), "--size", args.size, "--documents", *_paths(args.data, DOCUMENTS),
            "--exclude", *_paths(args.data, TESTS), "--minutes", str(args.minutes),
            "--batch-tokens", str(args.batch_tokens), "--threads", str(args.threads), "--lr", "1e-3",
            "--eval-every", "500",
            "--export", str(args.out / "pretrained")])


def finetune(args: argparse.Namespace) -> Path:
    name = "model-scratch" if args.scratch else "model"
    run_dir = args.work / ("scratch" if args.scratch else "finetune")
    export = (args.work if args.scratch else args.out) / name
    if _finished(run_dir):
        return export
    start = ["--size", args.size, "--lr", "1e-3"] if args.scratch else ["--init", str(args.pretrained), "--lr", "5e-4"]
    _train(["--out", str(run_dir), *start, "--data", *_paths(args.data, PAIRS), "--valid", *_paths(args.data, VALID),
            "--exclude", *_paths(args.data, TESTS), "--minutes", str(args.minutes), "--warmup", "100",
            "--batch-tokens", str(args.batch_tokens), "--threads", str(args.threads), "--eval-every", "250",
            "--export", str(export)])
    return export


def evaluate_model(args: argparse.Namespace, model: Path) -> None:
    import torch

    from engine.runtime.device import choose_device
    from engine.runtime.store import ModelStore
    from engine.summarize.data import read_pairs
    from engine.summarize.evaluate import EvalSettings, evaluate
    from engine.summarize.summarizer import Summarizer

    choice = choose_device("auto")
    report: dict = {"model": str(model), "device": choice.label, "date": time.strftime("%Y-%m-%d"),
                    "torch": torch.__version__, "tests": {}}
    methods = {"model, beam 4": 4, "model, greedy": 1}
    if args.baselines:
        methods.update({"lead sentence": "lead", "TextRank": "textrank"})
    for test in TESTS:
        pairs = read_pairs(args.data / test)
        for method, how in methods.items():
            if isinstance(how, str):  # a baseline, measured in the same run
                metrics = evaluate(pairs, EvalSettings(mode=how))
            else:
                summarizer = Summarizer(ModelStore(), model=str(model), device=choice.device, dtype=choice.dtype,
                                        beams=how)
                metrics = evaluate(pairs, EvalSettings(mode="abstractive", beams=how, batch_size=args.batch_size),
                                   lambda texts, s=summarizer: s.abstractive_batch(texts, "short"))
            report["tests"][f"{test}|{method}"] = metrics
            print(json.dumps({"test": test, "method": method, **metrics}), flush=True)
    name = "metrics-scratch.json" if args.scratch else "metrics.json"
    (args.out / name).write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not args.scratch:
        (model / "README.md").write_text(model_card(model, report, args.work), encoding="utf-8")


def _done_event(run_dir: Path) -> dict:
    metrics = run_dir / "metrics.jsonl"
    lines = metrics.read_text(encoding="utf-8").splitlines() if metrics.is_file() else []
    return next((json.loads(line) for line in reversed(lines) if '"event": "done"' in line), {})


def model_card(model: Path, report: dict, work: Path) -> str:
    """The bundled model's README.md: what it is, its data and licences, how it was made, its numbers."""
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    size_mb = sum(p.stat().st_size for p in model.glob("*.safetensors")) / 1e6
    rows = "\n".join(
        f"| {key.split('|')[0]} | {key.split('|')[1]} | {m['n']} | "
        f"{m['rouge1']} | {m['rouge2']} | {m['rougeL']} | {m['seconds']} |"
        for key, m in report["tests"].items()
    )
    runs = "\n".join(
        f"- {stage}: {event.get('step', '?')} steps, {event.get('tokens', '?')} tokens, best validation loss "
        f"{event.get('best', '?')}" for stage in ("pretrain", "finetune") if (event := _done_event(work / stage))
    )
    return f"""# summarize — Wenqi's abstractive summarizer

A character-level BART (`BartForConditionalGeneration`: d_model {config['d_model']},
{config['encoder_layers']} encoder + {config['decoder_layers']} decoder layers, vocabulary
{config['vocab_size']}), {size_mb:.1f} MB of fp16 safetensors, trained from scratch: PEGASUS
gap-sentence pretraining, then fine-tuning on (text, summary) pairs. The source starts with a
length token ([SHORT], [MEDIUM], [LONG]); texts longer than ~500 characters are first cut to
their key sentences by the extractive summarizer (engine/summarize).

## Data and licences
- Pretraining texts: CCTV 《新闻联播》 items up to 2025-06-30 (summ-xwlb-news-titles train;
  study/research use only, CCTV reserves all rights), PRC laws and regulations (text-cn-laws;
  not copyrightable, PRC Copyright Law Art. 5), LCSTS CLGE train texts (research use).
- Fine-tuning pairs: LCSTS CLGE train (research use), the news-headline train split (as above),
  CSL benchmark dev (Apache-2.0) and CLGE CSL val (no licence stated).
- The texts are not shipped; only the model is. Test splits were never trained on.

## How it was made
`python -m engine.summarize.recipe --data DATA --out OUT --stages pretrain` then
`--stages finetune evaluate` (engine/summarize/README.md has the full commands).
{runs}

## Metrics (character ROUGE F1 × 100, EVAL.md; `--length short`)
{report['device']}, {report['date']}, torch {report['torch']}.

| test | method | n | ROUGE-1 | ROUGE-2 | ROUGE-L | seconds |
|---|---|---|---|---|---|---|
{rows}

The model writes `short` summaries (the references are headlines); "greedy" is what the app
streams. Lead and TextRank rows, when present, are the baselines measured in the same run.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.summarize.recipe", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a folder laid out like ../shared/data")
    parser.add_argument("--out", type=Path, required=True, help="exported models and metrics (e.g. $OUT)")
    parser.add_argument("--work", type=Path, default=Path("runs/summ"), help="run folders (checkpoints)")
    parser.add_argument("--stages", nargs="+", choices=STAGES, default=list(STAGES))
    parser.add_argument("--minutes", type=float, default=4.0, help="training minutes of each training stage")
    parser.add_argument("--pretrained", type=Path, default=None, help="default: WORK/pretrain/best")
    parser.add_argument("--scratch", action="store_true", help="fine-tune without pretraining (the ablation)")
    parser.add_argument("--size", default="small")
    parser.add_argument("--batch-tokens", type=int, default=65536)
    parser.add_argument("--threads", type=int, default=0, help="CPU threads of the training stages (0: torch's default)")
    parser.add_argument("--batch-size", type=int, default=128, help="texts per generate call when evaluating")
    parser.add_argument("--no-baselines", dest="baselines", action="store_false",
                        help="evaluate: skip the lead and TextRank rows (about a minute of CPU)")
    args = parser.parse_args(argv)
    args.pretrained = args.pretrained or args.work / "pretrain" / "best"
    args.out.mkdir(parents=True, exist_ok=True)
    if "pretrain" in args.stages:
        pretrain(args)
    model = args.work / "model-scratch" if args.scratch else args.out / "model"
    if "finetune" in args.stages:
        model = finetune(args)
    if "evaluate" in args.stages:
        evaluate_model(args, model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
