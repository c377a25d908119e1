"""The status bar says a job's progress in the UI's language: the engine reports it in English."""

from __future__ import annotations

import ast
import re
import threading
from pathlib import Path

import pytest

from app.i18n import install_translators
from widgets.status_bar import JobStatusBar

ENGINE = Path(__file__).resolve().parent.parent / "engine"
HANZI = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def engine_progress_messages() -> set[str]:
    """Every literal message the engine passes to ``progress(fraction, message)`` or a store's
    ``report(fraction, message)``."""
    found = set()
    for path in ENGINE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) != 2:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            message = node.args[1]
            if name in {"progress", "report", "on_progress"} and isinstance(message, ast.Constant) \
                    and isinstance(message.value, str):
                found.add(message.value)
    return found


@pytest.fixture
def chinese(qapp):
    translators = install_translators(qapp, "zh")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def test_every_progress_message_of_the_engine_is_said_in_chinese(chinese, services):
    bar = JobStatusBar(services.runner)
    messages = engine_progress_messages()
    assert {"Writing", "Loading weights", "Ranking sentences"} <= messages  # the scan finds them
    for message in messages | {"Reading couplet", "Moving to cpu", "mean: layer 2"}:
        said = bar.job_message(message)
        assert HANZI.search(said), (message, said)
    assert bar.job_message("12/40") == "12/40"  # a count stays as it is


def test_english_ui_keeps_the_engine_s_words(services):
    assert JobStatusBar(services.runner).job_message("Writing") == "Writing"


def test_a_running_job_s_state_is_in_the_ui_language(chinese, services, qtbot):
    """Not 对联 — Writing（另有 1 项）."""
    bar = JobStatusBar(services.runner)
    qtbot.addWidget(bar)
    release = threading.Event()

    def job(ctx):
        ctx.progress(None, "Writing")
        while not release.wait(0.01):
            ctx.check()

    try:
        services.runner.submit(job, "摘要")
        services.runner.submit(job, "对联")
        qtbot.waitUntil(lambda: "对联 — 正在写" in bar.job_label.text() and "另有 1 项" in bar.job_label.text(),
                        timeout=10_000)
        assert not LATIN.search(bar.job_label.text()), bar.job_label.text()
    finally:
        release.set()
        services.runner.cancel_all()
