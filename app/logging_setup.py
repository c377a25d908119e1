"""Logging to a file in the user's data folder, set up before anything else runs.

A windowed frozen build (PyInstaller, --windowed) has ``sys.stdout``/``sys.stderr`` set to
None; transformers and tqdm write to them and would crash, so we point them at the log.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from engine.paths import log_file


def setup_logging(path: Path | None = None, level: int = logging.INFO) -> Path:
    path = path or log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=2, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
    if sys.stdout is None or sys.stderr is None:
        stream = open(path.with_suffix(".out.log"), "a", encoding="utf-8", buffering=1)  # noqa: SIM115
        if sys.stdout is None:
            sys.stdout = stream
        if sys.stderr is None:
            sys.stderr = stream
    logging.captureWarnings(True)
    return path
