"""Load the bundled CJK font so Chinese never renders as boxes, even on a bare Linux."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from engine.paths import resources_dir

log = logging.getLogger(__name__)


def load_bundled_fonts() -> list[str]:
    """Register every font in resources/fonts; returns the family names added."""
    families: list[str] = []
    for path in sorted((resources_dir() / "fonts").glob("*.[ot]tf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load font %s", path)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def install_ui_font(app: QApplication) -> QFont:
    """Keep the platform's UI font first and put the bundled CJK font behind it as fallback."""
    families = load_bundled_fonts()
    font = app.font()
    font.setFamilies([font.family(), *families])
    app.setFont(font)
    return font
