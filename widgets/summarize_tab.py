"""The Summarize tab: paste or open Chinese text, get a summary, see where it comes from.

The tab only gathers input and shows results; the work is ``Summarizer.summarize`` in a job
on ``services.runner``. When the job ends, the text shows where the summary came from: the
sentences it draws on lightly, the very characters it keeps strongly. A refused input or a
failed job clears the last summary, so nothing on screen looks current that is not. Callbacks
of a job that is no longer the one the tab waits for are ignored.

Documents (.txt, .md, .html, .docx, .pdf; Open…, Ctrl+O, or dropped on the text) are read by
``read_document`` in a job of their own, page by page with progress and Cancel; a document
that cannot be read gets a message and leaves the last summary on screen marked as not current,
as does an edit of the text.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from widgets.jobs import LatestJob, readable_error
from widgets.services import AppServices
from engine.chinese_script import to_simplified
from engine.runtime.jobs import JobContext
from engine.summarize.documents import Document, DocumentError, read_document
from engine.summarize.summarizer import Summarizer, Summary
from engine.summarize.text import (
    MAX_INPUT_CHARS,
    EmptyTextError,
    SummarizeInputError,
    TextTooLongError,
    check_input,
    count_chars,
)
from widgets.messages import fill, save_error
from widgets.summarize_files import DocumentMessages, SourceEdit, document_patterns

_SETTINGS = "summarize/"
_SENTENCE_HIGHLIGHT = QColor(255, 236, 170, 110)
_KEPT_HIGHLIGHT = QColor(255, 196, 60, 220)


class SummarizeTab(QWidget):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = services.settings
        self.summary: Summary | None = None
        self.jobs = LatestJob(services.runner, self.tr("Summarize"))
        self.reading = LatestJob(services.runner, self.tr("Open document"))
        self._build()
        self._restore_choices()
        self._update_counts()
        self._update_model_state()
        self._set_busy(False)
        services.deviceChanged.connect(lambda _choice: self._update_model_state())

    def tab_title(self) -> str:
        return self.tr("Summarize")

    @staticmethod
    def self_test(services: AppServices) -> str:
        """``wenqi --self-test``: summarize a short text in the automatic mode (the model when one
        is installed, else extractive) and check the summary is shorter than the text."""
        text = ("文棋是一个桌面应用。它可以下象棋，也可以写对联。它还能解数学应用题。"
                "它也能为一段中文写出摘要。所有模型都在本机运行，不需要联网。")
        device = services.device
        summarizer = Summarizer(services.store, device=device.device, dtype=device.dtype)
        summary = summarizer.summarize(text, "short")
        if summarizer.model_available() and summary.mode != "model":
            raise RuntimeError(f"the installed model was not used: {summary.fallback}")
        if not summary.text or summary.summary_chars >= summary.source_chars:
            raise RuntimeError(f"the {summary.mode} summary is empty or not shorter: {summary.text!r}")
        return f"{summary.mode}: {summary.source_chars} → {summary.summary_chars} characters"

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.open_action = self._action(self.tr("Open…"), self.choose_file, QKeySequence.StandardKey.Open)
        self.save_action = self._action(self.tr("Save…"), self.choose_save_path, QKeySequence.StandardKey.Save)
        self.open_button = QPushButton(self.open_action.text())
        self.open_button.setToolTip(fill(self.tr("Open a document: .txt, .md, .html, .docx or .pdf (%1; you can "
                                                 "also drop one on the text)"), self._keys(self.open_action)))
        self.length_box = QComboBox()
        for key, label in (("short", self.tr("Short")), ("medium", self.tr("Medium")), ("long", self.tr("Long"))):
            self.length_box.addItem(label, key)
        self.length_box.setToolTip(self.tr(
            "With the model: short is a one-line headline; medium and long add the key sentences "
            "(about a fifth and a third of the text)."))
        self.mode_box = QComboBox()
        for key, label in (("auto", self.tr("Automatic")), ("model", self.tr("Model")),
                           ("extractive", self.tr("Extractive"))):
            self.mode_box.addItem(label, key)
        self.mode_box.setToolTip(self.tr(
            "Model: the trained model writes a headline from the text's opening, in the text's own "
            "words, then adds key sentences. Extractive picks whole key sentences. Automatic uses the "
            "model when one is installed."))
        self.summarize_button = QPushButton(self.tr("Summarize"))
        self.summarize_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.model_label = QLabel()
        self.model_label.setWordWrap(True)

        controls = QHBoxLayout()
        controls.addWidget(self.open_button)
        controls.addSpacing(12)
        controls.addWidget(QLabel(self.tr("Length:")))
        controls.addWidget(self.length_box)
        controls.addWidget(QLabel(self.tr("Mode:")))
        controls.addWidget(self.mode_box)
        controls.addSpacing(12)
        controls.addWidget(self.summarize_button)
        controls.addWidget(self.cancel_button)
        controls.addSpacing(12)
        controls.addWidget(self.model_label, 1)

        self.source = SourceEdit()
        self.source.setPlaceholderText(self.tr("Paste Chinese text here, or open or drop a document "
                                               "(.txt, .md, .html, .docx, .pdf)."))
        self.source_counts = QLabel()
        self.read_progress = QProgressBar()  # pages of a document being read
        self.read_progress.setVisible(False)
        source_box = QGroupBox(self.tr("Text"))
        source_layout = QVBoxLayout(source_box)
        source_layout.addWidget(self.source)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_counts, 1)
        source_row.addWidget(self.read_progress)
        source_layout.addLayout(source_row)

        self.output = QTextEdit()  # a QTextEdit for the space between key points (block margins)
        self.output.setReadOnly(True)
        self.output.setAcceptRichText(False)
        self.output.setPlaceholderText(self.tr("The summary appears here."))
        self.copy_button = QPushButton(self.tr("Copy"))
        self.save_button = QPushButton(self.save_action.text())
        self.save_button.setToolTip(self._keys(self.save_action))
        self.summary_counts = QLabel()
        self.summary_counts.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary_buttons = QHBoxLayout()
        summary_buttons.addWidget(self.summary_counts, 1)
        summary_buttons.addWidget(self.copy_button)
        summary_buttons.addWidget(self.save_button)
        output_box = QGroupBox(self.tr("Summary"))
        output_layout = QVBoxLayout(output_box)
        output_layout.addWidget(self.output, 1)
        output_layout.addLayout(summary_buttons)
        output_layout.addWidget(self.message)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(source_box)
        self.splitter.addWidget(output_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.splitter, 1)

        self.open_button.clicked.connect(self.choose_file)
        self.summarize_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.copy_button.clicked.connect(self.copy_summary)
        self.save_button.clicked.connect(self.choose_save_path)
        self.source.textChanged.connect(self._on_source_changed)
        self.source.fileDropped.connect(self.open_file)
        self.length_box.currentIndexChanged.connect(self._store_choices)
        self.mode_box.currentIndexChanged.connect(self._store_choices)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.start)

    def _action(self, text: str, slot, shortcut) -> QAction:
        """A shortcut of this tab alone: a hidden tab's window shortcuts do not fire."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    @staticmethod
    def _keys(action: QAction) -> str:
        return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    def _restore_choices(self) -> None:
        for box, key, default in ((self.length_box, "length", "medium"), (self.mode_box, "mode", "auto")):
            index = box.findData(str(self.settings.value(_SETTINGS + key, default)))
            box.setCurrentIndex(max(0, index))

    @Slot()
    def _store_choices(self) -> None:
        self.settings.set_value(_SETTINGS + "length", self.length_box.currentData())
        self.settings.set_value(_SETTINGS + "mode", self.mode_box.currentData())
        self.services.show_model()  # the model the chosen mode would use

    # -- state shown -------------------------------------------------------------------------
    def attention_input(self) -> tuple[str, str] | None:
        """For the Attention tab: the text as the model reads it (simplified characters)."""
        text = self.source.toPlainText().strip()
        return (self._summarizer().model, to_simplified(text)) if text else None

    def model_name(self) -> str:
        """The model that made the summary shown ("" for an extractive one); before any, the model
        the chosen mode would use ("" when it would extract key sentences)."""
        if self.summary is not None:
            return self._summarizer().model if self.summary.mode == "model" else ""
        summarizer = self._summarizer()
        uses_model = self.mode_box.currentData() in ("auto", "model") and summarizer.model_available()
        return summarizer.model if uses_model else ""

    def _summarizer(self) -> Summarizer:
        """Which model and whether it is installed; jobs make theirs with the device (torch)."""
        return Summarizer(self.services.store)

    def _update_model_state(self) -> None:
        summarizer = self._summarizer()
        if summarizer.model_available():
            self.model_label.setText(fill(self.tr("Summarization model: %1 (installed)."), summarizer.model))
        else:
            self.model_label.setText(self.tr(
                "No summarization model is installed: summaries are extractive (key sentences)."))
        self.services.show_model()

    def _set_busy(self, busy: bool) -> None:
        busy = busy or self.reading.busy  # a summary, or a document being read
        self.summarize_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.open_button.setEnabled(not busy)
        self.open_action.setEnabled(not busy)
        has_summary = bool(self.output.toPlainText().strip()) and not busy
        self.copy_button.setEnabled(has_summary)
        self.save_button.setEnabled(has_summary)
        self.save_action.setEnabled(has_summary)
        self.read_progress.setVisible(self.reading.busy)

    def _show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e;" if error else "")
        self.message.setText(text)
        self.message.setToolTip("")

    def _update_counts(self) -> None:
        chars = count_chars(self.source.toPlainText())
        text = fill(self.tr("%1 characters"), f"{chars:,}")
        if chars > MAX_INPUT_CHARS:
            text += " — " + fill(self.tr("over the limit of %1 characters"), f"{MAX_INPUT_CHARS:,}")
        self.source_counts.setText(text)

    def _show_summary_counts(self) -> None:
        summary = self.summary
        self.output.setStyleSheet("")
        if summary is None:
            self.summary_counts.clear()
            return
        mode = self.tr("model") if summary.mode == "model" else self.tr("extractive")
        self.summary_counts.setText(fill(
            self.tr("%1 of %2 characters (%3%) · %4"),
            f"{summary.summary_chars:,}", f"{summary.source_chars:,}", f"{100 * summary.compression:.1f}", mode))

    def _highlight(self, summary: Summary | None) -> None:
        """The sentences the summary draws on, lightly, and the characters it keeps, strongly."""
        selections = []
        if summary is not None:
            # Qt counts UTF-16 code units, Python code points: they differ after an emoji.
            text = self.source.toPlainText()
            units = [0]
            for ch in text:
                units.append(units[-1] + (2 if ord(ch) > 0xFFFF else 1))
            sentences = [(s.start, s.end) for s in summary.sources]
            for spans, color in ((sentences, _SENTENCE_HIGHLIGHT), (summary.kept, _KEPT_HIGHLIGHT)):
                fmt = QTextCharFormat()
                fmt.setBackground(color)
                for start, end in spans:
                    selection = QTextEdit.ExtraSelection()
                    cursor = QTextCursor(self.source.document())
                    cursor.setPosition(units[start])
                    cursor.setPosition(units[end], QTextCursor.MoveMode.KeepAnchor)
                    selection.cursor = cursor
                    selection.format = fmt
                    selections.append(selection)
        self.source.setExtraSelections(selections)

    @Slot()
    def _on_source_changed(self) -> None:
        self._update_counts()
        self._mark_not_current()  # the highlighted spans no longer match the text

    def _mark_not_current(self) -> None:
        """The summary on screen stays, greyed and said to be not current; its highlights go."""
        if self.summary is None:
            return
        self._highlight(None)
        self.output.setStyleSheet("color: palette(placeholder-text);")
        self.summary_counts.setText(self.tr("Not current: summarize again to update it."))

    # -- files -------------------------------------------------------------------------------
    @Slot()
    def choose_file(self) -> None:
        if self.jobs.busy or self.reading.busy:
            return
        start = str(self.settings.value(_SETTINGS + "folder", "") or "")
        filters = fill(self.tr("Documents (%1)"), document_patterns()) + ";;" + self.tr("All files (*)")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open document"), start, filters)
        if path:
            self.open_file(path)

    @Slot(str)
    def open_file(self, path: str) -> None:
        """Read a document into the text box, in a job (a PDF page by page, with progress and
        Cancel); one that cannot be read leaves the text as it was and the summary not current."""
        if self.jobs.busy or self.reading.busy:
            return
        self.settings.set_value(_SETTINGS + "folder", str(Path(path).parent))
        name = Path(path).name
        self._show_message(fill(self.tr("Opening %1…"), name))
        self.read_progress.setRange(0, 0)  # busy until the first page is counted

        def job(ctx: JobContext) -> Document | DocumentError | OSError:
            try:
                return read_document(path, ctx)
            except (DocumentError, OSError) as exc:  # a refusal the tab says in the user's language,
                return exc  # not a failed job (the status bar would show the engine's English)

        self.reading.start(job, on_result=lambda outcome: self._read(path, outcome),
                           on_error=lambda exc: self._open_failed(path, exc), on_cancelled=self._open_cancelled,
                           on_partial=lambda pages: self._reading_page(name, *pages[-1]))
        self._set_busy(False)

    def _read(self, path: str, outcome: Document | DocumentError | OSError) -> None:
        if isinstance(outcome, Document):
            self._opened(outcome)
        else:
            self._open_failed(path, outcome)

    def _reading_page(self, name: str, page: int, pages: int) -> None:
        self.read_progress.setRange(0, pages)
        self.read_progress.setValue(page)
        self._show_message(fill(self.tr("Reading %1: page %2 of %3…"), name, page + 1, pages))

    def _opened(self, document: Document) -> None:
        self.source.setPlainText(document.text)
        if document.pages_read < document.pages:
            self._show_message(fill(self.tr("Opened the first %1 of %2 pages of %3: the summarizer takes at most "
                                            "%4 characters."), document.pages_read, document.pages, document.name,
                                    f"{MAX_INPUT_CHARS:,}"))
        elif document.pages:
            self._show_message(fill(self.tr("Opened %1 (%2 pages)."), document.name, document.pages))
        else:
            self._show_message(fill(self.tr("Opened %1."), document.name))
        self._set_busy(False)

    def _open_failed(self, path: str, exc: BaseException) -> None:
        self._mark_not_current()
        self._show_message(DocumentMessages().open_error(path, exc), error=True)
        self._set_busy(False)

    def _open_cancelled(self) -> None:
        self._show_message(self.tr("Opening cancelled."))
        self._set_busy(False)

    @Slot()
    def copy_summary(self) -> None:
        QGuiApplication.clipboard().setText(self.output.toPlainText())
        self._show_message(self.tr("Summary copied."))

    @Slot()
    def choose_save_path(self) -> None:
        start = str(self.settings.value(_SETTINGS + "folder", "") or "")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save summary"), str(Path(start) / "summary.txt"),
                                              self.tr("Text (*.txt);;All files (*)"))
        if path:
            self.save_summary(path)

    def save_summary(self, path: str) -> None:
        try:
            Path(path).write_text(self.output.toPlainText() + "\n", encoding="utf-8")
        except OSError as exc:
            self._show_message(save_error(path, exc), error=True)
            return
        self._show_message(fill(self.tr("Saved %1."), Path(path).name))

    # -- the job -----------------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        if self.jobs.busy or self.reading.busy:
            return
        text = self.source.toPlainText()
        try:
            check_input(text)
        except SummarizeInputError as exc:
            self._clear_result()
            self._show_message(self._input_error(exc), error=True)
            return
        length, mode = self.length_box.currentData(), self.mode_box.currentData()
        services = self.services
        self._clear_result()
        self._show_message(self.tr("Summarizing…"))

        def job(ctx: JobContext) -> Summary:  # the device is asked here: before torch has loaded, that waits
            device = services.device
            summarizer = Summarizer(services.store, device=device.device, dtype=device.dtype)
            return summarizer.summarize(text, length, mode, ctx)

        would_use = mode == "model" or (mode == "auto" and self._summarizer().model_available())
        self.jobs.start(job, on_result=lambda summary: self._finished(summary, mode), on_error=self._failed,
                        on_cancelled=self._cancelled, model=self._summarizer().model if would_use else "")
        self._set_busy(True)

    def _input_error(self, exc: SummarizeInputError) -> str:
        """Why the text cannot be summarized, in the user's language."""
        if isinstance(exc, EmptyTextError):
            return self.tr("The text is empty: paste or open some Chinese text to summarize.")
        if isinstance(exc, TextTooLongError):
            return fill(self.tr("The text has %1 characters; the summarizer takes at most %2. Summarize it in parts."),
                         f"{exc.chars:,}", f"{exc.limit:,}")
        return self.tr("The text is not Chinese: the summarizer works on Chinese prose "
                       "(at least a fifth of the characters must be Chinese).")

    @Slot()
    def cancel(self) -> None:
        self.jobs.cancel()
        self.reading.cancel()

    def _clear_result(self) -> None:
        self.summary = None
        self._highlight(None)
        self.output.clear()
        self.summary_counts.clear()
        self.services.show_model()
        self._set_busy(self.jobs.busy)

    def _finished(self, summary: Summary, mode: str) -> None:
        self.summary = summary
        with QSignalBlocker(self.output):
            self.output.setPlainText(summary.text)
            self._space_lines(summary.mode == "model" and "\n" in summary.text)
        self._highlight(summary)
        self._show_summary_counts()
        self._show_note(summary, mode)
        self.services.show_model()
        self._set_busy(False)

    def _space_lines(self, headline: bool) -> None:
        """A little space after each line, so the key points read as a list; the model's headline bold."""
        cursor = QTextCursor(self.output.document())
        cursor.select(QTextCursor.SelectionType.Document)
        spaced = QTextBlockFormat()
        spaced.setBottomMargin(self.fontMetrics().height() * 0.4)
        cursor.mergeBlockFormat(spaced)
        if headline:
            cursor = QTextCursor(self.output.document().firstBlock())
            cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
            bold = QTextCharFormat()
            bold.setFontWeight(QFont.Weight.Bold)
            cursor.mergeCharFormat(bold)

    def _show_note(self, summary: Summary, mode: str) -> None:
        """How the summary was made, when the user should know: in their language, with the
        store's (English, technical) reason for a fallback in the tooltip."""
        text = ""
        if summary.fallback and (mode == "model" or self._summarizer().model_available()):
            text = self.tr("The model could not be used for this text, so this summary is extractive "
                           "(key sentences). Hover here for why.")
        self._show_message(text)
        self.message.setToolTip(summary.fallback)

    def _failed(self, exc: BaseException) -> None:
        self._clear_result()
        self._show_message(self.tr("Could not summarize: %1").replace("%1", readable_error(exc)), error=True)
        self._set_busy(False)

    def _cancelled(self) -> None:
        self.output.clear()
        self._show_message(self.tr("Cancelled."))
        self._set_busy(False)
