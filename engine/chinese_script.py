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

