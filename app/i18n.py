"""UI language. Source strings are English; resources/i18n/wenqi_zh_CN.qm gives Chinese, Qt's own
qtbase_zh_CN.qm (from PySide6) its standard dialogs, and the language's locale Qt's numbers, sizes,
dates and MIME type names.

Regenerate after changing UI strings (both tools ship with PySide6-Essentials; name the
files: given bare folders without ``-extensions py``, lupdate finds nothing and drops every entry):

    pyside6-lupdate $(ls app/*.py widgets/*.py) -ts resources/i18n/wenqi_zh_CN.ts -no-obsolete
    pyside6-lrelease resources/i18n/wenqi_zh_CN.ts -qm resources/i18n/wenqi_zh_CN.qm
"""

from __future__ import annotations

import os
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from engine.paths import resources_dir

_QM_FILES = {"zh": "wenqi_zh_CN.qm"}
_LOCALES = {"zh": QLocale(QLocale.Language.Chinese, QLocale.Country.China),
            "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)}
_LOCALE_VARIABLES = ("LC_ALL", "LANG")

# Qt 6's file dialog labels that Qt's own qtbase_zh_CN lacks (it has the Qt 5 forms, without
# the '&'). Ours translates them in Qt's context; Qt asks it when its own translator has nothing.
QT_GAPS = (QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"), QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"))


def _qt_file_types() -> tuple[str, ...]:
    """Never called: lupdate reads these (QT_TRANSLATE_NOOP3 it skips). The file dialog's "Type"
    column of Qt 6 (QAbstractFileIconProvider::type, with Qt's own disambiguations), which
    qtbase_zh_CN has only under Qt 5's QFileIconProvider: "Folder" stayed English."""
    translate = QCoreApplication.translate
    return (translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
            translate("QAbstractFileIconProvider", "File Folder", "Match Windows Explorer"),
            translate("QAbstractFileIconProvider", "Shortcut", "All other platforms"),
            translate("QAbstractFileIconProvider", "Alias", "OS X Finder"),
            translate("QAbstractFileIconProvider", "Drive"),
            translate("QAbstractFileIconProvider", "Unknown"))


@contextmanager
def qt_system_locale(language: str, environ: MutableMapping[str, str] | None = None) -> Iterator[None]:
    """Create the QApplication inside: Qt's system and default locales then follow the UI language.

    Qt reads the system locale from the environment once, and its file dialog formats sizes and
    dates with it (``6 12 2026``, ``5 bytes`` in the C locale a Chinese UI may run in). Inside,
    LC_ALL and LANG name the language's locale; the environment is restored on leaving, so
    processes the app starts (a UCI engine) get the user's own."""
    environ = os.environ if environ is None else environ
    locale = _LOCALES.get(language)
    saved = {name: environ.get(name) for name in _LOCALE_VARIABLES}
    if locale is not None:
        for name in _LOCALE_VARIABLES:
            environ[name] = f"{locale.name()}.UTF-8"
    try:
        yield
        QLocale.system()  # read now, while the environment says the language's locale
        if locale is not None:
            QLocale.setDefault(locale)  # QLocale(): the MIME type names of the file dialog
    finally:
        for name, value in saved.items():
            if value is None:
                environ.pop(name, None)
            else:
                environ[name] = value


def qt_translations_dirs() -> list[Path]:
    """Where Qt's own .qm files may be: Qt's configured folder, else PySide6's (the pip-installed
    app and PyInstaller's bundle both keep it under PySide6/Qt/translations)."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    return [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), package / "Qt" / "translations",
            package / "translations"]


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
    if any(qt_own.load(_LOCALES[language], "qtbase", "_", str(folder)) for folder in qt_translations_dirs()):
        app.installTranslator(qt_own)
        translators.append(qt_own)
    return translators
