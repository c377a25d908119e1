"""The approximations against exact softmax, on the queries and keys of a tiny Llama."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from test_attention_models import TEXT, load


@pytest.fixture(scope="module")
def stack():
    from engine.attention.capture import capture_attention

    return capture_attention(load("llama"), TEXT * 4).stacks[0]


def _mean_kl(stack, approximation):
    from engine.attention.compare import compare_stack

    return float(compare_stack(stack, approximation).kl.mean())


def test_favor_error_falls_as_the_number_of_features_grows(stack):
    from engine.attention.approx import Approximation

    def kl(m):  # averaged over draws of the random features
        return np.mean([_mean_kl(stack, Approximation("favor", features=m, seed=seed)) for seed in range(4)])

    errors = [kl(m) for m in (4, 32, 256)]
    assert errors[0] > errors[1] > errors[2] > 0


def test_favor_features_are_orthogonal_in_blocks_and_estimate_exp_without_bias():
    from engine.attention.approx import orthogonal_gaussian

    generator = torch.Generator().manual_seed(0)
    block = orthogonal_gaussian(8, 8, generator)
    directions = block / block.norm(dim=1, keepdim=True)
    torch.testing.assert_close(directions @ directions.T, torch.eye(8, dtype=torch.float64))

    q, k = torch.randn(6, 8, dtype=torch.float64) * 0.4, torch.randn(6, 8, dtype=torch.float64) * 0.4
    w = orthogonal_gaussian(100_000, 8, generator)

    def phi(x):  # the features before the shift that cancels in normalisation
        return torch.exp(x @ w.T - (x * x).sum(-1, keepdim=True) / 2)

    estimate = (phi(q) * phi(k)).mean(-1)
    torch.testing.assert_close(estimate, torch.exp((q * k).sum(-1)), rtol=0.02, atol=0)


def test_taylor_error_falls_from_order_two_to_four(stack):
    from engine.attention.approx import Approximation
    from engine.attention.compare import compare_stack

    second = compare_stack(stack, Approximation("taylor", order=2))
    fourth = compare_stack(stack, Approximation("taylor", order=4))
    assert fourth.kl.mean() < second.kl.mean()
    assert fourth.max_abs.mean() < second.max_abs.mean()


@pytest.mark.parametrize("method", ["favor", "elu", "taylor"])
def test_approximate_maps_are_distributions_that_respect_the_causal_mask(stack, method):
    from engine.attention.approx import Approximation
    from engine.attention.compare import compare_stack

    maps = compare_stack(stack, Approximation(method, features=16, order=4)).maps
    assert (maps >= 0).all()
    np.testing.assert_allclose(maps.sum(-1), 1.0, atol=1e-4)
    assert np.abs(np.triu(maps, k=1)).max() == 0.0


def test_errors_are_zero_for_the_exact_map_and_positive_otherwise():
    from engine.attention.approx import attention_errors, exact_attention

    torch.manual_seed(0)
    q, k = torch.randn(3, 10, 8), torch.randn(3, 10, 8)
    exact = exact_attention(q, k, 8 ** -0.5, causal=True)
    same = attention_errors(exact, exact, causal=True)
    assert same["kl"].abs().max() < 1e-6 and same["max_abs"].max() == 0
    uniform = torch.tril(torch.ones(10, 10))
    uniform = (uniform / uniform.sum(-1, keepdim=True)).expand(3, 10, 10)
    assert (attention_errors(exact, uniform, causal=True)["kl"] > 0.01).all()


@pytest.mark.parametrize("causal", [True, False])
@pytest.mark.parametrize("method", ["favor", "elu", "taylor"])
def test_linear_time_output_equals_the_approximate_map_times_values(causal, method):
    from engine.attention.approx import (Approximation, approximate_attention, feature_maps,
                                         linear_attention_output)

    torch.manual_seed(1)
    q, k, v = (torch.randn(2, 300, 8, dtype=torch.float64) for _ in range(3))
    approximation = Approximation(method, features=32, order=2)
    phi_q, phi_k = feature_maps(q, k, 8 ** -0.5, approximation)
    fast = linear_attention_output(phi_q, phi_k, v, causal, chunk=64)
    full = approximate_attention(q, k, 8 ** -0.5, causal, approximation) @ v
    torch.testing.assert_close(fast, full, rtol=1e-6, atol=1e-8)


def test_taylor_order_four_has_no_feature_form_and_odd_orders_are_refused():
    from engine.attention.approx import Approximation, feature_maps, taylor_kernel

    scores = torch.linspace(-30, 30, 601, dtype=torch.float64)
    for order in (2, 4):
        assert (taylor_kernel(scores, order) > 0).all()  # even orders never go negative
    assert (taylor_kernel(scores, 3) < 0).any()  # which is why odd ones are refused

    with pytest.raises(ValueError, match="quadratic"):
        feature_maps(torch.ones(1, 2, 4), torch.ones(1, 2, 4), 0.5, Approximation("taylor", order=4))
    with pytest.raises(ValueError, match="even"):
        Approximation("taylor", order=3)
    with pytest.raises(ValueError, match="Unknown"):
        Approximation("nystrom")


def test_xiangqi_tokens_are_labelled_in_chinese_notation():
    from engine.attention.labels import xiangqi_move_labels

    tokens = "[1-0] [START] h2e2 h9g7 b0c2 zz [EOS]".split()
    assert xiangqi_move_labels(tokens) == ["[1-0]", "[START]", "炮二平五", "马８进７", "马八进七", "zz", "[EOS]"]
    assert xiangqi_move_labels(["春", "风"]) is None


def test_xiangqi_sequences_from_a_position_are_labelled_too():
    from engine.attention.labels import xiangqi_move_labels
    from engine.xiangqi.tokens import placement_after, position_text

    from_position = position_text(placement_after(["h2e2"]), False, ["h9g7"], "1-0").split()
    assert xiangqi_move_labels(from_position)[-2] == "马８进７"
