"""Reading the data sets in ../shared/data: JSON lines, plain or compressed."""

from __future__ import annotations

import gzip
import json
import lzma
from collections.abc import Iterator
from pathlib import Path


def open_text(path: Path | str):
    """Open a text file that may be xz- or gzip-compressed (by its suffix)."""
    path = Path(path)
    if path.suffix == ".xz":
        return lzma.open(path, "rt", encoding="utf-8")
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


class FileTooLargeError(ValueError):
    def __init__(self, message: str, name: str, size: int, limit: int) -> None:
        super().__init__(message)
        self.name, self.size, self.limit = name, size, limit  # bytes


class NotTextError(ValueError):
    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name


def read_text_file(path: Path | str, max_bytes: int | None = None) -> str:
    """A user's text file: UTF-8 (with or without BOM) or, from older Chinese software, GB18030.

    ``max_bytes`` refuses larger files before reading them (a clear error, not a frozen UI).
    """
    path = Path(path)
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise FileTooLargeError(f"{path.name} is too large ({size / 2**20:.1f} MB; at most {max_bytes / 2**20:.1f} MB)",
                                path.name, size, max_bytes)
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NotTextError(f"{path.name} is neither UTF-8 nor GB18030 text", path.name)


def read_jsonl(path: Path | str, limit: int | None = None) -> Iterator[dict]:
    """Yield one dict per non-empty line; a bad line raises ValueError naming its number."""
    with open_text(path) as handle:
        count = 0
        for number, line in enumerate(handle, 1):
            if limit is not None and count >= limit:
                return
            line = line.strip()
            if not line:
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            count += 1
            yield item


def shared_data_dir() -> Path | None:
    """../shared/data next to the checkout, if present (tests skip when it is not)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "shared" / "data", here / "shared" / "data"):
        if candidate.is_dir():
            return candidate
    return None
