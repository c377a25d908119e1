"""Where bundled resources and per-user files live, in a source tree, a wheel or a frozen build."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "wenqi"


def resources_dir() -> Path:
    """The ``resources`` folder: next to the packages, or inside a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    import resources

    return Path(resources.__file__).resolve().parent


def bundled_models_dir() -> Path:
    return resources_dir() / "models"


def user_data_dir() -> Path:
    """A writable per-user folder for logs and history (created on demand)."""
    override = os.environ.get("WENQI_DATA_DIR")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / APP_NAME
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / APP_NAME
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / APP_NAME
    base.mkdir(parents=True, exist_ok=True)
    return base


def log_file() -> Path:
    return user_data_dir() / "wenqi.log"
