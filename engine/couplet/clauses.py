"""The clauses of an upper line: where a long or multi-clause line breaks, so the writer can
answer it clause by clause.

A line with punctuation or spaces inside breaks there. A long line without any breaks where
a *clause pattern* fits it best: the patterns are the clause lengths of the punctuated upper
lines of the training pairs, counted per total length (11 characters: 4+7 in 1,339 lines,
7+4 in 126, 5+6 in 100, ...; ``ClausePatterns.count``), and each pattern seen at least
twice for the line's length is scored

    log P(pattern | length) + lm_weight * sum over its clauses of log P(clause [SEP] | [BOS])

the second term reading the couplet model as a language model of single lines. A length
with no such pattern stays one clause. ``lm_weight`` was chosen on zijianzhao valid's
punctuated long lines with their punctuation removed (resources/models/couplet/README.md).

    >>> clause_spans("客上天然居，居然天上客")
    [(0, 5), (6, 11)]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

import torch

from engine.couplet.text import is_punct

FILE_NAME = "clause_patterns.json"
MIN_SPLIT_LENGTH = 8  # an unpunctuated line shorter than this is one clause
LM_WEIGHT = 0.1
MIN_COUNT = 2

Span = tuple[int, int]


def clause_spans(line: str) -> list[Span]:
    """The runs of characters between punctuation and spaces, as (start, end) slices."""
    spans, start = [], None
    for index, char in enumerate(line + "，"):
        if is_punct(char):
            if start is not None:
                spans.append((start, index))
            start = None
        elif start is None:
            start = index
    return spans


def pattern_spans(pattern: tuple[int, ...], offset: int = 0) -> list[Span]:
    spans, start = [], offset
    for length in pattern:
        spans.append((start, start + length))
        start += length
    return spans


class ClausePatterns:
    """How often upper lines of each total length break into clauses of which lengths."""

    def __init__(self, counts: dict[int, Counter]) -> None:
        self.counts = counts

    @classmethod
    def count(cls, lines) -> "ClausePatterns":
        counts: dict[int, Counter] = defaultdict(Counter)
        for line in lines:
            spans = clause_spans(line)
            if len(spans) > 1:
                lengths = tuple(end - start for start, end in spans)
                counts[sum(lengths)][lengths] += 1
        return cls(dict(counts))

    def save(self, path: Path | str) -> None:
        data = {str(n): {"+".join(map(str, p)): k for p, k in c.most_common()} for n, c in sorted(self.counts.items())}
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path | str) -> "ClausePatterns":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls({int(n): Counter({tuple(map(int, p.split("+"))): k for p, k in c.items()}) for n, c in data.items()})

    def candidates(self, length: int, min_count: int = MIN_COUNT) -> list[tuple[tuple[int, ...], float]]:
        """The patterns seen at least ``min_count`` times for ``length``, with their log-probability."""
        seen = [(p, k) for p, k in self.counts.get(length, Counter()).items() if k >= min_count]
        total = sum(k for _, k in seen)
        return [(p, math.log(k / total)) for p, k in seen]


@torch.no_grad()
def span_logprobs(model, tokenizer, line: str) -> torch.Tensor:
    """(n+1, n+1) table: [s, e] = log P(line[s:e] [SEP] | [BOS]) under ``model`` read as a
    language model of single lines (one batched forward pass, a row per start)."""
    ids = tokenizer(line, add_special_tokens=False)["input_ids"]
    n, bos, sep = len(ids), tokenizer.bos_token_id, tokenizer.sep_token_id
    rows = torch.tensor([[bos, *ids[s:], *([tokenizer.pad_token_id] * s)] for s in range(n)])
    device = next(model.parameters()).device
    logprobs = torch.log_softmax(model(input_ids=rows.to(device)).logits.float(), -1).cpu()
    table = torch.full((n + 1, n + 1), -float("inf"))
    for s in range(n):
        steps = logprobs[s, : n - s + 1]  # predictions after [BOS], after each character of line[s:]
        chars = steps[torch.arange(n - s), torch.tensor(ids[s:])].cumsum(0)
        table[s, s + 1:] = chars + steps[1:, sep]
    return table


def detect_clauses(line: str, patterns: ClausePatterns | None, model=None, tokenizer=None,
                   lm_weight: float = LM_WEIGHT, min_split_length: int = MIN_SPLIT_LENGTH) -> list[Span]:
    """The clauses of ``line``: at its punctuation and spaces where it has any inside, else,
    for a run of ``min_split_length`` characters or more, the best fitting pattern."""
    spans = clause_spans(line)
    if len(spans) != 1 or patterns is None or spans[0][1] - spans[0][0] < min_split_length:
        return spans
    offset, end = spans[0]
    candidates = patterns.candidates(end - offset)
    if not candidates:
        return spans
    table = span_logprobs(model, tokenizer, line[offset:end]) if lm_weight and model is not None else None

    def fit(pattern: tuple[int, ...], log_prior: float) -> float:
        lm = sum(float(table[s, e]) for s, e in pattern_spans(pattern)) if table is not None else 0.0
        return log_prior + lm_weight * lm

    best = max(candidates, key=lambda pair: fit(*pair))[0]
    return pattern_spans(best, offset)


def main(argv: list[str] | None = None) -> int:
    from engine.couplet.data import read_pairs

    parser = argparse.ArgumentParser(prog="python -m engine.couplet.clauses", description=__doc__.splitlines()[0])
    parser.add_argument("--data", nargs="+", required=True, help="training pairs (their upper lines are counted)")
    parser.add_argument("--out", required=True, help=f"where to write {FILE_NAME}")
    args = parser.parse_args(argv)
    patterns = ClausePatterns.count(up for up, _ in read_pairs(args.data))
    patterns.save(args.out)
    print(f"{args.out}: {sum(sum(c.values()) for c in patterns.counts.values()):,} punctuated upper lines, "
          f"{len(patterns.counts)} lengths")
    return 0


if __name__ == "__main__":
    sys.exit(main())
