"""The math model: a small BART (encoder-decoder) that reads a problem and writes its equation.

Why an encoder-decoder rather than the seed's UniLM prefix LM: UniLM is one transformer
whose problem tokens see each other both ways and whose equation tokens see only the past.
A BART encoder is exactly that bidirectional reading of the problem and its decoder the
left-to-right writing, with stock ``transformers`` parts only: ``generate`` with beam
search, ``save_pretrained`` and :class:`~engine.runtime.store.ModelStore` work unchanged,
where a prefix LM would need a custom attention mask threaded through generation and
caching. The price — separate encoder and decoder weights — is small at this size.

Tokens: one per character of the problem; each number of the problem becomes a placeholder
``[N0]``, ``[N1]``, ... (followed by its digits, so the model sees magnitudes); the
equation is written with the placeholders, ``x``, operators, brackets and digits for
constants (``[N0]/([N1]-1)``)::

    >>> tokenizer = build_tokenizer(["学", "校"])
    >>> tokenizer.convert_ids_to_tokens(tokenizer("学校[N0]135")["input_ids"])
    ['学', '校', '[N0]', '1', '3', '5', '[EOS]']
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Iterable, Iterator

import torch
from torch.utils.data import DataLoader, IterableDataset, get_worker_info
from tokenizers import Regex, Tokenizer, decoders, pre_tokenizers
from tokenizers.models import WordLevel
from tokenizers.processors import TemplateProcessing
from transformers import BartConfig, BartForConditionalGeneration, PreTrainedTokenizerFast

from engine.mathwp.data import MAX_NUMBERS, Item, placeholder, training_pair
from engine.seq2seq import small_bart_config

PAD, UNK, BOS, EOS = "[PAD]", "[UNK]", "[BOS]", "[EOS]"
EQUATION_SYMBOLS = list("0123456789.+-*/^()=x%")
MAX_SOURCE_TOKENS = 400
MAX_TARGET_TOKENS = 100
IGNORE = -100

MODEL_SIZES = {
    # name: (d_model, encoder layers, decoder layers, heads, ffn)
    "tiny": (64, 1, 1, 2, 128),
    "small": (256, 4, 4, 4, 768),  # ~7.2M parameters, ~14.5 MB in fp16
    "base": (384, 6, 6, 6, 1536),
}


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


def model_config(tokenizer: PreTrainedTokenizerFast, size: str = "small") -> BartConfig:
    if size not in MODEL_SIZES:
        raise ValueError(f"Unknown model size '{size}': choose one of {', '.join(MODEL_SIZES)}.")
    return small_bart_config(tokenizer, MODEL_SIZES[size], max_positions=512, scale_embedding=True)


def new_model(tokenizer: PreTrainedTokenizerFast, size: str = "small") -> BartForConditionalGeneration:
    return BartForConditionalGeneration(model_config(tokenizer, size))


# -- batches -------------------------------------------------------------------------------

def encode_pair(tokenizer, source: list[str], target: str) -> tuple[list[int], list[int]]:
    """Token ids of a (source tokens, target text) pair, both ending in [EOS], truncated.

    The source goes through the tokenizer as text, exactly as at solving time."""
    source_ids = tokenizer("".join(source), truncation=True, max_length=MAX_SOURCE_TOKENS)["input_ids"]
    target_ids = tokenizer(target, truncation=True, max_length=MAX_TARGET_TOKENS)["input_ids"]
    return source_ids, target_ids


def collate(pairs: list[tuple[list[int], list[int]]], pad_id: int) -> dict[str, torch.Tensor]:
    """Pad a list of (source ids, target ids) into a batch for ``model(**batch)``."""
    source_length = max(len(s) for s, _ in pairs)
    target_length = max(len(t) for _, t in pairs)
    input_ids = torch.full((len(pairs), source_length), pad_id, dtype=torch.long)
    labels = torch.full((len(pairs), target_length), IGNORE, dtype=torch.long)
    for row, (source, target) in enumerate(pairs):
        input_ids[row, :len(source)] = torch.tensor(source)
        labels[row, :len(target)] = torch.tensor(target)
    return {"input_ids": input_ids, "attention_mask": (input_ids != pad_id).long(), "labels": labels}


class Augment:
    """Which augmentations training uses (each can be switched off to measure it)."""

    def __init__(self, show_values: bool = True, substitute: float = 0.3, reform: float = 0.5) -> None:
        self.show_values = show_values
        self.substitute = substitute  # share of items with their numbers replaced
        self.reform = reform  # share written in another equivalent form


def make_batch_stream(items: list[Item], tokenizer, batch_tokens: int, augment: Augment, seed: int = 0,
                      workers: int = 0):
    """``make_batches(start, rank, world_size)`` for :func:`engine.training.train`.

    Batch ``n`` of a rank is drawn with its own random generator (seeded by seed, n and
    rank), so a resumed run sees the batches it would have seen without replaying any.
    With ``workers`` > 0, that many processes build batches ahead (parsing and augmenting
    on the fly costs more CPU time than a small model's step on a GPU); batch ``n`` comes
    from worker ``n % workers``, and the loader hands them over in order.
    """
    def build(number: int, rank: int, world_size: int) -> dict[str, torch.Tensor]:
        rng = random.Random(f"{seed}:{number}:{rank}:{world_size}")
        pairs, longest = [], 0
        while True:
            item = items[rng.randrange(len(items))]
            source, target = training_pair(item, rng, augment.show_values,
                                           substitute=rng.random() < augment.substitute,
                                           reform=rng.random() < augment.reform)
            pair = encode_pair(tokenizer, source, target)
            longest = max(longest, len(pair[0]) + len(pair[1]))
            if pairs and (len(pairs) + 1) * longest > batch_tokens:
                return collate(pairs, tokenizer.pad_token_id)
            pairs.append(pair)

    def make_batches(start: int, rank: int, world_size: int) -> Iterator[dict[str, torch.Tensor]]:
        if workers <= 0:
            return (build(number, rank, world_size) for number in itertools.count(start))
        numbers = _BatchNumbers(lambda number: build(number, rank, world_size), start)
        return iter(DataLoader(numbers, batch_size=None, num_workers=workers, prefetch_factor=4,
                               persistent_workers=True))

    return make_batches


class _BatchNumbers(IterableDataset):
    """Batches ``start``, ``start + 1``, ... shared round-robin among the loader's workers."""

    def __init__(self, build, start: int) -> None:
        self.build = build
        self.start = start

    def __iter__(self):
        info = get_worker_info()
        worker, workers = (info.id, info.num_workers) if info else (0, 1)
        return (self.build(number) for number in itertools.count(self.start + worker, workers))


def fixed_batches(items: list[Item], tokenizer, batch_tokens: int, show_values: bool = True):
    """Un-augmented batches of ``items`` in order (for the validation loss)."""
    batch, longest = [], 0
    for item in items:
        pair = encode_pair(tokenizer, *training_pair(item, show_values=show_values))
        longest = max(longest, len(pair[0]) + len(pair[1]))
        if batch and (len(batch) + 1) * longest > batch_tokens:
            yield collate(batch, tokenizer.pad_token_id)
            batch, longest = [], len(pair[0]) + len(pair[1])
        batch.append(pair)
    if batch:
        yield collate(batch, tokenizer.pad_token_id)
