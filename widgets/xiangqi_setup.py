"""The set-up panel: a palette of pieces for the board's set-up mode, the side to move, and
what is wrong with the position so far (``Board.validate``)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.xiangqi import BLACK, PIECE_KINDS, RED, Board, Piece
from widgets.xiangqi_board import render_piece
from widgets.xiangqi_messages import error_text

_ICON_SIZE = 30
"""Small enough for seven pieces a row across the narrowest side panel (270 px)."""


class SetupPanel(QWidget):
    pieceChosen = Signal(object)  # Piece, or None for the eraser
    sideChanged = Signal(bool)  # the side to move
    clearRequested = Signal()
    initialRequested = Signal()
    accepted = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr("Pick a piece, then click points on the board. Drag pieces to move them; "
                               "right-click or drag off the board to remove one."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        palette = QGridLayout()
        palette.setSpacing(3)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self._pieces: dict[int, Piece | None] = {}
        ratio = self.devicePixelRatioF()
        for row, color in enumerate((RED, BLACK)):
            for col, kind in enumerate(PIECE_KINDS):
                piece = Piece(kind, color)
                button = self._palette_button(QIcon(render_piece(piece, _ICON_SIZE, ratio)), piece.glyph())
                palette.addWidget(button, row, col)
                self._add(button, piece)
        eraser = self._palette_button(QIcon(), "✕")
        eraser.setToolTip(self.tr("Eraser: click a piece to remove it"))
        palette.addWidget(eraser, 2, 0)
        self._add(eraser, None)
        layout.addLayout(palette)
        self.group.idClicked.connect(lambda button_id: self.pieceChosen.emit(self._pieces[button_id]))

        side_row = QHBoxLayout()
        side_row.addWidget(QLabel(self.tr("To move:")))
        self.red_to_move = QRadioButton(self.tr("Red"))
        self.black_to_move = QRadioButton(self.tr("Black"))
        self.red_to_move.setChecked(True)
        self.red_to_move.toggled.connect(lambda red: self.sideChanged.emit(RED if red else BLACK))
        side_row.addWidget(self.red_to_move)
        side_row.addWidget(self.black_to_move)
        side_row.addStretch(1)
        layout.addLayout(side_row)

        presets = QHBoxLayout()
        self.clear_button = QPushButton(self.tr("Empty board"))
        self.clear_button.clicked.connect(self.clearRequested)
        initial = QPushButton(self.tr("Initial position"))
        initial.clicked.connect(self.initialRequested)
        presets.addWidget(self.clear_button)
        presets.addWidget(initial)
        layout.addLayout(presets)

        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #c0392b;")
        layout.addWidget(self.problems)
        layout.addStretch(1)

        finish = QHBoxLayout()
        self.done_button = QPushButton(self.tr("Play from here"))
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accepted)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.cancelled)
        finish.addWidget(cancel)
        finish.addWidget(self.done_button)
        layout.addLayout(finish)

    def _palette_button(self, icon: QIcon, text: str) -> QToolButton:
        button = QToolButton()
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setIcon(icon)
        button.setIconSize(QSize(_ICON_SIZE, _ICON_SIZE))
        button.setText(text)
        style = Qt.ToolButtonStyle.ToolButtonTextOnly if icon.isNull() else Qt.ToolButtonStyle.ToolButtonIconOnly
        button.setToolButtonStyle(style)
        button.setMinimumSize(QSize(_ICON_SIZE + 4, _ICON_SIZE + 4))
        return button

    def _add(self, button: QToolButton, piece: Piece | None) -> None:
        button_id = len(self._pieces)
        self._pieces[button_id] = piece
        self.group.addButton(button, button_id)

    def choose(self, piece: Piece | None) -> None:
        """Check the palette button of ``piece`` (None: the eraser) and announce it."""
        for button_id, candidate in self._pieces.items():
            if candidate == piece:
                self.group.button(button_id).setChecked(True)
                self.pieceChosen.emit(piece)
                return

    @Slot(object)
    def show_board(self, board: Board) -> None:
        """Reflect the side to move and list what stops the position from being played."""
        self.red_to_move.blockSignals(True)
        (self.red_to_move if board.turn == RED else self.black_to_move).setChecked(True)
        self.red_to_move.blockSignals(False)
        problems = board.validate()
        self.problems.setText("\n".join(f"• {error_text(problem)}" for problem in problems[:4]))
        self.done_button.setEnabled(not problems)
