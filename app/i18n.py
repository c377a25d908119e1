"""UI language. Source strings are English; resources/i18n/wenqi_zh_CN.qm gives Chinese.

Regenerate after changing UI strings (both tools ship with PySide6-Essentials):

    pyside6-lupdate app widgets -ts resources/i18n/wenqi_zh_CN.ts
    pyside6-lrelease resources/i18n/wenqi_zh_CN.ts -qm resources/i18n/wenqi_zh_CN.qm
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from engine.paths import resources_dir

_QM_FILES = {"zh": "wenqi_zh_CN.qm"}


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Install Wenqi's and Qt's own translations; English needs none."""
    translators: list[QTranslator] = []
    if language not in _QM_FILES:
        return translators
    ours = QTranslator(app)
    if ours.load(str(resources_dir() / "i18n" / _QM_FILES[language])):
        app.installTranslator(ours)
        translators.append(ours)
    qt_own = QTranslator(app)  # standard dialog buttons (OK, Cancel) in Chinese
    if qt_own.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        translators.append(qt_own)
    return translators
