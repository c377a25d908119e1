"""The queries and keys a model really used, caught with hooks during one forward pass.

For each attention module we hook its query and key projections (GPT-2's fused ``c_attn``;
``q_proj``/``k_proj``, or ``q_norm``/``k_norm`` where the model normalises them), split the
heads, apply the rotary embedding the module was given (Llama, Qwen, Mistral…) and repeat
grouped key heads, so that ``softmax(QKᵀ·scaling + mask)`` is the model's own attention.
``capture_attention`` checks that claim against ``output_attentions`` for every layer.

    with QueryKeyRecorder(model) as recorder:
        model(input_ids)
    layers = recorder.layers()  # [(module name, query, key, scaling), ...]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import torch


@dataclass
class QueryKey:
    module: str  # the attention module's name inside the model
    query: torch.Tensor  # (heads, n_query, head_dim), rotary applied, float32 on the CPU
    key: torch.Tensor  # (heads, n_key, head_dim), rotary applied, grouped heads repeated, float32 on the CPU
    scaling: float


def _rotate_half(x: torch.Tensor) -> torch.Tensor:
    first, second = x.chunk(2, dim=-1)
    return torch.cat((-second, first), dim=-1)


def apply_rotary(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """Rotate ``x`` (heads, n, d) as the Llama family does; a shorter cos rotates the first dims only."""
    rotary = cos.shape[-1]
    turned = x[..., :rotary] * cos + _rotate_half(x[..., :rotary]) * sin
    return torch.cat((turned, x[..., rotary:]), dim=-1)


def _projections(module: torch.nn.Module) -> tuple[torch.nn.Module, torch.nn.Module] | None:
    """The modules whose outputs are the queries and keys (the same module when fused)."""
    fused = getattr(module, "c_attn", None)
    if isinstance(fused, torch.nn.Module) and not hasattr(module, "q_attn"):
        return fused, fused
    for query_name, key_name in (("q_norm", "k_norm"), ("q_proj", "k_proj")):
        query, key = getattr(module, query_name, None), getattr(module, key_name, None)
        if isinstance(query, torch.nn.Module) and isinstance(key, torch.nn.Module):
            return query, key
    return None


def attention_modules(model: torch.nn.Module) -> list[tuple[str, torch.nn.Module]]:
    """Attention modules whose queries and keys we know how to catch, in forward order."""
    return [(name, module) for name, module in model.named_modules()
            if isinstance(getattr(module, "scaling", None), float) and hasattr(module, "head_dim")
            and _projections(module) is not None]


class QueryKeyRecorder:
    """Context manager: hooks every recognised attention module while it is open."""

    def __init__(self, model: torch.nn.Module) -> None:
        self.modules = attention_modules(model)
        self._handles: list = []
        self._seen: dict[str, dict] = {}

    def __enter__(self) -> QueryKeyRecorder:
        for name, module in self.modules:
            record = self._seen.setdefault(name, {})
            self._handles.append(module.register_forward_pre_hook(self._remember_rotary(record), with_kwargs=True))
            projections = _projections(module)
            assert projections is not None  # attention_modules kept only modules that have them
            query_module, key_module = projections
            if query_module is key_module:
                self._handles.append(query_module.register_forward_hook(self._fused(record, module)))
            else:
                self._handles.append(query_module.register_forward_hook(self._store(record, "query")))
                self._handles.append(key_module.register_forward_hook(self._store(record, "key")))
        return self

    def __exit__(self, *exc) -> None:
        for handle in self._handles:
            handle.remove()
        self._handles.clear()

    @staticmethod
    def _remember_rotary(record):
        def hook(_module, _args, kwargs):
            record["rotary"] = kwargs.get("position_embeddings")
        return hook

    @staticmethod
    def _store(record, kind):
        def hook(_module, _inputs, output):
            record[kind] = output.detach()
        return hook

    @staticmethod
    def _fused(record, attention):
        def hook(_module, _inputs, output):
            split = getattr(attention, "split_size", output.shape[-1] // 3)
            record["query"], record["key"], _ = (part.detach() for part in output.split(split, dim=-1))
        return hook

    def layers(self) -> list[QueryKey]:
        """What the last forward pass used, for the first item of the batch."""
        found = []
        for name, module in self.modules:
            record = self._seen.get(name, {})
            if "query" not in record or "key" not in record:
                continue
            head_dim = cast(int, module.head_dim)  # attention_modules kept only modules that have one
            query = _heads(record["query"], head_dim)
            key = _heads(record["key"], head_dim)
            rotary = record.get("rotary")
            if isinstance(rotary, tuple) and len(rotary) == 2:
                cos, sin = (t[0].to(query.dtype) for t in rotary)
                query = apply_rotary(query, cos[-query.shape[1]:], sin[-query.shape[1]:])
                key = apply_rotary(key, cos[-key.shape[1]:], sin[-key.shape[1]:])
            if key.shape[0] != query.shape[0]:
                key = key.repeat_interleave(query.shape[0] // key.shape[0], dim=0)
            found.append(QueryKey(name, query.float().cpu(), key.float().cpu(), cast(float, module.scaling)))
        return found


def _heads(states: torch.Tensor, head_dim: int) -> torch.Tensor:
    """(batch, n, heads·d) or (batch, n, heads, d) → (heads, n, d) for batch item 0."""
    first = states[0]
    return first.reshape(first.shape[0], -1, head_dim).transpose(0, 1)
