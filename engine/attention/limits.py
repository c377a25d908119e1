"""How much one capture may take, importable without torch: the attention tab shows the token
limit before torch and transformers are loaded (``capture`` needs them)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

DEFAULT_MAX_TOKENS = 1024
MAX_TOKENS_CAP = 4096  # for a model whose config names no position limit
MAP_MEMORY_BUDGET = 3 * 2**30  # bytes the maps of one capture may take, the model's own copies included
_POSITION_KEYS = ("n_positions", "max_position_embeddings", "n_ctx")


def position_limit(config: Mapping) -> int | None:
    """How many tokens a model can read at once, from its config (a dict), or None when it
    does not say: a text longer than that is cut there."""
    for name in _POSITION_KEYS:
        value = config.get(name)
        if isinstance(value, int) and value > 0:
            return value
    return None


def folder_position_limit(folder: Path | str) -> int | None:
    """:func:`position_limit` of a model folder's ``config.json`` (no weights loaded); None
    when it cannot be read."""
    try:
        config = json.loads((Path(folder) / "config.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return position_limit(config) if isinstance(config, dict) else None
