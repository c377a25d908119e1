"""PEGASUS gap-sentence generation: summarization pairs from unlabelled text.

A document is cut into windows of whole sentences that fit the model's input. In each
window the ~30% of sentences that best cover the rest (ROUGE-1 F1 of a sentence's
characters against the other sentences', PEGASUS's "Ind-Orig") are replaced by ``[MASK]``;
the model learns to write them back, in order. This needs no labels and teaches exactly
the skill a summary needs: say what is central to a text in a few sentences.

    for pair in gap_sentence_pairs(document):
        pair.text, pair.summary   # "...。[MASK]...", "the removed sentences"
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.summarize.data import Pair
from engine.summarize.model import MASK, SOURCE_CHARS
from engine.summarize.text import Sentence, split_sentences

GAP_RATIO = 0.3


def windows(sentences: list[Sentence], max_chars: int = SOURCE_CHARS) -> Iterator[list[Sentence]]:
    """Runs of consecutive sentences of at most ``max_chars`` characters together."""
    window: list[Sentence] = []
    size = 0
    for sentence in sentences:
        if window and size + len(sentence) > max_chars:
            yield window
            window, size = [], 0
        window.append(sentence)
        size += len(sentence)
    if window:
        yield window


def _f1(chars: set[str], other: set[str]) -> float:
    overlap = len(chars & other)
    return 2 * overlap / (len(chars) + len(other)) if overlap else 0.0


def gap_sentence_pairs(document: str, max_chars: int = SOURCE_CHARS, gap_ratio: float = GAP_RATIO) -> Iterator[Pair]:
    """One (masked window, gap sentences) pair per window of two sentences or more."""
    for window in windows(split_sentences(document), max_chars):
        if len(window) < 2:
            continue
        char_sets = [set(s.text) for s in window]
        scores = []
        for i, chars in enumerate(char_sets):
            rest = set().union(*(c for j, c in enumerate(char_sets) if j != i))
            scores.append(_f1(chars, rest))
        count = max(1, round(gap_ratio * len(window)))
        gaps = set(sorted(range(len(window)), key=lambda i: -scores[i])[:count])
        source = "".join(MASK if i in gaps else s.text for i, s in enumerate(window))
        target = "".join(window[i].text for i in sorted(gaps))
        yield Pair(source, target)
