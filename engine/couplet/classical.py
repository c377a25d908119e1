"""Upper lines from the classics for 藏头/嵌字 pairs (集句: a line borrowed from a poem, answered).

A reader accepted few of the pairs whose upper line the small upper-line model wrote (20% of 20
names, ``resources/models/couplet-upper/README.md``): its lines are thin. The middle couplets of
regulated verse (律诗 颔联/颈联, 排律) are strict upper lines written by poets, and
``couplets-from-tang-song-poetry`` holds 592k of them; one that carries the given character at its
place is fluent by construction, and the couplet writer answers it with its own given character.
``EmbedWriter`` offers these lines beside the model's and says where each came from.

``build`` (``wenqi-cli couplet classical-lines``) reads the train split's upper lines of 5 and 7
characters with no repeated character, ending oblique (仄, as an upper line must) and written only in
characters the couplet models know, scores each with the upper-line model once, and keeps, for each
character at each place inside a word, the ``KEEP`` likeliest: what a request takes (the 16 best) and
draws from to regenerate, not the corpus. ``FILE_NAME`` (in the upper-line model's folder) holds them
one a row, ``line\\tscore\\tdynasty\\tauthor\\ttitle``, simplified; ``WORDS_FILE`` beside it, the
two-character words poets put at each place of all those lines, counted (``start\\tword\\tcount``, at
least ``USED_AT_LEAST``), for :meth:`ClassicalLines.partners_used`. A request searches the lines with
one regular expression.
"""

from __future__ import annotations

import json
import lzma
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from engine.chinese_script import to_simplified
from engine.couplet.tone import CLASSICAL, OBLIQUE, final_tone
from engine.words import is_a_word

FILE_NAME = "classical_upper_lines.tsv.xz"
WORDS_FILE = "classical_head_words.tsv.xz"
DYNASTIES = {"tang": "唐", "song": "宋"}
LENGTHS = (5, 7)
USED_AT_LEAST = 2
KEEP = 16  # lines kept per character at a place: a request answers the best 16 (regenerate draws from them)


def in_word(line: str, place: int) -> bool:
    """Whether the character at ``place`` and the one after it make a word
    (``engine.words.is_a_word``); for the last character, whether the one before it and it do.

        >>> in_word("寿山喜气大年丰", 0), in_word("寿地新开万户春", 0)
        (True, False)
    """
    word = line[place:place + 2] if place + 1 < len(line) else line[place - 1:]
    return is_a_word(word)


@dataclass(frozen=True)
class ClassicalLine:
    text: str
    score: float  # mean log-probability under the upper-line model the file was built with
    dynasty: str
    author: str
    title: str

    def source(self) -> str:
        """Where the line comes from, as a Chinese citation: 唐·杜甫《登高》."""
        return f"{self.dynasty}·{self.author}《{self.title}》"


class ClassicalLines:
    """The lines of one file, searched by a character at a place, and the words poets used."""

    def __init__(self, text: str, words: dict[tuple[int, str], int] | None = None) -> None:
        self.text = text
        self.words = words or {}  # (start, two-character word) -> lines using it there

    @classmethod
    def read(cls, path: Path) -> ClassicalLines:
        """``path`` and the ``WORDS_FILE`` beside it (no words: every partner counts as unused)."""
        with lzma.open(path, "rt", encoding="utf-8") as f:
            text = f.read()
        words: dict[tuple[int, str], int] = {}
        if (path.parent / WORDS_FILE).is_file():
            with lzma.open(path.parent / WORDS_FILE, "rt", encoding="utf-8") as f:
                for row in f:
                    start, word, count = row.rstrip("\n").split("\t")
                    words[int(start), word] = int(count)
        return cls(text, words)

    def with_char(self, char: str, place: int, length: int) -> list[ClassicalLine]:
        """Lines of ``length`` with ``char`` at ``place`` (from 0), in file order.

            >>> lines = ClassicalLines("明月松间照\\t-2.5\\t唐\\t王维\\t山居秋暝\\n清泉石上流\\t-3\\t唐\\t王维\\t山居秋暝\\n")
            >>> [line.text for line in lines.with_char("月", 1, 5)], lines.with_char("月", 0, 5)
            (['明月松间照'], [])
        """
        if not 0 <= place < length or len(char) != 1:
            return []
        pattern = re.compile(rf"^([^\t\n]{{{place}}}{re.escape(char)}[^\t\n]{{{length - place - 1}}})"
                             r"\t([^\t\n]*)\t([^\t\n]*)\t([^\t\n]*)\t([^\t\n]*)$", re.MULTILINE)
        return [ClassicalLine(text, float(score), *source) for text, score, *source in pattern.findall(self.text)]

    def partners_used(self, char: str, partners: set[str], start: int, after: bool = True) -> set[str]:
        """The ``partners`` that poets put beside ``char`` (after it, or before it) in a word
        starting at ``start`` (from 0) of a line, in at least ``USED_AT_LEAST`` lines: at a
        line's head 涵养 and 程途 yes; 涵今, 程度 and 华里 (of 京华里) no.

            >>> lines = ClassicalLines("", {(0, "涵养"): 3})
            >>> lines.partners_used("涵", {"养", "今"}, 0), lines.partners_used("涵", {"养"}, 1)
            ({'养'}, set())
        """
        return {p for p in partners
                if self.words.get((start, char + p if after else p + char), 0) >= USED_AT_LEAST}


def _pairs(folder: Path, split: str) -> Iterator[dict[str, str]]:
    with lzma.open(folder / f"pairs_{split}.jsonl.xz", "rt", encoding="utf-8") as f:
        for row in f:
            yield json.loads(row)


def build(data: Path, out: Path, known: Callable[[str], bool], score: Callable[[list[str]], list[float]],
          keep: int = KEEP) -> int:
    """Write the file (and ``WORDS_FILE`` beside it) from the ``couplets-from-tang-song-poetry``
    folder ``data`` (its train split and poem index; titles and authors converted to simplified);
    ``known(char)``: whether the models read a character; ``score(lines)``: their mean
    log-probabilities under the upper-line model. Returns the number of lines written."""
    poems = {}
    with lzma.open(data / "poems_index.jsonl.xz", "rt", encoding="utf-8") as f:
        for row in f:
            poem = json.loads(row)
            poems[poem["poem_id"]] = poem
    rows: dict[str, str] = {}
    for pair in _pairs(data, "train"):
        line = pair["up"]
        if (line in rows or len(line) not in LENGTHS or len(set(line)) != len(line)
                or not all(map(known, line)) or final_tone(line, CLASSICAL) != OBLIQUE):
            continue
        poem = poems[pair["poem_id"]]
        fields = (DYNASTIES.get(poem["dynasty"], poem["dynasty"]), poem["author"], poem["title"])
        rows[line] = "\t".join(" ".join(to_simplified(field).split()) for field in fields)  # one space, no tab
    lines = list(rows)
    scores = dict(zip(lines, score(lines)))
    words = Counter((start, line[start:start + 2]) for line in lines for start in range(len(line) - 1))
    by_place: dict[tuple[str, int, int], list[str]] = {}
    for line in lines:
        for place, char in enumerate(line):
            if in_word(line, place):
                by_place.setdefault((char, place, len(line)), []).append(line)
    kept = {line for found in by_place.values() for line in sorted(found, key=lambda line: -scores[line])[:keep]}
    out.parent.mkdir(parents=True, exist_ok=True)
    with lzma.open(out, "wt", encoding="utf-8", preset=9) as f:
        for line in lines:
            if line in kept:
                f.write(f"{line}\t{scores[line]:.4f}\t{rows[line]}\n")
    with lzma.open(out.parent / WORDS_FILE, "wt", encoding="utf-8", preset=9) as f:
        for (start, word), count in sorted(words.items()):
            if count >= USED_AT_LEAST:
                f.write(f"{start}\t{word}\t{count}\n")
    return len(kept)
