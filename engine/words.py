"""jieba, Chinese word segmentation, set up once for every task that reads words.

jieba caches its dictionary in a file it reads back with ``marshal``; that file goes in the
user's own data folder, not the shared temporary folder where anyone could plant one. It is
imported and its dictionary loaded on first use (a second or so), never at start-up.
"""

from __future__ import annotations

import threading
from functools import cache
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


WORD_FREQUENCY = 3
"""The least count in jieba's dictionary for a word to count as one (寿节 2 is left out, 安得 3 kept)."""


@cache
def two_character_words() -> frozenset[str]:
    """Two-character words of jieba's dictionary, with the first and last two characters of its
    idioms of four or more (吉星 of 吉星高照, 残月 of 晓风残月): a name's character that stands in
    one of them reads as a word, not as a coinage (华灯, not 华风; 明月, not 安日)."""
    with LOCK:
        frequencies = jieba_ready().dt.FREQ
    words = set()
    for word, count in frequencies.items():
        if count >= WORD_FREQUENCY and len(word) == 2:
            words.add(word)
        elif count >= WORD_FREQUENCY and len(word) >= 4:
            words.update((word[:2], word[-2:]))
    return frozenset(words)


def is_a_word(chars: str) -> bool:
    """Whether two characters make one of ``two_character_words``.

        >>> is_a_word("明月"), is_a_word("晓风"), is_a_word("安日"), is_a_word("华云")
        (True, True, False, False)
    """
    return chars in two_character_words()


def word_partners(char: str, before: bool = False) -> frozenset[str]:
    """The characters that make one of ``two_character_words`` with ``char``: after it (华 -> 灯
    夏 年 …), or with ``before``, in front of it (月 -> 明 岁 …). The 藏头 writer lets a given
    character stand only in such a word.

        >>> "灯" in word_partners("华"), "风" in word_partners("华"), "明" in word_partners("月", before=True)
        (True, False, True)
    """
    return frozenset(word[1 - before] for word in two_character_words() if word[before] == char)
