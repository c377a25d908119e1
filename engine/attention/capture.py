"""Run one input through a model and keep every attention map, with readable token labels.

A decoder-only model gives one stack, ``self``. An encoder-decoder model gives three —
``encoder``, ``decoder`` and ``cross`` — for the text and a target (the given one, or what
the model writes for the text, greedily). Each stack also keeps the queries and keys the
model used (``engine.attention.queries``) so approximations can be computed afterwards
without running the model again.

    capture = capture_attention(store.load("couplet"), "春风得意马蹄疾")
    capture.stacks[0].weights.shape  # (layers, heads, n, n)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import torch

from engine.attention.approx import exact_attention
from engine.attention.labels import token_labels
from engine.attention.limits import DEFAULT_MAX_TOKENS, MAP_MEMORY_BUDGET, position_limit
from engine.attention.queries import QueryKey, QueryKeyRecorder
from engine.decoding import cancel_criteria
from engine.runtime.jobs import JobContext
from engine.runtime.store import LoadedModel

if TYPE_CHECKING:
    from transformers import PreTrainedModel

GENERATED_TARGET_TOKENS = 48
# The eager path is switched on for the capture and back off after it; the lock keeps two
# captures of one shared model from switching it back under each other.
_EAGER_SWITCH = threading.Lock()


@dataclass
class AttentionStack:
    """Attention maps of one kind (self, encoder, decoder or cross) for every layer and head."""

    name: str
    weights: np.ndarray  # (layers, heads, n_query, n_key), float32, rows sum to 1
    query_labels: list[str]
    key_labels: list[str]
    causal: bool
    queries_keys: list[QueryKey] = field(default_factory=list, repr=False)  # one per layer, or empty
    recompute_error: float | None = None  # max |softmax(QKᵀ·s + mask) − weights| over all layers
    _rollout: np.ndarray | None = field(default=None, init=False, repr=False)
    _overviews: dict = field(default_factory=dict, init=False, repr=False)

    @property
    def layers(self) -> int:
        return self.weights.shape[0]

    @property
    def heads(self) -> int:
        return self.weights.shape[1]

    @property
    def head_dim(self) -> int:
        """The queries' width, or 0 when they were not caught."""
        return self.queries_keys[0].query.shape[-1] if self.queries_keys else 0

    @property
    def is_self_attention(self) -> bool:
        return self.name != "cross"

    @property
    def can_approximate(self) -> bool:
        """Whether the caught queries and keys reproduce the model's maps."""
        return bool(self.queries_keys) and self.recompute_error is not None and self.recompute_error < 1e-3

    def head_mean(self) -> np.ndarray:
        """(layers, n_query, n_key): every layer's heads averaged."""
        return self.weights.mean(axis=1)

    def rollout(self) -> np.ndarray:
        """(layers, n, n): attention rollout (Abnar & Zuidema 2020) up to each layer.

        Each layer's head mean is mixed half and half with the identity (the residual path),
        rows renormalised, and the layers multiplied: row i of layer l says how much each
        input token flows into position i by then. Computed once, then kept.
        """
        if not self.is_self_attention:
            raise ValueError("Rollout needs self-attention (queries and keys from the same tokens).")
        if self._rollout is None:
            mean = torch.from_numpy(self.head_mean())
            identity = torch.eye(mean.shape[-1])
            flow, result = identity, []
            for layer in mean:
                mixed = 0.5 * layer + 0.5 * identity
                flow = (mixed / mixed.sum(-1, keepdim=True)) @ flow
                result.append(flow)
            self._rollout = torch.stack(result).numpy()
        return self._rollout

    @staticmethod
    def most_spread_row(matrix: np.ndarray) -> int:
        """The query row of one map whose attention is most spread (highest entropy): the head
        view shows it until the user picks a token. Token 0 of a causal model can only look at
        itself, one flat line."""
        return int((-(matrix * np.log(np.clip(matrix, 1e-12, None))).sum(-1)).argmax())

    def overview(self, size: int) -> tuple[np.ndarray, list[int | str]]:
        """Thumbnails of every map, ``(layers, columns, ≤size, ≤size)``, and what each column is.

        Columns are the heads (0, 1, …), then ``"mean"`` and, for self-attention, ``"rollout"``.
        Each map is max-pooled (thin diagonals survive) and scaled to its own maximum, so a
        weak head still shows its pattern. Computed once per size, then kept.
        """
        if size not in self._overviews:
            columns: list[int | str] = [*range(self.heads), "mean"]
            maps = [self.weights, self.head_mean()[:, None]]
            if self.is_self_attention:
                columns.append("rollout")
                maps.append(self.rollout()[:, None])
            self._overviews[size] = (np.concatenate([shrink(m, size) for m in maps], axis=1), columns)
        return self._overviews[size]


def shrink(maps: np.ndarray, size: int) -> np.ndarray:
    """Maps ``(..., n_query, n_key)`` max-pooled to at most ``size`` × ``size``, each scaled to its maximum."""
    *lead, rows, columns = maps.shape
    shape = (min(size, rows), min(size, columns))
    flat = torch.from_numpy(np.ascontiguousarray(maps, dtype=np.float32)).reshape(-1, 1, rows, columns)
    pooled = torch.nn.functional.adaptive_max_pool2d(flat, shape).reshape(*lead, *shape)
    return (pooled / pooled.amax((-2, -1), keepdim=True).clamp_min(1e-9)).numpy()


@dataclass
class AttentionCapture:
    model: str
    text: str
    stacks: list[AttentionStack]
    seconds: float  # the forward pass with attentions, including label making
    truncated: bool = False  # the text was longer than the model or the token limit allows
    limit: int = DEFAULT_MAX_TOKENS  # the tokens it could take: the token limit, or the model's positions if fewer
    unknown_tokens: int = 0  # tokens the tokenizer could not read ([UNK]): text unlike the model's own

    def stack(self, name: str) -> AttentionStack:
        for stack in self.stacks:
            if stack.name == name:
                return stack
        raise KeyError(name)


@contextmanager
def eager_attention(model: PreTrainedModel) -> Iterator[None]:
    """Attention weights only come out of the eager path; use it for the duration."""
    with _EAGER_SWITCH:
        previous = model.config._attn_implementation
        if previous != "eager":
            model.set_attn_implementation("eager")
        try:
            yield
        finally:
            if previous != "eager":
                model.set_attn_implementation(previous)


def _check_memory(config, tokens: int) -> None:
    """Refuse, with the numbers, a capture whose n×n maps would not fit in memory."""
    layers = getattr(config, "num_hidden_layers", 0) or 0
    heads = getattr(config, "num_attention_heads", 0) or 0
    per_token_pair = layers * heads * 4 * 3  # float32: the model's scores, its softmax, our copy
    if per_token_pair and per_token_pair * tokens**2 > MAP_MEMORY_BUDGET:
        fits = int((MAP_MEMORY_BUDGET / per_token_pair) ** 0.5)
        raise ValueError(
            f"{tokens} tokens × {layers} layers × {heads} heads would need about "
            f"{per_token_pair * tokens**2 / 2**30:.1f} GB for the attention maps; "
            f"lower the token limit to {fits} or less."
        )


def _is_causal_lm(model: torch.nn.Module) -> bool:
    name = type(model).__name__
    return bool(getattr(model.config, "is_decoder", False)) or name.endswith(("ForCausalLM", "LMHeadModel"))


def _encode(tokenizer, text: str, limit: int) -> tuple[list[int], list | None, bool]:
    """Token ids (at most ``limit``, special tokens kept), their character offsets when the
    tokenizer has them, and whether the text was cut."""
    # A token covers only a few characters: never tokenize a megabyte to keep a thousand.
    clipped = text[: limit * 16]
    fast = bool(getattr(tokenizer, "is_fast", False))
    encoding = tokenizer(clipped, truncation=True, max_length=limit, return_offsets_mapping=fast)
    ids = list(encoding["input_ids"])
    offsets = list(encoding["offset_mapping"]) if fast else None
    if len(clipped) < len(text):
        truncated = True
    elif offsets is not None:
        truncated = max((end for _, end in offsets), default=0) < len(clipped.rstrip())
    else:
        truncated = len(ids) >= limit
    return ids, offsets, truncated


def _to_stack(name, attentions, query_labels, key_labels, causal, caught: list[QueryKey]) -> AttentionStack:
    weights = torch.stack([layer[0] for layer in attentions]).float().cpu()  # the analysis runs on the CPU
    error = None
    if caught and len(caught) == weights.shape[0]:
        error = max(
            (exact_attention(qk.query, qk.key, qk.scaling, causal) - layer).abs().max().item()
            for qk, layer in zip(caught, weights)
        )
    return AttentionStack(name, weights.numpy(), query_labels, key_labels, causal,
                          caught if error is not None else [], error)


def _stack_of(module_name: str) -> str:
    """Which stack of an encoder-decoder an attention module belongs to, from its name."""
    lowered = module_name.lower()
    if "encoder_attn" in lowered or "cross" in lowered or "encdecattention" in lowered:
        return "cross"
    return "encoder" if "encoder" in lowered else "decoder"


def capture_attention(
    loaded: LoadedModel,
    text: str,
    target: str | None = None,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    ctx: JobContext | None = None,
) -> AttentionCapture:
    """Every attention map of ``loaded.model`` for ``text`` (see the module docstring)."""
    ctx = ctx or JobContext()
    if not text or not text.strip():
        raise ValueError("There is no text to look at: type or paste some first.")
    model, tokenizer = loaded.model, loaded.tokenizer
    started = time.perf_counter()
    limit = min(max_tokens, position_limit(model.config.to_dict()) or max_tokens)
    ids, offsets, truncated = _encode(tokenizer, text, limit)
    unknown = sum(token == tokenizer.unk_token_id for token in ids) if tokenizer.unk_token_id is not None else 0
    if not ids:
        raise ValueError("The tokenizer made no tokens of this text.")
    _check_memory(model.config, len(ids))
    labels = token_labels(tokenizer, ids, text, offsets)
    input_ids = torch.tensor([ids], device=loaded.device)
    ctx.progress(0.2, "Running the model")

    encoder_decoder = bool(getattr(model.config, "is_encoder_decoder", False))
    with torch.inference_mode(), eager_attention(model):
        inputs = {"input_ids": input_ids}
        if encoder_decoder:
            decoder_ids = _decoder_ids(model, tokenizer, input_ids, target, ctx)
            inputs["decoder_input_ids"] = decoder_ids
        with QueryKeyRecorder(model) as recorder:
            output = model(**inputs, output_attentions=True)
        caught = recorder.layers()
    ctx.progress(0.8, "Collecting the maps")

    def caught_for(stack_name: str) -> list[QueryKey]:
        return [qk for qk in caught if _stack_of(qk.module) == stack_name]

    if encoder_decoder:
        decoder_labels = token_labels(tokenizer, decoder_ids[0].tolist())
        stacks = [
            _to_stack("encoder", output.encoder_attentions, labels, labels, False, caught_for("encoder")),
            _to_stack("decoder", output.decoder_attentions, decoder_labels, decoder_labels, True, caught_for("decoder")),
            _to_stack("cross", output.cross_attentions, decoder_labels, labels, False, caught_for("cross")),
        ]
    else:
        if not output.attentions:
            raise ValueError(f"{type(model).__name__} returns no attention weights, so there is nothing to show.")
        stacks = [_to_stack("self", output.attentions, labels, labels, _is_causal_lm(model), caught)]
    return AttentionCapture(loaded.name, text, stacks, time.perf_counter() - started, truncated, limit, unknown)


def _decoder_ids(model, tokenizer, input_ids, target: str | None, ctx: JobContext) -> torch.Tensor:
    """The decoder's tokens: the start token and ``target``, or what the model writes greedily."""
    start = model.config.decoder_start_token_id
    if start is None:
        start = tokenizer.bos_token_id if tokenizer.bos_token_id is not None else tokenizer.pad_token_id
    if target:
        target_ids = tokenizer(text_target=target, add_special_tokens=False)["input_ids"]
        return torch.tensor([[start, *target_ids]], device=input_ids.device)
    ctx.progress(0.1, "Writing a target to look at")
    return model.generate(input_ids, attention_mask=torch.ones_like(input_ids), do_sample=False, num_beams=1,
                          max_new_tokens=GENERATED_TARGET_TOKENS, stopping_criteria=cancel_criteria(ctx.cancel_token))
