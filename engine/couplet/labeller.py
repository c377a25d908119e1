"""The couplet writer's CNN labeller: the position prior every install ships
(``resources/models/couplet/labeller``, read by ``engine.couplet.alignment.LabellerPrior``),
which also answers an upper line alone, as the baseline the decoder is measured against.

A sequence labeller: 128-dim character embeddings, gated residual Conv1D blocks, and one
output character per input position, decoded by argmax with punctuation copied and no
character equal to the upper line's at the same position. It is trained with the shared
loop on the same pairs and tokenizer as the bundled model, for a given wall-clock budget:

    wenqi-cli couplet labeller train --data ... --valid ... \
        --tokenizer resources/models/couplet --out runs/couplet/cnn --minutes 105 --threads 1
    wenqi-cli couplet labeller evaluate --model runs/couplet/cnn/best \
        --tokenizer resources/models/couplet --models couplet runs/couplet/v1 --test pairs_test.jsonl.xz --json cnn.json

``evaluate`` scores the labeller and any ``--models`` (the decoder) on the same test items in
one run (:func:`compare_systems`), one metrics row each; a decoder's row also has ``bleu_p_vs_cnn``,
the p-value of its BLEU differing from the labeller's by chance (``engine.couplet.metrics.bleu_p_value``).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import torch
from torch import nn
from transformers import AutoConfig, AutoModel, AutoTokenizer, PretrainedConfig, PreTrainedModel
from transformers.modeling_outputs import TokenClassifierOutput

from engine.couplet.constraints import VocabularyClasses
from engine.couplet.data import IGNORE, batch_stream, read_pairs
from engine.couplet.text import is_punct

if TYPE_CHECKING:  # the shared loop is imported when training, not with the writer's prior
    from engine.training import TrainConfig


class CnnLabellerConfig(PretrainedConfig):
    model_type = "couplet_cnn_labeller"

    def __init__(self, vocab_size: int = 8000, hidden_size: int = 128, num_layers: int = 5,
                 kernel_size: int = 5, dropout: float = 0.1, pad_token_id: int = 0, prior_weight: float = 1.0,
                 **kwargs) -> None:
        super().__init__(pad_token_id=pad_token_id, **kwargs)  # type: ignore[call-arg]  # configs take token ids at run time; transformers' signature omits them
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


@dataclass
class LabellerTrainOptions:
    """What ``couplet labeller train`` trains on and from; the loop's own settings are a TrainConfig."""

    data: list[str]
    valid: list[str]
    tokenizer: str  # the bundled model's tokenizer folder
    repeat: list[int] = field(default_factory=list)  # times each data file is used per epoch (default 1 each)
    valid_limit: int = 2000  # pairs used from each valid file
    init: Path | None = None  # continue from this labeller folder
    export: str | None = None  # write the best labeller here as fp16 when done


def train_labeller(options: LabellerTrainOptions, config: TrainConfig) -> int:
    """Train (or continue) the labeller with the shared loop; 0 when it took a step."""
    from engine.training import save_exported_model, train

    tokenizer = AutoTokenizer.from_pretrained(options.tokenizer)
    repeats = options.repeat + [1] * (len(options.data) - len(options.repeat))
    pairs = [pair for path, times in zip(options.data, repeats) for pair in read_pairs([path]) * times]
    valid = [collate(encode(read_pairs([p], options.valid_limit), tokenizer), tokenizer.pad_token_id)
             for p in options.valid]
    torch.manual_seed(config.seed)
    if options.init is not None:
        model = CnnLabeller.from_pretrained(options.init, dtype=torch.float32)  # exports are fp16
    else:
        model = CnnLabeller(CnnLabellerConfig(vocab_size=len(tokenizer), pad_token_id=tokenizer.pad_token_id))

    def evaluate(model: CnnLabeller) -> dict[str, float]:
        losses = [float(model(**batch).loss) for batch in valid]
        return {"valid_loss": round(sum(losses) / len(losses), 4)}

    batches = batch_stream(encode(pairs, tokenizer), config.batch_tokens, tokenizer.pad_token_id,
                           collate=collate, length=lambda row: len(row[0]))
    state = train(config, model, batches, evaluate, log=lambda record: print(json.dumps(record), flush=True))
    if options.export and (Path(config.out_dir) / "best").is_dir():
        save_exported_model(CnnLabeller.from_pretrained(Path(config.out_dir) / "best").half(), options.export)
    return 0 if state["step"] else 1


def labeller_lines(model_dir: str | Path, tokenizer_dir: str | Path) -> Callable[[list[str]], list[str]]:
    """The labeller of a folder as a system to score: upper lines in, lower lines out."""
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    model = CnnLabeller.from_pretrained(model_dir).eval()
    vocab = VocabularyClasses(tokenizer)
    return lambda uppers: label(model, tokenizer, vocab, uppers)


def compare_systems(items: list, systems: dict[str, Callable[[list[str]], list[str]]]) -> list[dict]:
    """One metrics row per system, all on the same test items; each row after the first also
    has ``bleu_p_vs_cnn``, the chance that its BLEU differs from the first system's by luck."""
    from engine.couplet.metrics import bleu_p_value, score_outputs, write_all

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
    return rows


if __name__ == "__main__":  # the verbs live in the CLI; this name still works
    from engine.cli import main

    sys.exit(main(["couplet", "labeller", *sys.argv[1:]]))
