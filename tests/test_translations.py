"""Chinese is the default UI language: every UI string must have a translation, compiled."""

import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "wenqi_zh_CN.ts"
QM = ROOT / "resources" / "i18n" / "wenqi_zh_CN.qm"


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        pytest.skip(f"{name} not installed")
    return found


def test_every_ui_string_is_translated(tmp_path):
    ts_copy = tmp_path / "check.ts"
    shutil.copy(TS, ts_copy)
    subprocess.run([_tool("pyside6-lupdate"), "-extensions", "py", "app", "widgets", "-ts", str(ts_copy),
                    "-no-obsolete"], cwd=ROOT, check=True, capture_output=True, timeout=120)
    untranslated = [
        message.findtext("source")
        for message in ElementTree.parse(ts_copy).iter("message")
        if message.find("translation").get("type") == "unfinished" or not message.findtext("translation")
    ]
    assert not untranslated, f"add Chinese for these to {TS.name}: {untranslated}"


def test_compiled_translations_are_current(tmp_path):
    fresh = tmp_path / "fresh.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(fresh)], check=True, capture_output=True, timeout=60)
    assert fresh.read_bytes() == QM.read_bytes(), "run pyside6-lrelease (see app/i18n.py)"


def test_translator_gives_chinese(qapp):
    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    finally:
        QCoreApplication.removeTranslator(translator)
