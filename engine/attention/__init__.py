"""The attention visualizer's engine: capture every map of a model, aggregate, approximate.

    capture = capture_attention(store.load("couplet"), "春风得意马蹄疾")
    stack = capture.stacks[0]            # weights: (layers, heads, n, n), labels on both axes
    stack.head_mean(), stack.rollout()
    compare_stack(stack, Approximation("favor", features=128)).kl  # (layers, heads)
"""

from engine.attention.approx import Approximation
from engine.attention.capture import AttentionCapture, AttentionStack, capture_attention
from engine.attention.compare import Comparison, compare_stack, default_approximations

__all__ = [
    "Approximation",
    "AttentionCapture",
    "AttentionStack",
    "Comparison",
    "capture_attention",
    "compare_stack",
    "default_approximations",
]
