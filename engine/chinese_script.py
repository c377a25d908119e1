"""Traditional and simplified characters, converted with OpenCC (its phrase tables, not a
character map: 乾燥 → 干燥 but 乾隆 stays). Every bundled model was trained on simplified
text, so input goes in simplified and an answer goes back in the script the user typed.

    >>> to_simplified("風吹楊柳千條綠")
    '风吹杨柳千条绿'
    >>> to_traditional("雨打梨花万点红")
    '雨打梨花萬點紅'
"""

from __future__ import annotations

import threading
from collections import Counter
from functools import cache

_LOCK = threading.Lock()  # jobs convert on worker threads; one converter object each way


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def _convert(config: str, text: str) -> str:
    with _LOCK:
        return _converter(config).convert(text)


def to_simplified(text: str) -> str:
    return _convert("t2s", text)


def to_traditional(text: str) -> str:
    return _convert("s2t", text)



def as_written(simplified: str, read: str, text: str) -> str:
    """``simplified`` (an answer made from ``read``, the simplified form of the user's ``text``,
    character for character) in the user's script: each character as ``text`` wrote it where it
    has it (為 stays 為 where OpenCC's s2t writes 爲), else OpenCC's traditional.

        >>> as_written("为人民服务", "为人民", "為人民")
        '為人民服務'
    """
    written: dict[str, str] = {}
    for (simple, original), _ in Counter(zip(read, text)).most_common():
        written.setdefault(simple, original)
    fallback = to_traditional(simplified)
    if len(fallback) != len(simplified):
        return fallback
    return "".join(written.get(char, other) for char, other in zip(simplified, fallback))
