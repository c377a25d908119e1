"""Score summaries against references with character ROUGE (EVAL.md), for every mode.

Modes: ``lead`` (the first sentence, or with ``lead_chars`` the first N characters),
``textrank`` (the extractive summarizer) and ``abstractive`` (a model folder). The
baselines need no model and take seconds, so every evaluation reports them beside the model.

    pairs = read_pairs("../shared/data/summ-lcsts/clge_lcsts_test.jsonl.xz")
    metrics = evaluate(pairs, EvalSettings(mode="textrank"))
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from engine.runtime.jobs import JobContext
from engine.summarize.data import Pair
from engine.summarize.extractive import (
    DIVERSITY,
    LEAD_BIAS,
    budget_chars,
    extract,
    join_sentences,
    lead_chars,
    lead_sentence,
)
from engine.summarize.rouge import mean_char_rouge
from engine.summarize.text import count_chars, split_sentences

MODES = ("lead", "textrank", "abstractive")


_USED_BY = {
    "lead": {"mode", "lead_chars"},
    "textrank": {"mode", "length", "lead_bias", "diversity"},
    "abstractive": {"mode", "length", "beams", "batch_size"},
}


@dataclass
class EvalSettings:
    mode: str = "textrank"
    length: str = "short"  # the references are headlines
    lead_chars: int = 0  # lead mode: 0 = the first sentence, else the first N characters
    lead_bias: float = LEAD_BIAS  # textrank: share of teleport mass on early sentences
    diversity: float = DIVERSITY  # textrank: MMR weight against redundancy
    beams: int = 4  # abstractive
    batch_size: int = 32  # abstractive


def extractive_summary(text: str, settings: EvalSettings) -> str:
    if settings.mode == "lead":
        return lead_chars(text, settings.lead_chars) if settings.lead_chars else lead_sentence(text)
    budget = budget_chars(settings.length, count_chars(text))
    return join_sentences(extract(split_sentences(text), budget, settings.lead_bias, settings.diversity))


def evaluate(pairs: list[Pair], settings: EvalSettings,
             summarize_batch: Callable[[list[str]], list[str]] | None = None,
             ctx: JobContext | None = None) -> dict:
    """Metrics (rouge1/rouge2/rougeL in percent, n) plus the settings and the time taken.

    ``summarize_batch`` produces the abstractive summaries of a list of texts.
    """
    if settings.mode not in MODES:
        raise ValueError(f"unknown mode {settings.mode!r}; choose one of {', '.join(MODES)}")
    if not pairs:
        raise ValueError("the test file has no (text, summary) pairs")
    ctx = ctx or JobContext()
    start = time.perf_counter()
    hypotheses: list[str] = []
    step = settings.batch_size if settings.mode == "abstractive" else 200
    for first in range(0, len(pairs), step):
        texts = [pair.text for pair in pairs[first:first + step]]
        if settings.mode == "abstractive":
            if summarize_batch is None:
                raise ValueError("abstractive evaluation needs a model")
            hypotheses.extend(summarize_batch(texts))
        else:
            hypotheses.extend(extractive_summary(text, settings) for text in texts)
        ctx.progress(len(hypotheses) / len(pairs), f"{len(hypotheses)}/{len(pairs)} summaries")
    metrics = mean_char_rouge(zip(hypotheses, (pair.summary for pair in pairs)))
    metrics["mean_summary_chars"] = round(sum(map(count_chars, hypotheses)) / len(hypotheses), 1)
    metrics["seconds"] = round(time.perf_counter() - start, 1)
    metrics["settings"] = {key: value for key, value in asdict(settings).items() if key in _USED_BY[settings.mode]}
    return metrics
