"""The couplet card: red paper strips, the two lines written top to bottom (the upper line on
the right, as they hang beside a door), the 横批 across the top read right to left, in a
calligraphic face where one is available. Also the line-with-tone-marks painter the tab uses.

    image = render_card("春回大地千山秀", "日照神州万木荣", "春满人间", height=720)
    image.save("card.png")
"""

from __future__ import annotations

import random
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from engine.couplet.text import is_punct
from engine.paths import resources_dir

PAPER = QColor("#c1121f")
PAPER_DARK = QColor("#8f0d17")
INK = QColor("#17110f")
GOLD = QColor("#e9c46a")
WALL = QColor("#f4ecdf")


@lru_cache(maxsize=1)
def calligraphy_families() -> tuple[str, ...]:
    """The bundled Wenqi Kai first, then system Kai faces, then the UI's CJK fallback."""
    families = []
    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / "kai" / "WenqiKai-Bold.ttf"))
    if font_id >= 0:
        families += QFontDatabase.applicationFontFamilies(font_id)
    installed = set(QFontDatabase.families())
    families += [f for f in ("KaiTi", "STKaiti", "AR PL UKai CN", "Kaiti SC") if f in installed]
    return tuple(families + ["Wenqi Sans"])


def calligraphy_font(pixel_size: int) -> QFont:
    font = QFont()
    font.setFamilies(list(calligraphy_families()))
    font.setPixelSize(max(1, pixel_size))
    return font


def _paper(painter: QPainter, rect: QRectF, seed: int) -> None:
    """A strip of red paper: a soft gradient, a thin gold rule inside, a few fibres."""
    gradient = QLinearGradient(rect.topLeft(), rect.bottomRight())
    gradient.setColorAt(0.0, PAPER.lighter(108))
    gradient.setColorAt(1.0, PAPER)
    painter.setPen(QPen(PAPER_DARK, 1.5))
    painter.setBrush(gradient)
    painter.drawRect(rect)
    inset = min(rect.width(), rect.height()) * 0.06
    painter.setPen(QPen(GOLD, max(1.0, inset * 0.25)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(inset, inset, -inset, -inset))
    rng = random.Random(seed)
    fibre = QColor(PAPER_DARK)
    fibre.setAlpha(60)
    painter.setPen(QPen(fibre, 1))
    for _ in range(int(rect.width() * rect.height() / 900)):
        x, y = rect.left() + rng.random() * rect.width(), rect.top() + rng.random() * rect.height()
        painter.drawLine(QPointF(x, y), QPointF(x + rng.uniform(-3, 3), y + rng.uniform(-3, 3)))


def _fu(painter: QPainter, centre: QPointF, side: float) -> None:
    """The square of red paper hung on its corner between the lines, 福 written on it."""
    painter.save()
    painter.translate(centre)
    painter.rotate(45)
    _paper(painter, QRectF(-side / 2, -side / 2, side, side), 3)
    painter.rotate(-45)
    painter.setPen(GOLD)
    painter.setFont(calligraphy_font(int(side * 0.8)))
    painter.drawText(QRectF(-side, -side, 2 * side, 2 * side), Qt.AlignmentFlag.AlignCenter, "福")
    painter.restore()


def _written(text: str) -> list[str | None]:
    """The characters as written on the card: punctuation becomes a half-cell pause (None)."""
    return [None if is_punct(c) else c for c in text]


def _cells(chars: list[str | None]) -> float:
    return sum(0.5 if c is None else 1.0 for c in chars)


def paint_card(painter: QPainter, size: QSize, upper: str, lower: str, hengpi: str = "") -> None:
    """Paint the card into ``size`` (any aspect; the card keeps its own proportions, centred)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), WALL)
    columns = [_written(upper), _written(lower)]
    longest = max(_cells(columns[0]), _cells(columns[1]), 1.0)
    # Height budget: 横批 band (1.6 cells) + gap (0.6) + the strip (longest + 1 cells of margin).
    cell = min(size.height() / (longest + 3.4), size.width() / 7.5)
    strip = QSize(int(cell * 1.5), int(cell * (longest + 1)))
    band = QRectF(0, 0, cell * (len(hengpi) + 1.2), cell * 1.6) if hengpi else QRectF()
    total_width = max(cell * 6.5, band.width() + cell * 2)
    left = (size.width() - total_width) / 2
    top = (size.height() - (strip.height() + (band.height() + cell * 0.6 if hengpi else 0))) / 2
    font = calligraphy_font(int(cell * 0.86))
    painter.setFont(font)
    if hengpi:
        band.moveTopLeft(QPointF(left + (total_width - band.width()) / 2, top))
        _paper(painter, band, 7)
        painter.setPen(GOLD)
        step = (band.width() - cell * 1.2) / len(hengpi)
        for index, char in enumerate(reversed(hengpi)):  # read right to left
            box = QRectF(band.left() + cell * 0.6 + index * step, band.top(), step, band.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, char)
        top += band.height() + cell * 0.6
    _fu(painter, QPointF(left + total_width / 2, top + strip.height() * 0.32), cell * 2.1)
    # The upper line hangs on the right, the lower on the left.
    for chars, x, seed in ((columns[0], left + total_width - strip.width(), 1), (columns[1], left, 2)):
        rect = QRectF(x, top, strip.width(), strip.height())
        _paper(painter, rect, seed)
        painter.setPen(INK)
        y = rect.top() + cell * 0.5
        for char in chars:
            if char is None:
                y += cell * 0.5
                continue
            painter.drawText(QRectF(rect.left(), y, rect.width(), cell), Qt.AlignmentFlag.AlignCenter, char)
            y += cell


def render_card(upper: str, lower: str, hengpi: str = "", height: int = 900) -> QImage:
    """The card as an image (for saving as PNG), ``height`` pixels tall."""
    longest = max(len(upper), len(lower), 1)
    width = int(max(height * 0.62, height * 7.5 / (longest + 3.4)))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    paint_card(painter, image.size(), upper, lower, hengpi)
    painter.end()
    return image


class CoupletCard(QWidget):
    """Shows one couplet as a card; empty until ``show_pair``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.upper = self.lower = self.hengpi = ""
        self.setMinimumSize(220, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_pair(self, upper: str, lower: str, hengpi: str = "") -> None:
        self.upper, self.lower, self.hengpi = upper, lower, hengpi
        self.update()

    def has_pair(self) -> bool:
        return bool(self.upper and self.lower)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        if self.has_pair():
            paint_card(painter, self.size(), self.upper, self.lower, self.hengpi)
        else:
            painter.fillRect(self.rect(), WALL)
            painter.setPen(QColor("#8a7f72"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.tr("Pick a lower line to see the couplet here."))
        painter.end()
