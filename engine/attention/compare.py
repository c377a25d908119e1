"""Approximate every head of a captured stack and measure it against the exact maps.

    comparison = compare_stack(capture.stacks[0], Approximation("favor", features=128))
    comparison.kl.mean(), comparison.max_abs.max()
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from engine.attention.approx import Approximation, approximate_attention, attention_errors, exact_attention
from engine.attention.capture import AttentionStack
from engine.runtime.jobs import JobContext


@dataclass
class Comparison:
    approximation: Approximation
    maps: np.ndarray  # (layers, heads, n_query, n_key): the approximate attention
    kl: np.ndarray  # (layers, heads): mean over rows of KL(exact ‖ approximate)
    max_abs: np.ndarray  # (layers, heads): largest |exact − approximate|
    seconds: float

    def summary(self) -> dict:
        return {"method": self.approximation.label, "mean_kl": float(self.kl.mean()),
                "max_abs": float(self.max_abs.max()), "seconds": round(self.seconds, 4)}


def default_approximations(head_dim: int) -> list[Approximation]:
    """What the CLI reports: FAVOR+ with m = d and 4d, elu+1, Taylor orders 2 and 4."""
    return [Approximation("favor", features=head_dim), Approximation("favor", features=4 * head_dim),
            Approximation("elu"), Approximation("taylor", order=2), Approximation("taylor", order=4)]


def compare_stack(stack: AttentionStack, approximation: Approximation, ctx: JobContext | None = None) -> Comparison:
    """Approximate from the stack's caught queries and keys, layer by layer (cancellable)."""
    if not stack.can_approximate:
        raise ValueError(
            f"The {stack.name} attention of this model cannot be approximated: its queries and keys "
            "could not be caught and checked against the model's own maps."
        )
    ctx = ctx or JobContext()
    started = time.perf_counter()
    maps, kl, max_abs = [], [], []
    for index, qk in enumerate(stack.queries_keys):
        ctx.progress(index / stack.layers, f"{approximation.label}: layer {index + 1}")
        exact = exact_attention(qk.query, qk.key, qk.scaling, stack.causal)
        approx = approximate_attention(qk.query, qk.key, qk.scaling, stack.causal, approximation)
        errors = attention_errors(exact, approx, stack.causal)
        maps.append(approx.numpy())
        kl.append(errors["kl"].numpy())
        max_abs.append(errors["max_abs"].numpy())
    return Comparison(approximation, np.stack(maps).astype(np.float32), np.stack(kl), np.stack(max_abs),
                      time.perf_counter() - started)

