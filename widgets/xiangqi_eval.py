"""The GPT's opinion of a xiangqi game: its hints and its outcome belief, as the tab shows them.

``GptAdvisor`` holds the bundled GPT for one tab; it is made on first use, inside a worker
(loading must never block the board), and its methods are the jobs' bodies. ``EvalBar`` is
the thin bar beside the board (red's share at red's end, the draw share in between) and
``EvalCurve`` the game's curve of red's expected score, one point per ply. Both only draw
what they are given.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QEasingCurve, QEvent, QPointF, QRectF, QSize, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from engine.runtime.store import ModelError, ModelStore
from engine.xiangqi import Board
from engine.xiangqi.names import MODEL_NAME
from widgets.attention_plots import tick_font

if TYPE_CHECKING:  # the GPT module pulls in torch and transformers: only the worker needs it
    from engine.xiangqi.gpt import Candidate, GptPlayer, OutcomeBelief

HINT_MOVES = 3
RED_SIDE = QColor(192, 57, 43)


def black_side(dark: bool) -> QColor:
    return QColor(14, 14, 16) if dark else QColor(48, 48, 52)


def draw_share(dark: bool) -> QColor:
    return QColor(118, 118, 122) if dark else QColor(196, 196, 200)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def percent(value: float) -> str:
    """42% style; a chance that rounds to nothing still reads as one."""
    return "<1%" if value < 0.005 else f"{round(value * 100)}%"


class GptAdvisor:
    """The bundled GPT for the tab's hints and evaluation; the model loads on first use, on
    ``device()`` (asked then, in the worker: choosing the device imports torch)."""

    def __init__(self, store: ModelStore, device: Callable[[], object]) -> None:
        self.store, self.device = store, device
        self._player: GptPlayer | None = None
        self._lock = threading.Lock()  # a hint and an evaluation may start together

    @staticmethod
    def available(store: ModelStore) -> bool:
        try:
            store.resolve(MODEL_NAME)
        except ModelError:
            return False
        return True

    def player(self) -> GptPlayer:
        with self._lock:
            if self._player is None:
                from engine.xiangqi.gpt import GptPlayer

                self._player = GptPlayer(MODEL_NAME, store=self.store, device=self.device())
            return self._player

    def hint(self, board: Board, n: int = HINT_MOVES) -> list[Candidate]:
        """The model's ``n`` likeliest legal moves in ``board``, best first."""
        return self.player().candidates(board, limit=n)

    def curve(self, board: Board) -> list[OutcomeBelief]:
        """The outcome belief after every ply of ``board``'s game, ply 0 first."""
        return self.player().outcome_curve(board)


class EvalBar(QWidget):
    """A thin vertical bar: black's winning chance at black's end, red's at red's, the draw
    share between them, and a tick at red's expected score. Changes slide into place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.belief: OutcomeBelief | None = None
        self.flipped = False  # red at the top, as on a flipped board
        self._shown = (0.0, 1.0, 0.0)  # red, draw, black as drawn now (mid-slide)
        self._from = self._shown
        self._slide = QVariantAnimation(self, startValue=0.0, endValue=1.0, duration=220)
        self._slide.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._slide.valueChanged.connect(self._on_slide)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(16, 300)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(12, 60)

    def set_belief(self, belief: OutcomeBelief | None, animate: bool = True) -> None:
        if belief == self.belief:
            return
        slide = animate and belief is not None and self.belief is not None and self.isVisible()
        self.belief = belief
        self._from = self._shown
        if slide:
            self._slide.start()
        else:
            self._slide.stop()
            self._on_slide(1.0)

    def set_flipped(self, flipped: bool) -> None:
        if flipped != self.flipped:
            self.flipped = flipped
            self.update()

    def _target(self) -> tuple[float, float, float]:
        b = self.belief
        return (0.0, 1.0, 0.0) if b is None else (b.red, b.draw, b.black)

    def _on_slide(self, t) -> None:
        t = float(t)
        self._shown = tuple(a + (b - a) * t for a, b in zip(self._from, self._target()))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dark = is_dark(self.palette())
        frame = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        radius = min(4.0, frame.width() / 3)
        path = QPainterPath()
        path.addRoundedRect(frame, radius, radius)
        painter.setClipPath(path)
        if self.belief is None:  # not known yet: an empty groove, not a sure draw
            painter.fillRect(frame, self.palette().color(QPalette.ColorRole.Midlight))
            red, draw, black = 0.0, 0.0, 0.0
        else:
            red, draw, black = self._shown
        h = frame.height()
        # From the top: the far side's chance, the draw, the near side's (red is near unless flipped).
        shares = [(black, black_side(dark)), (draw, draw_share(dark)), (red, RED_SIDE)]
        if self.flipped:
            shares.reverse()
        y = frame.top()
        for share, color in shares:
            painter.fillRect(QRectF(frame.left(), y, frame.width(), share * h + 0.5), color)
            y += share * h
        if self.belief is not None:
            score = red + draw / 2
            mark = frame.bottom() - score * h if not self.flipped else frame.top() + score * h
            # A light line on a dark edge reads on every share's colour.
            painter.setPen(QPen(QColor(0, 0, 0, 140), 4))
            painter.drawLine(QPointF(frame.left(), mark), QPointF(frame.right(), mark))
            painter.setPen(QPen(QColor(255, 255, 255), 2))
            painter.drawLine(QPointF(frame.left(), mark), QPointF(frame.right(), mark))
        painter.setClipping(False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.drawRoundedRect(frame, radius, radius)


class BoardWithBar(QWidget):
    """The board view with the evaluation bar along the board's edge (where the wood is
    drawn, not where the view begins), as tall as the board."""

    GAP = 6

    def __init__(self, view: QWidget, bar: EvalBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view, self.bar = view, bar
        view.setParent(self)
        bar.setParent(self)
        self.setSizePolicy(view.sizePolicy())

    def _gutter(self) -> int:
        return 0 if self.bar.isHidden() else self.bar.sizeHint().width() + self.GAP

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.view.sizeHint() + QSize(self._gutter(), 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.view.minimumSizeHint() + QSize(self._gutter(), 0)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.place()

    def place(self) -> None:
        """Lay the two out again (after a resize, or the bar was shown or hidden)."""
        gutter = self._gutter()
        self.view.setGeometry(gutter, 0, max(1, self.width() - gutter), self.height())
        board = self.view.board_rect()
        inset = board.height() * 0.012  # level with the wood's rounded corners
        self.bar.setGeometry(round(gutter + board.left() - self.GAP - self.bar.sizeHint().width()),
                             round(board.top() + inset), self.bar.sizeHint().width(),
                             round(board.height() - 2 * inset))
        self.updateGeometry()


class EvalCurve(pg.PlotWidget):
    """Red's expected score after every ply (up = red better), filled from the even line
    towards the side ahead; a line marks the ply on the board. A click picks a ply."""

    plySelected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scores: list[float] = []
        self.current = 0
        self.setMinimumHeight(90)
        self.setMaximumHeight(130)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        item = self.getPlotItem()
        item.hideAxis("bottom")
        item.showAxis("left")
        axis = item.getAxis("left")
        axis.setStyle(tickFont=tick_font(8), tickLength=-3)
        self._axis_labels = (self.tr("Red"), self.tr("Black"))
        axis.setTicks([[(1.0, self._axis_labels[0]), (0.5, ""), (0.0, self._axis_labels[1])]])
        self.setYRange(0, 1, padding=0.04)
        self._even = pg.InfiniteLine(0.5, angle=0, movable=False)
        self._marker = pg.InfiniteLine(0, angle=90, movable=False)
        self._above = pg.PlotDataItem(fillLevel=0.5)
        self._below = pg.PlotDataItem(fillLevel=0.5)
        self._line = pg.PlotDataItem()
        for part in (self._above, self._below, self._even, self._line, self._marker):
            self.addItem(part)
        self.scene().sigMouseClicked.connect(self._on_click)
        self._apply_palette()

    def set_scores(self, scores: list[float]) -> None:
        self.scores = list(scores)
        xs = list(range(len(self.scores)))
        self._line.setData(xs, self.scores)
        self._above.setData(xs, [max(s, 0.5) for s in self.scores])
        self._below.setData(xs, [min(s, 0.5) for s in self.scores])
        self.setXRange(0, max(20, len(self.scores) - 1), padding=0.02)

    def set_current(self, ply: int) -> None:
        self.current = ply
        self._marker.setValue(ply)

    def _on_click(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.scores:
            return
        x = self.getPlotItem().vb.mapSceneToView(event.scenePos()).x()
        self.plySelected.emit(max(0, min(round(x), len(self.scores) - 1)))

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) \
                and hasattr(self, "_line"):  # not while pyqtgraph builds the view
            self._apply_palette()

    def _apply_palette(self) -> None:
        palette = self.palette()
        dark = is_dark(palette)
        text = palette.color(QPalette.ColorRole.Text)
        self.setBackground(palette.color(QPalette.ColorRole.Base))
        axis = self.getPlotItem().getAxis("left")
        axis.setPen(pg.mkPen(palette.color(QPalette.ColorRole.Mid)))
        axis.setTextPen(pg.mkPen(palette.color(QPalette.ColorRole.PlaceholderText)))
        self._even.setPen(pg.mkPen(palette.color(QPalette.ColorRole.Mid), style=Qt.PenStyle.DashLine))
        self._marker.setPen(pg.mkPen(palette.color(QPalette.ColorRole.Highlight), width=1.5))
        red, black = QColor(RED_SIDE), QColor(black_side(dark) if not dark else QColor(150, 150, 160))
        red.setAlpha(110)
        black.setAlpha(110 if not dark else 90)
        self._above.setBrush(pg.mkBrush(red))
        self._above.setPen(pg.mkPen(None))
        self._below.setBrush(pg.mkBrush(black))
        self._below.setPen(pg.mkPen(None))
        self._line.setPen(pg.mkPen(text, width=1.5))
