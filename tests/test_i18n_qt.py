"""Qt's own dialogs in the UI's language: qtbase_zh_CN.qm found and installed, the file dialog's
"Folder" (Qt 6's QAbstractFileIconProvider, which qtbase_zh_CN lacks) translated by ours, and Qt's
locale following the UI language, so the file dialog's sizes, dates and MIME type names are
Chinese in a Chinese UI on a system whose locale is C (issue 36: "Folder", "bytes", "6 12 2026")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from app.i18n import install_translators, qt_translations_dirs

ROOT = Path(__file__).resolve().parent.parent


def test_qt_s_own_chinese_is_found_and_installed(qapp):
    assert any((folder / "qtbase_zh_CN.qm").is_file() for folder in qt_translations_dirs())
    translators = install_translators(qapp, "zh")
    try:
        assert len(translators) == 2  # ours and Qt's qtbase
        assert QCoreApplication.translate("QFileSystemModel", "Date Modified") == "修改日期"  # from qtbase_zh_CN
        assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms") == "文件夹"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_the_spec_bundles_qt_s_chinese():
    assert "qtbase_zh_CN.qm" in (ROOT / "build" / "wenqi.spec").read_text(encoding="utf-8")


# Run in a fresh process: Qt reads its system locale once, when it starts.
DIALOG = r"""
import json, os, sys, time
from pathlib import Path
from app.i18n import install_translators, qt_system_locale
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel
folder = Path(sys.argv[1])
with qt_system_locale(sys.argv[2]):
    app = QApplication([])
install_translators(app, sys.argv[2])
from widgets.fonts import install_ui_font
install_ui_font(app)  # the bundled CJK font, as the app does: the screenshot is readable
dialog = QFileDialog(None, "open", str(folder))
dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
dialog.setViewMode(QFileDialog.ViewMode.Detail)
dialog.resize(900, 500)
dialog.show()
model = dialog.findChild(QFileSystemModel)
root = model.index(str(folder))
deadline = time.monotonic() + 30
while model.rowCount(root) < 2 and time.monotonic() < deadline:
    app.processEvents()
rows = {model.index(r, 0, root).data(): [model.index(r, c, root).data() for c in range(1, 4)]
        for r in range(model.rowCount(root))}
app.processEvents()
dialog.grab().save(sys.argv[3])
print(json.dumps({"rows": rows, "lang": os.environ.get("LANG"), "lc_all": os.environ.get("LC_ALL")}))
"""


def _file_dialog_rows(tmp_path, language, artifacts):
    (tmp_path / "folder").mkdir()
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    environ.update(LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen")
    shot = artifacts / f"file_dialog_{language}.png"
    done = subprocess.run([sys.executable, "-c", DIALOG, str(tmp_path), language, str(shot)], cwd=ROOT,
                          env=environ, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_file_dialog_speaks_chinese_on_a_c_locale_system(tmp_path, artifacts):
    shown = _file_dialog_rows(tmp_path, "zh", artifacts)
    folder_type = shown["rows"]["folder"][1]
    size, kind, date = shown["rows"]["notes.txt"]
    assert folder_type == "文件夹", folder_type
    assert "字节" in size and "bytes" not in size
    assert kind == "纯文本文档", kind
    assert "/" in date or "年" in date, date  # 2026/12/6, not "6 12 2026"
    # the user's own locale again for the processes the app starts
    assert shown["lang"] == "C.UTF-8" and shown["lc_all"] is None


def test_the_english_ui_keeps_english_in_the_file_dialog(tmp_path, artifacts):
    size, kind, _date = _file_dialog_rows(tmp_path, "en", artifacts)["rows"]["notes.txt"]
    assert "bytes" in size and kind == "plain text document"
