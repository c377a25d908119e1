"""The tree decoder's tokenizer: one token a character of the problem, each number a
placeholder ``[N0]``, ``[N1]``, ... (the decoder points at them).

The vocabulary is specials, the placeholders, the equation symbols (the bundled model's
tokenizer holds them; a problem's own ``x``, ``%`` or brackets read as them) and every
character seen at least twice in training::

    >>> tokenizer = build_tokenizer(["学", "校"])
    >>> tokenizer.convert_ids_to_tokens(tokenizer("学校[N0]")["input_ids"])
    ['学', '校', '[N0]', '[EOS]']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tokenizers import Regex, Tokenizer, decoders, pre_tokenizers
from tokenizers.models import WordLevel
from tokenizers.processors import TemplateProcessing
from transformers import PreTrainedTokenizerFast

from engine.mathwp.data import MAX_NUMBERS, Item, placeholder

PAD, UNK, BOS, EOS = "[PAD]", "[UNK]", "[BOS]", "[EOS]"
EQUATION_SYMBOLS = list("0123456789.+-*/^()=x%")
MAX_SOURCE_TOKENS = 400


def character_vocabulary(items: Iterable[Item], min_count: int = 2) -> list[str]:
    """Characters seen at least ``min_count`` times in the problems, most frequent first."""
    counts = Counter(char for item in items for char in item.text if not char.isspace())
    return [char for char, count in counts.most_common() if count >= min_count]


def build_tokenizer(characters: Iterable[str]) -> PreTrainedTokenizerFast:
    """A WordLevel tokenizer over specials, placeholders, equation symbols and ``characters``;
    it splits text into characters and ``[Nk]`` placeholders, ends each input with [EOS] and
    decodes without spaces."""
    tokens = [PAD, UNK, BOS, EOS, *(placeholder(i) for i in range(MAX_NUMBERS)), *EQUATION_SYMBOLS]
    vocab = {token: index for index, token in enumerate(tokens)}
    for char in characters:
        vocab.setdefault(char, len(vocab))
    core = Tokenizer(WordLevel(vocab, unk_token=UNK))
    core.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.WhitespaceSplit(),
        pre_tokenizers.Split(Regex(r"\[N\d+\]|."), "isolated"),
    ])
    core.post_processor = TemplateProcessing(single=f"$A {EOS}", special_tokens=[(EOS, vocab[EOS])])
    core.decoder = decoders.Fuse()
    return PreTrainedTokenizerFast(tokenizer_object=core, pad_token=PAD, unk_token=UNK, bos_token=BOS,
                                   eos_token=EOS, model_input_names=["input_ids", "attention_mask"])
