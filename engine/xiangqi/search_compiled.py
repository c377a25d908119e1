"""The compiled search (``_csearch.c``), when it was built: loaded and handed its tables.

``setup.py`` builds ``engine.xiangqi._csearch`` where a C compiler is at hand (optional: the
install goes on without it). The C code holds no geometry, keys or weights of its own: ``load``
flattens ``board``'s move tables and Zobrist keys, ``search_board``'s general tables,
``evaluation``'s tables and term weights and the search's constants into the one ``init`` call,
so a change to any of them reaches both searches. ``engine_search`` uses the compiled search
when ``load`` returns it and its own Python search otherwise.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from types import ModuleType

from engine.xiangqi import board as rules
from engine.xiangqi.evaluation import LAZY_MARGIN, PHASE_MAX, PHASE_WEIGHTS, TABLES
from engine.xiangqi.search_board import KING_CHECKED, KING_EXPOSED, KING_LINE


ABI = 1
"""``ABI_VERSION`` of the C sources this module was written for: a module built from older
sources (a stale build left beside the sources) is not used."""


def _built() -> ModuleType | None:
    try:
        from engine.xiangqi import _csearch
    except ImportError:  # not built here: the pure-Python search applies
        return None
    if getattr(_csearch, "ABI", None) != ABI:
        warnings.warn("engine/xiangqi/_csearch was built from other sources: rebuild it (pip install -e .); "
                      "the engine uses its Python search meanwhile", RuntimeWarning, stacklevel=2)
        return None
    return _csearch


def _padded(rows: Iterable[Sequence[int]], width: int) -> list[int]:
    flat: list[int] = []
    for row in rows:
        flat.extend(row)
        flat.extend([-1] * (width - len(row)))
    return flat


def _signed(per_code: Sequence[Sequence[int]] | dict[int, list[int]], fill: int = 0) -> list[int]:
    """15 rows of 90, indexed by code + 7 (black's codes first, slot 7 an empty point)."""
    flat: list[int] = []
    for code in range(-7, 8):
        flat.extend(per_code[code] if code else [fill] * 90)
    return flat


def _tables(values: Sequence[int], futility: Sequence[int], reverse_futility: int,
            compiled_in: Sequence[int]) -> dict[str, object]:
    colours = (False, True)  # index 0 black, 1 red, as the C code's colours
    return {
        "zobrist": _signed(rules._ZOBRIST),
        "zobrist_black": rules._ZOBRIST_BLACK_TO_MOVE,
        "mg": _signed(TABLES.mg),
        "eg": _signed(TABLES.eg),
        "phase": [PHASE_WEIGHTS[abs(code)] if code else 0 for code in range(-7, 8)],
        "values": [values[code] for code in range(-7, 8)],
        "rays": [t for sq in range(90) for ray in rules._RAYS[sq] for t in (*ray, *[-1] * (9 - len(ray)))],
        "knight": _padded(([x for leg, (t, _) in rules._KNIGHT_MOVES[sq] for x in (leg, t)] for sq in range(90)), 16),
        "knight_attackers": _padded(([x for pair in rules._KNIGHT_ATTACKERS[sq] for x in pair] for sq in range(90)),
                                    16),
        "bishop": _padded(([x for eye, (t, _) in rules._BISHOP_MOVES[colour][sq] for x in (eye, t)]
                           for colour in colours for sq in range(90)), 8),
        "steps": _padded(([t for t, _ in table[colour][sq]]
                          for table in (rules._PAWN_MOVES, rules._KING_MOVES, rules._ADVISOR_MOVES)
                          for colour in colours for sq in range(90)), 4),
        "pawn_attackers": _padded((rules._PAWN_ATTACKERS[colour][sq] for colour in colours for sq in range(90)), 3),
        "king_line": [int(x) for row in KING_LINE for x in row],
        "king_exposed": [int(x) for row in KING_EXPOSED for x in row],
        "king_checked": [int(x) for row in KING_CHECKED for x in row],
        "has_terms": [int(bool(TABLES.terms_mg))],
        "terms": [*(TABLES.terms_mg or (0.0,) * 3), *(TABLES.terms_eg or (0.0,) * 3)],
        "scalars": [PHASE_MAX, LAZY_MARGIN, reverse_futility, *compiled_in],
        "futility": list(futility),
    }


def load(values: Sequence[int], futility: Sequence[int], reverse_futility: int,
         compiled_in: Sequence[int]) -> ModuleType | None:
    """The compiled module, initialised with these values, or None where it was not built.
    ``compiled_in``: MATE, MATE_BOUND, RULE_WIN, MAX_PLY, INFINITE, LOWER, UPPER, which the C
    code has as constants: ``init`` refuses values that differ."""
    module = _built()
    if module is not None:
        module.init(_tables(values, futility, reverse_futility, compiled_in))
    return module
