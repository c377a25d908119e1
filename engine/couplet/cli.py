"""``wenqi-cli couplet <verb>``: the couplet writer without the UI.

    wenqi-cli couplet write "春风得意马蹄疾" --n 5 [--hengpi]
    wenqi-cli couplet write --embed 明华 [--positions 1,1] [--length 7] [--n 3] [--json]
    wenqi-cli couplet check "白日依山尽" "黄河入海流" [--json] [--no-model]
    wenqi-cli couplet evaluate --test pairs_test.jsonl.xz [--limit N] [--json OUT] [--model DIR] [--outputs OUT]
    wenqi-cli couplet train --data ... --valid ... --out runs/couplet/v1 [--export DIR]
    wenqi-cli couplet labeller train|evaluate ...       the CNN labeller (the writer's prior), see labeller.py
    wenqi-cli couplet bench [--long] [--phrases FILE]   the writer's speed as EVAL.md measures it
    wenqi-cli couplet classical-lines --data DIR [--out FILE]   the classical upper lines 藏头 pairs draw on
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from functools import partial
from pathlib import Path

from engine.cli import add_evaluate_arguments, write_metrics

DEFAULT_MODEL = "couplet"


def writer_for(model: str | None):
    from engine.couplet.writer import CoupletWriter
    from engine.runtime.store import ModelStore

    return CoupletWriter.from_store(ModelStore(), model or DEFAULT_MODEL)


def add_write(verbs) -> None:
    from engine.couplet.embed_request import DEFAULT_LENGTH, LINE_LENGTHS

    parser = verbs.add_parser("write", help="answer an upper line with ranked lower lines, or write a pair "
                                            "carrying two characters (--embed)")
    parser.add_argument("upper", nargs="?", help="the upper line (上联); leave out with --embed")
    parser.add_argument("--n", type=int, default=5, help="how many candidates")
    parser.add_argument("--embed", default=None,
                        help="write a whole pair carrying these two characters, the upper line's then the lower's "
                             "(藏头 by default, 嵌字 with --positions)")
    parser.add_argument("--positions", default=None, help="with --embed: where each character stands, from 1 "
                                                         "(default 1,1: at the head of both lines, 藏头)")
    parser.add_argument("--length", type=int, choices=LINE_LENGTHS, default=DEFAULT_LENGTH,
                        help="with --embed: characters per line")
    parser.add_argument("--upper-model", default=None,
                        help="with --embed: the upper-line model folder or name (default: the bundled couplet-upper)")
    parser.add_argument("--json", action="store_true", help="with --embed: print the pairs as JSON")
    parser.add_argument("--sample", action="store_true", help="sample fresh candidates instead of beam search")
    parser.add_argument("--hengpi", action="store_true", help="also suggest a 横批 for the best pair")
    parser.add_argument("--model", default=None, help="model folder or name (default: the bundled one)")
    add_tones_argument(parser)
    parser.set_defaults(func=run_write)


def add_tones_argument(parser) -> None:
    from engine.couplet.tone import CLASSICAL, TONE_SYSTEMS

    parser.add_argument("--tones", choices=TONE_SYSTEMS, default=CLASSICAL,
                        help="read 平仄 classically (入声 oblique, the default) or as modern Mandarin")


def run_write(args: argparse.Namespace) -> int:
    from engine.couplet.text import check_upper
    from engine.couplet.tone import tone_marks, upper_keeps_rule

    if args.n < 1:
        raise ValueError("--n must be 1 or more")
    if args.embed is not None:
        return run_embed(args)
    if args.upper is None:
        raise ValueError("Give an upper line, or --embed with two characters.")
    upper = check_upper(args.upper)  # before loading the model: bad input fails fast
    writer = writer_for(args.model)
    candidates = writer.write(upper, args.n, sample=args.sample, tone_system=args.tones)
    clauses = writer.clauses(upper)
    print(f"   {upper}\n   {tone_marks(upper, args.tones)}")
    if len(clauses) > 1:
        print("   clauses:", " | ".join(upper[start:end] for start, end in clauses))
    if not upper_keeps_rule(upper, args.tones):
        print("   (the upper line does not end oblique 仄: the classic tone rule cannot be kept)")
    for rank, candidate in enumerate(candidates, 1):
        kept = "" if candidate.tone_kept else "  tone rule not kept"
        print(f"{rank:>2} {candidate.lower}  {candidate.score:.3f}{kept}\n   {tone_marks(candidate.lower, args.tones)}")
    if args.hengpi and candidates:
        print("横批:", " ".join(writer.hengpi(upper, candidates[0].lower)))
    return 0 if candidates else 1


def run_embed(args: argparse.Namespace) -> int:
    from engine.couplet.embed import UPPER_MODEL, EmbedWriter
    from engine.couplet.embed_request import parse_embed
    from engine.couplet.tone import tone_marks
    from engine.runtime.store import ModelStore

    if args.upper is not None:
        raise ValueError("--embed writes both lines: give no upper line with it.")
    request = parse_embed(args.embed, args.positions, args.length)  # before loading the models
    writer = EmbedWriter.from_store(ModelStore(), args.upper_model or UPPER_MODEL, args.model or DEFAULT_MODEL)
    pairs = writer.write(request, args.n, sample=args.sample, tone_system=args.tones)
    if args.json:
        print(json.dumps({"chars": request.chars, "positions": list(request.positions), "length": request.length,
                          "pairs": [{"upper": p.upper, "lower": p.lower, "score": round(p.score, 4),
                                     "tone_kept": p.tone_kept, "upper_from": p.source or None} for p in pairs]},
                         ensure_ascii=False, indent=2))
        return 0 if pairs else 1
    for rank, pair in enumerate(pairs, 1):
        kept = "" if pair.tone_kept else "  tone rule not kept"
        source = f"  (upper line from {pair.source})" if pair.source else ""
        print(f"{rank:>2} {pair.upper}  {tone_marks(pair.upper, args.tones)}{source}\n   {pair.lower}  "
              f"{tone_marks(pair.lower, args.tones)}  {pair.score:.3f}{kept}")
    return 0 if pairs else 1


def add_check(verbs) -> None:
    parser = verbs.add_parser("check", help="check your own lower line against an upper line, place by place")
    parser.add_argument("upper", help="the upper line (上联)")
    parser.add_argument("lower", help="your lower line (下联)")
    parser.add_argument("--n", type=int, default=5, help="how many of the model's own lines to score beside yours")
    parser.add_argument("--no-model", action="store_true", help="the rules only, without the model's opinion")
    parser.add_argument("--model", default=None, help="model folder or name (default: the bundled one)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_tones_argument(parser)
    parser.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    from engine.couplet.check import check_lines, check_pair
    from engine.couplet.tone import tone_marks

    check_lines(args.upper, args.lower)  # before loading the model: bad input fails fast
    writer = None if args.no_model else writer_for(args.model)
    check = check_pair(args.upper, args.lower, args.tones, writer, args.n)
    if args.json:
        print(json.dumps(check.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"   {check.upper}\n   {tone_marks(check.upper, args.tones)}\n   {check.lower}\n   "
          f"{tone_marks(check.lower, args.tones)}")
    print(f"verdict: {check.verdict} (length {'ok' if check.length_ok else 'differs'}, ending {check.ending})")
    for p in check.positions:
        if p.faults or (not p.is_punct and p.classes_face is None):
            face = {True: "", False: "", None: " classes unsure"}[p.classes_face]
            up, down = (f"{w.word}/{w.kind or w.tag}" if w else "-" for w in (p.class_upper, p.class_lower))
            print(f"  {p.index + 1:>2} {p.upper}|{p.lower}  {' '.join(p.faults)}{face}  ({up} vs {down})")
    if check.model is not None:
        print(f"model: your line {check.model.score:.3f}, rank {check.model.rank} of {len(check.model.lines) + 1}")
        for line, score in check.model.lines:
            print(f"   {line}  {score:.3f}")
    return 0


def add_evaluate(verbs) -> None:
    parser = verbs.add_parser("evaluate", help="BLEU, structure_ok, tone_ok on a test file")
    add_evaluate_arguments(parser)
    parser.add_argument("--beams", type=int, default=10, help="beam width (the app uses 10 for 5 candidates)")
    parser.add_argument("--batch-size", type=int, default=32, help="upper lines written together")
    parser.add_argument("--outputs", type=Path, default=None,
                        help="also write each upper line, its top output and references here (JSON lines)")
    add_tones_argument(parser)
    parser.set_defaults(func=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    import torch

    from engine.couplet.metrics import read_test_items, score_by_length, score_outputs, write_all
    from engine.runtime.device import set_threads

    set_threads(args.threads)
    items = read_test_items(args.test, args.limit)
    writer = writer_for(args.model)
    started = time.perf_counter()

    outputs = write_all(items, lambda uppers: writer.top_lines(uppers, args.beams, args.tones), args.batch_size)
    metrics = score_outputs(items, outputs)
    metrics.update(by_length=score_by_length(items, outputs), test=str(args.test), model=args.model or DEFAULT_MODEL,
                   beams=args.beams, tones=args.tones, seconds=round(time.perf_counter() - started, 1), threads=torch.get_num_threads())
    if args.outputs is not None:
        args.outputs.parent.mkdir(parents=True, exist_ok=True)
        args.outputs.write_text("".join(
            json.dumps({"up": item.upper, "out": out, "refs": item.references}, ensure_ascii=False) + "\n"
            for item, out in zip(items, outputs)), encoding="utf-8")
    write_metrics(metrics, args.json)
    return 0


def add_train(verbs) -> None:
    from engine.couplet.layout import INTERLEAVED, PREFIX
    from engine.couplet.train import MODEL_SIZES
    from engine.training_args import add_loop_arguments

    parser = verbs.add_parser("train", help="train the couplet model (CPU or GPU)")
    parser.add_argument("--data", nargs="+", required=True, help="training pairs (JSON lines up/down, .xz ok)")
    parser.add_argument("--valid", nargs="+", required=True, help="validation pairs: choose the model on these")
    parser.add_argument("--repeat", nargs="*", type=int, default=[],
                        help="times to repeat each --data file per epoch (default 1 each)")
    parser.add_argument("--valid-limit", type=int, default=2000, help="pairs used from each --valid file")
    parser.add_argument("--size", choices=sorted(MODEL_SIZES), default="small")
    parser.add_argument("--layout", choices=[INTERLEAVED, PREFIX], default=INTERLEAVED,
                        help="a new model's sequence layout (engine.couplet.layout.PairLayout; --init keeps its own)")
    parser.add_argument("--min-count", type=int, default=3, help="rarer characters become [UNK]")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N pairs of each file")
    add_loop_arguments(parser, max_steps=1_000_000, batch_tokens=4096, lr=3e-3, min_lr=1e-4, warmup=200,
                       eval_every=300, checkpoint_minutes=3.0, precision="fp32")
    parser.add_argument("--upper-lines", action="store_true",
                        help="train a language model of the upper lines alone ([BOS] 上联 [SEP]): the writer of "
                             "藏头/嵌字 upper lines (no prior is counted)")
    parser.add_argument("--alignment-weight", type=float, default=2.0,
                        help="weight of the position-alignment prior when writing (0: none)")
    parser.set_defaults(func=run_train)


def run_train(args: argparse.Namespace) -> int:
    from engine.couplet.train import TrainOptions, run
    from engine.training_args import loop_config, options_of

    return run(options_of(TrainOptions, args), loop_config(args))


def add_clauses(verbs) -> None:
    from engine.couplet.clauses import FILE_NAME

    parser = verbs.add_parser("clauses", help="count the clause patterns of punctuated upper lines")
    parser.add_argument("--data", nargs="+", required=True, help="training pairs (their upper lines are counted)")
    parser.add_argument("--out", required=True, help=f"where to write {FILE_NAME}")
    parser.set_defaults(func=run_clauses)


def run_clauses(args: argparse.Namespace) -> int:
    from engine.couplet.clauses import ClausePatterns
    from engine.couplet.data import read_pairs

    patterns = ClausePatterns.count(up for up, _ in read_pairs(args.data))
    patterns.save(args.out)
    print(f"{args.out}: {sum(sum(c.values()) for c in patterns.counts.values()):,} punctuated upper lines, "
          f"{len(patterns.counts)} lengths")
    return 0


def add_classical_lines(verbs) -> None:
    from engine.couplet.classical import FILE_NAME, KEEP

    parser = verbs.add_parser("classical-lines", help="write the classical upper lines that 藏头/嵌字 pairs "
                                                      "may borrow (engine/couplet/classical.py)")
    parser.add_argument("--data", required=True, help="the couplets-from-tang-song-poetry folder")
    parser.add_argument("--model", default=None, help="the upper-line model whose characters the lines must use "
                                                      "(default: the bundled couplet-upper)")
    parser.add_argument("--out", default=None, help=f"where to write (default: {FILE_NAME} in that model's folder)")
    parser.add_argument("--keep", type=int, default=KEEP, help="lines kept for each character at each place")
    parser.set_defaults(func=run_classical_lines)


def run_classical_lines(args: argparse.Namespace) -> int:
    from engine.couplet.classical import FILE_NAME, WORDS_FILE, build
    from engine.couplet.embed import UPPER_MODEL
    from engine.couplet.writer import line_scores
    from engine.runtime.store import ModelStore

    loaded = ModelStore().load(args.model or UPPER_MODEL)
    tokenizer = loaded.tokenizer
    out = Path(args.out) if args.out else Path(loaded.source) / FILE_NAME

    def score(lines: list[str]) -> list[float]:  # in batches, with progress: ~400k lines take minutes
        scores: list[float] = []
        for start in range(0, len(lines), 512):
            scores += line_scores(loaded.model, tokenizer, lines[start:start + 512])
            print(f"\rscored {len(scores):,}/{len(lines):,} lines", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        return scores

    count = build(Path(args.data), out, lambda char: tokenizer.convert_tokens_to_ids(char) != tokenizer.unk_token_id,
                  score, args.keep)
    print(f"{out}: {count:,} lines, {out.stat().st_size:,} bytes; {out.parent / WORDS_FILE}: "
          f"{(out.parent / WORDS_FILE).stat().st_size:,} bytes")
    return 0


def add_labeller(verbs) -> None:
    from engine.training_args import add_loop_arguments

    parser = verbs.add_parser("labeller", help="the CNN labeller, the writer's position prior: train, evaluate")
    labeller_verbs = parser.add_subparsers(dest="labeller_verb", metavar="VERB", required=True)
    train = labeller_verbs.add_parser("train", help="train the labeller on the decoder's pairs and tokenizer")
    train.add_argument("--data", nargs="+", required=True)
    train.add_argument("--repeat", nargs="*", type=int, default=[])
    train.add_argument("--valid", nargs="+", required=True)
    train.add_argument("--valid-limit", type=int, default=2000)
    train.add_argument("--tokenizer", required=True, help="the bundled model's tokenizer folder")
    add_loop_arguments(train, max_steps=10**7, batch_tokens=4096, lr=3e-3, eval_every=300, precision="fp32")
    train.set_defaults(func=run_labeller_train)
    evaluate = labeller_verbs.add_parser("evaluate", help="the labeller alone, and decoder models, on the same items")
    evaluate.add_argument("--model", required=True, help="the labeller's model folder")
    evaluate.add_argument("--tokenizer", required=True)
    evaluate.add_argument("--models", nargs="*", default=[], help="decoder model folders or names to compare")
    evaluate.add_argument("--beams", type=int, default=10, help="the decoders' beam width")
    evaluate.add_argument("--test", required=True)
    evaluate.add_argument("--limit", type=int, default=None)
    evaluate.add_argument("--json", type=Path, default=None)
    evaluate.add_argument("--threads", type=int, default=1)
    evaluate.set_defaults(func=run_labeller_evaluate)


def run_labeller_train(args: argparse.Namespace) -> int:
    from engine.couplet.labeller import LabellerTrainOptions, train_labeller
    from engine.training_args import loop_config, options_of

    return train_labeller(options_of(LabellerTrainOptions, args), loop_config(args))


def run_labeller_evaluate(args: argparse.Namespace) -> int:
    import torch

    from engine.couplet.labeller import compare_systems, labeller_lines
    from engine.couplet.metrics import read_test_items

    torch.set_num_threads(args.threads)
    items = read_test_items(args.test, args.limit)
    systems = {f"cnn {args.model}": labeller_lines(args.model, args.tokenizer)}
    for model in args.models:
        writer = writer_for(model)
        systems[f"decoder {model}"] = partial(writer.top_lines, beams=args.beams)
    rows = compare_systems(items, systems)
    write_metrics({"test": str(args.test), "limit": args.limit, "beams": args.beams, "rows": rows}, args.json)
    return 0


def add_bench(verbs) -> None:
    parser = verbs.add_parser("bench", help="the writer's load time and seconds per request (EVAL.md)")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--n", type=int, default=5, help="candidates per request")
    parser.add_argument("--phrases", type=Path, default=None, help="pairs whose 4-character lines test the 横批 ranker")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--long", action="store_true", help="time upper lines of 8+ characters (clause by clause)")
    parser.set_defaults(func=run_bench)


def run_bench(args: argparse.Namespace) -> int:
    from engine.couplet.benchmark import speed_report

    write_metrics(speed_report(args.model, args.threads, args.requests, args.n, args.phrases, args.long), args.json)
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("couplet", help="couplets: write a lower line, check yours, evaluate, train")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    add_write(verbs)
    add_check(verbs)
    add_evaluate(verbs)
    add_train(verbs)
    add_clauses(verbs)
    add_classical_lines(verbs)
    add_labeller(verbs)
    add_bench(verbs)
    parser.set_defaults(func=lambda _args: parser.print_help() or 2)
