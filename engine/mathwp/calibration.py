"""A confidence that means what it says: :class:`Calibration`, fitted by ``wenqi-cli math calibrate``.

The solver's raw confidence is the model's probability of the answer (its passing equations'
probabilities added up). On held-out problems it is too low where the model hesitates and a
little too high where it is sure, so the solver shows it through :class:`Calibration`: a
temperature and a bias on its log-odds (Platt scaling), fitted by maximum likelihood on the
held-out problems (:func:`fit`) and stored in the model's ``config.json``
(``confidence_calibration``); a model without one shows its raw probability.

    wenqi-cli math calibrate --model resources/models/mathwp --valid runs/mathwp/data/valid.jsonl --threads 1

(:func:`engine.mathwp.evaluate.calibrate`) decodes the held-out problems once, fits, prints
the reliability table (accuracy per confidence bucket) before and after and the calibration
error fitted on one half and measured on the other, and writes the fit into the model's
config. Never run it on a test set.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

CONFIG_KEY = "confidence_calibration"
BUCKETS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 1.0)  # the reliability table's confidence edges
_EPSILON = 1e-6  # a probability of exactly 0 or 1 has no log-odds


def _log_odds(probability: float) -> float:
    probability = min(max(probability, _EPSILON), 1 - _EPSILON)
    return math.log(probability / (1 - probability))


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


@dataclass(frozen=True)
class Calibration:
    """``sigmoid(log_odds(p) / temperature + bias)``; the default leaves ``p`` as it is."""

    temperature: float = 1.0
    bias: float = 0.0

    def __call__(self, probability: float) -> float:
        if self == Calibration():
            return probability
        return _sigmoid(_log_odds(probability) / self.temperature + self.bias)

    @classmethod
    def from_config(cls, config) -> Calibration:
        """The fit stored in a model's config, or none (raw probabilities)."""
        return cls(**(getattr(config, CONFIG_KEY, None) or {}))

    def to_json(self) -> dict:
        return {"temperature": round(self.temperature, 4), "bias": round(self.bias, 4)}


def fit(probabilities: Sequence[float], correct: Sequence[bool], iterations: int = 50,
        prior: float = 1e-3) -> Calibration:
    """The temperature and bias that maximise the likelihood of ``correct`` (logistic
    regression on the log-odds, by Newton's method), with a weak pull toward no change that
    only matters when the data cannot decide (every answer right, or all at one confidence)."""
    xs = [_log_odds(p) for p in probabilities]
    a, b = 1.0, 0.0  # sigmoid(a * x + b): a is 1 / temperature
    for _ in range(iterations):
        ga, gb, haa, hab, hbb = prior * (a - 1), prior * b, prior, 0.0, prior
        for x, y in zip(xs, correct):
            p = _sigmoid(a * x + b)
            ga += (p - y) * x
            gb += p - y
            w = p * (1 - p)
            haa, hab, hbb = haa + w * x * x, hab + w * x, hbb + w
        determinant = haa * hbb - hab * hab
        step_a, step_b = (hbb * ga - hab * gb) / determinant, (haa * gb - hab * ga) / determinant
        a, b = a - step_a, b - step_b
        if abs(step_a) + abs(step_b) < 1e-9:
            break
    return Calibration(1 / a, b)


def reliability(confidences: Sequence[float], correct: Sequence[bool], edges: Sequence[float] = BUCKETS) -> list[dict]:
    """Per confidence bucket [from, to) (the last one closed): how many answers, their mean
    confidence and the share that is right."""
    table = []
    for low, high in zip(edges, edges[1:]):
        last = high == edges[-1]
        inside = [(c, y) for c, y in zip(confidences, correct) if low <= c < high or (last and c == high)]
        if inside:
            table.append({"from": low, "to": high, "n": len(inside),
                          "confidence": round(sum(c for c, _ in inside) / len(inside), 3),
                          "accuracy": round(sum(y for _, y in inside) / len(inside), 3)})
    return table


def calibration_error(table: list[dict]) -> float:
    """Expected calibration error: the gap between confidence and accuracy, bucket-weighted."""
    total = sum(row["n"] for row in table)
    return round(sum(row["n"] * abs(row["confidence"] - row["accuracy"]) for row in table) / total, 4) if total else 0.0

