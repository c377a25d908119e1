"""The attention visualizer's engine: capture every map of a model, aggregate, approximate.

    capture = capture_attention(store.load("couplet"), "春风得意马蹄疾")
    stack = capture.stacks[0]            # weights: (layers, heads, n, n), labels on both axes
    stack.head_mean(), stack.rollout()
    compare_stack(stack, Approximation("favor", features=128)).kl  # (layers, heads)

The names below load on first use (PEP 562): the app imports ``engine.attention.limits`` while
its window is built, before torch is loaded.
"""

from typing import TYPE_CHECKING

from engine.lazy import lazy_names

if TYPE_CHECKING:  # what the lazy names are, for type checkers
    from engine.attention.approx import Approximation as Approximation
    from engine.attention.capture import AttentionCapture as AttentionCapture
    from engine.attention.capture import AttentionStack as AttentionStack
    from engine.attention.capture import capture_attention as capture_attention
    from engine.attention.compare import Comparison as Comparison
    from engine.attention.compare import compare_stack as compare_stack
    from engine.attention.compare import default_approximations as default_approximations

__all__, __getattr__ = lazy_names(__name__, {
    "approx": ["Approximation"],
    "capture": ["AttentionCapture", "AttentionStack", "capture_attention"],
    "compare": ["Comparison", "compare_stack", "default_approximations"],
})
