"""engine.words: jieba set up once, its dictionary cache in the user's own folder."""

import tempfile
from pathlib import Path

from engine.couplet.check import word_classes
from engine.paths import user_data_dir
from engine.words import is_a_word


def test_the_dictionary_knows_words_and_its_cache_is_the_users():
    import jieba

    assert is_a_word("明月") and not is_a_word("安日")
    assert word_classes("明月松间照")[0] is not None  # the couplet check's tagger uses the same set-up
    # set (to the user's data folder of whichever test set jieba up first), never left to jieba's
    # default, the shared temporary folder, where anyone could plant the marshal file it reads back
    assert jieba.dt.tmp_dir is not None and Path(jieba.dt.tmp_dir) != Path(tempfile.gettempdir())
    assert Path(jieba.dt.tmp_dir).name == user_data_dir().name
