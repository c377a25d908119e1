"""A couplet line with its tone marks (平 ○ / 仄 ●) under each character, as a widget and as
a list delegate, so the marks always sit exactly under their characters."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from engine.couplet.tone import CLASSICAL, tone_marks

LINE_ROLE = Qt.ItemDataRole.UserRole + 1  # the line's text
NOTE_ROLE = Qt.ItemDataRole.UserRole + 2  # a short note after the line (score, tone warning)


def line_font(base: QFont, scale: float = 1.5) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * scale)
    return font


def marked_line_size(font: QFont, text: str) -> QSize:
    metrics = QFontMetricsF(font)
    cell = metrics.height()
    return QSize(int(cell * max(len(text), 1) + 8), int(cell * 1.75 + 6))


def paint_marked_line(painter: QPainter, rect: QRectF, font: QFont, text: str, color, mark_color,
                      tone_system: str = CLASSICAL) -> float:
    """Characters in equal cells, each mark centred under its character (平仄 read in
    ``tone_system``); returns the width."""
    metrics = QFontMetricsF(font)
    cell = metrics.height()
    marks = tone_marks(text, tone_system)
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.5)
    for index, (char, mark) in enumerate(zip(text, marks)):
        box = QRectF(rect.left() + 4 + index * cell, rect.top() + 2, cell, cell)
        painter.setFont(font)
        painter.setPen(color)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, char)
        painter.setFont(small)
        painter.setPen(mark_color)
        painter.drawText(box.translated(0, cell * 0.8).adjusted(0, 0, 0, -cell * 0.25),
                         Qt.AlignmentFlag.AlignCenter, mark)
    return 4 + cell * len(text)


class MarkedLine(QWidget):
    """One line (the upper line being answered) with its tone marks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.tone_system = CLASSICAL

    def set_text(self, text: str) -> None:
        self.text = text
        self.updateGeometry()
        self.update()

    def set_tone_system(self, tone_system: str) -> None:
        self.tone_system = tone_system
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return marked_line_size(line_font(self.font()), self.text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, self.sizeHint().height())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        palette = self.palette()
        paint_marked_line(painter, QRectF(self.rect()), line_font(self.font()), self.text,
                          palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.PlaceholderText),
                          self.tone_system)
        painter.end()


class MarkedLineDelegate(QStyledItemDelegate):
    """List items whose LINE_ROLE text is drawn with tone marks, NOTE_ROLE after it."""

    tone_system = CLASSICAL

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt's name
        size = marked_line_size(line_font(option.font), index.data(LINE_ROLE) or "")
        return QSize(size.width() + 160, size.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = option.palette.color(role)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        width = paint_marked_line(painter, QRectF(option.rect), line_font(option.font), index.data(LINE_ROLE) or "",
                                  color, color if selected else option.palette.color(QPalette.ColorRole.PlaceholderText),
                                  self.tone_system)
        painter.setFont(option.font)
        painter.setPen(color)
        note_rect = QRectF(option.rect).adjusted(width + 16, 0, 0, 0)
        painter.drawText(note_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, index.data(NOTE_ROLE) or "")
        painter.restore()
