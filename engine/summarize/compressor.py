"""Summaries written by the tagger: a headline from the text's lead, then its key sentences.

    compressor = Compressor(ModelStore().load("summarize"))
    headline, sentences = compressor.summarize(text, "medium")
    headline.text, headline.spans                    # the lead compressed, and where it came from

What each length means:

* ``short`` is a headline: the lead window compressed to 10–32 characters (the test sets'
  references have medians of 18–19 characters). The lead names who and what; a sentence
  from later in a text often refers to someone it never names.
* ``medium`` and ``long`` are that headline followed by the text's key points, one a line,
  drawn from each of its sections (``keypoints.key_points``), up to the budget of
  ``extractive.budget_chars`` (about 20% and 35% of the text). Forcing the tagger, which
  learned headlines, to keep half of every key sentence gave fragments that did not read
  (seen in the tab); whole sentences (or a long one's leading clauses) after a headline that
  names the subject do.

Spans never break a word: the windows are cut into words by ``jieba`` (a well-kept segmenter;
the model was trained on characters and knows nothing of words), and a span may only begin
and end at a word's edge. The kept text is then tidied (``tidy_positions``): punctuation at a
span's edges, a quote or bracket whose partner was dropped, a phrase the summary already has
and a dangling particle at an end are dropped. Headings (四、…) are never picked.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import torch

from engine.runtime.jobs import CancelToken
from engine.runtime.store import LoadedModel, ModelError
from engine.summarize.compression import unit_starts
from engine.summarize.headline import clause_ranges, close_to_clauses, constrained_spans
from engine.summarize.keypoints import PUNCTUATION as _PUNCTUATION
from engine.summarize.keypoints import Point, is_heading, key_points
from engine.summarize.tagger import LABELS, Window, encode_window, lead_window, window_of
from engine.summarize.text import split_sentences
from engine.words import LOCK as JIEBA_LOCK
from engine.words import jieba_ready

if TYPE_CHECKING:
    from engine.summarize.writer import HeadlineWriter

HEADLINE = (10, 32)  # characters a short summary keeps
CLOSED_MAX = 40
"""Characters a headline closed to whole clauses may have (``headline.close_to_clauses``; news
titles run to 40): a longer one loses its last clauses, and one whose first clause alone is
longer gives way to the tagger's own runs."""
# Added to a kept character's log-probability, and taken per kept run: chosen on the
# validation sets (README.md, "Choosing the decoding").
KEEP_BONUS = 2.5
SPAN_COST = 1.0
MIN_COPIED = 4
"""A written headline copies at least this many characters of the text (in runs of two or more),
else the tagger's is shown: one made of glue words says nothing the text says. The tagger's is
also shown when the writer is unsure of its headline (``HeadlineWriter.trusted``)."""

_PAIRS = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "（": "）", "(": ")", "【": "】", "「": "」", "『": "』", "[": "]"}
_CLOSERS = {closer: opener for opener, closer in _PAIRS.items()}
_DANGLING_END = set("的了和与及或而并且在对把被将从向让给以是就也还都又")
_DANGLING_START = set("的了而并且和与及或但则")
_JOINERS = frozenset("，,：:；;")


def segment(text: str) -> list[str]:
    """``text`` cut into words by jieba (``engine.words``: loaded on first use)."""
    with JIEBA_LOCK:
        return _merge_numbers(jieba_ready().lcut(text, HMM=True))


_NUMBER = re.compile(r"^[0-9０-９][0-9０-９.．,，%％]*$|^[零〇一二三四五六七八九十百千万亿两]+$")
_NUMBER_UNITS = set("年月日号时点分秒岁个只人位名次元角万亿千百%％度条项家倍") | set("摄℃米克吨升亩公")  # 40摄氏度, 12米, 5公里


_THOUSANDS = re.compile(r"^[0-9]{3}(?![0-9])")
_LEADING_GROUP = re.compile(r"(?:^|[^0-9,，])[0-9]{1,3}$|[0-9][,，][0-9]{3}$")  # 600 or 600,000 before a ",000"
# A full-width comma separates thousands only before an amount (600，000万元); 120，150和180辆 is a list.
_AMOUNT_GROUP = re.compile(r"^[0-9]{3}[万亿元]")
_SEPARATOR_END = re.compile(r"[0-9][,，]$")


def _merge_numbers(words: list[str]) -> list[str]:
    """jieba cuts 7日, 第六次 and 600,000万元 into pieces; a number stays one word with what it
    counts (a headline that kept 600 of 600,000万元 said something else)."""
    merged: list[str] = []
    for index, word in enumerate(words):
        following = "".join(words[index + 1:index + 3])  # jieba may cut 000万元 too
        if (word == "," and _THOUSANDS.match(following) or word == "，" and _AMOUNT_GROUP.match(following)) \
                and merged and _LEADING_GROUP.search(merged[-1]):
            merged[-1] += word  # a thousands separator: the next group joins below
        elif merged and _SEPARATOR_END.search(merged[-1]) and _THOUSANDS.match(word):
            merged[-1] += word
        elif merged and (_NUMBER.match(merged[-1]) and word[:1] in _NUMBER_UNITS
                       or merged[-1] == "第" and _NUMBER.match(word)):
            merged[-1] += word
        elif merged and merged[-1].startswith("第") and _NUMBER.match(merged[-1][1:]) and word[:1] in _NUMBER_UNITS:
            merged[-1] += word
        else:
            merged.append(word)
    return merged


@dataclass(frozen=True)
class Piece:
    """One sentence of a summary, and where each of its kept runs is in the original text."""

    text: str
    spans: tuple[tuple[int, int], ...]  # (start, end) offsets into the original text


def tidy_positions(text: str, positions: list[int], word_starts: np.ndarray, repeats: bool = True) -> list[int]:
    """The kept positions of a window's ``text`` without what would read badly (see module doc);
    ``repeats=False`` leaves phrases said twice (whole clauses say 规模以上工业增加值 after 工业经济)."""
    kept = sorted(positions)
    runs = _runs(kept)
    # punctuation at the edges of a run
    kept = [p for run in runs for p in _strip_run(text, run)]
    # quotes and brackets whose partner is not kept
    open_at: dict[str, list[int]] = {}
    unmatched: set[int] = set()
    for p in kept:
        ch = text[p]
        if ch in _PAIRS:
            open_at.setdefault(ch, []).append(p)
        elif ch in _CLOSERS:
            stack = open_at.get(_CLOSERS[ch])
            if stack:
                stack.pop()
            else:
                unmatched.add(p)
    unmatched.update(p for stack in open_at.values() for p in stack)
    kept = [p for p in kept if p not in unmatched]
    # a phrase (whole words, two or more characters) that repeats what is already kept
    seen = ""
    result: list[int] = []
    for run in _runs(kept):
        run = _without_repeats(text, run, seen, word_starts) if repeats else run
        seen += "".join(text[p] for p in run) + "\n"
        result.extend(run)
    # punctuation laid bare, and a dangling particle (a one-character word) at either end
    while True:
        result = [p for run in _runs(result) for p in _strip_run(text, run)]
        if result and text[result[-1]] in _DANGLING_END and _single_word(result[-1], text, word_starts):
            result.pop()
        elif result and text[result[0]] in _DANGLING_START and _single_word(result[0], text, word_starts):
            result.pop(0)
        else:
            return result


def _within(text: str, positions: list[int], clauses: list[tuple[int, int]], limit: int) -> list[int]:
    """``positions`` less their last clauses until at most ``limit`` characters that are not
    punctuation are left; none if the first clause alone is longer."""
    ends = [end for _, end in clauses]
    while positions and sum(text[p] not in _PUNCTUATION for p in positions) > limit:
        last = bisect.bisect_right(ends, positions[-1])
        fewer = [p for p in positions if bisect.bisect_right(ends, p) < last]
        positions = fewer if fewer else []
    return positions


def _with_joiners(text: str, positions: list[int], clauses: list[tuple[int, int]]) -> list[int]:
    """``positions`` with the comma, colon or semicolon that ends a clause when the next kept
    character is in a later clause: the text's own punctuation joins two kept clauses."""
    ends = [end for _, end in clauses]
    joined = set(positions)
    for before, _ in _clause_breaks(text, positions, ends):
        end = ends[bisect.bisect_right(ends, before)]
        if text[end] in _JOINERS:
            joined.add(end)
    return sorted(joined)


def _clause_breaks(text: str, positions: list[int], ends: list[int]) -> list[tuple[int, int]]:
    """Each two kept characters next to each other in ``positions``, neither of them
    punctuation, that lie in different clauses (``ends``: where the clauses end)."""
    return [(before, after) for before, after in zip(positions, positions[1:])
            if text[before] not in _PUNCTUATION and text[after] not in _PUNCTUATION
            and bisect.bisect_right(ends, before) != bisect.bisect_right(ends, after)]


def _with_openings(text: str, positions: list[int]) -> list[int]:
    """``positions`` with the opening quote or bracket of each kept closing one (发布《关于…意见》
    kept from 关于 gets its 《), so tidying does not drop the closing one as unmatched."""
    kept = set(positions)
    added: set[int] = set()
    open_at: dict[str, list[int]] = {}
    for p, ch in enumerate(text):
        if ch in _PAIRS:
            open_at.setdefault(ch, []).append(p)
        elif ch in _CLOSERS and open_at.get(_CLOSERS[ch]):
            opener = open_at[_CLOSERS[ch]].pop()
            if p in kept and opener not in kept:
                added.add(opener)
    return sorted(kept | added)


def _without_repeats(text: str, run: list[int], seen: str, word_starts: np.ndarray) -> list[int]:
    """``run`` less its longest phrases already in ``seen``, as long as they are whole words."""
    while run and seen:
        piece = "".join(text[p] for p in run)
        match = difflib.SequenceMatcher(None, piece, seen, autojunk=False).find_longest_match(0, len(piece), 0, len(seen))
        first, after = match.a, match.a + match.size
        whole = word_starts[run[first]] and (after == len(run) or word_starts[run[after]])
        if match.size < 2 or not whole:
            break
        run = run[:first] + run[after:]
    return run


def _single_word(position: int, text: str, word_starts: np.ndarray) -> bool:
    after = position + 1
    return bool(word_starts[position]) and (after >= len(text) or bool(word_starts[after]))


def _runs(positions: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for p in positions:
        if runs and runs[-1][-1] == p - 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def _strip_run(text: str, run: list[int]) -> list[int]:
    start, end = 0, len(run)
    while start < end and text[run[start]] in _PUNCTUATION:
        start += 1
    while end > start and text[run[end - 1]] in _PUNCTUATION:
        end -= 1
    return run[start:end]


def _piece(window: Window, positions: list[int], clauses: Sequence[tuple[int, int]] = ()) -> Piece:
    """Kept window positions as text, and as spans of the original text: characters next to each
    other in the window may not be in the text (a heading or blank lines left out between them).
    With ``clauses`` (the window's), characters of two clauses with no punctuation kept between
    them (``_with_joiners`` keeps the text's own comma; a full stop it does not) get a comma."""
    spans: list[tuple[int, int]] = []
    for p in positions:
        offset = window.offsets[p]
        if spans and spans[-1][1] == offset:
            spans[-1] = (spans[-1][0], offset + 1)
        else:
            spans.append((offset, offset + 1))
    text = window.text
    joined = {after for _, after in _clause_breaks(text, positions, [end for _, end in clauses])}
    return Piece("".join("，" * (p in joined) + text[p] for p in positions), tuple(spans))


def written_piece(window: Window, text: str) -> Piece:
    """A headline the writer wrote, with the spans of the original text it copies (the runs of at
    least two characters ``difflib`` matches in the window): what the source view highlights."""
    matcher = difflib.SequenceMatcher(None, window.text, text, autojunk=False)
    positions = [a + i for a, _, size in matcher.get_matching_blocks() if size >= 2 for i in range(size)]
    return Piece(text, _piece(window, positions).spans)


def headline_window(text: str) -> Window:
    """What the tagger reads: the text's leading sentences, headings skipped."""
    sentences = [s for s in split_sentences(text) if not is_heading(s)]
    return window_of(text, sentences) if sentences else lead_window(text)


class Compressor:
    """The tagger of a model folder (``BertForTokenClassification``, tags O/B/I) and how to use it."""

    def __init__(self, loaded: LoadedModel, keep_bonus: float = KEEP_BONUS, span_cost: float = SPAN_COST,
                 chars: tuple[int, int] = HEADLINE, writer: HeadlineWriter | None = None) -> None:
        config = loaded.model.config
        if (config.architectures or [""])[0] != "BertForTokenClassification" or config.num_labels != len(LABELS):
            raise ModelError(f"{loaded.source} is not a Wenqi summarization model (a character tagger "
                             "with the tags O, B, I).")
        self.model = loaded.model
        self.tokenizer = loaded.tokenizer
        self.device = loaded.device
        self.keep_bonus = keep_bonus
        self.span_cost = span_cost
        self.chars = chars
        self.writer = writer
        """When given, the headline is written by it (``writer.py``) rather than cut from the lead."""

    def log_probs(self, texts: list[str], cancel: CancelToken | None = None, batch_size: int = 32) -> list[np.ndarray]:
        """Per text, (characters, 3) log-probabilities of O, B, I."""
        result: list[np.ndarray] = []
        pad = self.tokenizer.pad_token_id
        for first in range(0, len(texts), batch_size):
            if cancel is not None:
                cancel.raise_if_cancelled()
            batch = [encode_window(self.tokenizer, t) for t in texts[first:first + batch_size]]
            ids = torch.full((len(batch), max(map(len, batch))), pad, dtype=torch.long)
            for row, tokens in enumerate(batch):
                ids[row, :len(tokens)] = torch.tensor(tokens)
            with torch.no_grad():
                logits = self.model(input_ids=ids.to(self.device), attention_mask=(ids != pad).long().to(self.device)).logits
            scores = torch.log_softmax(logits.float(), dim=-1).cpu().numpy()
            result.extend(scores[row, :len(tokens)] for row, tokens in enumerate(batch))
        return result

    def decode(self, window: Window, log_probs: np.ndarray, starts: np.ndarray | None = None) -> Piece | None:
        """The window's best spans (``self.chars``, 10–32 characters) as one tidy line; None if nothing
        is kept. ``starts`` (``unit_starts`` of the window's words) may be given when known.

        The search keeps no attribution, keeps a negation with its predicate and a denial with
        what it denies (``headline.constrained_spans``); what it keeps is then closed to whole
        clauses (``headline.close_to_clauses``) when that stays within ``CLOSED_MAX``."""
        text = window.text
        if starts is None:
            starts = unit_starts(segment(text))
        spans = constrained_spans(text, log_probs, starts, self.chars, self.keep_bonus, self.span_cost)
        positions = tidy_positions(text, [p for start, end in spans for p in range(start, end)], starts)
        clauses = clause_ranges(text)
        closed = _within(text, close_to_clauses(text, positions), clauses, CLOSED_MAX)
        closed = tidy_positions(text, _with_openings(text, closed), starts, repeats=False)
        if closed:
            positions = _with_joiners(text, closed, clauses)
        else:
            clauses = []  # the tagger's runs, glued as they always were
        if positions and positions[-1] + 1 < len(text) and text[positions[-1] + 1] in "？?":
            positions.append(positions[-1] + 1)  # a question stays a question
        return _piece(window, positions, clauses) if positions else None

    def headline(self, text: str, cancel: CancelToken | None = None) -> Piece | None:
        """The lead window compressed to one line (``decode``); None if nothing is kept."""
        window = headline_window(text)
        if not window.text:
            return None
        log_probs = self.log_probs([window.text], cancel)[0]
        if self.writer is not None:
            written = self.writer.write([window], [log_probs], cancel)[0]
            piece = written_piece(window, written.text)
            if self.writer.trusted(written) and sum(end - start for start, end in piece.spans) >= MIN_COPIED:
                return piece
        return self.decode(window, log_probs)

    def summarize(self, text: str, length: str, cancel: CancelToken | None = None) -> tuple[Piece | None, list[Point]]:
        """The headline, and for ``medium``/``long`` the key points that follow it (keypoints.py)."""
        headline = self.headline(text, cancel)
        if headline is None or length == "short":
            return headline, []
        return headline, key_points(text, length, headline.spans, len(headline.text))
