"""Exact softmax attention and the seed articles' cheaper stand-ins, from real queries and keys.

Every function takes one layer's queries and keys as ``(heads, n, d)`` tensors plus the
model's score scale (usually ``d ** -0.5``). The approximations replace ``exp(q·k·s)`` by a
positive kernel and normalise each row, so their maps compare directly with softmax:

- ``favor``: Performer FAVOR+, ``m`` positive orthogonal random features (Choromanski et al.);
- ``elu``: linear attention with ``elu(x) + 1`` features (Katharopoulos et al.);
- ``taylor``: the Taylor polynomial of ``exp`` of even order (2, 4), which is always positive.

    exact = exact_attention(q, k, scaling=0.125, causal=True)
    favor = approximate_attention(q, k, 0.125, True, Approximation("favor", features=256))

``linear_attention_output`` is the linear-time form (what makes these methods fast at long
lengths); the benchmark times it against the quadratic softmax.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

METHODS = ("favor", "elu", "taylor")


@dataclass(frozen=True)
class Approximation:
    method: str  # one of METHODS
    features: int = 64  # FAVOR+'s m
    order: int = 2  # Taylor order, even
    seed: int = 0  # FAVOR+'s random features

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"Unknown approximation '{self.method}'; use one of {', '.join(METHODS)}.")
        if self.method == "favor" and self.features < 1:
            raise ValueError("FAVOR+ needs at least one random feature (m ≥ 1).")
        if self.method == "taylor" and (self.order < 2 or self.order % 2):
            raise ValueError("The Taylor order must be even (2, 4, ...): odd orders can go negative.")

    @property
    def label(self) -> str:
        if self.method == "favor":
            return f"FAVOR+ m={self.features}"
        if self.method == "taylor":
            return f"Taylor order {self.order}"
        return "elu+1 linear"


def allowed(n_query: int, n_key: int, causal: bool, device=None) -> torch.Tensor | None:
    """Where a query may look (True), or None when it may look everywhere."""
    if not causal:
        return None
    # With a cache the queries are the last n_query positions of the keys.
    return torch.ones(n_query, n_key, dtype=torch.bool, device=device).tril(n_key - n_query)


def exact_attention(query: torch.Tensor, key: torch.Tensor, scaling: float, causal: bool) -> torch.Tensor:
    """softmax(QKᵀ·s + mask), row by row: ``(heads, n_query, n_key)``."""
    scores = query @ key.transpose(-1, -2) * scaling
    mask = allowed(query.shape[-2], key.shape[-2], causal, query.device)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return torch.softmax(scores, dim=-1)


def orthogonal_gaussian(rows: int, dim: int, generator: torch.Generator) -> torch.Tensor:
    """``rows`` random directions, orthogonal in blocks of ``dim``, with Gaussian-like norms."""
    gaussian = torch.randn(math.ceil(rows / dim), dim, dim, generator=generator, dtype=torch.float64)
    orthonormal, triangle = torch.linalg.qr(gaussian)
    # Householder QR fixes the signs of R's diagonal, which biases Q's columns (the first
    # always points one way); undoing it makes them uniform on the sphere.
    orthonormal = orthonormal * torch.sign(torch.diagonal(triangle, dim1=-2, dim2=-1)).unsqueeze(-2)
    directions = orthonormal.transpose(-1, -2).reshape(-1, dim)[:rows]
    norms = torch.randn(rows, dim, generator=generator, dtype=torch.float64).norm(dim=1, keepdim=True)
    return directions * norms


def favor_features(x: torch.Tensor, projection: torch.Tensor, is_query: bool) -> torch.Tensor:
    """exp(w·x − |x|²/2)/√m, shifted by a constant that cancels when rows are normalised.

    Queries are shifted per row, keys by one constant per head, so nothing overflows.
    """
    logits = x @ projection.T.to(x.dtype) - (x * x).sum(-1, keepdim=True) / 2
    shift = logits.amax(-1, keepdim=True) if is_query else logits.amax((-2, -1), keepdim=True)
    return torch.exp(logits - shift) / math.sqrt(projection.shape[0])


def _split_scale(query, key, scaling):
    root = math.sqrt(scaling)
    return query * root, key * root


def feature_maps(query, key, scaling: float, approximation: Approximation) -> tuple[torch.Tensor, torch.Tensor]:
    """φ(Q), φ(K) for the feature-map methods (FAVOR+, elu+1, Taylor order 2)."""
    q, k = _split_scale(query, key, scaling)
    if approximation.method == "favor":
        generator = torch.Generator().manual_seed(approximation.seed)
        projection = orthogonal_gaussian(approximation.features, q.shape[-1], generator).to(q.device)
        return favor_features(q, projection, True), favor_features(k, projection, False)
    if approximation.method == "elu":
        return torch.nn.functional.elu(q) + 1, torch.nn.functional.elu(k) + 1
    if approximation.order == 2:
        return _taylor2_features(q), _taylor2_features(k)
    raise ValueError(f"{approximation.label} has d^{approximation.order} features; use its quadratic form.")


def _taylor2_features(x: torch.Tensor) -> torch.Tensor:
    """[1, x, x⊗x/√2], so that φ(q)·φ(k) = 1 + q·k + (q·k)²/2."""
    outer = (x.unsqueeze(-1) * x.unsqueeze(-2)).flatten(-2) / math.sqrt(2)
    return torch.cat([torch.ones_like(x[..., :1]), x, outer], dim=-1)


def taylor_kernel(scores: torch.Tensor, order: int) -> torch.Tensor:
    """Σ_{j≤order} sʲ/j!, positive for every even order."""
    total, term = torch.ones_like(scores), torch.ones_like(scores)
    for power in range(1, order + 1):
        term = term * scores / power
        total = total + term
    return total


def _normalise_rows(kernel: torch.Tensor, causal: bool) -> torch.Tensor:
    mask = allowed(kernel.shape[-2], kernel.shape[-1], causal, kernel.device)
    if mask is not None:
        kernel = kernel.masked_fill(~mask, 0.0)
    return kernel / kernel.sum(-1, keepdim=True).clamp_min(torch.finfo(kernel.dtype).tiny)


def approximate_attention(
    query: torch.Tensor, key: torch.Tensor, scaling: float, causal: bool, approximation: Approximation
) -> torch.Tensor:
    """The approximation's full attention map ``(heads, n_query, n_key)``, rows summing to 1."""
    if approximation.method == "taylor":
        kernel = taylor_kernel(query @ key.transpose(-1, -2) * scaling, approximation.order)
    else:
        phi_q, phi_k = feature_maps(query, key, scaling, approximation)
        kernel = phi_q @ phi_k.transpose(-1, -2)
    return _normalise_rows(kernel, causal)


def attention_errors(exact: torch.Tensor, approx: torch.Tensor, causal: bool) -> dict[str, torch.Tensor]:
    """Per head: mean over rows of KL(exact ‖ approx), and the largest absolute difference."""
    mask = allowed(exact.shape[-2], exact.shape[-1], causal, exact.device)
    # Renormalised in double so float32 rounding cannot make a KL slightly negative.
    p = exact.double() / exact.double().sum(-1, keepdim=True)
    q = approx.double().clamp_min(1e-300)
    q = q / q.sum(-1, keepdim=True)
    terms = torch.where(p > 0, p * (torch.log(p.clamp_min(1e-300)) - torch.log(q)), torch.zeros_like(p))
    if mask is not None:
        terms = terms.masked_fill(~mask, 0.0)
    return {
        "kl": terms.sum(-1).mean(-1).float(),
        "max_abs": (exact - approx).abs().flatten(-2).amax(-1),
    }


def linear_attention_output(
    phi_q: torch.Tensor, phi_k: torch.Tensor, value: torch.Tensor, causal: bool, chunk: int = 128
) -> torch.Tensor:
    """φ(Q)(φ(K)ᵀV) normalised, never forming the n×n map: O(n·m·d) time, O(m·d) state.

    Causal attention walks the sequence in chunks: exact within a chunk, a running sum of
    φ(K)ᵀV for everything before it.
    """
    if not causal:
        numerator = phi_q @ (phi_k.transpose(-1, -2) @ value)
        denominator = phi_q @ phi_k.sum(-2).unsqueeze(-1)
        return numerator / denominator.clamp_min(torch.finfo(phi_q.dtype).tiny)
    state = phi_k.new_zeros(*phi_k.shape[:-2], phi_k.shape[-1], value.shape[-1])
    key_sum = phi_k.new_zeros(*phi_k.shape[:-2], phi_k.shape[-1], 1)
    outputs = []
    for start in range(0, phi_q.shape[-2], chunk):
        q, k, v = (t[..., start:start + chunk, :] for t in (phi_q, phi_k, value))
        local = (q @ k.transpose(-1, -2)).tril()
        numerator = q @ state + local @ v
        denominator = q @ key_sum + local.sum(-1, keepdim=True)
        outputs.append(numerator / denominator.clamp_min(torch.finfo(q.dtype).tiny))
        state = state + k.transpose(-1, -2) @ v
        key_sum = key_sum + k.sum(-2).unsqueeze(-1)
    return torch.cat(outputs, dim=-2)
