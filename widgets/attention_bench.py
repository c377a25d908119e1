"""How fast the Attention tab is on this machine: capture time and repaint time at n tokens.

Loads a model once, then times (fastest and median of ``repeats``):

- ``capture``: the tab's job minus loading (``prepare_capture``): the forward pass with every
  layer's and head's map, the queries and keys, the labels, the rollout and the thumbnails;
- ``show``: the tab taking a new capture (thumbnail mosaic, rollout, first head drawn);
- ``switch``: picking another head (heatmap, head view) plus a full synchronous paint of the tab.

    wenqi --bench-attention xiangqi-gpt --bench-tokens 512 [--bench-repeats 5] [--bench-json FILE]

(its options are declared in ``app/cli.py``, with the app's others; a widget never imports the app).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_TOKENS = 512
DEFAULT_TEXT = "春风得意马蹄疾，一日看尽长安花。"
DEFAULT_REPEATS = 5


def _timed(fn: Callable[[], object], repeats: int) -> dict[str, float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return {"fastest_ms": round(min(times) * 1000, 2), "median_ms": round(statistics.median(times) * 1000, 2)}


def game_text(plies: int, seed: int = 0) -> str:
    """What the xiangqi GPT reads: ``[*] [START]`` and the moves of a random legal game of up to
    ``plies`` moves (fewer if it ends in mate).

        >>> game_text(2).split()[:2]
        ['[*]', '[START]']
    """
    import random

    from engine.xiangqi import Board
    from engine.xiangqi.tokens import RESULT_TOKENS, START

    board, rng, moves = Board(), random.Random(seed), []
    while len(moves) < plies and (legal := board.legal_moves()):
        move = rng.choice(legal)
        board.push(move)
        moves.append(move.iccs())
    return " ".join([RESULT_TOKENS["*"], START, *moves])


def bench_attention_tab(model: str, tokens: int = DEFAULT_TOKENS, text: str | None = None,
                        repeats: int = DEFAULT_REPEATS) -> dict[str, Any]:
    """The report: capture, show and switch-and-paint times (fastest and median of ``repeats``)
    of ``model`` on ``text`` repeated to ``tokens`` tokens, on the CPU, offscreen. Without a
    text: a random legal game for the xiangqi GPT (it reads moves: verse would be one unknown
    token), a line of verse for the others."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import torch  # noqa: F401 - before PySide6, as the app does on Windows

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from widgets.fonts import install_ui_font
    from widgets.services import AppServices
    from widgets.settings import Settings
    from engine.runtime.device import choose_device
    from engine.runtime.store import ModelStore
    from widgets.attention_tab import AttentionTab, prepare_capture

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_ui_font(app)
    choice = choose_device("cpu")
    loaded = ModelStore().load(model)
    if text is None:
        from engine.xiangqi.tokens import START

        reads_moves = START in loaded.tokenizer.get_vocab()
        text = game_text(tokens) if reads_moves else DEFAULT_TEXT
    text = text * (tokens // max(1, len(text)) + 2) if len(text) < tokens else text
    prepare_capture(loaded, text, tokens)  # warm-up
    captured = _timed(lambda: prepare_capture(loaded, text, tokens), repeats)
    capture = prepare_capture(loaded, text, tokens)
    stack = capture.stacks[0]

    settings = Settings(QSettings(str(Path(os.environ.get("TMPDIR", "/tmp")) / "wenqi-attention-bench.ini"),
                                  QSettings.Format.IniFormat))
    tab = AttentionTab(AppServices(settings))
    tab.resize(1500, 900)
    tab.show()
    app.processEvents()
    shown = _timed(lambda: (tab.show_capture(capture), tab.grab()), repeats)
    heads = iter(range(10**6))

    def switch() -> None:
        index = next(heads)
        tab.select(index % stack.layers, index % stack.heads)
        tab.grab()

    switched = _timed(switch, repeats)
    return {
        "model": capture.model, "device": choice.label, "tokens": len(stack.key_labels),
        "layers": stack.layers, "heads": stack.heads, "capture": captured, "show": shown,
        "switch_and_paint": switched, "select_only_ms": round(tab.last_redraw_seconds * 1000, 2),
    }
