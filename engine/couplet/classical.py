"""Upper lines from the classics for 藏头/嵌字 pairs (集句: a line borrowed from a poem, answered).

A reader accepted few of the pairs whose upper line the small upper-line model wrote (20% of 20
names, ``resources/models/couplet-upper/README.md``): its lines are thin. The middle couplets of
regulated verse (律诗 颔联/颈联, 排律) are strict upper lines written by poets, and
``couplets-from-tang-song-poetry`` holds 592k of them; one that carries the given character at its
place is fluent by construction, and the couplet writer answers it with its own given character.
``EmbedWriter`` offers these lines beside the model's and says where each came from.

The bundled file (``FILE_NAME`` in the upper-line model's folder) holds the train split's upper
lines of 5 and 7 characters with no repeated character, ending oblique (仄, as an upper line must)
and written only in characters the couplet models know, one a row: ``line\\tdynasty\\tauthor\\ttitle``,
simplified. ``build`` writes it (``wenqi-cli couplet classical-lines``). It is read whole (about
25 MB of text) and searched with one regular expression per request.
"""

from __future__ import annotations

import json
import lzma
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from engine.chinese_script import to_simplified
from engine.couplet.tone import CLASSICAL, OBLIQUE, final_tone

FILE_NAME = "classical_upper_lines.tsv.xz"
DYNASTIES = {"tang": "唐", "song": "宋"}
LENGTHS = (5, 7)
USED_AT_LEAST = 2


@dataclass(frozen=True)
class ClassicalLine:
    text: str
    dynasty: str
    author: str
    title: str

    def source(self) -> str:
        """Where the line comes from, as a Chinese citation: 唐·杜甫《登高》."""
        return f"{self.dynasty}·{self.author}《{self.title}》"


class ClassicalLines:
    """The lines of one file, searched by a character at a place."""

    def __init__(self, text: str) -> None:
        self.text = text

    @classmethod
    def read(cls, path: Path) -> ClassicalLines:
        with lzma.open(path, "rt", encoding="utf-8") as f:
            return cls(f.read())

    def with_char(self, char: str, place: int, length: int) -> list[ClassicalLine]:
        """Lines of ``length`` with ``char`` at ``place`` (from 0), in file order.

            >>> lines = ClassicalLines("明月松间照\\t唐\\t王维\\t山居秋暝\\n清泉石上流\\t唐\\t王维\\t山居秋暝\\n")
            >>> [line.text for line in lines.with_char("月", 1, 5)], lines.with_char("月", 0, 5)
            (['明月松间照'], [])
        """
        if not 0 <= place < length or len(char) != 1:
            return []
        pattern = re.compile(rf"^([^\t\n]{{{place}}}{re.escape(char)}[^\t\n]{{{length - place - 1}}})"
                             r"\t([^\t\n]*)\t([^\t\n]*)\t([^\t\n]*)$", re.MULTILINE)
        return [ClassicalLine(*match.groups()) for match in pattern.finditer(self.text)]

    def partners_used(self, char: str, partners: set[str], start: int, after: bool = True) -> set[str]:
        """The ``partners`` that poets put beside ``char`` (after it, or before it) in a word
        starting at ``start`` (from 0) of a line, in at least ``USED_AT_LEAST`` of these lines:
        at a line's head 涵养 and 程途 yes; 涵今, 程度 and 华里 (of 京华里) no.

            >>> lines = ClassicalLines("涵养天机静\\t宋\\t某\\t某\\n涵养性情真\\t宋\\t某\\t某\\n")
            >>> lines.partners_used("涵", {"养", "今"}, 0), lines.partners_used("涵", {"养"}, 1)
            ({'养'}, set())
        """
        other = "([^\t\n])"
        word = rf"{re.escape(char)}{other}" if after else rf"{other}{re.escape(char)}"
        counts: dict[str, int] = {}
        for found in re.findall(rf"^[^\t\n]{{{start}}}{word}", self.text, re.MULTILINE):
            counts[found] = counts.get(found, 0) + 1
        return {p for p in partners if counts.get(p, 0) >= USED_AT_LEAST}


def _pairs(folder: Path, split: str) -> Iterator[dict[str, str]]:
    with lzma.open(folder / f"pairs_{split}.jsonl.xz", "rt", encoding="utf-8") as f:
        for row in f:
            yield json.loads(row)


def build(data: Path, out: Path, known: Callable[[str], bool]) -> int:
    """Write the file from the ``couplets-from-tang-song-poetry`` folder ``data`` (its train split
    and poem index; titles and authors converted to simplified); ``known(char)``: whether the
    models read a character. Returns the number of lines written."""
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
    out.parent.mkdir(parents=True, exist_ok=True)
    with lzma.open(out, "wt", encoding="utf-8", preset=9) as f:
        for line, source in rows.items():
            f.write(f"{line}\t{source}\n")
    return len(rows)
