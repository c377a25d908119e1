"""How fast the Attention tab is on this machine: capture time and repaint time at n tokens.

Loads a model once, then times (fastest and median of ``--repeats``):

- ``capture``: the tab's job minus loading (``prepare_capture``): the forward pass with every
  layer's and head's map, the queries and keys, the labels, the rollout and the thumbnails;
- ``show``: the tab taking a new capture (thumbnail mosaic, rollout, first head drawn);
- ``switch``: picking another head (heatmap, head view) plus a full synchronous paint of the tab.

    QT_QPA_PLATFORM=offscreen python -m widgets.attention_bench --model xiangqi-gpt --tokens 512
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import torch  # noqa: F401 - before PySide6, as in the app


def _timed(fn, repeats: int) -> dict:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return {"fastest_ms": round(min(times) * 1000, 2), "median_ms": round(statistics.median(times) * 1000, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.attention_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True, help="a bundled model's name or a model folder")
    parser.add_argument("--tokens", type=int, default=512)
    parser.add_argument("--text", default="春风得意马蹄疾，一日看尽长安花。", help="repeated until --tokens is reached")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
    loaded = ModelStore().load(args.model)
    text = args.text * (args.tokens // max(1, len(args.text)) + 2)
    prepare_capture(loaded, text, args.tokens)  # warm-up
    captured = _timed(lambda: prepare_capture(loaded, text, args.tokens), args.repeats)
    capture = prepare_capture(loaded, text, args.tokens)
    stack = capture.stacks[0]

    settings = Settings(QSettings(str(Path(os.environ.get("TMPDIR", "/tmp")) / "wenqi-attention-bench.ini"),
                                  QSettings.Format.IniFormat))
    tab = AttentionTab(AppServices(settings))
    tab.resize(1500, 900)
    tab.show()
    app.processEvents()
    shown = _timed(lambda: (tab.show_capture(capture), tab.grab()), args.repeats)
    heads = iter(range(10**6))

    def switch():
        index = next(heads)
        tab.select(index % stack.layers, index % stack.heads)
        tab.grab()

    switched = _timed(switch, args.repeats)
    report = {
        "model": capture.model, "device": choice.label, "tokens": len(stack.key_labels),
        "layers": stack.layers, "heads": stack.heads, "capture": captured, "show": shown,
        "switch_and_paint": switched, "select_only_ms": round(tab.last_redraw_seconds * 1000, 2),
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
