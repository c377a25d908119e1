"""The couplet model's character vocabulary and sequence format.

One token per character. An upper line alone is ``[BOS] 上联 [SEP]`` (the prompt, and the
form a 横批 candidate is scored in); a pair is ``[BOS] 上联 [SEP] 下联 [EOS]``.

    >>> tok = build_tokenizer(["春", "风", "秋", "雨"])
    >>> tok.convert_ids_to_tokens(tok("春风", "秋雨")["input_ids"])
    ['[BOS]', '春', '风', '[SEP]', '秋', '雨', '[EOS]']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tokenizers import Regex, Tokenizer, decoders
from tokenizers.models import WordLevel
from tokenizers.pre_tokenizers import Split
from tokenizers.processors import TemplateProcessing
from transformers import PreTrainedTokenizerFast

PAD, UNK, BOS, SEP, EOS = "[PAD]", "[UNK]", "[BOS]", "[SEP]", "[EOS]"
SPECIAL_TOKENS = [PAD, UNK, BOS, SEP, EOS]
# Punctuation that an upper line may carry, kept even when the corpus has it rarely.
ALWAYS = list("，。、；：？！…—·“”‘’（）《》「」 ")


def characters_by_frequency(lines: Iterable[str], min_count: int = 3) -> list[str]:
    counts: Counter[str] = Counter()
    for line in lines:
        counts.update(line)
    return [char for char, count in counts.most_common() if count >= min_count]


def build_tokenizer(characters: Iterable[str]) -> PreTrainedTokenizerFast:
    """A character-level WordLevel tokenizer that saves and loads with ``transformers``."""
    vocab = {token: index for index, token in enumerate(SPECIAL_TOKENS)}
    for char in [*ALWAYS, *characters]:
        vocab.setdefault(char, len(vocab))
    core = Tokenizer(WordLevel(vocab, unk_token=UNK))
    core.pre_tokenizer = Split(Regex("."), behavior="isolated")
    core.post_processor = TemplateProcessing(
        single=f"{BOS} $A {SEP}",
        pair=f"{BOS} $A {SEP} $B {EOS}",
        special_tokens=[(t, vocab[t]) for t in (BOS, SEP, EOS)],
    )
    core.decoder = decoders.Fuse()
    return PreTrainedTokenizerFast(
        tokenizer_object=core, pad_token=PAD, unk_token=UNK, bos_token=BOS, sep_token=SEP, eos_token=EOS,
        model_input_names=["input_ids", "attention_mask"],
    )
