"""Extractive summaries: TextRank over character bigrams, MMR against redundancy, a budget.

Sentences are TF-IDF vectors of their character bigrams (no word segmenter needed, and
robust to names and numbers); edge weights are their cosine similarities. TextRank is
PageRank on that graph, with an optional lead bias (personalised PageRank whose teleport
favours early sentences: news puts the point first). Sentences are then taken in order of
score minus their similarity to what is already taken (maximal marginal relevance) until
the length budget is spent, and returned in document order.

This is the extractive mode of the app, a baseline, and where the model's medium and long
summaries take the key sentences they add after the model's headline.

    sentences = split_sentences(text)
    chosen = extract(sentences, budget_chars("short", len(text)))
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from engine.summarize.text import Sentence, count_chars, ends_sentence, split_sentences

LENGTHS = ("short", "medium", "long")
# Chosen on the validation sets (LCSTS val, CSL dev, news-headline valid; README.md): all
# three prefer a strong lead bias, as expected of news and abstracts.
LEAD_BIAS = 0.9
DIVERSITY = 0.3


@dataclass(frozen=True)
class LengthBudget:
    ratio: float  # share of the source's characters
    minimum: int  # characters, for short sources
    maximum: int  # characters, for long sources


BUDGETS = {
    "short": LengthBudget(0.10, 20, 150),
    "medium": LengthBudget(0.20, 50, 400),
    "long": LengthBudget(0.35, 100, 1000),
}


def budget_chars(length: str, source_chars: int) -> int:
    """How many characters a ``length`` summary of a ``source_chars`` text may have."""
    if length not in BUDGETS:
        raise ValueError(f"unknown length {length!r}; choose one of {', '.join(LENGTHS)}")
    b = BUDGETS[length]
    return max(1, min(source_chars, max(b.minimum, min(b.maximum, round(b.ratio * source_chars)))))


def similarity_matrix(sentences: list[Sentence]) -> np.ndarray:
    """Cosine similarity of the sentences' TF-IDF character-bigram vectors (zero diagonal)."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, sentence in enumerate(sentences):
        text = sentence.text
        for j in range(len(text) - 1):
            rows.append(i)
            cols.append(vocab.setdefault(text[j:j + 2], len(vocab)))
    n = len(sentences)
    if not vocab:
        return np.zeros((n, n), dtype=np.float32)
    import torch  # here, not at the top: the summarize tab imports this module before torch loads

    index = torch.tensor([rows, cols])
    with warnings.catch_warnings():  # torch calls its sparse kernels "beta"; they are what we need
        warnings.simplefilter("ignore", UserWarning)
        counts = torch.sparse_coo_tensor(index, torch.ones(len(rows)), (n, len(vocab))).coalesce()
        idx, tf = counts.indices(), counts.values()
        df = torch.bincount(idx[1], minlength=len(vocab)).float()
        weights = tf * (torch.log(n / df) + 1.0)[idx[1]]
        norms = torch.zeros(n).index_add_(0, idx[0], weights * weights).sqrt().clamp_min(1e-9)
        vectors = torch.sparse_coo_tensor(idx, weights / norms[idx[0]], (n, len(vocab))).coalesce()
        product = torch.sparse.mm(vectors, vectors.t()).coalesce()
    # Scattering into numpy beats ``to_dense``, which stalls on a busy machine's threads.
    sim = np.zeros((n, n), dtype=np.float32)
    pairs = product.indices().numpy()
    sim[pairs[0], pairs[1]] = product.values().numpy()
    np.fill_diagonal(sim, 0.0)
    return sim


def textrank(sim: np.ndarray, damping: float = 0.85, lead_bias: float = 0.0,
             iterations: int = 100, tol: float = 1e-7) -> np.ndarray:
    """PageRank scores (summing to 1) on a weighted similarity graph.

    ``lead_bias`` in 0..1 moves that share of the teleport mass onto early sentences,
    in proportion to 1/(position+1).
    """
    n = sim.shape[0]
    if n == 0:
        return np.zeros(0)
    positions = 1.0 / np.arange(1, n + 1)
    teleport = (1 - lead_bias) / n + lead_bias * positions / positions.sum()
    out_weight = sim.sum(axis=1)
    dangling = out_weight <= 0
    # Column-stochastic and contiguous, so each step is one fast matrix-vector product.
    transition = np.ascontiguousarray((sim / np.where(dangling, 1.0, out_weight)[:, None]).T, dtype=np.float64)
    scores = np.full(n, 1.0 / n)
    for _ in range(iterations):
        updated = (1 - damping) * teleport + damping * (transition @ scores + scores[dangling].sum() * teleport)
        if np.abs(updated - scores).sum() < tol:
            return updated
        scores = updated
    return scores


def select_mmr(scores: np.ndarray, sim: np.ndarray, lengths: list[int], budget: int,
               diversity: float = DIVERSITY) -> list[int]:
    """Greedy MMR under a character budget; the first pick is always taken. Indices sorted."""
    if len(scores) == 0:
        return []
    relevance = scores / scores.max() if scores.max() > 0 else scores
    sizes = np.asarray(lengths)
    chosen: list[int] = []
    redundancy = np.zeros(len(scores))
    available = np.ones(len(scores), dtype=bool)
    used = 0
    while available.any():
        value = np.where(available, (1 - diversity) * relevance - diversity * redundancy, -np.inf)
        best = int(value.argmax())
        chosen.append(best)
        used += lengths[best]
        redundancy = np.maximum(redundancy, sim[best])
        available[best] = False
        available &= sizes <= budget - used  # what no longer fits is out; shorter ones may still fit
    return sorted(chosen)


def extract(sentences: list[Sentence], budget: int, lead_bias: float = LEAD_BIAS,
            diversity: float = DIVERSITY) -> list[Sentence]:
    """The sentences of an extractive summary within ``budget`` characters, in text order."""
    if len(sentences) <= 1:
        return list(sentences)
    sim = similarity_matrix(sentences)
    scores = textrank(sim, lead_bias=lead_bias)
    picked = select_mmr(scores, sim, [count_chars(s.text) for s in sentences], budget, diversity)
    return [sentences[i] for i in picked]


def join_sentences(sentences: list[Sentence]) -> str:
    """Sentences as one text: run together (Chinese needs no spaces), but a line without end
    punctuation (a heading, a list item) stays on a line of its own."""
    parts = [s.text for s in sentences[:1]]
    for before, after in zip(sentences, sentences[1:]):
        parts.append(("" if ends_sentence(before.text) and ends_sentence(after.text) else "\n") + after.text)
    return "".join(parts)


def lead_sentence(text: str) -> str:
    """Baseline: the first sentence."""
    sentences = split_sentences(text)
    return sentences[0].text if sentences else ""


def lead_chars(text: str, n: int) -> str:
    """Baseline: the first ``n`` non-whitespace characters."""
    return "".join(ch for ch in text if not ch.isspace())[:n]
