"""The abstractive model: a small BART-style encoder-decoder over characters.

Why an encoder-decoder rather than a decoder-only prefix LM: the source (up to 500
characters) is read once, bidirectionally, and the decoder writes a short summary attending
to it, so generation cost grows with the summary, not with source + summary as in a GPT;
cross-attention is also the natural place to copy names and numbers. We use a deep encoder
and a shallow decoder (6 + 2 layers for ``small``): decoding speed on a CPU depends almost
only on the decoder (Kasai et al. 2021, "Deep encoder, shallow decoder").

Why characters: Chinese summaries are scored by characters, a character vocabulary of
~8k covers our text with almost no unknowns, and nothing has to be segmented.

The source starts with a length token (``[SHORT]``, ``[MEDIUM]``, ``[LONG]``) chosen at
training time from the target's length, so the length the user asks for is a real control
of what the model writes, not only a cut-off. Pretraining sources contain ``[MASK]`` where
a gap sentence was removed (PEGASUS).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers
from transformers import BartConfig, PreTrainedTokenizerFast

from engine.seq2seq import small_bart_config

PAD, UNK, BOS, EOS, MASK = "[PAD]", "[UNK]", "[BOS]", "[EOS]", "[MASK]"
LENGTH_TOKENS = {"short": "[SHORT]", "medium": "[MEDIUM]", "long": "[LONG]"}
SPECIAL_TOKENS = [PAD, UNK, BOS, EOS, MASK, *LENGTH_TOKENS.values()]

SOURCE_TOKENS = 512  # the encoder's window, length token and [EOS] included
SOURCE_CHARS = SOURCE_TOKENS - 12  # longer inputs are first cut down by extraction
TARGET_TOKENS = 192

# (max new tokens, min new tokens) per requested length; targets up to 32 characters are
# "short" in training (headlines), up to 96 "medium", longer ones "long".
GENERATION_LIMITS = {"short": (40, 4), "medium": (110, 16), "long": (TARGET_TOKENS, 40)}
_SHORT_TARGET, _MEDIUM_TARGET = 32, 96

MODEL_SIZES = {
    # name: (d_model, encoder layers, decoder layers, heads, ffn)
    "tiny": (32, 1, 1, 2, 64),
    "small": (256, 6, 2, 4, 1024),
    "base": (384, 8, 3, 6, 1536),
}


def target_length_class(target_chars: int) -> str:
    """Which length token a training target of this many characters gets."""
    if target_chars <= _SHORT_TARGET:
        return "short"
    return "medium" if target_chars <= _MEDIUM_TARGET else "long"


def build_tokenizer(texts: Iterable[str], max_vocab: int = 8000, min_count: int = 5) -> PreTrainedTokenizerFast:
    """A character tokenizer over the ``max_vocab`` most frequent characters of ``texts``.

    Whitespace runs become one space (always a token); special tokens come first.
    """
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(" ".join(text.split()))
    vocab = {token: i for i, token in enumerate([*SPECIAL_TOKENS, " "])}
    for char, count in counts.most_common():
        if len(vocab) >= max_vocab or count < min_count:
            break
        vocab.setdefault(char, len(vocab))
    backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token=UNK))
    backend.normalizer = normalizers.Sequence([normalizers.Replace(Regex(r"\s+"), " "), normalizers.Strip()])
    backend.pre_tokenizer = pre_tokenizers.Split(Regex("."), behavior="isolated")
    backend.decoder = decoders.Fuse()
    return PreTrainedTokenizerFast(
        tokenizer_object=backend, pad_token=PAD, unk_token=UNK, bos_token=BOS, eos_token=EOS,
        mask_token=MASK, additional_special_tokens=list(LENGTH_TOKENS.values()),
        clean_up_tokenization_spaces=False, model_max_length=SOURCE_TOKENS,
    )


def model_config(size: str, tokenizer: PreTrainedTokenizerFast) -> BartConfig:
    return small_bart_config(tokenizer, MODEL_SIZES[size], max_positions=SOURCE_TOKENS)


def encode_sources(tokenizer, texts: list[str], length_classes: list[str]) -> list[list[int]]:
    """Encoder inputs: the length token, the text's characters (cut to the window), [EOS]."""
    bodies = tokenizer(texts, add_special_tokens=False, truncation=True, max_length=SOURCE_TOKENS - 2)["input_ids"]
    return [
        [tokenizer.convert_tokens_to_ids(LENGTH_TOKENS[length])] + body + [tokenizer.eos_token_id]
        for body, length in zip(bodies, length_classes)
    ]


def encode_targets(tokenizer, summaries: list[str]) -> list[list[int]]:
    """Decoder labels: the summary's characters (cut to the limit) and [EOS]."""
    bodies = tokenizer(summaries, add_special_tokens=False, truncation=True, max_length=TARGET_TOKENS - 1)["input_ids"]
    return [body + [tokenizer.eos_token_id] for body in bodies]
