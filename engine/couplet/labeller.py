"""The couplet writer's CNN labeller: the position prior every install ships
(``resources/models/couplet/labeller``, read by ``engine.couplet.alignment.LabellerPrior``),
which also answers an upper line alone, as the baseline the decoder is measured against.

A sequence labeller: 128-dim character embeddings, gated residual Conv1D blocks, and one
output character per input position, decoded by argmax with punctuation copied and no
character equal to the upper line's at the same position. It is trained with the shared
loop on the same pairs and tokenizer as the bundled model, for a given wall-clock budget:

    python -m engine.couplet.labeller train --data ... --valid ... \
        --tokenizer resources/models/couplet --out runs/couplet/cnn --minutes 105 --threads 1
    python -m engine.couplet.labeller evaluate --model runs/couplet/cnn/best \
        --tokenizer resources/models/couplet --models couplet runs/couplet/v1 --test pairs_test.jsonl.xz --json cnn.json

``evaluate`` scores the labeller and any ``--models`` (the decoder) on the same test items in
one run, one metrics row each; a decoder's row also has ``bleu_p_vs_cnn``, the p-value of its
BLEU differing from the labeller's by chance (``engine.couplet.metrics.bleu_p_value``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import torch
from torch import nn
from transformers import AutoConfig, AutoModel, AutoTokenizer, PretrainedConfig, PreTrainedModel
from transformers.modeling_outputs import TokenClassifierOutput

from engine.couplet.constraints import VocabularyClasses
from engine.couplet.data import IGNORE, batch_stream, read_pairs
from engine.couplet.text import is_punct
from engine.training_args import add_loop_arguments


class CnnLabellerConfig(PretrainedConfig):
    model_type = "couplet_cnn_labeller"

    def __init__(self, vocab_size: int = 8000, hidden_size: int = 128, num_layers: int = 5,
                 kernel_size: int = 5, dropout: float = 0.1, pad_token_id: int = 0, prior_weight: float = 1.0,
                 **kwargs) -> None:
        super().__init__(pad_token_id=pad_token_id, **kwargs)
        self.vocab_size, self.hidden_size, self.num_layers = vocab_size, hidden_size, num_layers
        self.kernel_size, self.dropout = kernel_size, dropout
        self.prior_weight = prior_weight  # its weight as the couplet writer's prior (engine.couplet.alignment)


class GatedConvBlock(nn.Module):
    """x + a * sigmoid(b), where (a, b) = Conv1D(x): a gated linear unit with a residual."""

    def __init__(self, hidden: int, kernel: int, dropout: float) -> None:
        super().__init__()
        self.conv = nn.Conv1d(hidden, 2 * hidden, kernel, padding=kernel // 2)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (batch, hidden, length)
        a, b = self.conv(self.dropout(x)).chunk(2, dim=1)
        return x + a * torch.sigmoid(b)


class CnnLabeller(PreTrainedModel):
    config_class = CnnLabellerConfig
    base_model_prefix = "cnn"

    def __init__(self, config: CnnLabellerConfig) -> None:
        super().__init__(config)
        self.embed = nn.Embedding(config.vocab_size, config.hidden_size, padding_idx=config.pad_token_id)
        self.blocks = nn.ModuleList(GatedConvBlock(config.hidden_size, config.kernel_size, config.dropout)
                                    for _ in range(config.num_layers))
        self.out = nn.Linear(config.hidden_size, config.vocab_size)
        self.post_init()

    def forward(self, input_ids: torch.Tensor, labels: torch.Tensor | None = None, **_kwargs) -> TokenClassifierOutput:
        x = self.embed(input_ids).transpose(1, 2)
        for block in self.blocks:
            x = block(x)
        logits = self.out(x.transpose(1, 2))
        loss = None
        if labels is not None:
            loss = nn.functional.cross_entropy(logits.flatten(0, 1).float(), labels.flatten(), ignore_index=IGNORE)
        return TokenClassifierOutput(loss=loss, logits=logits)


MODEL_TYPE = CnnLabellerConfig.model_type


def register_architecture() -> None:
    """Make ``ModelStore`` (which finds a folder's class by name in ``transformers``) and
    ``AutoConfig``/``AutoModel`` know this model, so a saved labeller loads like any other."""
    import transformers

    if getattr(transformers, CnnLabeller.__name__, None) is not CnnLabeller:
        AutoConfig.register(MODEL_TYPE, CnnLabellerConfig, exist_ok=True)
        AutoModel.register(CnnLabellerConfig, CnnLabeller, exist_ok=True)
        setattr(transformers, CnnLabeller.__name__, CnnLabeller)

def encode(pairs: list[tuple[str, str]], tokenizer) -> list[tuple[list[int], list[int]]]:
    ups = tokenizer([u for u, _ in pairs], add_special_tokens=False)["input_ids"]
    downs = tokenizer([d for _, d in pairs], add_special_tokens=False)["input_ids"]
    return list(zip(ups, downs))


def collate(rows: list[tuple[list[int], list[int]]], pad_id: int) -> dict[str, torch.Tensor]:
    width = max(len(u) for u, _ in rows)
    input_ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    labels = torch.full((len(rows), width), IGNORE, dtype=torch.long)
    for row, (up, down) in enumerate(rows):
        input_ids[row, : len(up)] = torch.tensor(up)
        labels[row, : len(down)] = torch.tensor(down)
    return {"input_ids": input_ids, "labels": labels}


@torch.no_grad()
def label(model: CnnLabeller, tokenizer, vocab: VocabularyClasses, uppers: list[str]) -> list[str]:
    """Argmax per position, punctuation copied, never the upper line's character there."""
    rows = encode([(u, u) for u in uppers], tokenizer)
    logits = model(**{"input_ids": collate(rows, tokenizer.pad_token_id)["input_ids"]}).logits.float()
    banned = vocab.not_a_character
    outputs = []
    for row, upper in enumerate(uppers):
        chars = []
        for t, char in enumerate(upper):
            if is_punct(char):
                chars.append(char)
                continue
            scores = logits[row, t].masked_fill(banned, -float("inf"))
            scores[vocab.id_of(char)] = -float("inf")
            chars.append(tokenizer.convert_ids_to_tokens(int(scores.argmax())))
        outputs.append("".join(chars))
    return outputs


def run_train(args: argparse.Namespace) -> int:
    from engine.training import save_exported_model, train
    from engine.training_args import loop_config

    tokenizer = AutoTokenizer.from_pretrained(args.tokenizer)
    repeats = args.repeat + [1] * (len(args.data) - len(args.repeat))
    pairs = [pair for path, times in zip(args.data, repeats) for pair in read_pairs([path]) * times]
    valid = [collate(encode(read_pairs([p], args.valid_limit), tokenizer), tokenizer.pad_token_id) for p in args.valid]
    config = loop_config(args)
    torch.manual_seed(args.seed)
    if args.init is not None:
        model = CnnLabeller.from_pretrained(args.init, dtype=torch.float32)  # exports are fp16
    else:
        model = CnnLabeller(CnnLabellerConfig(vocab_size=len(tokenizer), pad_token_id=tokenizer.pad_token_id))

    def evaluate(model: CnnLabeller) -> dict[str, float]:
        losses = [float(model(**batch).loss) for batch in valid]
        return {"valid_loss": round(sum(losses) / len(losses), 4)}

    batches = batch_stream(encode(pairs, tokenizer), args.batch_tokens, tokenizer.pad_token_id,
                           collate=collate, length=lambda row: len(row[0]))
    state = train(config, model, batches, evaluate, log=lambda record: print(json.dumps(record), flush=True))
    if args.export and (Path(args.out) / "best").is_dir():
        save_exported_model(CnnLabeller.from_pretrained(Path(args.out) / "best").half(), args.export)
    return 0 if state["step"] else 1


def run_evaluate(args: argparse.Namespace) -> int:
    """The baseline and decoder models on the same test items in one run: one metrics row each."""
    from engine.cli import write_metrics
    from engine.couplet.cli import writer_for
    from engine.couplet.metrics import bleu_p_value, read_test_items, score_outputs, write_all

    torch.set_num_threads(args.threads)
    items = read_test_items(args.test, args.limit)
    tokenizer = AutoTokenizer.from_pretrained(args.tokenizer)
    cnn = CnnLabeller.from_pretrained(args.model).eval()
    vocab = VocabularyClasses(tokenizer)
    systems = {f"cnn {args.model}": lambda uppers: label(cnn, tokenizer, vocab, uppers)}
    for model in args.models:
        writer = writer_for(model)
        systems[f"decoder {model}"] = lambda uppers, writer=writer: writer.top_lines(uppers, args.beams)
    rows, baseline = [], None
    for name, write_batch in systems.items():
        started = time.perf_counter()
        outputs = write_all(items, write_batch, 32)
        rows.append({"system": name, **score_outputs(items, outputs), "seconds": round(time.perf_counter() - started, 1)})
        if baseline is None:
            baseline = outputs
        else:
            rows[-1]["bleu_p_vs_cnn"] = round(bleu_p_value(items, baseline, outputs), 4)
        print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr, flush=True)
    write_metrics({"test": str(args.test), "limit": args.limit, "beams": args.beams, "rows": rows}, args.json)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.couplet.labeller", description=__doc__.splitlines()[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    train_parser = verbs.add_parser("train")
    train_parser.add_argument("--data", nargs="+", required=True)
    train_parser.add_argument("--repeat", nargs="*", type=int, default=[])
    train_parser.add_argument("--valid", nargs="+", required=True)
    train_parser.add_argument("--valid-limit", type=int, default=2000)
    train_parser.add_argument("--tokenizer", required=True, help="the bundled model's tokenizer folder")
    add_loop_arguments(train_parser, max_steps=10**7, batch_tokens=4096, lr=3e-3, eval_every=300, precision="fp32")
    train_parser.set_defaults(func=run_train)
    eval_parser = verbs.add_parser("evaluate", help="the baseline, and decoder models on the same items, in one run")
    eval_parser.add_argument("--model", required=True, help="the baseline's model folder")
    eval_parser.add_argument("--tokenizer", required=True)
    eval_parser.add_argument("--models", nargs="*", default=[], help="decoder model folders or names to compare")
    eval_parser.add_argument("--beams", type=int, default=10, help="the decoders' beam width")
    eval_parser.add_argument("--test", required=True)
    eval_parser.add_argument("--limit", type=int, default=None)
    eval_parser.add_argument("--json", type=Path, default=None)
    eval_parser.add_argument("--threads", type=int, default=1)
    eval_parser.set_defaults(func=run_evaluate)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
