"""pyqtgraph views for the Attention tab: token axes, heatmap, thumbnail grid, head view.

They show arrays and labels they are given and report clicks; they compute nothing about
models. Token labels are drawn with the bundled CJK family as fallback so Chinese renders
on any machine.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPen
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QToolTip

CJK_FAMILY = "Wenqi Sans"
WEIGHT_COLORS = pg.colormap.get("viridis")
ERROR_COLORS = pg.colormap.get("inferno")
TICK_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
THUMBNAIL_PIXELS = 48


def tick_font(point_size: int = 9) -> QFont:
    """The UI font with the bundled CJK family behind it, for labels drawn by pyqtgraph."""
    font = QFont(QApplication.font())
    families = font.families() or [font.family()]
    if CJK_FAMILY not in families:
        families = [*families, CJK_FAMILY]
    font.setFamilies(families)
    font.setPointSize(point_size)
    return font


class TokenAxis(pg.AxisItem):
    """An axis whose ticks are tokens (token ``i`` spans ``[i, i + 1)``), labelled with their
    text alone (the views' tooltips give the index).

    Every k-th token is labelled, k the smallest step whose labels do not overlap at the
    current zoom; zooming in brings every label back, so 512 tokens stay readable.
    """

    def __init__(self, orientation: str) -> None:
        super().__init__(orientation)
        self.labels: list[str] = []
        self._extent = 1.0
        self.setStyle(tickFont=tick_font(), textFillLimits=[(0, 1.05)], maxTextLevel=0)

    def set_labels(self, labels: list[str]) -> None:
        if list(labels) == self.labels:
            return  # another head of the same text: nothing to measure again
        self.labels = list(labels)
        metrics = QFontMetrics(self.style["tickFont"])
        if self.orientation in ("left", "right"):
            self._extent = metrics.height() * 1.1
        else:
            widest = max((metrics.horizontalAdvance(label) for label in self.labels), default=0)
            self._extent = widest + 8
        self.picture = None
        self.update()

    def tickValues(self, minVal, maxVal, size):  # noqa: N802,N803 - pyqtgraph's names
        count = len(self.labels)
        minVal, maxVal = sorted((minVal, maxVal))  # noqa: N806 - an inverted view hands them over reversed
        if not count or size <= 0 or maxVal <= minVal:
            return []
        per_token = size / (maxVal - minVal)
        step = next((step for step in TICK_STEPS if step * per_token >= self._extent), TICK_STEPS[-1])
        low, high = max(0, math.ceil(minVal - 0.5)), min(count - 1, math.floor(maxVal - 0.5))
        return [(step, [i + 0.5 for i in range(math.ceil(low / step) * step, high + 1, step)])]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        return [self.labels[int(math.floor(v))] if 0 <= math.floor(v) < len(self.labels) else "" for v in values]


class HeatmapView(pg.GraphicsLayoutWidget):
    """One attention matrix: queries down, keys across, a colour bar, a tooltip per cell."""

    cellClicked = Signal(int, int)  # query row, key column

    def __init__(self, colors: pg.ColorMap = WEIGHT_COLORS, parent=None) -> None:
        super().__init__(parent)
        self.matrix = np.zeros((0, 0), dtype=np.float32)
        self.row_labels: list[str] = []
        self.column_labels: list[str] = []
        self.setBackground("w")
        self.left_axis, self.bottom_axis = TokenAxis("left"), TokenAxis("bottom")
        for axis in (self.left_axis, self.bottom_axis):
            axis.setPen("k")
            axis.setTextPen("k")
        self.left_axis.setLabel(self.tr("query: the token that looks"), color="k")
        self.bottom_axis.setLabel(self.tr("key: the token looked at"), color="k")
        self.plot = self.addPlot(axisItems={"left": self.left_axis, "bottom": self.bottom_axis})
        self.plot.invertY(True)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setTitle("")
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.bar = pg.ColorBarItem(values=(0.0, 1.0), colorMap=colors, interactive=False, width=12,
                                   colorMapMenu=False)
        self.bar.setImageItem(self.image, insert_in=self.plot)
        self.bar.axis.setTextPen("k")
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)

    def set_matrix(self, matrix: np.ndarray, row_labels: list[str], column_labels: list[str], title: str = "",
                   level: float | None = None) -> None:
        """Show ``matrix``; the zoom is kept when the shape stays the same (another head)."""
        same_shape = matrix.shape == self.matrix.shape
        self.matrix = np.asarray(matrix, dtype=np.float32)
        self.row_labels, self.column_labels = list(row_labels), list(column_labels)
        top = float(level if level is not None else max(float(self.matrix.max(initial=0.0)), 1e-9))
        self.image.setImage(self.matrix, levels=(0.0, top), autoLevels=False)
        self.bar.setLevels((0.0, top))
        self.left_axis.set_labels(self.row_labels)
        self.bottom_axis.set_labels(self.column_labels)
        self.plot.setTitle(title, color="k")
        rows, columns = self.matrix.shape
        self.plot.setLimits(xMin=0, xMax=max(columns, 1), yMin=0, yMax=max(rows, 1),
                            minXRange=min(4, columns or 1), minYRange=min(4, rows or 1))
        if not same_shape:
            self.plot.setRange(xRange=(0, columns), yRange=(0, rows), padding=0)

    def cell_at(self, scene_pos: QPointF) -> tuple[int, int] | None:
        if not self.plot.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.plot.vb.mapSceneToView(scene_pos)
        row, column = int(math.floor(point.y())), int(math.floor(point.x()))
        if 0 <= row < self.matrix.shape[0] and 0 <= column < self.matrix.shape[1]:
            return row, column
        return None

    def hover_text(self, row: int, column: int) -> str:
        """What the tooltip says about one cell: both tokens and the exact weight."""
        weight = self.tr("weight")
        return (f"{self.row_labels[row]} → {self.column_labels[column]}\n"
                f"{weight} {self.matrix[row, column]:.6f}\n"
                f"#{row} → #{column}")

    def _on_mouse_moved(self, scene_pos) -> None:
        cell = self.cell_at(scene_pos)
        if cell is None:
            QToolTip.hideText()
            return
        QToolTip.showText(QCursor.pos(), self.hover_text(*cell), self)

    def _on_mouse_clicked(self, event) -> None:
        cell = self.cell_at(event.scenePos())
        if cell is not None:
            self.cellClicked.emit(*cell)


class ThumbnailGrid(pg.GraphicsLayoutWidget):
    """Every layer (rows) × head (columns) as a small map, then the head mean and rollout,
    drawn as one mosaic image from ``AttentionStack.overview``."""

    picked = Signal(int, object)  # layer, head index or "mean" / "rollout"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setBackground("w")
        self.columns: list[object] = []
        self.layers = 0
        self.mosaic_size = (0, 0)  # width, height in image pixels
        self.cell = THUMBNAIL_PIXELS
        self.plot = self.addPlot()
        self.plot.invertY(True)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setAspectLocked(True)
        self.plot.showAxis("top")
        self.plot.hideAxis("bottom")
        for name in ("left", "top"):
            axis = self.plot.getAxis(name)
            # pyqtgraph hides a label that would cross the axis' end: the last column's ("rollout").
            axis.setStyle(tickFont=tick_font(8), hideOverlappingLabels=False)
            axis.setPen("k")
            axis.setTextPen("k")
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.frame = QGraphicsRectItem()
        pen = QPen(QColor("#d81b60"), 2)
        pen.setCosmetic(True)
        self.frame.setPen(pen)
        self.plot.addItem(self.frame)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.plot.vb.sigResized.connect(self._fit)

    def set_maps(self, pooled: np.ndarray, columns: list[object], titles: dict[str, str]) -> None:
        """``pooled``: (layers, columns, ≤cell, ≤cell) in 0..1; a column is a head index or a name in ``titles``."""
        self.layers, self.columns = pooled.shape[0], list(columns)
        step = self.cell + 2
        mosaic = np.full((self.layers * step, len(self.columns) * step, 4), 255, dtype=np.ubyte)
        for layer in range(self.layers):
            for column, small in enumerate(pooled[layer]):
                tile = WEIGHT_COLORS.map(small.ravel(), mode="byte").reshape(*small.shape, 4)
                tile = np.repeat(np.repeat(tile, math.ceil(self.cell / small.shape[0]), 0),
                                 math.ceil(self.cell / small.shape[1]), 1)[: self.cell, : self.cell]
                y, x = layer * step + 1, column * step + 1
                mosaic[y:y + tile.shape[0], x:x + tile.shape[1]] = tile
        self.image.setImage(mosaic, autoLevels=False)
        self.plot.getAxis("left").setTicks([[(layer * step + step / 2, f"L{layer}") for layer in range(self.layers)]])
        self.plot.getAxis("top").setTicks([[(c * step + step / 2, titles.get(name, f"H{name}"))
                                            for c, name in enumerate(self.columns)]])
        self.mosaic_size = mosaic.shape[1], mosaic.shape[0]
        self._fit()

    def _fit(self, *_args) -> None:
        """Fill the width and keep the mosaic at the top (an aspect-locked view would centre it)."""
        width, height = self.mosaic_size
        view = self.plot.vb.size()
        if not width or view.width() <= 0 or view.height() <= 0:
            return
        visible_height = max(height, width * view.height() / view.width())
        self.plot.setRange(xRange=(0, width), yRange=(0, visible_height), padding=0.01)


    def select(self, layer: int, column: object) -> None:
        if column not in self.columns:
            return
        step = self.cell + 2
        self.frame.setRect(QRectF(self.columns.index(column) * step, layer * step, step, step))

    def _on_mouse_clicked(self, event) -> None:
        if not self.columns:
            return
        point = self.plot.vb.mapSceneToView(event.scenePos())
        step = self.cell + 2
        layer, column = int(point.y() // step), int(point.x() // step)
        if 0 <= layer < self.layers and 0 <= column < len(self.columns):
            self.select(layer, self.columns[column])
            self.picked.emit(layer, self.columns[column])


class HeadView(pg.GraphicsLayoutWidget):
    """Lines from one query token (left) to the key tokens it attends to (right), by weight."""

    tokenSelected = Signal(int)
    MAX_LINES = 64

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setBackground("w")
        self.left_axis, self.right_axis = TokenAxis("left"), TokenAxis("right")
        for axis in (self.left_axis, self.right_axis):
            axis.setPen("k")
            axis.setTextPen("k")
        self.left_axis.setLabel(self.tr("query: click a token"), color="k")
        self.right_axis.setLabel(self.tr("keys it looks at"), color="k")
        self.plot = self.addPlot(axisItems={"left": self.left_axis, "right": self.right_axis})
        self.plot.showAxis("right")
        self.plot.hideAxis("bottom")
        self.plot.invertY(True)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=True)
        self.matrix = np.zeros((0, 0), dtype=np.float32)
        self.title = ""
        self.token = 0
        self.lines: list[pg.PlotCurveItem] = []
        self.marker = pg.ScatterPlotItem(size=9, brush=pg.mkBrush("#d81b60"), pen=None)
        self.plot.addItem(self.marker)
        self.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)

    def set_matrix(self, matrix: np.ndarray, query_labels: list[str], key_labels: list[str], token: int,
                   title: str = "") -> None:
        same_shape = matrix.shape == self.matrix.shape
        self.matrix = np.asarray(matrix, dtype=np.float32)
        self.title = title
        self.left_axis.set_labels(query_labels)
        self.right_axis.set_labels(key_labels)
        rows, columns = self.matrix.shape
        self.plot.setLimits(xMin=-0.02, xMax=1.02, yMin=0, yMax=max(rows, columns, 1))
        if not same_shape:
            self.plot.setRange(xRange=(0, 1), yRange=(0, max(rows, columns)), padding=0)
        self.show_token(token)

    def show_token(self, token: int) -> None:
        """Draw the strongest links of query ``token`` (at most MAX_LINES, none under 1% of the top)."""
        for line in self.lines:
            self.plot.removeItem(line)
        self.lines.clear()
        if not self.matrix.size:
            return
        self.token = int(np.clip(token, 0, self.matrix.shape[0] - 1))
        weights = self.matrix[self.token]
        top = float(weights.max(initial=0.0)) or 1.0
        order = np.argsort(weights)[::-1][: self.MAX_LINES]
        for key in order[::-1]:  # strongest drawn last, on top
            strength = float(weights[key]) / top
            if strength < 0.01:
                continue
            pen = pg.mkPen(QColor(33, 102, 172, int(40 + 215 * strength)), width=1 + 5 * strength)
            line = pg.PlotCurveItem([0.02, 0.98], [self.token + 0.5, key + 0.5], pen=pen)
            self.plot.addItem(line)
            self.lines.append(line)
        self.marker.setData([0.02], [self.token + 0.5])
        label = self.left_axis.labels[self.token] if self.token < len(self.left_axis.labels) else ""
        self.plot.setTitle(f"{self.title} · {label}", color="k")

    def hover_text(self, y: float, keys: bool) -> str:
        """A token's label and index, on the query side (left) or the key side (right)."""
        labels = (self.right_axis if keys else self.left_axis).labels
        index = int(math.floor(y))
        if not 0 <= index < len(labels):
            return ""
        if keys and 0 <= self.token < self.matrix.shape[0] and index < self.matrix.shape[1]:
            weight = self.tr("weight")
            return f"{labels[index]} #{index}\n{weight} {self.matrix[self.token, index]:.6f}"
        return f"{labels[index]} #{index}"

    def _on_mouse_moved(self, scene_pos) -> None:
        if not self.matrix.size or not self.plot.sceneBoundingRect().contains(scene_pos):
            QToolTip.hideText()
            return
        point = self.plot.vb.mapSceneToView(scene_pos)
        text = self.hover_text(point.y(), keys=point.x() >= 0.5)
        if text:
            QToolTip.showText(QCursor.pos(), text, self)
        else:
            QToolTip.hideText()

    def _on_mouse_clicked(self, event) -> None:
        if not self.matrix.size or not self.plot.sceneBoundingRect().contains(event.scenePos()):
            return
        point = self.plot.vb.mapSceneToView(event.scenePos())
        if point.x() < 0.5 and 0 <= point.y() < self.matrix.shape[0]:
            self.show_token(int(point.y()))
            self.tokenSelected.emit(self.token)

