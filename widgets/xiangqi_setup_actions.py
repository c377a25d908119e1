"""The xiangqi tab's set-up mode (摆棋): edit a position on the board with the set-up panel's
pieces, then start a game from it."""

from __future__ import annotations


from PySide6.QtCore import Slot

from engine.xiangqi import RED, Board, Piece


class SetupActions:
    """Part of ``XiangqiTab``: setting up a position."""

    @Slot()
    def enter_setup(self) -> None:
        """Edit the position on the board (the empty-board button clears it)."""
        self._cancel_thinking()
        self._setup_board = Board(self.line.board_at(self.line.view_ply).fen())  # no history: a new start
        self.view.hide_banner()
        self.view.set_setup_mode(True)
        self.panels.setCurrentWidget(self.setup_panel)
        self.setup_panel.choose(self.view.setup_piece or Piece("k", RED))
        self._replace_setup_board(self._setup_board)

    def _replace_setup_board(self, board: Board) -> None:
        self._setup_board = board
        self.view.set_position(board)
        self._on_setup_edited()

    @Slot()
    def _on_setup_edited(self) -> None:
        if self._setup_board is not None:
            self.setup_panel.show_board(self._setup_board)
            self.explorer.show_board(self._setup_board, self.notation)
            self.status_label.setText(self.tr("Setting up a position"))

    @Slot(object)
    def _on_setup_piece(self, piece) -> None:
        self.view.setup_piece = piece

    @Slot(bool)
    def _on_setup_side(self, color: bool) -> None:
        if self._setup_board is not None:
            self._setup_board.turn = color
            self._on_setup_edited()

    @Slot()
    def finish_setup(self) -> None:
        board = self._setup_board
        if board is None or board.validate():
            return
        self.start_from(Board(board.fen()))

    @Slot()
    def cancel_setup(self) -> None:
        self._leave_setup()
        self._refresh()
        self._maybe_think()

    def _leave_setup(self) -> None:
        self._setup_board = None
        self.view.set_setup_mode(False)
        self.panels.setCurrentIndex(0)
