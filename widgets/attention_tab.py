"""The Attention tab: what each model looks at, layer by layer and head by head.

Pick a model (bundled ones, or a folder), type a text or take one from another tab, and
capture it in a job. The left side shows every layer × head as a thumbnail, plus the head
mean and the rollout; the one picked shows large as a heatmap, as a head view (lines from a
token to what it attends to) and in approximation mode (exact against FAVOR+, elu+1 or
Taylor). The current view exports as PNG, its matrix as CSV, the whole stack as NPY.

Taking an input from another tab is a loose protocol: any tab of the main window may define

    def attention_input(self) -> tuple[str, str] | None:
        '''(model name, text) of what it shows now, or None when it has nothing.'''

and the "Take from" button lists it; tabs that land later only implement that method.
"""

from __future__ import annotations

import html
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Slot
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QMenu, QPlainTextEdit, QPushButton,
                               QSpinBox, QSplitter, QStackedWidget, QTabWidget, QToolButton, QVBoxLayout, QWidget)

from widgets.jobs import JobHandle, readable_error
from widgets.services import AppServices
from engine.attention.limits import DEFAULT_MAX_TOKENS, MAX_TOKENS_CAP, folder_position_limit
from engine.runtime.store import ModelError
from widgets.attention_compare import ApproximationPanel
from widgets.attention_plots import THUMBNAIL_PIXELS, HeadView, HeatmapView, ThumbnailGrid

if TYPE_CHECKING:  # these modules import torch: they load in the first job, not with the window
    from engine.attention.capture import AttentionCapture, AttentionStack
    from engine.attention.compare import Comparison

_SETTINGS = "attention/"
INPUT_METHOD = "attention_input"


def prepare_capture(loaded, text: str, max_tokens: int, ctx=None) -> AttentionCapture:
    """The tab's job once the model is loaded: capture, then the thumbnails (each stack keeps
    them), so the GUI thread only draws."""
    from engine.attention.capture import capture_attention

    capture = capture_attention(loaded, text, max_tokens=max_tokens, ctx=ctx)
    for stack in capture.stacks:
        stack.overview(THUMBNAIL_PIXELS)
    return capture


class AttentionTab(QWidget):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.capture: AttentionCapture | None = None
        self.stack_name = ""
        self.layer, self.column = 0, 0  # column: a head index, "mean" or "rollout"
        self.token = 0  # the query token of the head view
        self._token_picked = False  # by the user; until then the head view shows the most spread row
        self.comparison: Comparison | None = None
        self.last_redraw_seconds = 0.0  # how long the last change of head took to draw
        self._job: JobHandle | None = None
        self._job_stack: AttentionStack | None = None
        self._last_source: QWidget | None = None  # the tab whose input was taken last
        self._shown_tab: QWidget | None = None  # the main window's current tab, as last seen
        self._came_from: QWidget | None = None  # the tab the user was on before this one
        self._build()
        self.refresh_models()
        services.deviceChanged.connect(self.refresh_models)  # also sent when the model folders change
        QTimer.singleShot(0, self, self._watch_main_tabs)  # once the main window has taken us in

    def tab_title(self) -> str:
        return self.tr("Attention")

    def model_name(self) -> str:
        source = self.model_box.currentData()
        return Path(source).name if source else ""

    @staticmethod
    def self_test(services: AppServices) -> str:
        """``wenqi --self-test``: attention maps and thumbnails of a bundled model for a short
        Chinese line (the couplet model reads Chinese; any other bundled model will do)."""
        bundled = [info.name for info in services.store.discover() if info.bundled]
        if not bundled:
            raise RuntimeError("no bundled model to look at")
        name = "couplet" if "couplet" in bundled else bundled[0]
        loaded = services.store.load(name, services.device.device, services.device.dtype)
        capture = prepare_capture(loaded, "春风得意马蹄疾", max_tokens=32)
        stack = capture.stacks[0]
        return f"{name}: {len(capture.stacks)} stack(s), {stack.name} {tuple(stack.weights.shape)}"

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.model_box = QComboBox()
        self.model_box.setMinimumContentsLength(16)
        self.model_box.currentIndexChanged.connect(self._on_model_changed)
        folder_button = QPushButton(self.tr("Folder…"))
        folder_button.clicked.connect(self.choose_folder)
        self.take_button = QToolButton()
        self.take_button.setText(self.tr("Take from…"))
        self.take_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.take_menu = QMenu(self)
        self.take_menu.aboutToShow.connect(self._fill_take_menu)
        self.take_button.setMenu(self.take_menu)
        self.take_button.clicked.connect(self.take_from_last_source)
        self.max_tokens = QSpinBox()
        self.max_tokens.setRange(2, MAX_TOKENS_CAP)
        self.max_tokens.setValue(self._wanted_tokens())
        self.max_tokens.setPrefix(self.tr("max tokens "))
        self.max_tokens.valueChanged.connect(self._on_max_tokens_edited)
        self.run_button = QPushButton(self.tr("Capture"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run_or_cancel)
        self.stack_box = QComboBox()
        self.stack_box.currentIndexChanged.connect(self._on_stack_changed)
        self.stack_box.hide()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Model:")))
        top.addWidget(self.model_box, 1)
        top.addWidget(folder_button)
        top.addWidget(self.take_button)
        top.addWidget(self.max_tokens)
        top.addWidget(self.run_button)

        self.text_edit = QPlainTextEdit(str(self.services.settings.value(_SETTINGS + "text", "春风得意马蹄疾，一日看尽长安花")))
        self.text_edit.setPlaceholderText(self.tr("Type or paste a text, or take one from another tab"))
        self.text_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)

        self.grid = ThumbnailGrid()
        self.grid.picked.connect(self.select)
        self.heatmap = HeatmapView()
        self.heatmap.cellClicked.connect(self._on_cell_clicked)
        self.head_view = HeadView()
        self.head_view.tokenSelected.connect(self._on_token_selected)
        self.approx_panel = ApproximationPanel()
        self.approx_panel.compareRequested.connect(self.compare)
        self.views = QTabWidget()
        self.views.addTab(self.heatmap, self.tr("Heatmap"))
        self.views.addTab(self.head_view, self.tr("Head view"))
        self.views.addTab(self.approx_panel, self.tr("Approximation"))
        self.views.currentChanged.connect(self.redraw)

        export = QHBoxLayout()
        export.addWidget(self.stack_box)
        self.status = QLabel(self.tr("Pick a model and press Capture."))
        self.status.setWordWrap(True)
        export.addWidget(self.status, 1)
        for text, slot in ((self.tr("PNG…"), self._export_png_dialog), (self.tr("CSV…"), self._export_csv_dialog),
                           (self.tr("NPY…"), self._export_npy_dialog)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            export.addWidget(button)

        splitter = QSplitter()
        splitter.addWidget(self.grid)
        splitter.addWidget(self.views)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 900])
        self.empty_hint = QLabel(self.tr(
            "<p>Nothing captured yet.</p><p>Type a text, or take one from another tab, and press "
            "<b>Capture</b>: the model reads it once and every layer and head shows what each token "
            "looked at.</p>"))
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_hint)
        self.pages.addWidget(splitter)
        self.hint = QLabel(self.tr(
            "Each map shows one layer and head: a row is a query (the token that looks), a column a key "
            "(a token it looks at), brighter means more attention. Pick a map on the left; hover for the "
            "weights."))
        self.hint.setWordWrap(True)
        self.hint.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text_edit)
        layout.addWidget(self.hint)
        layout.addWidget(self.pages, 1)
        layout.addLayout(export)

    @Slot()
    def refresh_models(self) -> None:
        """The models the store finds; the one selected (or last used) stays selected."""
        chosen = self.model_box.currentData() or str(self.services.settings.value(_SETTINGS + "model", ""))
        self.model_box.clear()
        for info in self.services.store.discover():
            self.model_box.addItem(f"{info.name} ({info.architecture})", str(info.path))
        if chosen:
            self.set_model(chosen)

    def _wanted_tokens(self) -> int:
        """The token limit the user chose last (a model that reads fewer lowers it only while chosen)."""
        return int(self.services.settings.value(_SETTINGS + "max_tokens", DEFAULT_MAX_TOKENS))

    @Slot(int)
    def _on_max_tokens_edited(self, value: int) -> None:
        self.services.settings.set_value(_SETTINGS + "max_tokens", value)

    @Slot(int)
    def _on_model_changed(self, _index: int) -> None:
        self.services.show_model()
        self._fit_token_limit()

    def model_token_limit(self) -> int | None:
        """How many tokens the chosen model reads at once (its config's positions), None when unsaid."""
        source = self.model_box.currentData()
        try:
            return folder_position_limit(self.services.store.resolve(source)) if source else None
        except ModelError:
            return None

    def _fit_token_limit(self) -> None:
        """The spin box goes no higher than the chosen model reads, and says so."""
        limit = self.model_token_limit()
        highest = min(limit or MAX_TOKENS_CAP, MAX_TOKENS_CAP)
        with QSignalBlocker(self.max_tokens):
            self.max_tokens.setMaximum(highest)
            self.max_tokens.setValue(min(self._wanted_tokens(), highest))
        self.max_tokens.setSuffix(self.tr(" of %1").replace("%1", str(highest)))
        if limit is not None:
            why = self.tr("%1 reads at most %2 tokens at once (the positions in its config), so a longer text "
                          "is cut there.").replace("%1", self.model_name()).replace("%2", str(limit))
        else:
            why = self.tr("This model's config names no position limit; up to %1 tokens can be captured.").replace(
                "%1", str(MAX_TOKENS_CAP))
        self.max_tokens.setToolTip(self.tr("How many tokens of the text to look at.") + " " + why)

    def set_model(self, source: str) -> None:
        """Select a model by name or folder, adding it to the list when it is not there."""
        for index in range(self.model_box.count()):
            path = str(self.model_box.itemData(index))
            if path == source or Path(path).name == source:
                self.model_box.setCurrentIndex(index)
                return
        self.model_box.addItem(source, source)
        self.model_box.setCurrentIndex(self.model_box.count() - 1)

    @Slot()
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a model folder"))
        if folder:
            self.set_model(folder)

    # -- taking input from other tabs -----------------------------------------------------------
    def _main_tabs(self) -> QTabWidget | None:
        tabs = getattr(self.window(), "tabs", None)
        return tabs if isinstance(tabs, QTabWidget) else None

    def _watch_main_tabs(self) -> None:
        tabs = self._main_tabs()
        if tabs is not None:
            self._shown_tab = tabs.currentWidget()
            tabs.currentChanged.connect(self._on_main_tab_changed)

    @Slot(int)
    def _on_main_tab_changed(self, index: int) -> None:
        shown = self._main_tabs().widget(index)
        if shown is self and self._shown_tab is not self:
            self._came_from = self._shown_tab
        self._shown_tab = shown

    def input_sources(self) -> list[tuple[str, QWidget]]:
        """(title, tab) for every tab of the main window that offers ``attention_input``."""
        tabs = self._main_tabs()
        if tabs is None:
            return []
        return [(tabs.tabText(i), tabs.widget(i)) for i in range(tabs.count())
                if tabs.widget(i) is not self and callable(getattr(tabs.widget(i), INPUT_METHOD, None))]

    def take_from(self, tab: QWidget) -> bool:
        offered = getattr(tab, INPUT_METHOD)()
        if not offered:
            self.status.setText(self.tr("That tab has nothing to look at yet."))
            return False
        model, text = offered
        self.set_model(model)
        self.text_edit.setPlainText(text)
        self._last_source = tab
        self.status.setText(self.tr("Took the input of %1, for the model %2. Press Capture.").replace(
            "%1", self._tab_title(tab)).replace("%2", self.model_name()))
        return True

    def _tab_title(self, tab: QWidget) -> str:
        return next((title for title, source in self.input_sources() if source is tab), "")

    @Slot()
    def take_from_last_source(self) -> None:
        """One click: the tab the user just came from, else the one used last time, else the
        first tab that offers something."""
        sources = [tab for _, tab in self.input_sources()]
        for preferred in (self._last_source, self._came_from):
            if preferred in sources:
                sources.remove(preferred)
                sources.insert(0, preferred)
        for tab in sources:
            if getattr(tab, INPUT_METHOD)():
                self.take_from(tab)
                return
        self.status.setText(self.tr("No other tab has a game, couplet, problem or text to offer."))

    @Slot()
    def _fill_take_menu(self) -> None:
        self.take_menu.clear()
        sources = self.input_sources()
        if not sources:
            self.take_menu.addAction(self.tr("No tab offers an input")).setEnabled(False)
        for title, tab in sources:
            self.take_menu.addAction(title, lambda checked=False, t=tab: self.take_from(t))

    # -- capture job ------------------------------------------------------------------------------
    @Slot()
    def run_or_cancel(self) -> None:
        if self._job is not None and self._job.running:
            self._job.cancel()
            return
        source, text = self.model_box.currentData(), self.text_edit.toPlainText()
        if not source:
            self._forget_capture()
            self.status.setText(self.tr("No model: add a model folder, or wait for the bundled models."))
            return
        if not text.strip():
            self._forget_capture()
            self.status.setText(self.tr("Type a text first."))
            return
        settings = self.services.settings
        settings.set_value(_SETTINGS + "model", source)
        settings.set_value(_SETTINGS + "text", text[:10_000])
        services, max_tokens = self.services, self.max_tokens.value()

        def job(ctx):  # the device is asked here: before torch has loaded, that waits for it
            loaded = services.store.load(source, device=services.device.device, on_progress=ctx.progress, cancel=ctx.cancel_token)
            return prepare_capture(loaded, text, max_tokens, ctx)

        self.run_button.setText(self.tr("Cancel"))
        self.status.setText(self.tr("Capturing…"))
        self._job = self.services.runner.submit(
            job, self.tr("Attention capture"), on_result=self._on_captured, on_error=self._on_failed,
            on_progress=self._on_progress, on_cancelled=self._on_cancelled, model=Path(source).name)

    def _job_ended(self) -> None:
        self._job = None
        self.run_button.setText(self.tr("Capture"))
        self.approx_panel.compare_button.setEnabled(self.capture is not None and self.stack().can_approximate)

    def _on_progress(self, _fraction, message: str) -> None:
        if message:
            self.status.setText(message)

    def _forget_capture(self) -> None:
        """Back to the hint: the maps shown were of a text or model no longer asked about."""
        self.capture = None
        self.comparison = None
        self.pages.setCurrentWidget(self.empty_hint)
        self.hint.hide()
        self.approx_panel.compare_button.setEnabled(False)

    def _on_failed(self, error: BaseException) -> None:
        self._job_ended()
        self._forget_capture()
        self.status.setText(self.tr("Failed: %1").replace("%1", readable_error(error)))

    def _on_cancelled(self) -> None:
        self._job_ended()
        self.status.setText(self.tr("Cancelled."))

    def _on_captured(self, capture: AttentionCapture) -> None:
        self._job_ended()
        self.show_capture(capture)

    def show_capture(self, capture: AttentionCapture) -> None:
        self.capture = capture
        self.stack_box.blockSignals(True)
        self.stack_box.clear()
        titles = {"self": self.tr("Self-attention"), "encoder": self.tr("Encoder"),
                  "decoder": self.tr("Decoder"), "cross": self.tr("Cross-attention")}
        for stack in capture.stacks:
            self.stack_box.addItem(titles.get(stack.name, stack.name), stack.name)
        self.stack_box.setVisible(len(capture.stacks) > 1)
        self.stack_box.blockSignals(False)
        self._show_stack(capture.stacks[0].name)
        self.pages.setCurrentIndex(1)
        self.hint.show()
        stack = self.stack()
        note = ""
        if capture.truncated:
            note = (self.tr(" (the text is cut there: the most this model reads)") if capture.limit == self.model_token_limit()
                    else self.tr(" (the text is cut there: the token limit)"))
        text = (self.tr("%1: %2 tokens%3, %4 layers × %5 heads, captured in %6 ms.")
                .replace("%1", capture.model).replace("%2", str(len(stack.key_labels))).replace("%3", note)
                .replace("%4", str(stack.layers)).replace("%5", str(stack.heads))
                .replace("%6", f"{capture.seconds * 1000:.0f}"))
        if capture.unknown_tokens:
            text += " " + self.tr("%1 of them are unknown to this model ([UNK]): it was trained on another kind "
                                  "of input (the xiangqi GPT reads moves).").replace("%1", str(capture.unknown_tokens))
        self.status.setText(text)

    def stack(self) -> AttentionStack:
        return self.capture.stack(self.stack_name)

    @Slot(int)
    def _on_stack_changed(self, index: int) -> None:
        if self.capture is not None and index >= 0:
            self._show_stack(self.stack_box.itemData(index))

    def _show_stack(self, name: str) -> None:
        self.stack_name = name
        stack = self.stack()
        self.comparison = None
        titles = {"mean": self.tr("mean"), "rollout": self.tr("rollout")}
        self.grid.set_maps(*stack.overview(THUMBNAIL_PIXELS), titles)
        reason = "" if stack.can_approximate else self.tr(
            "Approximations need the model's queries and keys, which could not be caught for this model.")
        self.approx_panel.set_available(stack.can_approximate, reason)
        self._token_picked = False
        column = self.column
        if column == "rollout" and not stack.is_self_attention:
            column = "mean"
        if isinstance(column, int):
            column = min(column, stack.heads - 1)
        self.select(min(self.layer, stack.layers - 1), column)

    # -- what is shown ----------------------------------------------------------------------------
    def current_matrix(self) -> tuple[np.ndarray, str]:
        """The picked map and its title."""
        stack = self.stack()
        layer = self.layer
        if self.column == "mean":
            return stack.weights[layer].mean(axis=0), self.tr("Layer %1, mean over heads").replace("%1", str(layer))
        if self.column == "rollout":
            return stack.rollout()[layer], self.tr("Rollout up to layer %1").replace("%1", str(layer))
        return stack.weights[layer, self.column], self.tr("Layer %1, head %2").replace(
            "%1", str(layer)).replace("%2", str(self.column))

    @Slot(int, object)
    def select(self, layer: int, column: object) -> None:
        """Show one head (or "mean" / "rollout") of one layer in every view."""
        if self.capture is None:
            return
        self.layer, self.column = layer, column
        self.grid.select(layer, column)
        started = time.perf_counter()
        self.redraw()
        self.last_redraw_seconds = time.perf_counter() - started

    @Slot()
    def redraw(self) -> None:
        """Draw the picked map in the view on screen; the others wait until they are shown."""
        if self.capture is None:
            return
        stack = self.stack()
        matrix, title = self.current_matrix()
        view = self.views.currentWidget()
        if view is self.heatmap:
            self.heatmap.set_matrix(matrix, stack.query_labels, stack.key_labels, html.escape(title))
        elif view is self.head_view:
            if not self._token_picked:
                self.token = stack.most_spread_row(matrix)
            self.head_view.set_matrix(matrix, stack.query_labels, stack.key_labels, self.token, html.escape(title))
        else:
            self._show_comparison()

    @Slot(int, int)
    def _on_cell_clicked(self, row: int, _column: int) -> None:
        self._on_token_selected(row)

    @Slot(int)
    def _on_token_selected(self, token: int) -> None:
        self.token, self._token_picked = token, True
        self.head_view.show_token(token)

    # -- approximation mode -----------------------------------------------------------------------
    @Slot(object)
    def compare(self, approximation) -> None:
        if self.capture is None or (self._job is not None and self._job.running):
            return
        stack = self.stack()

        def job(ctx):
            from engine.attention.compare import compare_stack

            return compare_stack(stack, approximation, ctx)

        self.approx_panel.compare_button.setEnabled(False)
        self.run_button.setText(self.tr("Cancel"))
        self._job = self.services.runner.submit(
            job, self.tr("Attention approximation"), on_result=self._on_compared, on_error=self._on_failed,
            on_cancelled=self._on_cancelled)
        self._job_stack = stack

    def _on_compared(self, comparison: Comparison) -> None:
        self._job_ended()
        if self.capture is None or self._job_stack is not self.stack():
            return  # a new capture or stack arrived meanwhile
        self.comparison = comparison
        if self.views.currentWidget() is self.approx_panel:
            self._show_comparison()
        else:
            self.views.setCurrentWidget(self.approx_panel)  # which draws it

    def _show_comparison(self) -> None:
        if self.comparison is None:
            return
        stack, comparison, layer = self.stack(), self.comparison, self.layer
        if isinstance(self.column, int):
            exact, approx = stack.weights[layer, self.column], comparison.maps[layer, self.column]
            errors = (float(comparison.kl[layer, self.column]), float(comparison.max_abs[layer, self.column]))
            what = self.tr("layer %1 head %2").replace("%1", str(layer)).replace("%2", str(self.column))
        else:  # aggregates compare as the mean over heads
            exact, approx = stack.weights[layer].mean(0), comparison.maps[layer].mean(0)
            errors = (float(comparison.kl[layer].mean()), float(comparison.max_abs[layer].max()))
            what = self.tr("layer %1, mean over heads").replace("%1", str(layer))
        self.approx_panel.show_comparison(exact, approx, stack.query_labels, stack.key_labels, what,
                                          comparison.approximation.label, errors, comparison.summary())

    # -- export -----------------------------------------------------------------------------------
    def export_png(self, path: Path) -> None:
        """The view on screen (heatmap, head view or approximation), as it looks."""
        if not self.views.currentWidget().grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")

    def export_csv(self, path: Path) -> None:
        """The matrix on screen, with the query tokens down the side and the keys across the top."""
        from engine.attention.export import write_matrix_csv  # torch is loaded: a capture exists

        stack = self.stack()
        write_matrix_csv(Path(path), self.current_matrix()[0], stack.query_labels, stack.key_labels)

    def export_npy(self, path: Path) -> None:
        """Every layer and head of the current stack: (layers, heads, n_query, n_key)."""
        from engine.attention.export import write_npy

        write_npy(Path(path), self.stack().weights)

    def _export(self, title: str, pattern: str, suffix: str, write) -> None:
        if self.capture is None:
            self.status.setText(self.tr("Capture something first."))
            return
        path, _ = QFileDialog.getSaveFileName(self, title, f"attention-L{self.layer}-{self.column}.{suffix}", pattern)
        if not path:
            return
        try:
            write(Path(path))
        except (OSError, ValueError) as exc:
            self.status.setText(self.tr("Could not export: %1").replace("%1", str(exc)))
            return
        self.status.setText(self.tr("Saved %1").replace("%1", path))

    @Slot()
    def _export_png_dialog(self) -> None:
        self._export(self.tr("Export the view"), "PNG (*.png)", "png", self.export_png)

    @Slot()
    def _export_csv_dialog(self) -> None:
        self._export(self.tr("Export the matrix"), "CSV (*.csv)", "csv", self.export_csv)

    @Slot()
    def _export_npy_dialog(self) -> None:
        self._export(self.tr("Export all layers and heads"), "NumPy (*.npy)", "npy", self.export_npy)
