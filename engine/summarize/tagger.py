"""The summarizer's model: a small BERT-style encoder tagging each character O / B / I.

Why a tagger and not a writer: an encoder-decoder trained from scratch on two CPU cores
learns far too slowly (76 minutes gave char ROUGE-L 3 on LCSTS; engine/summarize/README.md),
while the references copy most of their characters, in whole runs, from the text's lead.
A tagger gets a training signal from every character of the source in one forward pass,
and what it writes is always the text's own words (compression.py decodes its tags).

The model is a stock ``BertForTokenClassification`` (three labels), so ``save_pretrained``,
``ModelStore`` and ``from_pretrained`` work unchanged; its tokenizer is one token per
character (``build_tokenizer``), so token *i* is character *i* of the window.

A *window* is what the model reads: up to ``WINDOW_CHARS`` characters of whole sentences
with whitespace runs made one space, plus the offset of each of its characters in the
original text, so kept characters can be highlighted where they came from.

    window = lead_window(text)
    ids = encode_window(tokenizer, window.text)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers
from transformers import BertConfig, PreTrainedTokenizerBase, PreTrainedTokenizerFast

from engine.summarize.text import Sentence, split_sentences

PAD, UNK = "[PAD]", "[UNK]"
WINDOW_CHARS = 192  # the model's input: enough for LCSTS texts and a news item's lead
LABELS = {0: "O", 1: "B", 2: "I"}

TAGGER_SIZES = {
    # name: (hidden, layers, heads, ffn)
    "tiny": (32, 1, 2, 64),
    "small": (192, 4, 4, 768),
    "base": (256, 6, 4, 1024),
}

_SPACE = re.compile(r"\s+")
_CLAUSE_END = re.compile(r"[，,、；;：:]")


@dataclass(frozen=True)
class Window:
    text: str  # what the model reads
    offsets: tuple[int, ...]  # offset in the original text of each character of ``text``


def window_of(text: str, sentences: Iterable[Sentence], limit: int = WINDOW_CHARS) -> Window:
    """The window made of ``sentences`` of ``text`` in order, up to ``limit`` characters
    (a first sentence that alone is longer is cut at a comma, or at the limit if it has none
    in reach); whitespace runs become one space."""
    chars: list[str] = []
    offsets: list[int] = []
    for sentence in sentences:
        if chars and len(chars) + len(" ".join(sentence.text.split())) > limit:
            break
        position = sentence.start
        text = sentence.text
        if len(text) > limit:  # a first sentence longer than the window ends at its last comma in it
            commas = [m.end() for m in _CLAUSE_END.finditer(text, 0, limit)]
            text = text[:commas[-1]] if commas and commas[-1] > limit // 4 else text
        for match in re.finditer(r"\s+|\S", text):
            if len(chars) >= limit:
                break
            piece = match.group()
            if piece.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    offsets.append(position + match.start())
            else:
                chars.append(piece)
                offsets.append(position + match.start())
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return Window("".join(chars), tuple(offsets))


def lead_window(text: str, limit: int = WINDOW_CHARS) -> Window:
    """The text's leading sentences, as many as fit: what a headline is compressed from."""
    return window_of(text, split_sentences(text), limit)


def build_tokenizer(texts: Iterable[str], max_vocab: int = 6000, min_count: int = 5) -> PreTrainedTokenizerFast:
    """One token per character, the ``max_vocab`` most frequent of ``texts`` (seen at least
    ``min_count`` times); whitespace runs are one space; anything else is ``[UNK]``."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_SPACE.sub(" ", text))
    vocab = {token: i for i, token in enumerate([PAD, UNK, " "])}
    for char, count in counts.most_common():
        if len(vocab) >= max_vocab or count < min_count:
            break
        vocab.setdefault(char, len(vocab))
    backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token=UNK))
    backend.normalizer = normalizers.Replace(Regex(r"\s+"), " ")
    backend.pre_tokenizer = pre_tokenizers.Split(Regex("."), behavior="isolated")
    backend.decoder = decoders.Fuse()
    return PreTrainedTokenizerFast(tokenizer_object=backend, pad_token=PAD, unk_token=UNK,
                                   clean_up_tokenization_spaces=False, model_max_length=WINDOW_CHARS)


def encode_window(tokenizer: PreTrainedTokenizerBase, text: str) -> list[int]:
    """Token ids of a window's text, exactly one per character."""
    return cast(list[int], tokenizer.convert_tokens_to_ids(list(text)))  # a list in, a list out


def tagger_config(size: str, tokenizer: PreTrainedTokenizerFast) -> BertConfig:
    if size not in TAGGER_SIZES:
        raise ValueError(f"unknown size {size!r}; choose one of {', '.join(TAGGER_SIZES)}")
    hidden, layers, heads, ffn = TAGGER_SIZES[size]
    return BertConfig(  # type: ignore[call-arg]  # num_labels is a PreTrainedConfig property transformers' signature omits
        vocab_size=len(tokenizer), hidden_size=hidden, num_hidden_layers=layers,
        num_attention_heads=heads, intermediate_size=ffn, max_position_embeddings=WINDOW_CHARS,
        type_vocab_size=1, hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.0,
        pad_token_id=tokenizer.pad_token_id, num_labels=len(LABELS), id2label=LABELS,
        label2id={v: k for k, v in LABELS.items()}, architectures=["BertForTokenClassification"],
    )
