"""Start-up: the window comes up without torch or transformers (seconds of a cold start), and a
tab used before their background import has finished still works: its job waits for them.

Each check runs in a fresh interpreter: this test process imported torch long ago (conftest).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

START_THEN_SUMMARIZE = r"""
import json, sys
from PySide6.QtCore import QDeadlineTimer
from PySide6.QtWidgets import QWidget

from app.main import build_application
from app.main_window import MainWindow

app, services = build_application(["wenqi"])
window = MainWindow(services)
window.show()
app.processEvents()
heavy = sorted({name.split(".")[0] for name in sys.modules} & {"torch", "transformers"})
shown = window.status.device_label.text()

tab = window.findChild(QWidget, "tab-summarize")
tab.source.setPlainText("文棋是一个桌面应用。它可以下象棋，也可以写对联。它还能解数学应用题。"
                        "它也能为一段中文写出摘要。所有模型都在本机运行，不需要联网。")
tab.start()  # before the background import has even begun: the job imports what it needs
services.load_libraries()
deadline = QDeadlineTimer(120_000)
while not tab.output.toPlainText() and not deadline.hasExpired():
    app.processEvents()
while window.status.device_label.text() == shown and not deadline.hasExpired():
    app.processEvents()
print(json.dumps({"heavy_before_window": heavy, "status_before": shown, "summary": tab.output.toPlainText(),
                  "message": tab.message.text(), "status_after": window.status.device_label.text(),
                  "torch_after": "torch" in sys.modules}, ensure_ascii=False))
"""


def test_the_window_shows_without_torch_and_a_first_job_waits_for_it(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WENQI_DATA_DIR": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "LANG": "C.UTF-8"}
    done = subprocess.run([sys.executable, "-c", START_THEN_SUMMARIZE], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    # Only Windows imports torch before Qt (app.main.import_torch_first_on_windows); never transformers.
    assert result["heavy_before_window"] == (["torch"] if sys.platform == "win32" else [])
    assert result["status_before"] in ("Loading PyTorch…", "正在加载 PyTorch…")
    assert result["summary"], result["message"]
    assert result["torch_after"] and result["status_after"] != result["status_before"]
