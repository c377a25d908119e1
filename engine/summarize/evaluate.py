"""Score summaries against references with character ROUGE (EVAL.md), for every mode.

Modes: ``auto`` (what the app's tab shows by default: the bundled model, or extractive
summaries when no model can be used), ``model`` (a model folder, failing if it cannot be
used), ``lead`` (the first sentence, or with ``lead_chars`` the first N characters) and
``textrank`` (the extractive summarizer). The baselines need no model and take seconds, so
every evaluation can report them beside the model.

    pairs = read_pairs("../shared/data/summ-lcsts/clge_lcsts_test.jsonl.xz")
    metrics = evaluate(pairs, EvalSettings(mode="textrank"))
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

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

MODES = ("auto", "model", "lead", "textrank")
BASELINES = ("lead", "textrank")

_USED_BY = {
    "auto": {"mode", "length"},
    "model": {"mode", "length"},
    "lead": {"mode", "lead_chars"},
    "textrank": {"mode", "length", "lead_bias", "diversity"},
}


@dataclass
class EvalSettings:
    mode: str = "auto"
    length: str = "short"  # the references are headlines
    lead_chars: int = 0  # lead mode: 0 = the first sentence, else the first N characters
    lead_bias: float = LEAD_BIAS  # textrank: share of teleport mass on early sentences
    diversity: float = DIVERSITY  # textrank: MMR weight against redundancy


def extractive_summary(text: str, settings: EvalSettings) -> str:
    if settings.mode == "lead":
        return lead_chars(text, settings.lead_chars) if settings.lead_chars else lead_sentence(text)
    budget = budget_chars(settings.length, count_chars(text))
    return join_sentences(extract(split_sentences(text), budget, settings.lead_bias, settings.diversity))


def evaluate(pairs: list[Pair], settings: EvalSettings, summarize: Callable[[str], str] | None = None,
             ctx: JobContext | None = None) -> dict:
    """Metrics (rouge1/rouge2/rougeL in percent, n) plus the settings and the time taken.

    ``summarize`` gives the summary of one text in the ``auto`` and ``model`` modes.
    """
    if settings.mode not in MODES:
        raise ValueError(f"unknown mode {settings.mode!r}; choose one of {', '.join(MODES)}")
    if not pairs:
        raise ValueError("the test file has no (text, summary) pairs")
    if settings.mode not in BASELINES and summarize is None:
        raise ValueError(f"the {settings.mode} mode needs a summarizer")
    ctx = ctx or JobContext()
    start = time.perf_counter()
    hypotheses: list[str] = []
    for pair in pairs:
        ctx.check()
        hypotheses.append(extractive_summary(pair.text, settings) if settings.mode in BASELINES or summarize is None
                          else summarize(pair.text))
        if len(hypotheses) % 100 == 0 or len(hypotheses) == len(pairs):
            ctx.progress(len(hypotheses) / len(pairs), f"{len(hypotheses)}/{len(pairs)} summaries")
    metrics: dict[str, Any] = mean_char_rouge(zip(hypotheses, (pair.summary for pair in pairs)))
    metrics["mean_summary_chars"] = round(sum(map(count_chars, hypotheses)) / len(hypotheses), 1)
    metrics["seconds"] = round(time.perf_counter() - start, 1)
    metrics["settings"] = {key: value for key, value in asdict(settings).items() if key in _USED_BY[settings.mode]}
    return metrics
