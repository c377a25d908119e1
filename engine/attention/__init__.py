"""The attention visualizer's engine: capture every map of a model, aggregate, approximate.

    capture = capture_attention(store.load("couplet"), "春风得意马蹄疾")
    stack = capture.stacks[0]            # weights: (layers, heads, n, n), labels on both axes
    stack.head_mean(), stack.rollout()
    compare_stack(stack, Approximation("favor", features=128)).kl  # (layers, heads)

The names below load on first use (PEP 562): the app imports ``engine.attention.limits`` while
its window is built, before torch is loaded.
"""

from engine.lazy import lazy_names

__all__, __getattr__ = lazy_names(__name__, {
    "approx": ["Approximation"],
    "capture": ["AttentionCapture", "AttentionStack", "capture_attention"],
    "compare": ["Comparison", "compare_stack", "default_approximations"],
})
