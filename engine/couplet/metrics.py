"""EVAL.md's couplet metrics: corpus BLEU (sacrebleu, ``tokenize="zh"``) of the top candidate
against every reference of its upper line, ``structure_ok`` and ``tone_ok``.

    items = read_test_items("test.jsonl.xz")          # references grouped by upper line
    print(score_outputs(items, ["..."] * len(items)))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from engine.couplet.text import CoupletInputError, check_upper, normalize, structure_ok
from engine.couplet.tone import CLASSICAL, LEVEL, MODERN, final_tone, upper_keeps_rule
from engine.data import read_jsonl


@dataclass
class TestItem:
    upper: str
    references: list[str]


def read_test_items(path: Path | str, limit: int | None = None) -> list[TestItem]:
    """Test pairs grouped by upper line (zijianzhao's test has several lower lines per upper),
    in first-seen order; ``limit`` counts upper lines."""
    grouped: dict[str, list[str]] = {}
    for item in read_jsonl(path):
        upper, lower = normalize(item.get("up", "")), normalize(item.get("down", ""))
        if not upper or not lower:
            continue
        if upper not in grouped and limit is not None and len(grouped) >= limit:
            break
        grouped.setdefault(upper, []).append(lower)
    return [TestItem(upper, refs) for upper, refs in grouped.items()]


def corpus_bleu(hypotheses: list[str], references: list[list[str]]) -> float:
    """sacrebleu corpus BLEU, Chinese tokenisation, any number of references per line."""
    import sacrebleu

    # sacrebleu takes None for a missing reference; its annotations say str.
    return sacrebleu.corpus_bleu(hypotheses, _streams(references), tokenize="zh").score  # type: ignore[arg-type]


def _streams(references: list[list[str]]) -> list[list[str | None]]:
    """sacrebleu's reference layout: stream k holds every line's k-th reference (None past its last)."""
    width = max((len(r) for r in references), default=1)
    return [[refs[k] if k < len(refs) else None for refs in references] for k in range(width)]


def bleu_p_value(items: list[TestItem], baseline: list[str], system: list[str], trials: int = 10000) -> float:
    """p-value of ``system``'s BLEU differing from ``baseline``'s on the same items by chance:
    sacrebleu's paired approximate randomization (the test behind ``sacrebleu --paired-ar``),
    fixed seed. Small (< 0.05) means the difference is unlikely to be luck of the test set."""
    from sacrebleu.metrics import BLEU
    from sacrebleu.significance import PairedTest

    test = PairedTest([("baseline", baseline), ("system", system)], {"BLEU": BLEU(tokenize="zh")},
                      _streams([item.references for item in items]),  # type: ignore[arg-type]  # None: see corpus_bleu
                      test_type="ar", n_samples=trials)
    _, scores = test()
    result = scores["BLEU"][1]  # [0] is the baseline's
    assert not isinstance(result, str) and result.p_value is not None  # a tested system's row has one
    return float(result.p_value)


def score_outputs(items: list[TestItem], outputs: list[str]) -> dict:
    """BLEU, structure_ok, tone_ok (over upper lines ending oblique; EVAL.md reads tones as
    modern Mandarin, ``tone_ok_classical`` with 入声 oblique) and n for top outputs."""
    return {
        "bleu": round(corpus_bleu(outputs, [item.references for item in items]), 2),
        "structure_ok": round(sum(structure_ok(i.upper, o) for i, o in zip(items, outputs)) / max(len(items), 1), 4),
        **_tone_ok(items, outputs, MODERN, ""),
        **_tone_ok(items, outputs, CLASSICAL, "_classical"),
        "n": len(items),
    }


def _tone_ok(items: list[TestItem], outputs: list[str], system: str, suffix: str) -> dict:
    oblique = [out for item, out in zip(items, outputs) if upper_keeps_rule(item.upper, system)]
    return {f"tone_ok{suffix}": round(sum(final_tone(o, system) == LEVEL for o in oblique) / max(len(oblique), 1), 4),
            f"n_oblique_upper{suffix}": len(oblique)}


LENGTH_BUCKETS = (("<=7", 0, 7), ("8-11", 8, 11), (">=12", 12, 10**6))  # characters of the upper line


def score_by_length(items: list[TestItem], outputs: list[str]) -> dict:
    """:func:`score_outputs` per upper-line length bucket (``LENGTH_BUCKETS``, punctuation
    counted), empty buckets left out: long lines are rare in the test sets, and an overall
    BLEU hides how they fare."""
    buckets = {}
    for name, low, high in LENGTH_BUCKETS:
        chosen = [(i, o) for i, o in zip(items, outputs) if low <= len(i.upper) <= high]
        if chosen:
            buckets[name] = score_outputs([i for i, _ in chosen], [o for _, o in chosen])
    return buckets


def write_all(items: list[TestItem], write_batch: Callable[[list[str]], list[str]], batch_size: int = 32,
              on_progress: Callable[[int], None] = lambda done: None) -> list[str]:
    """The top output for every item, writing upper lines of one length together. An upper
    line the writer refuses (too long, no hanzi) gets an empty output and counts as wrong."""
    outputs = [""] * len(items)
    valid = []
    for index, item in enumerate(items):
        try:
            valid.append((len(check_upper(item.upper)), index))
        except CoupletInputError:
            continue
    done = 0
    for _, group in groupby(sorted(valid), key=lambda pair: pair[0]):
        indices = [index for _, index in group]
        for start in range(0, len(indices), batch_size):
            chunk = indices[start:start + batch_size]
            for index, output in zip(chunk, write_batch([items[i].upper for i in chunk])):
                outputs[index] = output
            done += len(chunk)
            on_progress(done)
    return outputs
