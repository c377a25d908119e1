"""The Summarize tab end to end (offscreen): extractive without a model, the model by default
when one is installed, highlights of what was kept, bad input, files, drop, copy/save, cancel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from test_summarize_model import REPORT, SAMPLE, save_tiny_tagger

from engine.runtime.store import ModelStore
from widgets.summarize_tab import SummarizeTab

pytestmark = pytest.mark.usefixtures("one_thread")

LONG_TEXT = "".join(f"第{i}号项目在第{i % 37}区开工，投资{i * 7 % 100}亿元，预计{i % 5 + 1}年建成。" for i in range(700))


@pytest.fixture
def tab(qtbot, services, tmp_path):
    services.store = ModelStore(bundled_dir=tmp_path / "no-models")  # as if no model were bundled
    widget = SummarizeTab(services)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def choose(box, key: str) -> None:
    box.setCurrentIndex(box.findData(key))


def summarize(qtbot, tab) -> None:
    tab.start()
    assert not tab.summarize_button.isEnabled() and tab.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not tab.jobs.busy, timeout=20_000)


@pytest.mark.parametrize("text", [SAMPLE, LONG_TEXT])
def test_extractive_summary_with_highlights_and_counts(qtbot, tab, text):
    assert tab.tab_title() == "Summarize"
    assert "No summarization model" in tab.model_label.text()
    choose(tab.mode_box, "auto")
    choose(tab.length_box, "short")
    tab.source.setPlainText(text)
    told = []
    tab.services.modelChanged.connect(lambda: told.append(tab.model_name()))
    summarize(qtbot, tab)
    summary = tab.summary
    assert summary is not None and summary.mode == "extractive"
    assert tab.output.toPlainText() == summary.text and summary.text
    assert tab.message.text() == ""  # automatic, and the model label already says none is installed
    assert told and told[-1] == "" == tab.model_name()  # no model made this summary: the status bar names none
    assert f"{summary.source_chars:,}" in tab.summary_counts.text() and "%" in tab.summary_counts.text()
    highlighted = [s.cursor.selectedText() for s in tab.source.extraSelections()]
    assert highlighted == [s.text for s in summary.sources] * 2 and highlighted  # sentences, and kept: the same
    assert tab.copy_button.isEnabled() and tab.summarize_button.isEnabled()
    tab.copy_summary()
    assert QGuiApplication.clipboard().text() == summary.text
    tab.source.insertPlainText("再加一句。")  # editing the text drops the stale highlights
    assert tab.source.extraSelections() == []


@pytest.mark.parametrize("text, words", [("", "empty"), ("Only English here, no Chinese.", "not Chinese"),
                                         ("😀" * 40, "not Chinese"), ("，。！？……" * 20, "not Chinese"),
                                         ("中" * 1_000_000, "at most")])
def test_bad_input_gets_a_message_no_job_and_clears_the_last_summary(qtbot, tab, text, words):
    tab.source.setPlainText(SAMPLE)
    summarize(qtbot, tab)
    assert tab.output.toPlainText()
    tab.source.setPlainText(text)
    tab.start()
    assert not tab.jobs.busy and words in tab.message.text()
    assert tab.source.toPlainText() == text  # the input is kept
    assert tab.output.toPlainText() == "" and tab.summary is None and tab.summary_counts.text() == ""
    assert not tab.copy_button.isEnabled()


def test_open_drop_and_save_files(qtbot, tab, tmp_path):
    utf8 = tmp_path / "a.md"
    utf8.write_text(SAMPLE, encoding="utf-8")
    legacy = tmp_path / "b.txt"
    legacy.write_bytes(SAMPLE[:50].encode("gb18030"))
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"x" * 500_000)
    tab.open_file(str(utf8))
    assert tab.source.toPlainText() == SAMPLE
    tab.open_file(str(huge))
    assert "too large" in tab.message.text() and tab.source.toPlainText() == SAMPLE

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(legacy))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    tab.source.dropEvent(event)
    assert tab.source.toPlainText() == SAMPLE[:50]

    summarize(qtbot, tab)
    out = tmp_path / "summary.txt"
    tab.save_summary(str(out))
    assert out.read_text(encoding="utf-8") == tab.output.toPlainText() + "\n"
    tab.save_summary(str(tmp_path / "missing" / "summary.txt"))
    assert "Cannot save" in tab.message.text()


def test_cancel_leaves_the_tab_ready(qtbot, tab):
    tab.source.setPlainText(LONG_TEXT)
    tab.start()
    tab.cancel()
    qtbot.waitUntil(lambda: not tab.jobs.busy, timeout=20_000)
    assert tab.message.text() == "Cancelled." and tab.output.toPlainText() == ""
    assert tab.summarize_button.isEnabled() and not tab.cancel_button.isEnabled()


def test_asking_for_an_absent_model_says_why_the_summary_is_extractive(qtbot, tab):
    choose(tab.mode_box, "model")
    tab.source.setPlainText(SAMPLE)
    summarize(qtbot, tab)
    assert tab.summary.mode == "extractive"
    assert "could not be used" in tab.message.text() and "No model named 'summarize'" in tab.message.toolTip()
    tab.copy_summary()
    assert tab.message.toolTip() == ""  # the reason belongs to that message only


def test_installed_model_is_the_default_and_highlights_the_kept_characters(qtbot, services, tmp_path):
    services.settings.model_dirs = [str(save_tiny_tagger(tmp_path))]
    services.apply_engine_settings()
    tab = SummarizeTab(services)
    qtbot.addWidget(tab)
    assert "installed" in tab.model_label.text() and "No" not in tab.model_label.text()
    assert "summarize" in tab.model_label.text()
    assert tab.mode_box.currentData() == "auto"
    told = []
    services.modelChanged.connect(lambda: told.append(tab.model_name()))
    # named before the first job (the status bar shows it), and not for extractive summaries
    assert tab.summary is None and tab.model_name() == "summarize"
    choose(tab.mode_box, "extractive")
    assert told == [""] and tab.model_name() == ""
    choose(tab.mode_box, "auto")
    assert told == ["", "summarize"]
    texts = {}
    text = "😀" + SAMPLE + REPORT  # an emoji is two UTF-16 units for Qt and one character for Python
    for length in ("short", "medium", "long"):
        choose(tab.length_box, length)
        tab.source.setPlainText(text)
        summarize(qtbot, tab)
        summary = tab.summary
        assert summary.mode == "model" and tab.output.toPlainText() == summary.text
        highlighted = [s.cursor.selectedText() for s in tab.source.extraSelections()]
        assert highlighted == [s.text for s in summary.sources] + [text[a:b] for a, b in summary.kept]
        texts[length] = summary.text
    assert len(set(texts.values())) == 3  # short, medium and long are different summaries
    assert told[-1] == "summarize" == tab.model_name()


@pytest.mark.parametrize("text", ["", "Only English here.", "😀" * 40, "，。！？" * 30, "中" * 100_001])
def test_refusals_are_in_chinese_in_the_chinese_ui(qtbot, services, tmp_path, text):
    from PySide6.QtCore import QCoreApplication, QTranslator

    from engine.paths import resources_dir

    translator = QTranslator()
    assert translator.load(str(resources_dir() / "i18n" / "wenqi_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        services.store = ModelStore(bundled_dir=tmp_path / "no-models")
        tab = SummarizeTab(services)
        qtbot.addWidget(tab)
        tab.source.setPlainText(text)
        tab.start()
        message = tab.message.text()
        assert message and any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    finally:
        QCoreApplication.removeTranslator(translator)
