"""UI language. Source strings are English; resources/i18n/wenqi_zh_CN.qm gives Chinese.

Regenerate after changing UI strings (both tools ship with PySide6-Essentials; name the
files: given bare folders without ``-extensions py``, lupdate finds nothing and drops every entry):

    pyside6-lupdate $(ls app/*.py widgets/*.py) -ts resources/i18n/wenqi_zh_CN.ts -no-obsolete
    pyside6-lrelease resources/i18n/wenqi_zh_CN.ts -qm resources/i18n/wenqi_zh_CN.qm
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from engine.paths import resources_dir

_QM_FILES = {"zh": "wenqi_zh_CN.qm"}

# Qt 6's file dialog labels that Qt's own qtbase_zh_CN lacks (it has the Qt 5 forms, without
# the '&'). Ours translates them in Qt's context; Qt asks it when its own translator has nothing.
QT_GAPS = (QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"), QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"))


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Install Wenqi's and Qt's own translations; English needs none."""
    translators: list[QTranslator] = []
    if language not in _QM_FILES:
        return translators
    ours = QTranslator(app)
    if ours.load(str(resources_dir() / "i18n" / _QM_FILES[language])):
        app.installTranslator(ours)
        translators.append(ours)
    qt_own = QTranslator(app)  # standard dialogs (buttons, the file dialog) in Chinese
    if qt_own.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        translators.append(qt_own)
    return translators
