"""The move list: one row per move number, red's move then black's, click a move to view it;
a reviewed move carries its mark (?! ? ??) on a tint of the mark's colour."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from widgets.xiangqi_eval import MARK_COLORS

_PLY_ROLE = Qt.ItemDataRole.UserRole
_RED_MOVE = QColor("#c0392b")  # readable on light and dark backgrounds


class MoveListView(QTableWidget):
    plySelected = Signal(int)  # the position after this many moves

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels([self.tr("Red"), self.tr("Black")])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tab's arrow keys step through moves
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)
        self._offset = 0  # 1 when black made the first move
        self.itemClicked.connect(self._on_clicked)

    def set_moves(self, written: list[str], black_first: bool = False, first_number: int = 1,
                  marks: dict[int, str] | None = None) -> None:
        """``marks``: the review's mark of ply k (1 = the first move)."""
        marks = marks or {}
        self._offset = 1 if black_first else 0
        slots = len(written) + self._offset
        self.setRowCount((slots + 1) // 2)
        self.setVerticalHeaderLabels([f"{first_number + row}." for row in range((slots + 1) // 2)])
        self.clearContents()
        for index, text in enumerate(written):
            mark = marks.get(index + 1)
            item = QTableWidgetItem(text + (mark or ""))
            item.setData(_PLY_ROLE, index + 1)
            if mark:
                tint = QColor(MARK_COLORS[mark])
                tint.setAlpha(70)
                item.setBackground(tint)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            row, col = divmod(index + self._offset, 2)
            if col == 0:
                item.setForeground(_RED_MOVE)
            self.setItem(row, col, item)

    def set_current(self, ply: int) -> None:
        """Select the move that led to the position after ``ply`` moves (none for the start)."""
        self.blockSignals(True)
        self.clearSelection()
        if ply > 0:
            row, col = divmod(ply - 1 + self._offset, 2)
            item = self.item(row, col)
            if item is not None:
                item.setSelected(True)
                self.scrollToItem(item)
        else:
            self.scrollToTop()
        self.blockSignals(False)

    @Slot(QTableWidgetItem)
    def _on_clicked(self, item: QTableWidgetItem) -> None:
        ply = item.data(_PLY_ROLE)
        if ply is not None:
            self.plySelected.emit(int(ply))
