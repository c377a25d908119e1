"""Glicko-2 ratings (Glickman, "Example of the Glicko-2 system", 2013), as lichess rates a
person's puzzles: after each puzzle the person's rating moves against the puzzle's rating, as if
the puzzle were an opponent (solved: a win; failed: a loss). Also the person's puzzle progress
(rating, history, streak) and the choice of the next puzzle near the rating.

The paper's worked example (three games in one rating period):

    >>> player = Glicko(1500, 200, 0.06)
    >>> after = player.update([(Glicko(1400, 30), 1.0), (Glicko(1550, 100), 0.0), (Glicko(1700, 300), 0.0)])
    >>> round(after.rating, 2), round(after.deviation, 2), round(after.volatility, 6)
    (1464.05, 151.52, 0.059996)

(the paper, rounding as it goes, prints 1464.06, 151.52 and 0.05999.)
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only the type: the ratings need none of the puzzle finder's imports
    from engine.xiangqi.puzzles import Puzzle

SCALE = 173.7178
TAU = 0.5
"""The system constant: how fast the volatility may change (Glickman suggests 0.3 to 1.2)."""
EPSILON = 1e-6
PUZZLE_DEVIATION = 80.0
"""The puzzles' rating deviation (their ratings are fixed estimates, not learnt here)."""


@dataclass(frozen=True)
class Glicko:
    rating: float = 1500.0
    deviation: float = 350.0
    volatility: float = 0.06

    def update(self, games: Sequence[tuple[Glicko, float]], tau: float = TAU) -> Glicko:
        """The rating after one period of ``games`` (opponent, score 1 / 0.5 / 0); no games:
        only the deviation grows."""
        mu, phi, sigma = (self.rating - 1500) / SCALE, self.deviation / SCALE, self.volatility
        if not games:
            return Glicko(self.rating, min(350.0, math.sqrt(phi**2 + sigma**2) * SCALE), sigma)
        v_inverse = delta_sum = 0.0
        for opponent, score in games:
            mu_j, phi_j = (opponent.rating - 1500) / SCALE, opponent.deviation / SCALE
            g = 1 / math.sqrt(1 + 3 * phi_j**2 / math.pi**2)
            expected = 1 / (1 + math.exp(-g * (mu - mu_j)))
            v_inverse += g**2 * expected * (1 - expected)
            delta_sum += g * (score - expected)
        v = 1 / v_inverse
        delta = v * delta_sum
        sigma = _new_volatility(delta, phi, v, sigma, tau)
        phi_star = math.sqrt(phi**2 + sigma**2)
        phi = 1 / math.sqrt(1 / phi_star**2 + 1 / v)
        mu = mu + phi**2 * delta_sum
        return Glicko(mu * SCALE + 1500, phi * SCALE, sigma)


def _new_volatility(delta: float, phi: float, v: float, sigma: float, tau: float) -> float:
    """Step 5 of the paper: the Illinois algorithm on f(x) = 0."""
    a = math.log(sigma**2)

    def f(x: float) -> float:
        ex = math.exp(x)
        return ex * (delta**2 - phi**2 - v - ex) / (2 * (phi**2 + v + ex) ** 2) - (x - a) / tau**2

    big_a = a
    if delta**2 > phi**2 + v:
        big_b = math.log(delta**2 - phi**2 - v)
    else:
        k = 1
        while f(a - k * tau) < 0:
            k += 1
        big_b = a - k * tau
    f_a, f_b = f(big_a), f(big_b)
    while abs(big_b - big_a) > EPSILON:
        big_c = big_a + (big_a - big_b) * f_a / (f_b - f_a)
        f_c = f(big_c)
        if f_c * f_b <= 0:
            big_a, f_a = big_b, f_b
        else:
            f_a /= 2
        big_b, f_b = big_c, f_c
    return math.exp(big_a / 2)


@dataclass
class PuzzleProgress:
    """A person's puzzle rating, the puzzles tried (id, solved, rating after) and the streak
    of puzzles solved in a row; ``to_dict``/``from_dict`` for the settings."""

    rating: Glicko = field(default_factory=Glicko)
    history: list[tuple[str, bool, float]] = field(default_factory=list)
    streak: int = 0
    best_streak: int = 0

    def record(self, puzzle_id: str, puzzle_rating: float, solved: bool) -> float:
        """Rate one puzzle; returns the rating change."""
        before = self.rating.rating
        self.rating = self.rating.update([(Glicko(puzzle_rating, PUZZLE_DEVIATION), 1.0 if solved else 0.0)])
        self.streak = self.streak + 1 if solved else 0
        self.best_streak = max(self.best_streak, self.streak)
        self.history.append((puzzle_id, solved, round(self.rating.rating, 1)))
        return self.rating.rating - before

    def tried(self) -> set[str]:
        return {puzzle_id for puzzle_id, _, _ in self.history}

    def to_dict(self) -> dict[str, object]:
        return {"rating": asdict(self.rating), "history": [list(item) for item in self.history],
                "streak": self.streak, "best_streak": self.best_streak}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PuzzleProgress:
        """The saved progress; anything unreadable starts afresh rather than failing."""
        try:
            rating = Glicko(**{key: float(value) for key, value in data["rating"].items()})
            history = [(str(a), bool(b), float(c)) for a, b, c in data.get("history", [])]
            return cls(rating, history, int(data.get("streak", 0)), int(data.get("best_streak", 0)))
        except (KeyError, TypeError, ValueError, AttributeError):
            return cls()


def choose_next(puzzles: Sequence[Puzzle], rating: float, tried: set[str], rng: random.Random | None = None,
                nearest: int = 20) -> Puzzle | None:
    """One of the ``nearest`` untried puzzles closest to ``rating`` (by their ``rating``; all
    puzzles again once every one has been tried); None when there are none."""
    rng = rng or random.Random()
    pool = [p for p in puzzles if p.id not in tried] or list(puzzles)
    if not pool:
        return None
    pool.sort(key=lambda p: abs(p.rating - rating))
    return rng.choice(pool[:nearest])
