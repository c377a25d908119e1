"""The opening explorer (开局库) beside the xiangqi board: the moves masters played in the
position shown, how often, how those games ended, and the GPT's probability for each move.

The tab tells it which position is shown (``show_board``); it looks the position up in the
bundled index (``engine.xiangqi.explorer``, well under a millisecond once loaded) and asks the
GPT in a job. Clicking a move plays it through the board view, exactly as if the user had
moved the piece, so it plays only where the board would let the user move (a live position,
the user's turn); in review and set-up it only shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QRect, Qt, Slot
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from widgets.jobs import JobRunner, LatestJob
from engine.xiangqi import Board, Move
from engine.xiangqi.explorer import ExplorerError, MasterMove, OpeningIndex
from engine.xiangqi.names import MODEL_NAME
from widgets.messages import fill
from widgets.xiangqi_board import XiangqiBoardView
from engine.xiangqi.advisor import GptAdvisor
from engine.xiangqi.game_line import written_move
from widgets.xiangqi_eval import RED_SIDE, black_side, draw_share, is_dark, percent

_SETTING = "xiangqi/show_explorer"
_SHARES = Qt.ItemDataRole.UserRole + 1


class ResultBar(QStyledItemDelegate):
    """Red wins, draws and black wins after a move as one bar, red from the left."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        shares = index.data(_SHARES)
        if not shares:
            return super().paint(painter, option, index)
        dark = is_dark(option.palette)
        rect = option.rect.adjusted(2, 4, -2, -4)
        painter.save()
        left = rect.left()
        for share, color in zip(shares, (RED_SIDE, draw_share(dark), black_side(dark))):
            width = round(share * rect.width())
            part = QRect(left, rect.top(), width, rect.height())
            painter.fillRect(part, color)
            label = f"{round(share * 100)}"
            if share > 0 and painter.fontMetrics().horizontalAdvance(label) + 4 <= part.width():  # where it fits
                painter.setPen(QColor("black") if color == draw_share(dark) else QColor("white"))
                painter.drawText(part, Qt.AlignmentFlag.AlignCenter, label)
            left += width
        painter.restore()


class OpeningExplorer(QWidget):
    """The explorer panel. ``toggle_action`` (O) shows or hides it (remembered); hidden, it
    looks nothing up and asks the GPT nothing."""

    COLUMNS = 4

    def __init__(self, runner: JobRunner, view: XiangqiBoardView, advisor: Callable[[], GptAdvisor], settings,
                 store, index: OpeningIndex | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view, self.advisor, self.settings, self.store = view, advisor, settings, store
        self.index = index or OpeningIndex.bundled()
        self._gpt_job = LatestJob(runner, self.tr("Opening explorer"))
        self.board: Board | None = None
        self.notation = "chinese"
        self.found: list[MasterMove] = []
        self.gpt: dict[Move, float] = {}
        self._gpt_known: tuple[str, dict[Move, float]] = ("", {})

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([self.tr("Move"), self.tr("Games"), self.tr("Red · draw · black"),
                                              self.tr("GPT")])
        self.table.setToolTip(self.tr("Moves masters played here (CCPD master games) and how those games ended; "
                                      "GPT: the bundled model's probability. Click a move to play it."))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setItemDelegateForColumn(2, ResultBar(self.table))
        header = self.table.horizontalHeader()
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.cellClicked.connect(self._on_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)

        self.toggle_action = QAction(self.tr("Opening explorer"), self)
        self.toggle_action.setCheckable(True)
        self.toggle_action.setShortcut(QKeySequence("O"))
        self.toggle_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.toggle_action.setToolTip(self.tr("Show or hide what masters played in this position (O)"))
        shown = str(settings.value(_SETTING, "true")).lower() in ("1", "true", "yes")
        self.toggle_action.setChecked(shown)
        self.toggle_action.toggled.connect(self.set_shown)
        self.setVisible(shown)

    @Slot(bool)
    def set_shown(self, on: bool) -> None:
        self.toggle_action.setChecked(on)
        self.settings.set_value(_SETTING, bool(on))
        self.setVisible(on)
        if on and self.board is not None:
            self.show_board(self.board, self.notation)
        elif not on:
            self._gpt_job.forget()

    def show_board(self, board: Board, notation: str = "chinese") -> None:
        """Show the masters' moves in ``board`` (a position the caller will not change)."""
        self.board, self.notation = board, notation
        if not self.toggle_action.isChecked():
            return
        self._gpt_job.forget()
        fen = board.fen()
        self.gpt = self._gpt_known[1] if self._gpt_known[0] == fen else {}
        try:
            self.found = self.index.lookup(board)
        except ExplorerError:
            self.found = []
            self.title.setText(self.tr("The opening index (resources/xiangqi-explorer) could not be read: "
                                       "reinstall Wenqi."))
            self._fill()
            return
        games = sum(m.games for m in self.found)
        self.title.setText(fill(self.tr("Masters' moves here: %1 games"), games) if self.found else
                           fill(self.tr("No master game reached this position (the index holds the first %2 plies "
                                        "of %1 games, positions reached in at least %3)."), *self.index.describe()))
        self._fill()
        if self.found and not self.gpt and self.isVisible() and GptAdvisor.available(self.store):
            advisor = self.advisor()
            self._gpt_job.start(lambda ctx: advisor.player().candidates(board),
                                on_result=lambda candidates: self._on_gpt(board, candidates), model=MODEL_NAME)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.board is not None and not self.gpt:  # nothing is asked of the GPT before the panel is seen
            self.show_board(self.board, self.notation)

    def _on_gpt(self, board: Board, candidates: list) -> None:
        if board is self.board:
            self.gpt = {c.move: c.probability for c in candidates}
            self._gpt_known = (board.fen(), self.gpt)  # the same position shown again asks no job
            self._fill()

    def _written(self, move: Move) -> str:
        return written_move(self.board, move, self.notation)

    def _fill(self) -> None:
        self.table.clearSelection()  # a row clicked in the position before is not this one's
        self.table.setRowCount(len(self.found))
        for row, m in enumerate(self.found):
            red, draw, black = m.shares()
            tip = fill(self.tr("%1 games: red wins %2, draw %3, black wins %4"), m.games,
                       percent(red), percent(draw), percent(black))
            cells = [QTableWidgetItem(self._written(m.move)), QTableWidgetItem(str(m.games)), QTableWidgetItem(),
                     QTableWidgetItem(percent(self.gpt[m.move]) if m.move in self.gpt else "…")]
            cells[2].setData(_SHARES, m.shares())
            for column, cell in enumerate(cells):
                cell.setToolTip(tip)
                if column != 0:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)

    def playable(self) -> bool:
        """Whether a click plays: the board view would let the user move in this position."""
        return self.board is self.view.board and self.view.board.turn in self.view.movable \
            and not self.view.setup_mode

    @Slot(int, int)
    def _on_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.found) and self.playable() and self.view.board.is_legal(self.found[row].move):
            self.view.moveRequested.emit(self.found[row].move)

    def shutdown(self) -> None:
        self._gpt_job.forget()
