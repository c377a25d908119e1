"""The clauses of an upper line: where a long or multi-clause line breaks, so the writer can
answer it clause by clause.

A line with punctuation or spaces inside breaks there. A long line without any breaks where
a *clause pattern* fits it best: the patterns are the clause lengths of the punctuated upper
lines of the training pairs, counted per total length (11 characters: 4+7 in 1,339 lines,
7+4 in 126, 5+6 in 100, ...; ``ClausePatterns.count``), and each pattern seen at least
twice for the line's length is scored

    log P(pattern | length) + lm_weight * log P(the line with a comma at each break [SEP] | [BOS])
        + repeat_bonus * (breaks between two same characters)

the second term reading the couplet model as a language model of single lines, which learned
where the punctuated upper lines of its training pairs break; the bonus is for 顶针, a clause
that begins with the character the one before ends with (读书声，声声入耳; 天下事，事事关心), which
the model reading left to right cannot see coming. A length with no such pattern
stays one clause. Reading the whole punctuated line (风声雨声读书声，声声入耳 against
风声雨声，读书声声声入耳) finds 72.1% of zijianzhao valid's breaks, where reading each clause as
a line of its own found 60.6%; the 顶针 bonus 72.6% (resources/models/couplet/README.md).

    >>> clause_spans("客上天然居，居然天上客")
    [(0, 5), (6, 11)]
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

import torch

from engine.couplet.text import is_punct

FILE_NAME = "clause_patterns.json"
MIN_SPLIT_LENGTH = 8  # an unpunctuated line shorter than this is one clause
LM_WEIGHT = 1.0
REPEAT_BONUS = 5.0  # chosen on zijianzhao train's 6,976 punctuated long lines (4 to 7 did best there)
BREAK_MARK = "，"  # the mark the model reads at a break it weighs
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
    def count(cls, lines) -> ClausePatterns:
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
    def load(cls, path: Path | str) -> ClausePatterns:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls({int(n): Counter({tuple(map(int, p.split("+"))): k for p, k in c.items()}) for n, c in data.items()})

    def candidates(self, length: int, min_count: int = MIN_COUNT) -> list[tuple[tuple[int, ...], float]]:
        """The patterns seen at least ``min_count`` times for ``length``, with their log-probability."""
        seen = [(p, k) for p, k in self.counts.get(length, Counter()).items() if k >= min_count]
        total = sum(k for _, k in seen)
        return [(p, math.log(k / total)) for p, k in seen]


@torch.no_grad()
def punctuated_logprobs(model, tokenizer, line: str, patterns: list[tuple[int, ...]]) -> list[float]:
    """For each pattern, log P(line with BREAK_MARK at its breaks [SEP] | [BOS]) under ``model``
    read as a language model of single lines (one batched forward pass, a row per pattern)."""
    rows = []
    for pattern in patterns:
        text = BREAK_MARK.join(line[s:e] for s, e in pattern_spans(pattern))
        rows.append([tokenizer.bos_token_id, *tokenizer(text, add_special_tokens=False)["input_ids"],
                     tokenizer.sep_token_id])
    width = max(map(len, rows))
    ids = torch.tensor([row + [tokenizer.pad_token_id] * (width - len(row)) for row in rows])
    device = next(model.parameters()).device
    logprobs = torch.log_softmax(model(input_ids=ids.to(device)).logits.float(), -1).cpu()
    return [float(logprobs[i, torch.arange(len(row) - 1), torch.tensor(row[1:])].sum()) for i, row in enumerate(rows)]


def detect_clauses(line: str, patterns: ClausePatterns | None, model=None, tokenizer=None,
                   lm_weight: float = LM_WEIGHT, min_split_length: int = MIN_SPLIT_LENGTH,
                   repeat_bonus: float = REPEAT_BONUS) -> list[Span]:
    """The clauses of ``line``: at its punctuation and spaces where it has any inside, else,
    for a run of ``min_split_length`` characters or more, the best fitting pattern."""
    spans = clause_spans(line)
    if len(spans) != 1 or patterns is None or spans[0][1] - spans[0][0] < min_split_length:
        return spans
    offset, end = spans[0]
    candidates = patterns.candidates(end - offset)
    if not candidates:
        return spans
    lms = [0.0] * len(candidates)
    if lm_weight and model is not None:
        lms = punctuated_logprobs(model, tokenizer, line[offset:end], [pattern for pattern, _ in candidates])
    text = line[offset:end]

    def repeats(pattern: tuple[int, ...]) -> int:  # breaks with the same character on both sides (顶针)
        return sum(text[e - 1] == text[e] for _, e in pattern_spans(pattern)[:-1])

    fits = [log_prior + lm_weight * lm + repeat_bonus * repeats(pattern)
            for (pattern, log_prior), lm in zip(candidates, lms)]
    best = candidates[max(range(len(candidates)), key=fits.__getitem__)][0]
    return pattern_spans(best, offset)


def break_accuracy(clauses_of, upper_lines) -> tuple[int, int]:
    """(right, n): of the punctuated upper lines of 8+ characters (punctuation removed), how many
    ``clauses_of(line)`` (``CoupletWriter.clauses``) breaks exactly where the punctuation was.

        >>> always_4_4 = lambda line: [(0, 4), (4, len(line))]
        >>> break_accuracy(always_4_4, ["春回大地，福满人间", "风声雨声读书声，声声入耳", "白日依山尽", "天地，山水"])
        (1, 2)
    """
    right = n = 0
    for line in upper_lines:
        spans = clause_spans(line)
        bare = "".join(line[s:e] for s, e in spans)
        if len(spans) > 1 and len(bare) >= MIN_SPLIT_LENGTH:
            n += 1
            right += list(clauses_of(bare)) == pattern_spans(tuple(e - s for s, e in spans))
    return right, n


if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    from engine.cli import main

    sys.exit(main(["couplet", "clauses", *sys.argv[1:]]))
