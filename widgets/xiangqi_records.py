"""The xiangqi tab's game records: FEN and moves to and from the clipboard, PGN files opened and
saved. Bad input is said in the UI's language and changes nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from engine.data import read_text_file
from engine.xiangqi import BLACK, RED, Board, pgn
from engine.xiangqi.review import annotated_game
from widgets.messages import open_error, save_error
from widgets.xiangqi_messages import error_text
from widgets.xiangqi_opponents import opponent_label
from widgets.xiangqi_tab_layout import SETTINGS_PREFIX

MAX_RECORD_BYTES = 20 * 2**20  # far above any game collection; refuses a wrong file before reading it


class GameRecords:
    """Part of ``XiangqiTab``: the game to and from text and files."""

    def _shown_board(self) -> Board:
        return self._setup_board if self._setup_board is not None else self.line.board_at(self.line.view_ply)

    @Slot()
    def copy_fen(self) -> None:
        QGuiApplication.clipboard().setText(self._shown_board().fen())
        self._say(self.tr("FEN copied."))

    @Slot()
    def copy_moves(self) -> None:
        line = self.line
        QGuiApplication.clipboard().setText(pgn.write_moves(line.moves, line.start.fen(), self.notation))
        self._say(self.tr("Moves copied."))

    @Slot()
    def paste(self) -> None:
        self.load_text(QGuiApplication.clipboard().text(), self.tr("the clipboard"))

    def load_text(self, text: str, source: str) -> bool:
        """Start from a FEN, a move list or a PGN game; on bad input say why and change nothing."""
        text = text.strip()
        if not text:
            self._say(self.tr("Nothing to read in %1.").replace("%1", source), error=True)
            return False
        problems: list[ValueError] = []
        try:
            if "/" in text.split("\n", 1)[0] and "[" not in text[:1]:
                board = Board(text.splitlines()[0])
                problems = board.validate()
                games = [pgn.Game(start_fen=board.fen())]
            else:
                games = pgn.read_games(text)
        except ValueError as exc:
            problems = [exc]
        if problems:
            reasons = self.tr("; ").join(error_text(problem) for problem in problems)
            self._say(self.tr("Could not read %1: %2").replace("%1", source).replace("%2", reasons), error=True)
            return False
        game = games[0]
        self.start_from(game.board(), game.headers, game.moves)
        if len(games) > 1:
            self._say(self.tr("Loaded the first of %1 games from %2.").replace("%1", str(len(games)))
                      .replace("%2", source))
        else:
            self._say(self.tr("Loaded from %1.").replace("%1", source))
        return True

    def _pgn_filter(self) -> str:
        return self.tr("PGN (*.pgn *.PGN);;Text (*.txt);;All files (*)")

    @Slot()
    def open_pgn(self) -> None:
        start = str(self.settings.value(SETTINGS_PREFIX + "folder", "") or "")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a game"), start, self._pgn_filter())
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        self.settings.set_value(SETTINGS_PREFIX + "folder", str(Path(path).parent))
        try:
            text = read_text_file(path, MAX_RECORD_BYTES)
        except (OSError, ValueError) as exc:
            self._say(open_error(path, exc), error=True)
            return False
        return self.load_text(text, Path(path).name)

    def current_game(self) -> pgn.Game:
        line = self.line
        over = self.outcome()
        headers = dict(line.headers)
        if self.seat is not None:
            names = {self.human_side: self.tr("You"), not self.human_side: opponent_label(self.opponent)}
            headers.setdefault("Red", names[RED])
            headers.setdefault("Black", names[BLACK])
        if over is not None:  # why it ended, as PGN readers expect it: in English, lower case
            headers["Termination"] = over.termination.english
        return pgn.Game(headers=headers, start_fen=line.start.fen(), moves=list(line.moves),
                        result=over.result() if over is not None else "*")

    @Slot()
    def save_pgn(self) -> None:
        start = str(self.settings.value(SETTINGS_PREFIX + "folder", "") or "")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the game"), start, self._pgn_filter())
        if path:
            self.save_path(path if Path(path).suffix else path + ".pgn")

    def save_path(self, path: str, annotated: bool = False) -> bool:
        """Save the game; ``annotated``: with the review's evaluations, marks and better moves."""
        self.settings.set_value(SETTINGS_PREFIX + "folder", str(Path(path).parent))
        game = self.current_game()
        if annotated:  # the file's moves are Chinese (write_game's default), the better ones too
            game = annotated_game(game, self.reviewer.review_for(*self._position_key(self.line.ply)),
                                  better=self.tr("better: %1"))
        try:
            Path(path).write_text(pgn.write_game(game), encoding="utf-8")
        except OSError as exc:
            self._say(save_error(path, exc), error=True)
            return False
        self._say(self.tr("Saved %1.").replace("%1", Path(path).name))
        return True
