"""The opponents' names in the UI's language (the list itself is ``engine.xiangqi.opponents``),
with their ratings where measured."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from engine.xiangqi.names import RATINGS
from engine.xiangqi.opponents import Opponent

translate = QCoreApplication.translate  # lupdate reads translate("XiangqiOpponents", "literal")


def _with_rating(label: str, level: str) -> str:
    rating = RATINGS.get(level)
    if rating is None:
        return translate("XiangqiOpponents", "%1 (unrated)").replace("%1", label)
    return translate("XiangqiOpponents", "%1 (Elo ~%2)").replace("%1", label).replace("%2", str(rating))


def opponent_label(opponent: Opponent) -> str:
    """``Engine, 2 plies (Elo ~1720)``, ``Fairy-Stockfish level 3``: what the opponent box shows."""
    fixed = {  # tr() with literal strings, for lupdate
        "human": lambda: translate("XiangqiOpponents", "Human (both sides here)"),
        "random": lambda: translate("XiangqiOpponents", "Random mover"),
        "greedy": lambda: translate("XiangqiOpponents", "Greedy capturer"),
        "engine:search": lambda: translate("XiangqiOpponents", "Engine, strongest"),
        "engine:search-4": lambda: translate("XiangqiOpponents", "Engine, 4 plies"),
        "engine:search-2": lambda: translate("XiangqiOpponents", "Engine, 2 plies"),
        "gpt:strongest": lambda: translate("XiangqiOpponents", "GPT alone, strongest"),
        "gpt:strong": lambda: translate("XiangqiOpponents", "GPT, strong"),
        "gpt:medium": lambda: translate("XiangqiOpponents", "GPT, medium"),
        "gpt:easy": lambda: translate("XiangqiOpponents", "GPT, easy"),
    }
    if opponent.engine_name:
        return (translate("XiangqiOpponents", "%1 level %2").replace("%1", opponent.engine_name)
                .replace("%2", opponent.level[1:]))
    label = fixed[opponent.key]() if opponent.key in fixed else opponent.key
    return _with_rating(label, opponent.level) if opponent.kind in ("engine", "gpt") else label
