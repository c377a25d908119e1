"""The Summarize tab end to end (offscreen): extractive without a model, the model by default
when one is installed, highlights of what was kept, bad input, files, drop, copy/save, cancel."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from pdf_writer import write_pdf
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


def open_document(qtbot, tab, path) -> None:
    tab.open_file(str(path))
    qtbot.waitUntil(lambda: not tab.reading.busy, timeout=20_000)


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
    open_document(qtbot, tab, utf8)
    assert tab.source.toPlainText() == SAMPLE
    open_document(qtbot, tab, huge)
    assert "too large" in tab.message.text() and tab.source.toPlainText() == SAMPLE

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(legacy))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    tab.source.dropEvent(event)
    qtbot.waitUntil(lambda: not tab.reading.busy)
    assert tab.source.toPlainText() == SAMPLE[:50]
    assert tab.settings.value("summarize/folder") == str(tmp_path)  # the next dialog starts there

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


def test_a_document_opens_with_its_pages_and_its_summary_lists_key_points(qtbot, tab, tmp_path):
    sections = [["第一章 城市公园", f"本市今年将在第{n}区新建公园，总面积超过{n * 30}公顷。", "市民对此表示欢迎。"]
                for n in range(1, 9)]
    pdf = write_pdf(tmp_path / "report.pdf", sections)
    open_document(qtbot, tab, pdf)
    assert tab.message.text() == "Opened report.pdf (8 pages)." and "第8区" in tab.source.toPlainText()
    assert not tab.read_progress.isVisible()
    choose(tab.length_box, "medium")
    summarize(qtbot, tab)
    lines = tab.output.toPlainText().split("\n")
    assert len(lines) > 1 and all(line in tab.source.toPlainText() for line in lines)  # a point a line
    highlighted = [s.cursor.selectedText() for s in tab.source.extraSelections()]
    assert highlighted[len(tab.summary.sources):] == lines  # every point's characters are highlighted


BAD_FILES = {
    "scan.pdf": ("no text layer", "没有文字层"),
    "locked.pdf": ("protected by a password", "受密码保护"),
    "broken.docx": ("is damaged", "已损坏"),
    "picture.png": ("not a document the summarizer reads", "不是摘要能读取的文档"),
}


def write_bad_file(path):
    if path.name == "scan.pdf":
        write_pdf(path, scanned_pages=2)
    elif path.name == "locked.pdf":
        write_pdf(path, [["机密。"]], encrypted=True)
    else:
        path.write_bytes(b"PK\x03\x04 not a zip" if path.suffix == ".docx" else b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize("name", list(BAD_FILES))
@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_bad_document_is_explained_and_leaves_the_summary_not_current(qtbot, services, tmp_path, name, language):
    from PySide6.QtCore import QCoreApplication

    from app.i18n import install_translators

    translators = install_translators(QCoreApplication.instance(), "zh") if language == "zh" else []
    try:
        services.store = ModelStore(bundled_dir=tmp_path / "no-models")
        tab = SummarizeTab(services)
        qtbot.addWidget(tab)
        tab.source.setPlainText(SAMPLE)
        summarize(qtbot, tab)
        summary_text = tab.output.toPlainText()
        write_bad_file(tmp_path / name)
        ended = []
        services.runner.jobEnded.connect(lambda _handle, message: ended.append(message))
        open_document(qtbot, tab, tmp_path / name)
        assert BAD_FILES[name][language == "zh"] in tab.message.text() and name in tab.message.text()
        assert ended == [""]  # a refusal, not a failed job: the status bar shows no English error
        assert tab.source.toPlainText() == SAMPLE and tab.output.toPlainText() == summary_text  # kept…
        assert tab.summary_counts.text() == ("已过时：请重新摘要。" if language == "zh" else
                                             "Not current: summarize again to update it.")  # …but not current
        assert tab.source.extraSelections() == [] and tab.summarize_button.isEnabled()
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)


def test_a_hundred_page_pdf_shows_its_pages_and_cancel_stops_it_between_pages(qtbot, tab, tmp_path, monkeypatch):
    from engine.runtime.jobs import JobContext
    from engine.summarize import documents

    pdf = write_pdf(tmp_path / "long.pdf", [[f"第{n}页：本市今年将新建十座公园。"] for n in range(1, 101)])
    pages_read = []

    def slow_pages(path, ctx):
        """read_document with each page after the first taking until Cancel is pressed."""
        def each_page(value):
            ctx.on_partial(value)
            pages_read.append(value[0])
            while value[0] >= 1 and not ctx.cancelled:
                time.sleep(0.005)
        return documents.read_document(path, JobContext(ctx.on_progress, each_page, ctx.cancel_token))

    monkeypatch.setattr("widgets.summarize_tab.read_document", slow_pages)
    tab.source.setPlainText(SAMPLE)
    tab.open_file(str(pdf))
    assert tab.read_progress.isVisible() and tab.cancel_button.isEnabled() and not tab.open_button.isEnabled()
    qtbot.waitUntil(lambda: tab.read_progress.maximum() == 100 and tab.read_progress.value() >= 1)
    assert "long.pdf: page 2 of 100" in tab.message.text()
    tab.cancel()
    qtbot.waitUntil(lambda: not tab.reading.busy)
    assert tab.message.text() == "Opening cancelled." and tab.source.toPlainText() == SAMPLE
    assert pages_read == [0, 1]  # the page after the cancel was never read
    assert not tab.read_progress.isVisible() and tab.open_button.isEnabled()


def test_ctrl_o_opens_the_document_dialog_in_the_last_folder(qtbot, tab, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    tab.settings.set_value("summarize/folder", str(tmp_path))
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: asked.append(args) or ("", ""))
    qtbot.keyClick(tab.source, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked and asked[0][2] == str(tmp_path) and "*.pdf" in asked[0][3] and "*.docx" in asked[0][3]
