"""The opponents' names in the UI's language (the list itself is ``engine.xiangqi.opponents``),
with their ratings where measured."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from engine.xiangqi.names import RATINGS
from engine.xiangqi.opponents import Opponent


def _translate(text: str) -> str:
    return QCoreApplication.translate("XiangqiOpponents", text)


def _with_rating(label: str, level: str) -> str:
    rating = RATINGS.get(level)
    if rating is None:
        return _translate("%1 (unrated)").replace("%1", label)
    return _translate("%1 (Elo ~%2)").replace("%1", label).replace("%2", str(rating))


def opponent_label(opponent: Opponent) -> str:
    """``Engine, 2 plies (Elo ~1720)``, ``Fairy-Stockfish level 3``: what the opponent box shows."""
    fixed = {  # tr() with literal strings, for lupdate
        "human": lambda: _translate("Human (both sides here)"),
        "random": lambda: _translate("Random mover"),
        "greedy": lambda: _translate("Greedy capturer"),
        "engine:search": lambda: _translate("Engine, strongest"),
        "engine:search-4": lambda: _translate("Engine, 4 plies"),
        "engine:search-2": lambda: _translate("Engine, 2 plies"),
        "gpt:strongest": lambda: _translate("GPT alone, strongest"),
        "gpt:strong": lambda: _translate("GPT, strong"),
        "gpt:medium": lambda: _translate("GPT, medium"),
        "gpt:easy": lambda: _translate("GPT, easy"),
    }
    if opponent.engine_name:
        return _translate("%1 level %2").replace("%1", opponent.engine_name).replace("%2", opponent.level[1:])
    label = fixed[opponent.key]() if opponent.key in fixed else opponent.key
    return _with_rating(label, opponent.level) if opponent.kind in ("engine", "gpt") else label
