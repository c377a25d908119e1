"""Key points: what a ``medium`` or ``long`` summary lists after its headline, one a line.

    points = key_points(text, "medium", taken=headline.spans, reserved=len(headline.text))
    [p.text for p in points], [p.spans for p in points]     # in text order, spans into ``text``

A long text is read as sections, so the points cover all of it rather than its first screen:

1. **Sections.** The text's units are its headed sections when it has headings (四、…,
   （二）…, 第三章…, or a short line with no end punctuation, as a title is), else its
   paragraphs (lines). When there are more units than points the budget allows, neighbouring
   units are merged into that many sections of about equal size; each section gets a share
   of the budget in proportion to its length, and at least one point.
2. **Within a section**, TextRank over the section's sentences (TF-IDF character bigrams,
   ``extractive.similarity_matrix``), lead-biased as news and reports put a section's point
   first, then MMR under the section's budget (``extractive.select_mmr``). A sentence that
   opens with a word that points back (但是, 因此, 这…, 其…) counts for half: it does not
   stand alone.
3. **Long keeps medium's points** and adds more within its larger budget, so reading Long never
   loses a point Medium gave.
4. **A point is a whole sentence**, or, for a sentence longer than :data:`MAX_POINT_CHARS`,
   its leading clauses up to a clause end (；, ，, ：), with 。 after them: a sentence's first
   clauses carry its subject, so they read alone.

Never picked: a heading, a sentence said before (or a title line a longer sentence repeats),
and a sentence the headline drew on (``taken``). The similarity matrix is computed once for
the whole text, so a 20,000-character text takes well under a second.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from engine.summarize.extractive import LEAD_BIAS, budget_chars, select_mmr, similarity_matrix, textrank
from engine.summarize.text import Sentence, count_chars, ends_sentence, split_sentences

#: Longest point, in characters: a longer sentence gives its leading clauses.
MAX_POINT_CHARS = 80
#: A leading-clause point has at least this many characters (shorter: the whole sentence).
MIN_CLAUSE_CHARS = 12
#: Weight of a sentence that opens by pointing back at what came before.
DEPENDENT_WEIGHT = 0.5

_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d)|"
                      r"第[一二三四五六七八九十百\d]+[章节条部分篇])")
_HEADING_MAX_CHARS = 30
PUNCTUATION = set("，,。.！!？?；;：:、…—-－～~·\u3000 ")
_CLAUSE_END = re.compile(r"[；;，,：:]")
_DEPENDENT_START = ("但", "而", "因此", "所以", "因而", "此外", "另外", "同时", "其中", "其", "这", "那", "该",
                    "此", "并且", "并", "且", "也", "还", "对此", "为此", "然而", "不过", "于是")


@dataclass(frozen=True)
class Point:
    """One key point and where its characters are in the text."""

    text: str
    spans: tuple[tuple[int, int], ...]  # (start, end) offsets into the text


def is_heading(sentence: Sentence) -> bool:
    """A numbered heading (四、…, （二）…, 3. …, 第二章…): it introduces content and says
    nothing on its own, so summaries never pick it."""
    return len(sentence.text) <= _HEADING_MAX_CHARS and bool(_HEADING.match(sentence.text))


def is_title_line(text: str, sentence: Sentence) -> bool:
    """A heading, or a short line of its own with no end punctuation (a title, 工作回顾)."""
    if is_heading(sentence):
        return True
    alone = (sentence.start == 0 or text[:sentence.start].rstrip(" \t\u3000").endswith("\n")) and \
        (sentence.end == len(text) or text[sentence.end:].lstrip(" \t\u3000").startswith("\n"))
    return alone and len(sentence.text) <= _HEADING_MAX_CHARS and not ends_sentence(sentence.text)


def bare(sentence: str) -> str:
    """A sentence without punctuation or spaces, to compare what two sentences say."""
    return "".join(ch for ch in sentence if ch not in PUNCTUATION and not ch.isspace())


def key_points(text: str, length: str, taken: tuple[tuple[int, int], ...] = (), reserved: int = 0) -> list[Point]:
    """The key points of ``text`` for a ``length`` summary, in text order (see the module doc).

    ``taken``: spans a headline drew on (no point repeats them); ``reserved``: characters of
    the budget the headline uses."""
    if length == "short":
        return []
    sentences = split_sentences(text)
    budget = budget_chars(length, count_chars(text)) - reserved
    units = _units(text, sentences)
    candidates, unit_of = _candidates(text, sentences, units, taken)
    if not candidates:
        return []
    points = [_point(text, s) for s in candidates]
    lengths = [count_chars(p.text) for p in points]
    weights = np.array([DEPENDENT_WEIGHT if s.text.lstrip().startswith(_DEPENDENT_START) else 1.0
                        for s in candidates])
    sim = similarity_matrix(candidates)

    def choose(budget: int, kept: frozenset[int] = frozenset()) -> dict[int, float]:
        """Candidate -> its score (comparable across sections, mean 1) for ``budget``; ``kept``
        stay whatever the budget (a long summary keeps the medium one's points)."""
        total = sum(lengths)
        chosen: dict[int, float] = {}
        for members in _sections(unit_of, lengths, budget):
            share = max(1, round(budget * sum(lengths[i] for i in members) / total))
            sub = sim[np.ix_(members, members)]
            scores = textrank(sub, lead_bias=LEAD_BIAS) * weights[members] * len(members)
            for i in select_mmr(scores, sub, [lengths[i] for i in members], share):
                chosen[members[i]] = float(scores[i])
        chosen.update({i: float("inf") for i in kept})
        # a section's first point may be longer than its share: the weakest points go until the
        # whole fits, but one always stays (a short text's medium summary says more than its headline)
        while sum(lengths[i] for i in chosen) > budget and len(chosen) > max(1, len(kept)):
            del chosen[min(chosen, key=chosen.__getitem__)]
        return chosen

    kept: frozenset[int] = frozenset()
    if length == "long":  # long says what medium says, and more
        kept = frozenset(choose(budget_chars("medium", count_chars(text)) - reserved))
    return [points[i] for i in sorted(choose(budget, kept))]


def _units(text: str, sentences: list[Sentence]) -> list[int]:
    """Per sentence, the unit it belongs to: its headed section when the text has headings
    (two or more), else its paragraph (a line)."""
    titles = [is_title_line(text, s) for s in sentences]
    by_heading = sum(titles[1:]) >= 2  # a title line alone at the top is the text's title
    units: list[int] = []
    unit = 0
    for i, s in enumerate(sentences):
        if i > 0:
            new_line = "\n" in text[sentences[i - 1].end:s.start]
            if (titles[i] if by_heading else new_line and not titles[i - 1]):
                unit += 1
        units.append(unit)
    return units


def _candidates(text: str, sentences: list[Sentence], units: list[int],
                taken: tuple[tuple[int, int], ...]) -> tuple[list[Sentence], list[int]]:
    """The sentences a point may be, and their units: no heading or title line, none twice (nor
    one a longer sentence repeats), none the headline drew on."""
    words = [bare(s.text) for s in sentences]
    copies = Counter(words)
    everything = "\n".join(words)
    seen: set[str] = set()
    candidates: list[Sentence] = []
    unit_of: list[int] = []
    for s, w, unit in zip(sentences, words, units):
        in_headline = any(a < s.end and b > s.start for a, b in taken)
        repeated = everything.count(w) > copies[w]  # 蔡奇出席开幕会 / …书记蔡奇出席开幕会。
        if w and not is_title_line(text, s) and w not in seen and not in_headline and not repeated:
            candidates.append(s)
            unit_of.append(unit)
        seen.add(w)  # said once, by a point or by the headline: never again
    return candidates, unit_of


def _sections(unit_of: list[int], lengths: list[int], budget: int) -> list[list[int]]:
    """Candidates grouped into sections: whole units, neighbours merged into about as many
    sections of equal length as the budget has points."""
    units: dict[int, list[int]] = {}
    for i, unit in enumerate(unit_of):
        units.setdefault(unit, []).append(i)
    groups = list(units.values())
    wanted = max(1, round(budget / float(np.median(lengths))))
    if len(groups) <= wanted:
        return groups
    total = sum(lengths)
    sections: list[list[int]] = [[]]
    done = 0
    for group in groups:
        size = sum(lengths[i] for i in group)
        # start a new section once this one has its equal share (measured at the group's middle)
        if sections[-1] and (done + size / 2) * wanted / total >= len(sections):
            sections.append([])
        sections[-1].extend(group)
        done += size
    return sections


def _point(text: str, sentence: Sentence) -> Point:
    """The sentence, or its leading clauses when it is longer than MAX_POINT_CHARS."""
    if len(sentence.text) <= MAX_POINT_CHARS:
        return Point(sentence.text, ((sentence.start, sentence.end),))
    ends = [m.start() for m in _CLAUSE_END.finditer(sentence.text, 0, MAX_POINT_CHARS)]
    ends = [e for e in ends if e >= MIN_CLAUSE_CHARS]
    if not ends:
        return Point(sentence.text, ((sentence.start, sentence.end),))
    end = sentence.start + ends[-1]
    return Point(text[sentence.start:end] + "。", ((sentence.start, end),))
