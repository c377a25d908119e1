"""jieba, Chinese word segmentation, set up once for every task that reads words.

jieba caches its dictionary in a file it reads back with ``marshal``; that file goes in the
user's own data folder, not the shared temporary folder where anyone could plant one. It is
imported and its dictionary loaded on first use (a second or so), never at start-up.
"""

from __future__ import annotations

import threading
from types import ModuleType

from engine.paths import user_data_dir

LOCK = threading.Lock()
"""Held while jieba cuts text: its tokenizer keeps state between calls."""


def jieba_ready() -> ModuleType:
    """The jieba module, its cache folder set and its dictionary loaded (call under ``LOCK``)."""
    import jieba

    if jieba.dt.tmp_dir is None:
        jieba.setLogLevel(60)  # it logs its dictionary loading to stderr
        jieba.dt.tmp_dir = str(user_data_dir())
    jieba.dt.check_initialized()
    return jieba


def starts_a_word(chars: str) -> bool:
    """Whether jieba's dictionary has a word beginning with ``chars`` (明月, 和乐, 晓风 of 晓风残月;
    not 华风 or 安日).

        >>> starts_a_word("明月"), starts_a_word("安日")
        (True, False)
    """
    with LOCK:
        return jieba_ready().get_FREQ(chars) is not None
