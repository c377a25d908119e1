"""A position-alignment prior: how often each character of an upper line is answered by each
character at the same place in the lower line (天→地, 红→绿, 来→去), counted over the
training pairs. Added to the model's scores by a ``LogitsProcessor``, it carries the
couplet's word-for-word parallelism that a small model trained briefly has not learned yet.

    table = AlignmentTable.count(pairs, tokenizer)
    table.save(model_dir / FILE_NAME, weight=0.5)

``wenqi-cli couplet train`` counts and saves the table beside the model it trains.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import cast

import torch
from safetensors.torch import load_file, save_file
from transformers import LogitsProcessor

from engine.couplet.layout import PairLayout
from engine.couplet.text import is_punct

FILE_NAME = "alignment.safetensors"
LABELLER_DIR = "labeller"  # a model folder's CNN labeller prior, used instead of the table when present
FLOOR = 1e-4  # probability of a pairing never seen (or outside the top-k kept)


class PositionPrior:
    """log P(lower character at each place | the upper line), weighted: what the writer adds to
    the model's scores while it writes and when it ranks."""

    weight: float

    def line_prior(self, upper_ids: list[int], vocab_size: int) -> torch.Tensor:
        raise NotImplementedError

    def score(self, upper_ids: list[int], lower_ids: list[int], vocab_size: int, start: int = 0) -> float:
        """Weighted mean log-probability of a lower line under the prior (of the places from
        ``start`` on: a clause of a longer upper line)."""
        prior = self.line_prior(upper_ids, vocab_size)
        picked = prior[torch.arange(start, start + len(lower_ids)), torch.tensor(lower_ids)]
        return self.weight * float(picked.mean())


class LabellerPrior(PositionPrior):
    """The seed-style CNN labeller (``engine.couplet.labeller``) as the prior: it reads the
    whole upper line and scores every place at once. Alone it beats the decoder alone on BLEU;
    decoder + labeller beats the labeller alone trained as long as the decoder
    (resources/models/couplet/README.md). Its weight is ``prior_weight`` in the labeller's config."""

    def __init__(self, model) -> None:
        self.model = model.eval()
        self.weight = float(model.config.prior_weight)
        self._last: tuple[tuple[int, ...], torch.Tensor] | None = None  # ranking scores one upper line's candidates

    @classmethod
    def load(cls, folder: Path | str) -> LabellerPrior:
        from engine.runtime.store import load_tokenizerless

        return cls(load_tokenizerless(folder, torch.float32))

    @torch.no_grad()
    def line_prior(self, upper_ids: list[int], vocab_size: int) -> torch.Tensor:
        key, last = tuple(upper_ids), self._last  # read once: writers in other threads may replace it
        if last is None or last[0] != key:
            logits = self.model(input_ids=torch.tensor([upper_ids])).logits[0].float()
            last = self._last = (key, torch.log_softmax(logits, dim=-1))
        return last[1][:, :vocab_size]


class AlignmentTable(PositionPrior):
    def __init__(self, ids: torch.Tensor, logp: torch.Tensor, weight: float = 0.5) -> None:
        self.ids = ids  # (vocab, k): the k most frequent answers to each character
        self.logp = logp  # (vocab, k): their log-probabilities
        self.weight = weight

    @classmethod
    def count(cls, pairs, tokenizer, top_k: int = 48, weight: float = 0.5) -> AlignmentTable:
        vocab = len(tokenizer)
        ids_of = tokenizer.get_vocab()
        unk = tokenizer.unk_token_id
        counts: Counter = Counter()
        for upper, lower in pairs:
            for up, down in zip(upper, lower):
                if not is_punct(up):
                    counts[ids_of.get(up, unk), ids_of.get(down, unk)] += 1
        by_upper: dict[int, list[tuple[int, int]]] = {}
        for (up, down), n in counts.items():
            by_upper.setdefault(up, []).append((n, down))
        ids = torch.zeros((vocab, top_k), dtype=torch.int16 if vocab < 2**15 else torch.int32)
        logp = torch.full((vocab, top_k), math.log(FLOOR), dtype=torch.float16)
        for up, answers in by_upper.items():
            total = sum(n for n, _ in answers)
            best = sorted(answers, reverse=True)[:top_k]
            ids[up, :len(best)] = torch.tensor([d for _, d in best], dtype=ids.dtype)
            logp[up, :len(best)] = torch.tensor([math.log(n / total) for n, _ in best], dtype=torch.float16)
        return cls(ids, logp, weight)

    def save(self, path: Path | str, weight: float | None = None) -> None:
        if weight is not None:
            self.weight = weight
        save_file({"ids": self.ids, "logp": self.logp}, str(path), metadata={"weight": str(self.weight)})

    @classmethod
    def load(cls, path: Path | str) -> AlignmentTable:
        from safetensors import safe_open

        with safe_open(str(path), "pt") as handle:
            weight = float((handle.metadata() or {}).get("weight", 0.5))
        tensors = load_file(str(path))
        return cls(tensors["ids"], tensors["logp"], weight)

    def line_prior(self, upper_ids: list[int], vocab_size: int) -> torch.Tensor:
        """(len(upper), vocab) log-probabilities of each lower character at each position."""
        prior = torch.full((len(upper_ids), vocab_size), math.log(FLOOR))
        rows = torch.tensor(upper_ids, dtype=torch.long)
        prior.scatter_(1, self.ids[rows].long(), self.logp[rows].float())
        return prior


class AlignmentPrior(LogitsProcessor):
    """Adds ``weight * log P(lower char at this place | upper line)`` of a :class:`PositionPrior` to the scores."""

    def __init__(self, prior: PositionPrior, uppers_ids: list[list[int]], rows_per_upper: int,
                 prompt_length: int, vocab_size: int, layout: PairLayout, window: tuple[int, int] | None = None) -> None:
        """``window``: the places (start, end) of the upper lines written, when a clause of a
        longer line is written: the prior still reads the whole line."""
        self.weight = prior.weight
        start, end = window or (0, None)
        self.priors = [prior.line_prior(ids, vocab_size)[start:end] for ids in uppers_ids]
        self.rows_per_upper = rows_per_upper
        self.prompt_length = prompt_length
        self.layout = layout

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        kind, t = self.layout.step(input_ids.shape[1] - self.prompt_length, self.priors[0].shape[0])
        if kind != "write":
            return scores
        rows = torch.arange(scores.shape[0]) // self.rows_per_upper
        prior = torch.stack([p[t] for p in self.priors])[rows].to(scores.device, scores.dtype)
        return cast(torch.FloatTensor, scores + self.weight * prior[:, : scores.shape[1]])
