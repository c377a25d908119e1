"""``wenqi --self-test``: models load and generate, tab hooks run, failures give exit code 1."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QLabel, QWidget

from app.self_test import run_self_test
from app.tabs import TabSpec

ROOT = Path(__file__).resolve().parent.parent


class HookedTab(QWidget):
    def __init__(self, services, parent=None):
        super().__init__(parent)

    def tab_title(self):
        return "Hooked"

    @staticmethod
    def self_test(services):
        loaded = services.store.load("tiny-gpt2", services.device.device, services.device.dtype)
        return f"hook saw {loaded.name}"


class FailingHookTab(HookedTab):
    @classmethod
    def self_test(cls, services):
        raise ValueError("the tiny inference went wrong")


class PlainTab(QLabel):
    def __init__(self, services, parent=None):
        super().__init__("plain", parent)

    def tab_title(self):
        return "Plain"


class BrokenTab(QWidget):
    def __init__(self, services, parent=None):
        raise RuntimeError("cannot build")


def spec(key, class_name):
    return TabSpec(key, __name__, class_name)


@pytest.fixture
def bundled(monkeypatch, tmp_path, tiny_model_dir, qapp):
    """A bundled-models folder holding the tiny GPT-2; the app's translators removed after."""
    models = tmp_path / "models"
    shutil.copytree(tiny_model_dir, models / "tiny-gpt2")
    monkeypatch.setattr("engine.runtime.store.bundled_models_dir", lambda: models)
    yield models
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)


def run(tabs, tmp_path, capsys):
    report_file = tmp_path / "report.json"
    code = run_self_test(["wenqi", "--self-test"], tabs=tabs, json_path=str(report_file))
    report = json.loads(report_file.read_text(encoding="utf-8"))
    checks = {c["name"]: c for c in report["checks"]}
    return code, report, checks, capsys.readouterr().out


def test_models_generate_and_tab_hooks_run(bundled, tmp_path, capsys):
    code, report, checks, out = run([spec("hooked", "HookedTab"), spec("plain", "PlainTab")], tmp_path, capsys)
    assert code == 0 and report["passed"]
    assert checks["model tiny-gpt2"]["status"] == "ok"
    assert "GPT2LMHeadModel" in checks["model tiny-gpt2"]["detail"]
    assert (checks["tab hooked self_test"]["status"], checks["tab hooked self_test"]["detail"]) == (
        "ok", "hook saw tiny-gpt2")
    assert checks["tab plain self_test"]["status"] == "skip"
    assert checks["resources"]["status"] == "ok" and "SVG icon renders" in checks["resources"]["detail"]
    assert 0 < report["window_s"] <= report["first_result_s"] <= report["total_s"]
    assert checks["first GPT move"]["status"] == "skip" and report["first_move_s"] is None  # no xiangqi-gpt here
    assert checks["libraries"]["status"] == "ok" and "status bar: " in checks["libraries"]["detail"]
    assert "PASSED" in out and "hook saw tiny-gpt2" in out


def test_a_failing_hook_or_tab_fails_the_run_and_the_rest_still_runs(bundled, tmp_path, capsys):
    tabs = [spec("bad", "FailingHookTab"), spec("broken", "BrokenTab"), spec("hooked", "HookedTab"),
            TabSpec("missing", "widgets.does_not_exist", "Nope")]
    code, report, checks, out = run(tabs, tmp_path, capsys)
    assert code == 1 and not report["passed"]
    assert checks["tab missing imports"]["status"] == "fail" and "tab missing loads" not in checks
    assert checks["tab bad self_test"]["status"] == "fail"
    assert "the tiny inference went wrong" in checks["tab bad self_test"]["detail"]
    assert checks["tab broken loads"]["status"] == "fail"
    assert checks["tab hooked self_test"]["status"] == "ok"
    assert "FAILED" in out


def test_a_damaged_bundled_model_fails_the_run(bundled, tmp_path, capsys):
    weights = next(bundled.glob("tiny-gpt2/*.safetensors"))
    weights.write_bytes(b"not a safetensors file")
    code, _report, checks, _out = run([], tmp_path, capsys)
    assert code == 1
    assert checks["model tiny-gpt2"]["status"] == "fail"
    assert "cannot be loaded" in checks["model tiny-gpt2"]["detail"]


@pytest.mark.slow
def test_the_real_app_passes_its_self_test(tmp_path):
    """What the installers run: every bundled model and every registered tab of this tree."""
    env = {**os.environ, "WENQI_DATA_DIR": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "QT_QPA_PLATFORM": "offscreen"}
    report = tmp_path / "self-test.json"
    proc = subprocess.run([sys.executable, "-m", "app", "--self-test", "--self-test-json", str(report)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PASSED" in proc.stdout
    summary = json.loads(report.read_text(encoding="utf-8"))
    checks = {check["name"]: check for check in summary["checks"]}
    assert checks["first GPT move"]["status"] == "ok" and 0 < summary["first_move_s"] < summary["total_s"]
    for tab in ("couplet", "math", "summarize", "attention"):
        assert checks[f"tab {tab} self_test"]["status"] == "ok", checks[f"tab {tab} self_test"]


def test_the_summary_says_how_this_copy_is_installed():
    from app.self_test import how_installed

    assert how_installed("/x/lib/python3.11/site-packages/engine/__init__.py") == "installed"
    assert how_installed("/usr/lib/python3/dist-packages/engine/__init__.py") == "installed"
    assert how_installed("/home/me/wenqi/engine/__init__.py") == "source"
