"""Sentence compression as span selection: training labels, and decoding under a length budget.

A summary is made of *spans copied from the source*, in source order. The references of
our data are mostly like that: on 300 validation pairs each, keeping only the reference's
runs of two or more characters that are copied from the source's first 200 characters
scores char ROUGE-L 55 (LCSTS), 88 (news headlines) and 80 (CSL titles) — far above lead
(about 21, 43 and 35). So the model is a tagger, not a writer: each source character gets
``O`` (dropped), ``B`` (begins a kept span) or ``I`` (continues one), and the summary is the
best tagging under a length budget.

Labels (``copy_spans``): the matching blocks of ``difflib.SequenceMatcher`` between source
and summary — the longest common substring, then recursively the longest ones left and right
of it — keeping blocks of at least two characters. Scattered single characters (a first try
labelled the plain LCS) are noise for a tagger: they are mostly function characters that
happen to recur.

Decoding (``best_spans``): Viterbi over the tags with the number of kept characters as part
of the state, so the length the user asks for is met exactly by the most probable tagging,
and spans never start or end inside a *unit* — a word of the segmenter, a number, a Latin
word — so no word is ever broken.

    spans = copy_spans("日前，方舟子发文直指林志颖旗下爱碧丽推销假保健品", "方舟子指林志颖推销假保健品")
    # [(3, 6), (9, 13), (18, 24)]
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

import numpy as np

O, B, I = 0, 1, 2  # noqa: E741 - the standard names of the three tags
MIN_SPAN = 2
_NEG = -1e9


def copy_spans(source: str, summary: str, min_span: int = MIN_SPAN) -> list[tuple[int, int]]:
    """The (start, end) spans of ``source`` that ``summary`` copies, in order, each at least
    ``min_span`` characters long."""
    matcher = difflib.SequenceMatcher(None, source, summary, autojunk=False)
    return [(b.a, b.a + b.size) for b in matcher.get_matching_blocks() if b.size >= min_span]


def span_tags(length: int, spans: Sequence[tuple[int, int]]) -> list[int]:
    """One tag per source character: ``B`` at the start of each span, ``I`` inside, ``O`` elsewhere."""
    tags = [O] * length
    for start, end in spans:
        tags[start] = B
        tags[start + 1:end] = [I] * (end - start - 1)
    return tags


def tag_spans(tags: Sequence[int]) -> list[tuple[int, int]]:
    """The spans a tag sequence keeps (the inverse of ``span_tags``)."""
    spans: list[tuple[int, int]] = []
    for i, tag in enumerate(tags):
        if tag == B or (tag == I and (not spans or spans[-1][1] != i)):
            spans.append((i, i + 1))
        elif tag == I:
            spans[-1] = (spans[-1][0], i + 1)
    return spans


def unit_starts(units: Sequence[str]) -> np.ndarray:
    """For text cut into ``units`` (words), a mask over its characters: True where a unit begins."""
    starts = np.zeros(sum(map(len, units)), dtype=bool)
    position = 0
    for unit in units:
        starts[position] = True
        position += len(unit)
    return starts


def best_spans(log_probs: np.ndarray, min_keep: int, max_keep: int, starts: np.ndarray | None = None,
               keep_bonus: float = 0.0, span_cost: float = 0.0) -> list[tuple[int, int]]:
    """The most probable tagging that keeps between ``min_keep`` and ``max_keep`` characters,
    in runs of at least two characters (as the labels are).

    ``log_probs`` is (characters, 3) in the order O, B, I. Where ``starts`` is False (inside
    a unit) a character takes the previous character's decision: no span begins or ends
    there. ``keep_bonus`` is added per kept character and ``span_cost`` taken per span (a
    preference for length and for fewer, longer runs, chosen on the validation sets). If no
    tagging reaches ``min_keep`` (too few characters or units), the longest possible one is
    returned.
    """
    n = len(log_probs)
    max_keep = max(0, min(max_keep, n))
    min_keep = min(max(0, min_keep), max_keep)
    if n == 0 or max_keep == 0:
        return []
    starts = np.ones(n, dtype=bool) if starts is None else np.asarray(starts, dtype=bool)
    scores = np.asarray(log_probs, dtype=np.float64) + np.array([0.0, keep_bonus - span_cost, keep_bonus])
    width = max_keep + 1
    # best[tag, k]: best score of a prefix ending in ``tag`` having kept k characters. A run
    # is B I+, so O and B follow only O or I, and I follows B or I.
    best = np.full((3, width), _NEG)
    back = np.zeros((n, 3, width), dtype=np.int8)  # the previous tag on the best path
    best[O, 0] = scores[0, O]
    best[B, 1] = scores[0, B]
    for t in range(1, n):
        s = scores[t]
        new = np.full((3, width), _NEG)
        shifted = np.full((3, width), _NEG)
        shifted[:, 1:] = best[:, :-1]
        if starts[t]:
            back[t, O] = np.where(best[O] >= best[I], O, I)
            new[O] = np.maximum(best[O], best[I]) + s[O]
            back[t, B] = np.where(shifted[O] >= shifted[I], O, I)
            new[B] = np.maximum(shifted[O], shifted[I]) + s[B]
        else:  # inside a unit: dropped stays dropped, kept stays kept
            back[t, O] = O
            new[O] = best[O] + s[O]
        back[t, I] = np.where(shifted[B] >= shifted[I], B, I)
        new[I] = np.maximum(shifted[B], shifted[I]) + s[I]
        best = np.maximum(new, _NEG)
    final = np.maximum(best[O], best[I])  # a run cannot end after its first character
    reachable = final > _NEG / 2
    wanted = reachable & (np.arange(width) >= min_keep)
    if wanted.any():
        k = int(np.where(wanted, final, -np.inf).argmax())
    else:
        k = int(np.nonzero(reachable)[0].max())
    tag = O if best[O, k] >= best[I, k] else I
    tags = [0] * n
    for t in range(n - 1, -1, -1):
        tags[t] = tag
        previous = int(back[t, tag, k])
        if tag != O:
            k -= 1
        tag = previous
    return tag_spans(tags)
