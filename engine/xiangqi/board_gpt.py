"""The board-aware xiangqi GPT: a Llama over the move tokens that is also told each position.

The tokens and the causal transformer are the move-only GPT's (``engine.xiangqi.tokens``);
what changes is the input and the output layer:

* every token's embedding gets the sum of the learned embeddings of its position's features
  (``engine.xiangqi.board_features``: pieces on squares, side, check, both sides' moves), so the
  model no longer has to rebuild the board from the move history;
* the output adds one learned bonus to the logits of the moves the position lists as legal:
  the legal-move features, read straight at the output as a pointer network reads its input.

``forward`` takes the features as an ``nn.EmbeddingBag`` does (``board_features``, a flat
LongTensor, and ``board_offsets``, where each token's bag starts; batch-major); the training
data precomputes them. When they are not given, the model works them out from
``input_ids`` itself (the vocabulary is fixed), so ``model(input_ids=...)`` works everywhere a
plain causal LM does: the GPT player, the outcome curve, the attention tab.

    >>> from engine.xiangqi.train import new_model
    >>> model = new_model("board", "tiny")
    >>> model(input_ids=torch.tensor([[10, 3]])).logits.shape   # [*] [START]: 44 legal moves known
    torch.Size([1, 2, 2112])
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain
from typing import Any

import numpy as np
import torch
from torch import nn
from transformers import AutoConfig, AutoModelForCausalLM, LlamaConfig, LlamaForCausalLM
from transformers.modeling_outputs import CausalLMOutputWithPast

from engine.xiangqi.board_features import (
    FEATURE_COUNT,
    MOVE_TOKEN_IDS,
    OPPONENT_MOVES,
    OWN_MOVES,
    ids_features,
    mirror_table,
)

MODEL_TYPE = "xiangqi_board_gpt"
FIRST_MOVE_TOKEN = MOVE_TOKEN_IDS[0]
assert list(range(FIRST_MOVE_TOKEN, FIRST_MOVE_TOKEN + len(MOVE_TOKEN_IDS))) == MOVE_TOKEN_IDS  # moves last, in order


class XiangqiBoardGptConfig(LlamaConfig):  # type: ignore[no-untyped-call]  # transformers' __init_subclass__ is unannotated
    """A ``LlamaConfig`` plus the size of the board-feature vocabulary and two regularisers
    for training (Llama has none on its residual stream): ``hidden_dropout`` on the input
    embeddings and on every attention and MLP output before it joins the residual stream (as
    GPT-2's ``resid_pdrop``), and ``label_smoothing`` of the training loss."""

    model_type = MODEL_TYPE

    def __init__(self, board_feature_count: int = FEATURE_COUNT, legal_bonus: bool = True,
                 hidden_dropout: float = 0.0, label_smoothing: float = 0.0, **kwargs: Any) -> None:
        self.board_feature_count = board_feature_count
        self.legal_bonus = legal_bonus
        self.hidden_dropout = hidden_dropout
        self.label_smoothing = label_smoothing
        super().__init__(**kwargs)


def features_to_bags(rows: list[list[tuple[int, ...]]], width: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-token feature tuples of a batch (rows shorter than ``width`` are padded with empty
    bags) as ``(board_features, board_offsets)``."""
    bags = [features for row in rows for features in (*row, *[()] * (width - len(row)))]
    lengths = np.fromiter(map(len, bags), dtype=np.int64, count=len(bags))
    offsets = np.zeros(len(bags), dtype=np.int64)
    np.cumsum(lengths[:-1], out=offsets[1:])
    flat = np.fromiter(chain.from_iterable(bags), dtype=np.int64, count=int(lengths.sum()))
    return torch.from_numpy(flat), torch.from_numpy(offsets)


@lru_cache(maxsize=1)
def mirror_array() -> np.ndarray:
    """``board_features.mirror_table`` as an array: ``mirror_array()[features]`` are the features
    of the a <-> i mirrored positions."""
    return np.asarray(mirror_table(), dtype=np.int64)


def with_mirror(features: torch.Tensor, offsets: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """The bags of one sequence followed by those of its mirror, as a batch of two rows."""
    mirrored = torch.from_numpy(mirror_array()).to(features.device)[features]
    return torch.cat([features, mirrored]), torch.cat([offsets, offsets + features.numel()])


class XiangqiBoardGptForCausalLM(LlamaForCausalLM):  # type: ignore[no-untyped-call]  # as above
    config_class = XiangqiBoardGptConfig

    def __init__(self, config: XiangqiBoardGptConfig) -> None:
        super().__init__(config)
        self.board_embedding = nn.EmbeddingBag(config.board_feature_count, config.hidden_size, mode="sum")
        nn.init.normal_(self.board_embedding.weight, std=config.initializer_range)
        self.legal_bonus = nn.Parameter(torch.zeros(1)) if config.legal_bonus else None
        for layer in self.model.layers:
            layer.self_attn.o_proj.register_forward_hook(self._residual_dropout)
            layer.mlp.register_forward_hook(self._residual_dropout)

    def _residual_dropout(self, module: nn.Module, inputs: tuple[object, ...], output: torch.Tensor) -> torch.Tensor:
        return nn.functional.dropout(output, self.config.hidden_dropout, self.training)

    def _init_weights(self, module: nn.Module) -> None:
        if isinstance(module, nn.EmbeddingBag):
            nn.init.normal_(module.weight, std=self.config.initializer_range)
        else:
            super()._init_weights(module)  # type: ignore[no-untyped-call]  # unannotated in transformers

    def forward(
        self,
        input_ids: torch.LongTensor | None = None,
        attention_mask: torch.Tensor | None = None,
        board_features: torch.Tensor | None = None,
        board_offsets: torch.Tensor | None = None,
        labels: torch.LongTensor | None = None,
        logits_to_keep: int = 0,
        **kwargs: Any,
    ) -> CausalLMOutputWithPast:
        if input_ids is None:
            raise ValueError("XiangqiBoardGptForCausalLM reads input_ids (it works out the board from the moves)")
        batch, length = input_ids.shape
        if board_features is None or board_offsets is None:
            token_features = [ids_features(row) for row in input_ids.tolist()]
            board_features, board_offsets = features_to_bags(token_features, length)
            board_features, board_offsets = board_features.to(input_ids.device), board_offsets.to(input_ids.device)
        embeds = self.model.embed_tokens(input_ids)
        board = self.board_embedding(board_features, board_offsets).view(batch, length, -1)
        inputs_embeds = nn.functional.dropout(embeds + board.to(embeds.dtype), self.config.hidden_dropout, self.training)
        outputs = self.model(inputs_embeds=inputs_embeds, attention_mask=attention_mask, **kwargs)
        hidden = outputs.last_hidden_state
        keep = length if not logits_to_keep else min(logits_to_keep, length)
        logits = self.lm_head(hidden[:, length - keep :])
        if self.legal_bonus is not None:
            rows, columns = self._legal_moves(board_features, board_offsets, length, keep)
            flat = logits.reshape(-1, logits.shape[-1])
            bonus = self.legal_bonus.to(logits.dtype).expand(rows.numel())
            logits = flat.index_put((rows, columns), bonus, accumulate=True).view_as(logits)
        loss = None
        if labels is not None and self.training and self.config.label_smoothing:
            loss = nn.functional.cross_entropy(logits[:, :-1].flatten(0, 1).float(), labels[:, 1:].flatten(),
                                               label_smoothing=self.config.label_smoothing)
        elif labels is not None:
            loss = self.loss_function(logits=logits, labels=labels, vocab_size=self.config.vocab_size)
        return CausalLMOutputWithPast(loss=loss, logits=logits, attentions=outputs.attentions,
                                      hidden_states=outputs.hidden_states, cache=outputs.cache)

    @staticmethod
    def _legal_moves(features: torch.Tensor, offsets: torch.Tensor, length: int, keep: int) -> tuple[torch.Tensor, torch.Tensor]:
        """(row, token id) of every legal move listed in the features, rows numbered over the
        last ``keep`` tokens of each sequence (the logits kept)."""
        counts = torch.diff(offsets, append=torch.tensor([features.numel()], device=offsets.device))
        token_of = torch.repeat_interleave(torch.arange(offsets.numel(), device=features.device), counts)
        legal = (features >= OWN_MOVES) & (features < OPPONENT_MOVES)
        row, column = token_of[legal], features[legal] - OWN_MOVES + FIRST_MOVE_TOKEN
        if keep < length:
            kept = (row % length) >= length - keep
            row, column = row[kept], column[kept]
            row = (row // length) * keep + row % length - (length - keep)
        return row, column


def register_architecture() -> None:
    """Make ``ModelStore`` (which finds a folder's class by name in ``transformers``) and the
    Auto classes know this model, so a saved board GPT loads like any other."""
    import transformers

    if getattr(transformers, XiangqiBoardGptForCausalLM.__name__, None) is not XiangqiBoardGptForCausalLM:
        AutoConfig.register(MODEL_TYPE, XiangqiBoardGptConfig, exist_ok=True)
        AutoModelForCausalLM.register(XiangqiBoardGptConfig, XiangqiBoardGptForCausalLM, exist_ok=True)
        setattr(transformers, XiangqiBoardGptForCausalLM.__name__, XiangqiBoardGptForCausalLM)
