"""The Attention tab's approximation mode: exact and approximate maps side by side, the error map
and the numbers, with controls for the method, FAVOR+'s m and the Taylor order.

The panel only asks (``compareRequested``) and shows what it is given; the tab runs the job.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QSplitter, QVBoxLayout,
                               QWidget)

from widgets.attention_plots import ERROR_COLORS, HeatmapView

if TYPE_CHECKING:
    from engine.attention.approx import Approximation


class ApproximationPanel(QWidget):
    compareRequested = Signal(object)  # Approximation

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.method = QComboBox()
        self.method.addItem(self.tr("Performer FAVOR+"), "favor")
        self.method.addItem(self.tr("Linear attention (elu+1)"), "elu")
        self.method.addItem(self.tr("Taylor softmax"), "taylor")
        self.features = QSpinBox()
        self.features.setRange(1, 8192)
        self.features.setValue(64)
        self.features.setPrefix("m = ")
        self.features.setToolTip(self.tr("Number of positive orthogonal random features"))
        self.order = QComboBox()
        self.order.addItem(self.tr("order 2"), 2)
        self.order.addItem(self.tr("order 4"), 4)
        self.seed = QSpinBox()
        self.seed.setRange(0, 9999)
        self.seed.setPrefix(self.tr("seed "))
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.setEnabled(False)
        self.method.currentIndexChanged.connect(self._update_controls)
        self.compare_button.clicked.connect(self._request)

        controls = QHBoxLayout()
        for widget in (QLabel(self.tr("Approximation:")), self.method, self.features, self.order, self.seed,
                       self.compare_button):
            controls.addWidget(widget)
        controls.addStretch(1)

        self.exact_view = HeatmapView()
        self.approx_view = HeatmapView()
        self.error_view = HeatmapView(ERROR_COLORS)
        for view in (self.approx_view, self.error_view):
            view.plot.setXLink(self.exact_view.plot)
            view.plot.setYLink(self.exact_view.plot)
        maps = QSplitter()
        for view in (self.exact_view, self.approx_view, self.error_view):
            maps.addWidget(view)
        self.numbers = QLabel(self.tr("Capture a text first."))
        self.numbers.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(maps, 1)
        layout.addWidget(self.numbers)
        self._update_controls()

    def approximation(self) -> Approximation:
        from engine.attention.approx import Approximation  # torch: loaded by now, a capture exists

        return Approximation(self.method.currentData(), features=self.features.value(),
                             order=int(self.order.currentData()), seed=self.seed.value())

    def set_available(self, available: bool, reason: str = "") -> None:
        """A new capture: say whether it can be approximated (the maps shown are from before)."""
        self.compare_button.setEnabled(available)
        self.numbers.setText(reason if not available else self.tr("Pick a head, then press Compare."))

    @Slot()
    def _update_controls(self) -> None:
        method = self.method.currentData()
        self.features.setVisible(method == "favor")
        self.seed.setVisible(method == "favor")
        self.order.setVisible(method == "taylor")

    @Slot()
    def _request(self) -> None:
        self.compareRequested.emit(self.approximation())

    def show_comparison(self, exact: np.ndarray, approx: np.ndarray, row_labels: list[str], key_labels: list[str],
                        what: str, method: str, head_errors: tuple[float, float], overall: dict) -> None:
        """Both maps on one colour scale, |exact − approx| on its own, and the errors in words."""
        top = max(float(exact.max(initial=0.0)), float(approx.max(initial=0.0)), 1e-9)
        self.exact_view.set_matrix(exact, row_labels, key_labels, self.tr("Exact softmax"), level=top)
        self.approx_view.set_matrix(approx, row_labels, key_labels, html.escape(method), level=top)
        self.error_view.set_matrix(np.abs(exact - approx), row_labels, key_labels, self.tr("|exact − approximate|"))
        kl, max_abs = head_errors
        self.numbers.setText(
            self.tr("%1, %2: mean row KL %3, max |error| %4. All heads: mean KL %5, worst max |error| %6; "
                    "computed in %7 ms.")
            .replace("%1", html.escape(method)).replace("%2", html.escape(what))
            .replace("%3", f"{kl:.4g}").replace("%4", f"{max_abs:.4g}")
            .replace("%5", f"{overall['mean_kl']:.4g}").replace("%6", f"{overall['max_abs']:.4g}")
            .replace("%7", f"{overall['seconds'] * 1000:.0f}"))
