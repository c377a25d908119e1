"""Reading summarization data: labelled (text, summary) pairs.

Formats of ../shared/data, plain, ``.xz`` or ``.gz``:

* JSON lines with ``text`` and ``summary`` (LCSTS, DESIGN.md's contract), or with ``text``
  and ``title`` (the news-headline set: the headline is the summary);
* TSV with ``summary<TAB>text`` (CLGE) or ``prompt<TAB>text<TAB>summary`` (the CSL benchmark).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from engine.data import open_text, read_jsonl


@dataclass(frozen=True)
class Pair:
    text: str
    summary: str


def _is_tsv(path: Path) -> bool:
    return ".tsv" in Path(path).suffixes


def _tsv_pairs(path: Path) -> Iterator[Pair]:
    with open_text(path) as handle:
        for number, line in enumerate(handle, 1):
            fields = line.rstrip("\n").split("\t")
            if fields == [""]:
                continue
            if len(fields) == 2:
                summary, text = fields
            elif len(fields) == 3:
                _prompt, text, summary = fields
            else:
                raise ValueError(f"{path}:{number}: expected 2 or 3 tab-separated fields, got {len(fields)}")
            yield Pair(text.strip(), summary.strip())


def _json_pair(item: dict, where: str) -> Pair:
    summary = item.get("summary", item.get("title"))
    text = item.get("text")
    if not isinstance(text, str) or not isinstance(summary, str):
        raise ValueError(f"{where}: a line needs string fields 'text' and 'summary' (or 'title')")
    return Pair(text.strip(), summary.strip())


def read_pairs(path: Path | str, limit: int | None = None) -> list[Pair]:
    """Every (text, summary) pair of a file, in file order; empty texts or summaries dropped."""
    path = Path(path)
    if _is_tsv(path):
        pairs = _tsv_pairs(path)
    else:
        pairs = (_json_pair(item, f"{path} item {i}") for i, item in enumerate(read_jsonl(path), 1))
    result: list[Pair] = []
    for pair in pairs:
        if pair.text and pair.summary:
            result.append(pair)
            if limit is not None and len(result) >= limit:
                break
    return result
