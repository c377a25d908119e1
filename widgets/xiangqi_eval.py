"""The engine's opinion of a xiangqi game as the tab shows it.

``EngineEvaluator`` evaluates the positions shown, one job at a time. ``EvalBar`` is
the thin bar beside the board (red's expected score from red's end) and ``EvalCurve`` the
game's curve of it, one point per ply, with the review's marks. Both only draw what they are
given: the search engine's evaluation (``engine.xiangqi.review.PositionEval.expectation``),
not the GPT's outcome belief, which contradicted finished games (issue 26).
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QAbstractAnimation, QEasingCurve, QEvent, QObject, QPointF, QRectF, QSize, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.jobs import JobRunner, LatestJob, readable_error
from engine.xiangqi import Board
from engine.xiangqi.review import PositionEval, evaluate_position
from widgets.attention_plots import tick_font

LIVE_TIME_S = 0.5
"""Seconds the engine searches a position shown during play."""
RED_SIDE = QColor(192, 57, 43)
MARK_COLORS = {"?!": QColor("#56b4e9"), "?": QColor("#e69f00"), "??": QColor("#df5353")}
"""Inaccuracy, mistake, blunder: a palette colour-blind readers can tell apart."""


def black_side(dark: bool) -> QColor:
    return QColor(14, 14, 16) if dark else QColor(48, 48, 52)


def draw_share(dark: bool) -> QColor:
    return QColor(118, 118, 122) if dark else QColor(196, 196, 200)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def percent(value: float) -> str:
    """42% style; a chance that rounds to nothing still reads as one."""
    return "<1%" if value < 0.005 else f"{round(value * 100)}%"


class EngineEvaluator(QObject):
    """The search engine's evaluation of the positions the tab shows, kept by position key.
    One job at a time: asking for another position replaces the job before (its answer is
    dropped), so nothing waits on a position no longer shown; ``pending`` is the position
    being evaluated, ``error`` why the last one could not be."""

    evaluated = Signal()

    def __init__(self, runner: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = LatestJob(runner, self.tr("Evaluation"))
        self.known: dict[tuple, PositionEval] = {}
        self.pending: tuple | None = None
        self.error = ""
        self.limits: dict = {"time_s": LIVE_TIME_S}
        """Search limits a position (tests use a depth)."""

    def request(self, key: tuple, board: Board) -> None:
        """Evaluate ``board`` (a copy the job may keep) unless it is known or on its way."""
        if key in self.known or key == self.pending:
            return
        self.pending, self.error, limits = key, "", dict(self.limits)
        self._job.start(lambda ctx: evaluate_position(board, cancel=ctx.cancel_token, **limits),
                        on_result=lambda evaluation: self._on_result(key, evaluation),
                        on_error=self._on_error, on_cancelled=self._on_cancelled)

    def stop(self) -> None:
        """Drop the job under way (the position is no longer shown)."""
        self._job.forget()
        self.pending = None

    def clear(self) -> None:
        self.stop()
        self.known.clear()
        self.error = ""

    def _on_result(self, key: tuple, evaluation: PositionEval) -> None:
        self.known[key], self.pending = evaluation, None
        self.evaluated.emit()

    def _on_error(self, error: BaseException) -> None:
        self.pending, self.error = None, readable_error(error)
        self.evaluated.emit()

    def _on_cancelled(self) -> None:
        self.pending = None
        self.evaluated.emit()


class EvalBar(QWidget):
    """A thin vertical bar: red's expected score (0..1) filled from red's end, black's share
    from black's, a tick where they meet. Changes slide into place; None is an empty groove."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.score: float | None = None
        self.flipped = False  # red at the top, as on a flipped board
        self._shown = 0.5  # as drawn now (mid-slide)
        self._from = self._shown
        self._slide = QVariantAnimation(self, startValue=0.0, endValue=1.0, duration=220)
        self._slide.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._slide.valueChanged.connect(self._on_slide)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(16, 300)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(12, 60)

    def set_score(self, score: float | None, animate: bool = True) -> None:
        if score == self.score:
            return
        slide = animate and score is not None and self.score is not None and self.isVisible()
        self.score = score
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

    def is_sliding(self) -> bool:
        """Whether a change is still sliding into place (what is drawn is not yet ``score``)."""
        return self._slide.state() == QAbstractAnimation.State.Running

    def _on_slide(self, t) -> None:
        target = 0.5 if self.score is None else self.score
        self._shown = self._from + (target - self._from) * float(t)
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
        h = frame.height()
        if self.score is None:  # not known yet: an empty groove, not an even game
            painter.fillRect(frame, self.palette().color(QPalette.ColorRole.Midlight))
        else:
            red_h = self._shown * h  # red is near (at the bottom) unless flipped
            red_top = frame.top() if self.flipped else frame.bottom() - red_h
            black_top = frame.top() + red_h if self.flipped else frame.top()
            painter.fillRect(QRectF(frame.left(), black_top, frame.width(), h - red_h + 0.5), black_side(dark))
            painter.fillRect(QRectF(frame.left(), red_top, frame.width(), red_h + 0.5), RED_SIDE)
            mark = frame.top() + red_h if self.flipped else frame.bottom() - red_h
            # A light line on a dark edge reads on both colours.
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
    """Red's expected score after every ply (up = red better; None where not known yet),
    filled from the even line towards the side ahead; a line marks the ply on the board, dots
    the review's marked moves. A click picks a ply."""

    plySelected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scores: list[float | None] = []
        self.marks: dict[int, str] = {}
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
        self._above = pg.PlotDataItem(fillLevel=0.5, connect="finite")
        self._below = pg.PlotDataItem(fillLevel=0.5, connect="finite")
        self._line = pg.PlotDataItem(connect="finite")
        self._dots = pg.ScatterPlotItem(size=8, pen=pg.mkPen(None))
        for part in (self._above, self._below, self._even, self._line, self._marker, self._dots):
            self.addItem(part)
        self.scene().sigMouseClicked.connect(self._on_click)
        self._apply_palette()

    def set_scores(self, scores: list[float | None], marks: dict[int, str] | None = None) -> None:
        """Red's expected score after ply 0, 1, … (None: not known) and the marked plies."""
        self.scores = list(scores)
        self.marks = {ply: mark for ply, mark in (marks or {}).items() if ply < len(self.scores)
                      and self.scores[ply] is not None}
        xs = list(range(len(self.scores)))
        ys = [math.nan if s is None else s for s in self.scores]
        self._line.setData(xs, ys)
        self._above.setData(xs, [max(s, 0.5) for s in ys])  # nan stays nan: a gap
        self._below.setData(xs, [min(s, 0.5) for s in ys])
        self._dots.setData([{"pos": (ply, self.scores[ply]), "brush": pg.mkBrush(MARK_COLORS[mark])}
                            for ply, mark in sorted(self.marks.items())])
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
