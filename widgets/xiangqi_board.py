"""The xiangqi board: a wooden board drawn with QPainter at any size, and the pieces on it.

The view shows a position and proposes moves; it never decides them. A click on one of the
movable side's pieces selects it and marks its legal destinations (dots, rings for captures);
a click on a destination, or a drag and drop onto one, emits ``moveRequested(Move)``. Anything
else just deselects. The owner then plays the move and calls ``set_position`` again, which
animates the piece there. In set-up mode clicks place ``setup_piece`` instead and the view
emits ``positionEdited``. ``set_arrows`` draws labelled hint arrows until the next position;
``show_banner`` lays the end of a game over the board.

    view = XiangqiBoardView()
    view.set_position(Board(), movable={RED})
"""

from __future__ import annotations

import math
from collections import Counter

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, QSize, Qt, QVariantAnimation, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QRadialGradient,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from engine.xiangqi import RED, Board, Move, Piece

# Board geometry in cells: the 9 x 10 points span 8 x 9 cells, with a margin for file numbers and frame.
_MARGIN = 1.1
_WIDTH_CELLS = 8 + 2 * _MARGIN
_HEIGHT_CELLS = 9 + 2 * _MARGIN
_PIECE_RADIUS = 0.46  # of a cell

_WOOD_LIGHT = QColor("#eccd8f")
_WOOD_DARK = QColor("#d7a75c")
_WOOD_EDGE = QColor("#7b4a1f")
_INK = QColor("#4a2a10")
_RED_INK = QColor("#b8141b")
_BLACK_INK = QColor("#1c1c1c")
_LAST_MOVE = QColor("#1f6fb2")
_SELECTED = QColor("#2f80ed")
_TARGET = QColor(28, 120, 64, 210)
_CHECK = QColor(230, 30, 30)
_ARROW_COLORS = (QColor(46, 125, 50, 190), QColor(21, 101, 192, 170), QColor(239, 108, 0, 160))

_RED_NUMERALS = "一二三四五六七八九"


def piece_font(pixel_size: float) -> QFont:
    """Bold glyph font: the app's family first, the bundled CJK font behind it."""
    font = QFont()
    font.setFamilies([QApplication.font().family(), "Wenqi Sans"])
    font.setBold(True)
    font.setPixelSize(max(1, round(pixel_size)))
    return font


def render_piece(piece: Piece, diameter: float, ratio: float = 1.0) -> QPixmap:
    """A round piece: ivory face, wooden rim, a ring and the glyph in the side's colour."""
    size = max(2, math.ceil(diameter * ratio))
    pixmap = QPixmap(size, size)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    r = diameter / 2
    ink = _RED_INK if piece.color == RED else _BLACK_INK
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.translate(r, r)
    rim = QRadialGradient(QPointF(-0.3 * r, -0.35 * r), 1.4 * r)
    rim.setColorAt(0.0, QColor("#e2b877"))
    rim.setColorAt(1.0, QColor("#8a5a2b"))
    painter.setPen(QPen(QColor("#5e3a17"), max(0.8, 0.035 * r)))
    painter.setBrush(QBrush(rim))
    painter.drawEllipse(QPointF(0, 0), r * 0.97, r * 0.97)
    face = QRadialGradient(QPointF(-0.25 * r, -0.3 * r), 1.2 * r)
    face.setColorAt(0.0, QColor("#fff9ea"))
    face.setColorAt(0.55, QColor("#f5e3ba"))
    face.setColorAt(1.0, QColor("#ddbb80"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(face))
    painter.drawEllipse(QPointF(0, 0), r * 0.86, r * 0.86)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(ink, max(0.8, 0.055 * r)))
    painter.drawEllipse(QPointF(0, 0), r * 0.74, r * 0.74)
    font = piece_font(r * 1.02)
    painter.setFont(font)
    glyph = piece.glyph()
    bounds = QFontMetricsF(font).tightBoundingRect(glyph)
    painter.setPen(ink)
    painter.drawText(QPointF(-bounds.center().x(), -bounds.center().y()), glyph)
    painter.end()
    return pixmap


def badge_rows(arrows: list[tuple[Move, str]]) -> list[float]:
    """Where each arrow's label sits, in badge heights below its destination point: 0 alone;
    labels sharing a destination stacked around it in the arrows' order (-0.5, 0.5, ...)."""
    sharing = Counter(move.to_square for move, label in arrows if label)
    placed: Counter = Counter()
    rows = []
    for move, label in arrows:
        count, place = sharing[move.to_square], placed[move.to_square]
        placed[move.to_square] += bool(label)
        rows.append(place - (count - 1) / 2 if label and count > 1 else 0.0)
    return rows


class XiangqiBoardView(QWidget):
    moveRequested = Signal(object)  # Move, legal in the shown position
    positionEdited = Signal()  # set-up mode changed the board

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.board = Board()
        self.flipped = False
        self.last_move: Move | None = None
        self.movable: frozenset[bool] = frozenset()
        self.arrows: list[tuple[Move, str]] = []
        self.banner: tuple[str, str] | None = None
        self.setup_mode = False
        self.setup_piece: Piece | None = None  # what a set-up click places; None erases
        self.selected: int | None = None
        self._targets: dict[int, Move] = {}
        self._press: tuple[int, QPointF, bool] | None = None  # square, point, was selected before
        self._drag_point: QPointF | None = None
        self._dropped: Move | None = None  # a move made by drag and drop is not animated
        self._cell = 1.0
        self._origin = QPointF()
        self._background: QPixmap | None = None
        self._pieces: dict[tuple[str, int, float], QPixmap] = {}
        self._moving: tuple[Piece, int, int, Piece | None] | None = None  # piece, from, to, captured
        self._animation = QVariantAnimation(self, startValue=0.0, endValue=1.0, duration=200)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self.update)
        self._animation.finished.connect(self._end_animation)
        self._banner_fade = QVariantAnimation(self, startValue=0.0, endValue=1.0, duration=350)
        self._banner_fade.valueChanged.connect(self.update)

    # -- public API ----------------------------------------------------------------------
    def set_position(self, board: Board, last_move: Move | None = None, animate: bool = False,
                     movable=frozenset()) -> None:
        """Show ``board`` (kept, not copied); ``movable`` are the colours the user may move."""
        previous = self.board
        self._animation.stop()
        self._moving = None
        if animate and last_move is not None and last_move != self._dropped:
            piece = board.piece_at(last_move.to_square)
            if piece is not None and piece == previous.piece_at(last_move.from_square):
                self._moving = (piece, last_move.from_square, last_move.to_square,
                                previous.piece_at(last_move.to_square))
                self._animation.start()
        self._dropped = None
        self.board = board
        self.last_move = last_move
        self.movable = frozenset(movable)
        self.arrows = []
        self._deselect()
        self.update()

    def set_movable(self, colors) -> None:
        self.movable = frozenset(colors)
        if self.selected is not None and self.board.turn not in self.movable:
            self._deselect()
        self.update()

    def set_flipped(self, flipped: bool) -> None:
        if flipped != self.flipped:
            self.flipped = flipped
            self._background = None
            self.update()

    def flip(self) -> None:
        self.set_flipped(not self.flipped)

    def set_arrows(self, arrows: list[tuple[Move, str]]) -> None:
        """Draw arrows, strongest first, each labelled (e.g. with a probability)."""
        self.arrows = list(arrows)
        self.update()

    def show_banner(self, title: str, subtitle: str = "") -> None:
        self.banner = (title, subtitle)
        self._banner_fade.start()
        self.update()

    def hide_banner(self) -> None:
        self.banner = None
        self.update()

    def set_setup_mode(self, on: bool) -> None:
        self.setup_mode = on
        self._deselect()
        self.update()

    def is_animating(self) -> bool:
        return self._moving is not None

    def animation_left_ms(self) -> int:
        if self._moving is None:
            return 0
        return max(0, self._animation.duration() - self._animation.currentTime())

    # -- geometry ------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(560, 616)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(250, 275)

    def square_center(self, sq: int) -> QPointF:
        file, rank = sq % 9, sq // 9
        col, row = (8 - file, rank) if self.flipped else (file, 9 - rank)
        return QPointF(self._origin.x() + col * self._cell, self._origin.y() + row * self._cell)

    def square_at(self, point: QPointF) -> int | None:
        """The point nearest to ``point`` if it lies within a piece's radius of it."""
        col = round((point.x() - self._origin.x()) / self._cell)
        row = round((point.y() - self._origin.y()) / self._cell)
        if not (0 <= col <= 8 and 0 <= row <= 9):
            return None
        file, rank = (8 - col, row) if self.flipped else (col, 9 - row)
        sq = rank * 9 + file
        center = self.square_center(sq)
        if math.hypot(point.x() - center.x(), point.y() - center.y()) > self._cell * 0.5:
            return None
        return sq

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._layout()
        super().resizeEvent(event)

    def board_rect(self) -> QRectF:
        """Where the wooden board is drawn in this widget (for what sits beside it)."""
        cell = max(min(self.width() / _WIDTH_CELLS, self.height() / _HEIGHT_CELLS), 1.0)
        return QRectF((self.width() - _WIDTH_CELLS * cell) / 2, (self.height() - _HEIGHT_CELLS * cell) / 2,
                      _WIDTH_CELLS * cell, _HEIGHT_CELLS * cell)

    def _layout(self) -> None:
        board = self.board_rect()
        self._cell = board.width() / _WIDTH_CELLS
        self._origin = QPointF(board.left() + _MARGIN * self._cell, board.top() + _MARGIN * self._cell)
        self._background = None
        self._pieces.clear()

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self._background is None or self._background.size() != self.size() * self.devicePixelRatioF():
            self._background = self._render_background()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawPixmap(0, 0, self._background)
        self._paint_last_move(painter)
        self._paint_check(painter)
        self._paint_pieces(painter)
        self._paint_targets(painter)
        self._paint_moving_piece(painter)
        self._paint_arrows(painter)
        self._paint_banner(painter)
        painter.end()

    def _render_background(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._paint_wood(painter)
        self._paint_grid(painter)
        self._paint_river(painter)
        self._paint_file_numbers(painter)
        painter.end()
        return pixmap

    def _point(self, col: float, row: float) -> QPointF:
        return QPointF(self._origin.x() + col * self._cell, self._origin.y() + row * self._cell)

    def _paint_wood(self, painter: QPainter) -> None:
        c = self._cell
        outer = QRectF(self._point(-_MARGIN, -_MARGIN), self._point(8 + _MARGIN, 9 + _MARGIN))
        gradient = QLinearGradient(outer.topLeft(), outer.bottomRight())
        gradient.setColorAt(0.0, _WOOD_LIGHT)
        gradient.setColorAt(0.55, QColor("#e3b874"))
        gradient.setColorAt(1.0, _WOOD_DARK)
        painter.setPen(QPen(_WOOD_EDGE, max(1.0, c * 0.05)))
        painter.setBrush(QBrush(gradient))
        painter.drawRoundedRect(outer.adjusted(c * 0.03, c * 0.03, -c * 0.03, -c * 0.03), c * 0.18, c * 0.18)
        # Grain: long, gently waving lines a shade darker than the wood (fixed, not random).
        painter.save()
        painter.setClipRect(outer.adjusted(c * 0.08, c * 0.08, -c * 0.08, -c * 0.08))
        for i in range(26):
            y0 = outer.top() + (i + 0.5) * outer.height() / 26
            path = QPainterPath(QPointF(outer.left(), y0))
            steps = 24
            for s in range(1, steps + 1):
                x = outer.left() + s * outer.width() / steps
                y = y0 + c * 0.09 * math.sin(s * 0.7 + i * 1.3) + c * 0.05 * math.sin(s * 0.23 + i)
                path.lineTo(QPointF(x, y))
            alpha = 18 + (i * 7) % 16
            painter.setPen(QPen(QColor(120, 72, 24, alpha), max(0.6, c * (0.02 + 0.015 * (i % 3)))))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.restore()
        # A darker wooden frame with a thin light bevel inside it.
        band = c * 0.2
        frame = outer.adjusted(band / 2 + c * 0.03, band / 2 + c * 0.03, -band / 2 - c * 0.03, -band / 2 - c * 0.03)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(139, 84, 34, 215), band))
        painter.drawRoundedRect(frame, c * 0.1, c * 0.1)
        painter.setPen(QPen(QColor(255, 236, 196, 150), max(1.0, c * 0.025)))
        painter.drawRoundedRect(frame.adjusted(band / 2, band / 2, -band / 2, -band / 2), c * 0.05, c * 0.05)

    def _paint_grid(self, painter: QPainter) -> None:
        c = self._cell
        thin = QPen(_INK, max(1.0, c * 0.028))
        painter.setPen(QPen(_INK, max(1.5, c * 0.07)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        gap = c * 0.14
        painter.drawRect(QRectF(self._point(0, 0), self._point(8, 9)).adjusted(-gap, -gap, gap, gap))
        painter.setPen(thin)
        painter.drawRect(QRectF(self._point(0, 0), self._point(8, 9)))
        for row in range(10):
            painter.drawLine(self._point(0, row), self._point(8, row))
        for col in range(1, 8):  # the river interrupts the inner files
            painter.drawLine(self._point(col, 0), self._point(col, 4))
            painter.drawLine(self._point(col, 5), self._point(col, 9))
        for top in (0, 7):  # palace diagonals
            painter.drawLine(self._point(3, top), self._point(5, top + 2))
            painter.drawLine(self._point(5, top), self._point(3, top + 2))
        marks = [(col, row) for col in (1, 7) for row in (2, 7)]
        marks += [(col, row) for col in range(0, 9, 2) for row in (3, 6)]
        for col, row in marks:
            self._paint_position_mark(painter, col, row)

    def _paint_position_mark(self, painter: QPainter, col: int, row: int) -> None:
        """The little corner ticks around cannon and pawn points (none off the board's edge)."""
        c = self._cell
        gap, length = c * 0.08, c * 0.2
        center = self._point(col, row)
        for dx in (-1, 1):
            if not 0 <= col + dx <= 8:
                continue
            for dy in (-1, 1):
                corner = QPointF(center.x() + dx * gap, center.y() + dy * gap)
                painter.drawPolyline(QPolygonF([
                    QPointF(corner.x() + dx * length, corner.y()),
                    corner,
                    QPointF(corner.x(), corner.y() + dy * length),
                ]))

    def _paint_river(self, painter: QPainter) -> None:
        c = self._cell
        painter.setFont(piece_font(c * 0.56))
        painter.setPen(QColor(92, 52, 18, 215))
        for col, text in ((2, "楚　河"), (6, "汉　界")):
            rect = QRectF(self._point(col - 2, 4), self._point(col + 2, 5))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_file_numbers(self, painter: QPainter) -> None:
        """Red's files 九..一 from its left on its side, black's 1..9 on its side."""
        c = self._cell
        painter.setFont(piece_font(max(9.0, c * 0.3)))
        painter.setPen(QColor(74, 42, 16, 230))
        red_row, black_row = (9.74, -0.74) if not self.flipped else (-0.74, 9.74)
        for file in range(9):
            col = 8 - file if self.flipped else file
            for row, text in ((red_row, _RED_NUMERALS[8 - file]), (black_row, str(file + 1))):
                center = self._point(col, row)
                rect = QRectF(center.x() - c / 2, center.y() - c / 4, c, c / 2)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _piece_pixmap(self, piece: Piece, scale: float = 1.0) -> QPixmap:
        diameter = round(self._cell * 2 * _PIECE_RADIUS * scale)
        ratio = self.devicePixelRatioF()
        key = (piece.symbol(), diameter, ratio)
        if key not in self._pieces:
            self._pieces[key] = render_piece(piece, diameter, ratio)
        return self._pieces[key]

    def _draw_piece(self, painter: QPainter, piece: Piece, center: QPointF, lifted: bool = False) -> None:
        scale = 1.08 if lifted else 1.0
        radius = self._cell * _PIECE_RADIUS * scale
        drop = self._cell * (0.12 if lifted else 0.05)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(40, 20, 0, 60 if lifted else 80))
        painter.drawEllipse(QPointF(center.x() + drop * 0.6, center.y() + drop), radius * 0.98, radius * 0.98)
        pixmap = self._piece_pixmap(piece, scale)
        size = pixmap.width() / pixmap.devicePixelRatio()
        painter.drawPixmap(QPointF(center.x() - size / 2, center.y() - size / 2), pixmap)

    def _paint_pieces(self, painter: QPainter) -> None:
        hidden = set()
        if self._moving is not None:
            hidden.add(self._moving[2])
        if self._drag_point is not None and self.selected is not None:
            hidden.add(self.selected)
        for sq, piece in self.board.pieces():
            if sq in hidden:
                continue
            center = self.square_center(sq)
            if sq == self.selected:
                self._draw_piece(painter, piece, center, lifted=True)
                radius = self._cell * _PIECE_RADIUS * 1.08
                painter.setPen(QPen(_SELECTED, max(1.5, self._cell * 0.05)))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(center, radius, radius)
            else:
                self._draw_piece(painter, piece, center)

    def _paint_brackets(self, painter: QPainter, sq: int, width: float) -> None:
        c = self._cell
        center = self.square_center(sq)
        half, length = c * 0.5, c * 0.17
        painter.setPen(QPen(_LAST_MOVE, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap))
        for dx in (-1, 1):
            for dy in (-1, 1):
                corner = QPointF(center.x() + dx * half, center.y() + dy * half)
                painter.drawPolyline(QPolygonF([
                    QPointF(corner.x() - dx * length, corner.y()),
                    corner,
                    QPointF(corner.x(), corner.y() - dy * length),
                ]))

    def _paint_last_move(self, painter: QPainter) -> None:
        if self.last_move is None or self.setup_mode:
            return
        c = self._cell
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(31, 111, 178, 70))
        painter.drawEllipse(self.square_center(self.last_move.from_square), c * 0.13, c * 0.13)
        self._paint_brackets(painter, self.last_move.from_square, max(1.0, c * 0.03))
        self._paint_brackets(painter, self.last_move.to_square, max(1.5, c * 0.055))

    def _paint_check(self, painter: QPainter) -> None:
        if self.setup_mode or not self.board.is_check():
            return
        king = self.board.king_square(self.board.turn)
        center = self.square_center(king)
        glow = QRadialGradient(center, self._cell * 0.72)
        glow.setColorAt(0.55, QColor(_CHECK.red(), _CHECK.green(), _CHECK.blue(), 220))
        glow.setColorAt(1.0, QColor(_CHECK.red(), _CHECK.green(), _CHECK.blue(), 0))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(glow))
        painter.drawEllipse(center, self._cell * 0.72, self._cell * 0.72)

    def _paint_targets(self, painter: QPainter) -> None:
        c = self._cell
        for sq in self._targets:
            center = self.square_center(sq)
            if self.board.piece_at(sq) is None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(_TARGET)
                painter.drawEllipse(center, c * 0.12, c * 0.12)
            else:
                painter.setPen(QPen(_TARGET, max(2.0, c * 0.07)))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(center, c * 0.5, c * 0.5)

    def _paint_moving_piece(self, painter: QPainter) -> None:
        if self._moving is not None:
            piece, start, end, captured = self._moving
            t = float(self._animation.currentValue() or 0.0)
            if captured is not None and t < 0.85:
                self._draw_piece(painter, captured, self.square_center(end))
            a, b = self.square_center(start), self.square_center(end)
            self._draw_piece(painter, piece, a + (b - a) * t, lifted=t < 0.95)
        if self._drag_point is not None and self.selected is not None:
            piece = self.board.piece_at(self.selected)
            if piece is not None:
                self._draw_piece(painter, piece, self._drag_point, lifted=True)

    def _paint_arrows(self, painter: QPainter) -> None:
        """Each arrow ends at a badge with its label on the destination point, so the label
        never hides the piece that moves, however short the move. Badges of arrows that share
        a destination (炮八平五 and 炮二平五) are stacked there, strongest on top."""
        c = self._cell
        font = QFont(self.font())
        font.setPixelSize(max(8, round(c * 0.26)))
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        step = metrics.height() + c * 0.12  # a badge's height and a gap
        rows = badge_rows(self.arrows)
        for index, (move, label) in reversed(list(enumerate(self.arrows))):
            color = _ARROW_COLORS[min(index, len(_ARROW_COLORS) - 1)]
            a, b = self.square_center(move.from_square), self.square_center(move.to_square)
            b = QPointF(b.x(), b.y() + rows[index] * step)
            dx, dy = b.x() - a.x(), b.y() - a.y()
            length = math.hypot(dx, dy) or 1.0
            ux, uy = dx / length, dy / length
            box = QRectF()
            stop = c * 0.12  # how far before the destination the tip stays
            if label:
                box = metrics.boundingRect(label).adjusted(-c * 0.08, -c * 0.03, c * 0.08, c * 0.03)
                box.moveCenter(b)
                # Along the arrow, the badge's edge is this far from its centre.
                stop = min(box.width() / 2 / max(abs(ux), 1e-6), box.height() / 2 / max(abs(uy), 1e-6)) + c * 0.03
            width, head = c * (0.16 if index == 0 else 0.12), c * 0.36
            tip = QPointF(b.x() - ux * stop, b.y() - uy * stop)
            base = QPointF(tip.x() - ux * head, tip.y() - uy * head)
            painter.setPen(QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(a, base)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPolygon(QPolygonF([
                tip,
                QPointF(base.x() - uy * head * 0.6, base.y() + ux * head * 0.6),
                QPointF(base.x() + uy * head * 0.6, base.y() - ux * head * 0.6),
            ]))
            if label:
                painter.setBrush(QColor(255, 255, 255, 235))
                painter.setPen(QPen(color.darker(130), max(1.0, c * 0.03)))
                painter.drawRoundedRect(box, c * 0.08, c * 0.08)
                painter.setPen(color.darker(170))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    def _paint_banner(self, painter: QPainter) -> None:
        if self.banner is None:
            return
        c = self._cell
        fade = self._banner_fade.currentValue()
        painter.setOpacity(1.0 if fade is None else float(fade))
        title, subtitle = self.banner
        band = QRectF(self._point(-_MARGIN, 3.2), self._point(8 + _MARGIN, 5.8))
        band.adjust(c * 0.05, 0, -c * 0.05, 0)
        gradient = QLinearGradient(band.topLeft(), band.bottomLeft())
        gradient.setColorAt(0.0, QColor(60, 22, 8, 215))
        gradient.setColorAt(0.5, QColor(120, 28, 16, 235))
        gradient.setColorAt(1.0, QColor(60, 22, 8, 215))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(gradient))
        painter.drawRect(band)
        painter.setPen(QPen(QColor(240, 200, 120, 200), max(1.0, c * 0.03)))
        painter.drawLine(band.topLeft(), band.topRight())
        painter.drawLine(band.bottomLeft(), band.bottomRight())
        painter.setFont(piece_font(c * 0.9))
        painter.setPen(QColor("#ffe6a8"))
        title_rect = QRectF(band.left(), band.top() + c * 0.2, band.width(), c * 1.3)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignCenter, title)
        if subtitle:
            font = QFont(self.font())
            font.setPixelSize(max(9, round(c * 0.34)))
            painter.setFont(font)
            painter.setPen(QColor("#f6e7c8"))
            painter.drawText(QRectF(band.left(), title_rect.bottom(), band.width(), c * 0.8),
                             Qt.AlignmentFlag.AlignCenter, subtitle)
        painter.setOpacity(1.0)

    # -- input ---------------------------------------------------------------------------
    def _deselect(self) -> None:
        self.selected = None
        self._targets = {}
        self._press = None
        self._drag_point = None

    def _select(self, sq: int) -> None:
        self.selected = sq
        self._targets = {move.to_square: move for move in self.board.legal_moves_from(sq)}

    def _can_move_from(self, sq: int | None) -> bool:
        if sq is None or self.board.turn not in self.movable:
            return False
        piece = self.board.piece_at(sq)
        return piece is not None and piece.color == self.board.turn

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        point = event.position()
        sq = self.square_at(point)
        if self.banner is not None:
            self.hide_banner()
        if self._moving is not None:  # a click during the animation finishes it at once
            self._animation.stop()
            self._end_animation()
        if self.setup_mode:
            self._setup_press(event, sq)
            return
        if event.button() != Qt.MouseButton.LeftButton:
            self._deselect()
            self.update()
            return
        if sq is not None and sq in self._targets and self.selected is not None:
            move = self._targets[sq]
            self._deselect()
            self.moveRequested.emit(move)
        elif self._can_move_from(sq):
            was_selected = sq == self.selected
            self._select(sq)
            self._press = (sq, point, was_selected)
        else:
            self._deselect()
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        point = event.position()
        if self._press is not None:
            start = self._press[1]
            if self._drag_point is not None or (point - start).manhattanLength() >= QApplication.startDragDistance():
                self._drag_point = point
                self.update()
            return
        hover = self.square_at(point)
        editable = self.setup_mode and hover is not None
        cursor = Qt.CursorShape.PointingHandCursor if editable or self._can_move_from(hover) or hover in self._targets \
            else Qt.CursorShape.ArrowCursor
        self.setCursor(cursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._press is None:
            return
        origin, _, was_selected = self._press
        self._press = None
        dragged = self._drag_point is not None
        self._drag_point = None
        target = self.square_at(event.position())
        if self.setup_mode:
            self._setup_drop(origin, target, dragged)
        elif dragged and target in self._targets:
            move = self._targets[target]
            self._deselect()
            self._dropped = move
            self.moveRequested.emit(move)
        elif not dragged and was_selected and target == origin:
            self._deselect()  # a second click on the selected piece puts it down
        self.update()

    # -- set-up mode ---------------------------------------------------------------------
    def _setup_press(self, event: QMouseEvent, sq: int | None) -> None:
        if sq is None:
            return
        if event.button() == Qt.MouseButton.RightButton:
            self._edit(sq, None)
        elif event.button() == Qt.MouseButton.LeftButton:
            self.selected = sq if self.board.piece_at(sq) is not None else None
            self._press = (sq, event.position(), False)
        self.update()

    def _setup_drop(self, origin: int, target: int | None, dragged: bool) -> None:
        self.selected = None
        piece = self.board.piece_at(origin)
        if dragged and piece is None:
            return
        if dragged:  # drag a piece to another point, or off the board to remove it
            if target != origin:
                self.board.set_piece_at(origin, None)
                if target is not None:
                    self.board.set_piece_at(target, piece)
                self.positionEdited.emit()
            return
        self._edit(origin, None if piece == self.setup_piece else self.setup_piece)

    def _edit(self, sq: int, piece: Piece | None) -> None:
        if self.board.piece_at(sq) != piece:
            self.board.set_piece_at(sq, piece)
            self.positionEdited.emit()

    def _end_animation(self) -> None:
        self._moving = None
        self.update()
