"""The Xiangqi tab: the board, the opponent and side, the move list, and game records.

The tab keeps the game (``GameLine``) and decides whose turn it is; the board view only
proposes the user's moves. Its other concerns are parts in their own modules, mixed into
``XiangqiTab``: the widgets and toolbar (``xiangqi_tab_layout``), the opponent and the
computer's move (``xiangqi_computer``), the GPT's hints and the engine's evaluation
(``xiangqi_advice``), the game review (``xiangqi_review_actions``), FEN/PGN records and the
clipboard (``xiangqi_records``) and setting up a position (``xiangqi_setup_actions``).
"""

from __future__ import annotations

import html
import re
import time

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QWidget

from widgets.jobs import JobHandle, LatestJob
from widgets.services import AppServices
from engine.runtime.store import import_model_libraries
from engine.xiangqi import BLACK, RED, Board, Move, Outcome, Piece
from engine.xiangqi.advisor import GptAdvisor
from engine.xiangqi.engine_search import COMPILED, analyse
from engine.xiangqi.game_line import NOTATIONS, GameLine
from engine.xiangqi.names import MODEL_NAME
from engine.xiangqi.opponents import DEFAULT_OPPONENT, ComputerSeat, Opponent
from widgets.xiangqi_board import render_piece
from widgets.xiangqi_eval import EngineEvaluator, percent
from widgets.xiangqi_messages import termination_name
from widgets.xiangqi_opponents import opponent_label
from widgets.xiangqi_review import GameReviewer
from widgets.xiangqi_advice import HintsAndEvaluation
from widgets.xiangqi_computer import ComputerOpponent
from widgets.xiangqi_records import GameRecords
from widgets.xiangqi_review_actions import ReviewActions
from widgets.xiangqi_setup_actions import SetupActions
from widgets.xiangqi_tab_layout import SETTINGS_PREFIX, XiangqiTabLayout


class XiangqiTab(XiangqiTabLayout, ComputerOpponent, HintsAndEvaluation, ReviewActions, GameRecords, SetupActions,
                 QWidget):
    """The game itself lives here (``GameLine``: whose turn, undo, redo, the ply viewed, the
    status line and messages); each other concern is a part mixed in from its own module."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = services.settings
        self.line = GameLine()
        self.human_side = RED if self.settings.value(SETTINGS_PREFIX + "side", "red") != "black" else BLACK
        # Until the person picks one: Chinese notation in the Chinese UI, WXF (the English convention) in English.
        default = "wxf" if self.settings.language == "en" else "chinese"
        notation = str(self.settings.value(SETTINGS_PREFIX + "notation", default))
        self.notation = notation if notation in NOTATIONS else default
        self.opponents: list[Opponent] = []
        self.opponent: Opponent | None = None
        self.seat: ComputerSeat | None = None  # the computer's side, when it has one
        self._jobs: list[JobHandle] = []  # this tab's jobs still running (cancelled ones too)
        self._ticket: object | None = None  # the reply the game waits for, while one is awaited
        self._retired: list[ComputerSeat] = []  # closed once no job of ours runs
        self._setup_board: Board | None = None
        self.advisor = GptAdvisor(services.store, self.model_device)
        self._hint_key: tuple | None = None  # the position the hint shown or awaited is for
        self._hint_arrows: list[tuple[Move, str]] = []
        self._hints = LatestJob(services.runner, self.tr("Hint"))
        self.evaluator = EngineEvaluator(services.runner, self)
        self.evaluator.evaluated.connect(self._refresh_eval)
        self.reviewer = GameReviewer(services.runner, self)
        self.reviewer.changed.connect(self._on_review_changed)
        self._build()
        self._show_eval_widgets()
        self._fill_opponents(str(self.settings.value(SETTINGS_PREFIX + "opponent", DEFAULT_OPPONENT)))
        self.new_game()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        services.deviceChanged.connect(self._on_engine_settings)

    def tab_title(self) -> str:
        return self.tr("Xiangqi")

    def model_name(self) -> str:
        """The GPT when the chosen opponent runs it, else "" (the engine's own levels run no model)."""
        return self.opponent.model if self.opponent is not None else ""

    def model_device(self):
        """The GPT's device, asked in the worker that loads it (choosing it imports torch)."""
        return self.services.device.device

    @staticmethod
    def self_test(services: AppServices) -> str:
        """``wenqi --self-test``: the bundled GPT's hint and outcome belief at the start, and a
        short engine search (which search it is: the compiled one, or the Python fallback)."""
        advisor, board = GptAdvisor(services.store, lambda: services.device.device), Board()
        hint = advisor.hint(board)
        illegal = [c.move.iccs() for c in hint if not board.is_legal(c.move)]
        if len(hint) != 3 or illegal:
            raise RuntimeError(f"the GPT's hint at the start is {[c.move.iccs() for c in hint]}; illegal: {illegal}")
        belief = advisor.curve(board)[-1]
        moves = ", ".join(f"{board.chinese(c.move)} {percent(c.probability)}" for c in hint)
        started = time.perf_counter()
        found = analyse(board, time_s=0.2)
        rate = found.nodes / max(time.perf_counter() - started, 1e-6) / 1000
        kind = "compiled" if COMPILED is not None else "pure-Python (not compiled)"
        return (f"hint at the start: {moves}; red wins {percent(belief.red)}, draw {percent(belief.draw)}, "
                f"black wins {percent(belief.black)}; engine: {kind} search, depth {found.depth}, "
                f"{rate:.0f}k nodes/s")

    def attention_input(self) -> tuple[str, str] | None:
        """For the Attention tab: the game so far as the xiangqi GPT reads it (None before a move)."""
        if self.line.ply == 0:
            return None
        import_model_libraries()  # gpt imports transformers: never beside the background import
        from engine.xiangqi.gpt import prompt_text

        return MODEL_NAME, prompt_text(self.line.board)

    def shutdown(self) -> None:
        """Stop thinking and close engine processes (the app is quitting or the tab goes)."""
        self._cancel_thinking()
        self._hints.cancel()
        self.evaluator.stop()
        self.reviewer.cancel()
        self.explorer.shutdown()
        self.puzzles.shutdown()
        for seat in [*self._retired, *([self.seat] if self.seat else [])]:
            seat.close()
        self._retired.clear()

    @Slot()
    def new_game(self) -> None:
        self.start_from(Board())

    def start_from(self, board: Board, headers: dict[str, str] | None = None, moves: list[Move] = ()) -> None:
        """A new game from ``board`` (and ``moves`` played from it), with a fresh player."""
        if self._setup_board is not None:
            self._leave_setup()
        self.reviewer.forget()
        self.line = GameLine(board)
        self.line.headers = dict(headers or {})
        for move in moves:
            self.line.play(move)
        self._replace_seat()
        self.view.set_flipped(self.human_side == BLACK and self.seat is not None)
        self.view.hide_banner()
        self._say("")
        self._refresh()
        self._maybe_think()

    def outcome(self) -> Outcome | None:
        return self.clock.outcome() or self.line.board.outcome()

    def _human_colors(self) -> frozenset[bool]:
        computer = self._computer_side()
        return frozenset({RED, BLACK} - ({computer} if computer is not None else set()))

    def _refresh(self, animate: bool = False) -> None:
        """Bring the board and move list in line with the game, then the status."""
        line = self.line
        self.clock.follow(line)
        last = line.moves[line.view_ply - 1] if line.view_ply > 0 else None
        self.view.set_position(line.board_at(line.view_ply), last, animate=animate)
        self.explorer.show_board(self.view.board, self.notation)
        self._refresh_hint()
        self._refresh_moves()
        self._refresh_status()
        self._refresh_eval()

    def _refresh_moves(self) -> None:
        """The move list with the review's marks, and the better move's arrow on the board."""
        line = self.line
        judged = self.reviewer.moves_for(*self._position_key(line.ply))
        self.move_list.set_moves(line.notation(self.notation), black_first=not line.start.turn,
                                 first_number=line.start.fullmove_number,
                                 marks={ply: m.mark for ply, m in judged.items() if m.mark})
        self.move_list.set_current(line.view_ply)
        self._show_better_move(judged.get(line.view_ply))

    def _refresh_status(self) -> None:
        """Who may move, the status line and the actions (the board itself is left as it is)."""
        line, over = self.line, self.outcome()
        waiting = line.viewing_live and over is None and self._ticket is None
        self.view.set_movable(self._human_colors() if waiting else frozenset())
        self.side_box.setEnabled(self.seat is not None)
        self.undo_action.setEnabled(line.ply > 0)
        self.redo_action.setEnabled(bool(line.undone))
        self.status_label.setText(self._status_text(over))
        self.eval_bar.set_flipped(self.view.flipped)
        turn = self.view.board.turn
        size = self.status_label.fontMetrics().height() + 6
        self.turn_icon.setPixmap(render_piece(Piece("k", turn), size, self.devicePixelRatioF()))

    def _status_text(self, over: Outcome | None) -> str:
        line = self.line
        if not line.viewing_live:
            return self.tr("Viewing move %1 of %2 (End returns)").replace("%1", str(line.view_ply)) \
                .replace("%2", str(line.ply))
        if over is not None:
            return self._result_text(over)
        if self._ticket is not None:
            return self.tr("%1 is thinking…").replace("%1", opponent_label(self.opponent))
        text = self.tr("Red to move") if line.board.turn == RED else self.tr("Black to move")
        return text + (self.tr(" · check!") if line.board.is_check() else "")

    def _result_text(self, over: Outcome) -> str:
        """``Checkmate — Red wins``, in the UI's language."""
        return f"{termination_name(over.termination)} — {self._winner_text(over)}"

    def _winner_text(self, over: Outcome) -> str:
        if over.winner is None:
            return self.tr("Draw")
        return self.tr("Red wins") if over.winner == RED else self.tr("Black wins")

    def _played(self) -> None:
        """After a move on the live position: show it, announce the end, or let the computer reply."""
        self._refresh(animate=True)
        over = self.outcome()
        if over is not None:
            self.view.show_banner(termination_name(over.termination), self._winner_text(over))
            offer = self.tr("Review the game (R)")
            self._say(f"<a href='review'>{html.escape(offer)}</a>")
        else:
            self._maybe_think()

    @Slot(object)
    def _on_user_move(self, move: Move) -> None:
        if not self.line.viewing_live or self._ticket is not None:
            return
        self.line.play(move)
        self._say("")
        self._played()

    def _position_key(self, ply: int | None = None) -> tuple[str, tuple[str, ...]]:
        """Which position is meant, as data that compares equal for the same game and ply."""
        line = self.line
        ply = line.view_ply if ply is None else ply
        return line.start.fen(), tuple(move.iccs() for move in line.moves[:ply])

    @Slot()
    def flip_board(self) -> None:
        self.view.flip()
        self.eval_bar.set_flipped(self.view.flipped)

    @Slot()
    def _on_engine_settings(self) -> None:
        """Device or model folders changed: the next hint, evaluation and GPT move load the model
        afresh (the opponent list is rebuilt: a new folder may hold the GPT, a removed one took it)."""
        self.advisor = GptAdvisor(self.services.store, self.model_device)
        self._fill_opponents(self.opponent.key if self.opponent else "")
        self._replace_seat()
        self._refresh_status()
        self._maybe_think()

    @Slot()
    def undo(self) -> None:
        """Take back the last move; against the computer, back to the user's previous turn."""
        if self._setup_board is not None or self.line.ply == 0:
            return
        self._cancel_thinking()
        self.line.undo()
        computer = self._computer_side()
        while computer is not None and self.line.board.turn == computer and self.line.ply > 0:
            self.line.undo()
        self._after_takeback()

    @Slot()
    def redo(self) -> None:
        if self._setup_board is not None or not self.line.undone:
            return
        self._cancel_thinking()
        self.line.redo()
        computer = self._computer_side()
        if computer is not None and self.line.board.turn == computer and self.line.undone:
            self.line.redo()
        self._after_takeback()

    def _after_takeback(self) -> None:
        self.view.hide_banner()
        self._say("")
        self._refresh()
        if self.outcome() is not None:
            self.view.show_banner(termination_name(self.outcome().termination), self._winner_text(self.outcome()))
        self._maybe_think()

    @Slot(int)
    def view_ply(self, ply: int) -> None:
        if self._setup_board is not None:
            return
        self.line.view_ply = max(0, min(ply, self.line.ply))
        if not self.line.viewing_live:
            self.view.hide_banner()
        self._refresh()

    @Slot()
    def view_previous(self) -> None:
        self.view_ply(self.line.view_ply - 1)

    @Slot()
    def view_next(self) -> None:
        self.view_ply(self.line.view_ply + 1)

    @Slot()
    def view_start(self) -> None:
        self.view_ply(0)

    @Slot()
    def view_live(self) -> None:
        self.view_ply(self.line.ply)

    def set_notation(self, style: str) -> None:
        self.notation = style
        self.settings.set_value(SETTINGS_PREFIX + "notation", style)
        for button in self.notation_group.buttons():
            button.setChecked(button.objectName() == f"notation-{style}")
        self._refresh()

    def leave_mode(self) -> bool:
        """Esc with no job running (``MainWindow.escape``): leave the puzzles or the set-up."""
        if self.puzzles.isVisible():
            self.puzzles.leave()
        elif self._setup_board is not None:
            self.cancel_setup()
        else:
            return False
        return True

    def _say(self, text: str, error: bool = False) -> None:
        """An inline message under the status line: errors in red, cleared by the next action.
        Plain text, or rich text when it holds a link (its parts escaped by the caller)."""
        self.message_label.setTextFormat(Qt.TextFormat.RichText if "<a href" in text else Qt.TextFormat.PlainText)
        self.message_label.setStyleSheet("color: #c0392b;" if error else "")
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def message(self) -> str:
        """The message shown, as plain text (empty when none)."""
        if not self.message_label.isVisible():
            return ""
        text = self.message_label.text()
        if self.message_label.textFormat() == Qt.TextFormat.RichText:
            text = html.unescape(re.sub(r"<[^>]+>", "", text))
        return text

    @Slot(str)
    def _on_message_link(self, link: str) -> None:
        if link == "resume":
            self._say("")
            self._maybe_think()
        elif link == "review":
            self.review_game()

