"""The headline writer: a small causal transformer that reads the lead and writes a headline.

The tagger (``tagger.py``) decides which characters of the lead to keep but knows nothing of a
sentence, so its spans glue into fragments (engine/summarize/README.md, the reading tests). The
writer writes the headline one character at a time after reading the lead window, so what it
writes has the shape of the headlines it learned from; it is told, for every character of the
window, how much the tagger wants to keep it (``keep_levels``: the tagger's keep probability
in ten steps, added to the character's embedding as the xiangqi GPT is told its board), so it
need not learn from scratch what is worth saying.

The sequence is ``window [SEP] headline [EOS]``; the loss is on the headline and ``[EOS]``. The
model is a ``LlamaForCausalLM`` plus that one embedding (``HeadlineGptForCausalLM``), so
``generate`` with the shared decoding toolkit writes with it; ``keep_ids`` is passed to
``generate`` beside ``input_ids`` and is read for the window's positions only. Decoding lets it
write only characters of the window and a few function characters (``GLUE``), so it cannot name
what the text does not.

    writer = HeadlineWriter(ModelStore().load(WRITER_MODEL))
    writer.write([window], [tagger_log_probs])          # -> [Written("headline", -0.8)]

Each headline comes with the model's mean log-probability per written token (the beam's
score): how sure the writer is. ``Compressor`` keeps the tagger's headline when the writer is
less sure than ``HeadlineWriter.min_log_prob`` (from the model's config, chosen on validation
texts), since a writer that has to guess stutters or invents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import torch
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers
from torch import nn
from transformers import (
    AutoConfig,
    AutoModelForCausalLM,
    LlamaConfig,
    LlamaForCausalLM,
    LogitsProcessor,
    LogitsProcessorList,
    PreTrainedTokenizerBase,
    PreTrainedTokenizerFast,
)
from transformers.modeling_outputs import CausalLMOutputWithPast

from engine.decoding import cancel_criteria
from engine.runtime.jobs import CancelToken
from engine.runtime.store import LoadedModel, ModelError
from engine.summarize.tagger import PAD, UNK, WINDOW_CHARS, Window

MODEL_TYPE = "wenqi_headline_gpt"
WRITER_MODEL = "summarize-writer"
SEP, EOS = "[SEP]", "[EOS]"
KEEP_LEVELS = 10
"""Steps of the tagger's keep probability; level 0 (a zero vector) is every non-window token."""
MAX_HEADLINE = 40
MIN_HEADLINE = 8
"""The writer's headline lengths: wider than the tagger's 10-32 (``compressor.HEADLINE``), since it
learned its lengths from the references (news titles run to 40) and ends where they end."""
GLUE = frozenset("的了在将与和及对为被把从向于是有不未已等也都又还就并或让给以之其：“”《》、，？！")
"""Characters the writer may use though the window lacks them: the function words a headline
joins its facts with, and headline punctuation."""

WRITER_SIZES = {
    # name: (hidden, layers, heads, mlp)
    "tiny": (32, 1, 2, 64),
    "small": (192, 4, 4, 512),
}


class HeadlineGptConfig(LlamaConfig):
    """A ``LlamaConfig`` plus the number of keep levels and the writer's confidence floor
    (``min_log_prob``; None: every headline it writes is used)."""

    model_type = MODEL_TYPE

    def __init__(self, keep_levels: int = KEEP_LEVELS, min_log_prob: float | None = None, **kwargs: Any) -> None:
        self.keep_levels = keep_levels
        self.min_log_prob = min_log_prob
        super().__init__(**kwargs)


class HeadlineGptForCausalLM(LlamaForCausalLM):
    config_class = HeadlineGptConfig

    def __init__(self, config: HeadlineGptConfig) -> None:
        super().__init__(config)
        self.keep_embedding = nn.Embedding(config.keep_levels + 1, config.hidden_size, padding_idx=0)
        with torch.no_grad():  # as small as the token embeddings; level 0 stays the zero vector
            nn.init.normal_(self.keep_embedding.weight, std=config.initializer_range)
            self.keep_embedding.weight[0].zero_()

    def forward(
        self,
        input_ids: torch.LongTensor | None = None,
        keep_ids: torch.Tensor | None = None,
        attention_mask: torch.Tensor | None = None,
        position_ids: torch.LongTensor | None = None,
        labels: torch.LongTensor | None = None,
        **kwargs: Any,
    ) -> CausalLMOutputWithPast:
        """``keep_ids`` (batch, prompt length) give each prompt token's keep level. Given a cache
        (``generate``), ``input_ids`` are the tokens after the cached ones: each reads the level
        at its place, and tokens past the prompt (not window characters) none."""
        if input_ids is None:
            raise ValueError("HeadlineGptForCausalLM reads input_ids")
        embeds = self.model.embed_tokens(input_ids)
        if keep_ids is not None:
            if keep_ids.shape[0] != input_ids.shape[0]:
                raise ValueError(f"keep_ids has {keep_ids.shape[0]} rows for {input_ids.shape[0]} sequences")
            cache = kwargs.get("cache", kwargs.get("past_key_values"))
            past = cache.get_seq_length() if cache is not None else 0
            positions = torch.arange(input_ids.shape[1], device=input_ids.device) + past
            inside = positions < keep_ids.shape[1]
            levels = torch.zeros_like(input_ids)
            levels[:, inside] = keep_ids[:, positions[inside]]
            embeds = embeds + self.keep_embedding(levels).to(embeds.dtype)
        output: CausalLMOutputWithPast = super().forward(
            inputs_embeds=embeds, attention_mask=attention_mask, position_ids=position_ids, labels=labels, **kwargs)
        return output


def register_architecture() -> None:
    """Make ``ModelStore`` and the Auto classes know this model (as the board GPT does)."""
    import transformers

    if getattr(transformers, HeadlineGptForCausalLM.__name__, None) is not HeadlineGptForCausalLM:
        AutoConfig.register(MODEL_TYPE, HeadlineGptConfig, exist_ok=True)
        AutoModelForCausalLM.register(HeadlineGptConfig, HeadlineGptForCausalLM, exist_ok=True)
        setattr(transformers, HeadlineGptForCausalLM.__name__, HeadlineGptForCausalLM)


def writer_tokenizer(tagger_tokenizer: PreTrainedTokenizerBase) -> PreTrainedTokenizerFast:
    """The tagger's characters (same ids) plus ``[SEP]`` and ``[EOS]``."""
    vocab = dict(tagger_tokenizer.get_vocab())
    for token in (SEP, EOS):
        vocab.setdefault(token, len(vocab))
    backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token=UNK))
    backend.normalizer = normalizers.Replace(Regex(r"\s+"), " ")
    backend.pre_tokenizer = pre_tokenizers.Split(Regex("."), behavior="isolated")
    backend.decoder = decoders.Fuse()
    return PreTrainedTokenizerFast(tokenizer_object=backend, pad_token=PAD, unk_token=UNK, sep_token=SEP,
                                   eos_token=EOS, clean_up_tokenization_spaces=False,
                                   model_max_length=WINDOW_CHARS + MAX_HEADLINE + 2)


def writer_config(size: str, tokenizer: PreTrainedTokenizerBase) -> HeadlineGptConfig:
    if size not in WRITER_SIZES:
        raise ValueError(f"unknown size {size!r}; choose one of {', '.join(WRITER_SIZES)}")
    hidden, layers, heads, mlp = WRITER_SIZES[size]
    return HeadlineGptConfig(
        vocab_size=len(tokenizer), hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=heads,
        num_key_value_heads=heads, intermediate_size=mlp, max_position_embeddings=WINDOW_CHARS + MAX_HEADLINE + 2,
        tie_word_embeddings=True, pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id,
        bos_token_id=None, architectures=[HeadlineGptForCausalLM.__name__],
    )


def keep_levels(log_probs: np.ndarray, levels: int = KEEP_LEVELS) -> np.ndarray:
    """The tagger's (characters, 3) log-probabilities of O, B, I as keep levels 1..``levels``."""
    keep = 1.0 - np.exp(log_probs[:, 0])
    return (1 + np.minimum(levels - 1, np.floor(np.clip(keep, 0.0, 1.0) * levels))).astype(np.int64)


def prompt_ids(tokenizer: PreTrainedTokenizerBase, window_text: str) -> list[int]:
    """The window's character ids (one per character) followed by ``[SEP]``."""
    return cast(list[int], tokenizer.convert_tokens_to_ids([*window_text, SEP]))


class AllowedTokensProcessor(LogitsProcessor):
    """Per sequence of the batch (each repeated ``beams`` times, as ``generate`` lays beams out),
    only its allowed token ids keep any probability."""

    def __init__(self, allowed: Sequence[set[int]], vocab_size: int, beams: int) -> None:
        mask = torch.full((len(allowed), vocab_size), -torch.inf)
        for row, ids in enumerate(allowed):
            mask[row, sorted(ids)] = 0.0
        self.mask = mask.repeat_interleave(beams, dim=0)

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        if self.mask.device != scores.device or self.mask.dtype != scores.dtype:
            self.mask = self.mask.to(scores.device, scores.dtype)
        return scores + self.mask  # type: ignore[return-value]  # a FloatTensor


class NoRepeatInHeadline(LogitsProcessor):
    """No ``n``-gram twice in what is written after the prompt (``width`` tokens, padding
    included): transformers' ``no_repeat_ngram_size`` would also ban every n-gram of the window,
    which is what the writer copies."""

    def __init__(self, width: int, n: int = 3) -> None:
        self.width, self.n = width, n

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        written = input_ids[:, self.width:].tolist()
        for row, tokens in enumerate(written):
            if len(tokens) < self.n:
                continue
            tail = tokens[len(tokens) - self.n + 1:]
            banned = [tokens[i + self.n - 1] for i in range(len(tokens) - self.n + 1) if tokens[i:i + self.n - 1] == tail]
            scores[row, banned] = -torch.inf
        return scores


@dataclass(frozen=True)
class Written:
    """A written headline and the writer's mean log-probability per token of it (with ``[EOS]``
    when it ended there)."""

    text: str
    log_prob: float


class HeadlineWriter:
    """A writer model folder (``HeadlineGptForCausalLM``) and how to write with it (beam search,
    at least 2 beams: the beam's score is the confidence). ``min_log_prob`` overrides the model's."""

    def __init__(self, loaded: LoadedModel, beams: int = 4, min_log_prob: float | None = None) -> None:
        if not isinstance(loaded.model, HeadlineGptForCausalLM):
            raise ModelError(f"{loaded.source} is not a Wenqi headline writer.")
        if beams < 2:
            raise ValueError("the writer searches with at least 2 beams")
        self.model: HeadlineGptForCausalLM = loaded.model
        self.tokenizer, self.device = loaded.tokenizer, loaded.device
        self.beams = beams
        self.min_log_prob = min_log_prob if min_log_prob is not None else self.model.config.min_log_prob
        vocab = self.tokenizer.get_vocab()
        self._glue = {vocab[c] for c in GLUE if c in vocab}
        self._unk = self.tokenizer.unk_token_id

    def allowed(self, window_text: str) -> set[int]:
        """What the writer may write for this window: its characters, the glue and ``[EOS]``."""
        ids = set(cast(list[int], self.tokenizer.convert_tokens_to_ids(list(window_text)))) | self._glue
        return (ids - {self._unk, self.tokenizer.pad_token_id}) | {self.tokenizer.eos_token_id}

    @torch.no_grad()
    def write(self, windows: Sequence[Window], log_probs: Sequence[np.ndarray],
              cancel: CancelToken | None = None) -> list[Written]:
        """One headline per window, from the tagger's log-probabilities of its characters."""
        prompts = [prompt_ids(self.tokenizer, w.text) for w in windows]
        width = max(map(len, prompts))
        pad = self.tokenizer.pad_token_id
        ids = torch.full((len(prompts), width), pad, dtype=torch.long)
        keeps = torch.zeros((len(prompts), width), dtype=torch.long)
        for row, (prompt, scores) in enumerate(zip(prompts, log_probs)):  # padded on the left
            ids[row, width - len(prompt):] = torch.tensor(prompt)
            keeps[row, width - len(prompt):width - 1] = torch.from_numpy(keep_levels(scores))
        processors = LogitsProcessorList([AllowedTokensProcessor(
            [self.allowed(w.text) for w in windows], self.model.config.vocab_size, self.beams), NoRepeatInHeadline(width)])
        output = self.model.generate(
            input_ids=ids.to(self.device), attention_mask=(ids != pad).long().to(self.device),
            keep_ids=keeps.to(self.device), max_new_tokens=MAX_HEADLINE + 1, min_new_tokens=MIN_HEADLINE,
            num_beams=self.beams, do_sample=False, logits_processor=processors,
            stopping_criteria=cancel_criteria(cancel) if cancel is not None else None, eos_token_id=self.tokenizer.eos_token_id,
            pad_token_id=pad, bos_token_id=None, length_penalty=1.0, output_scores=True,
            return_dict_in_generate=True)
        special = {pad, self.tokenizer.eos_token_id}
        texts = ["".join(self.tokenizer.convert_ids_to_tokens([t for t in row.tolist() if t not in special]))
                 for row in output.sequences[:, width:]]
        return [Written(text, float(score)) for text, score in zip(texts, output.sequences_scores.tolist())]

    def trusted(self, written: Written) -> bool:
        """Whether the writer is sure enough of this headline (``min_log_prob``)."""
        return self.min_log_prob is None or written.log_prob >= self.min_log_prob
