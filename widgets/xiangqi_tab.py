"""The Xiangqi tab: the board, the opponent and side, the move list, and game records.

The tab keeps the game (``GameLine``) and decides whose turn it is; the board view only
proposes the user's moves. A computer's move is a job on ``services.runner``: the position
is copied into the job, the player thinks in a worker, and the reply comes back on the GUI
thread, where it is played only if the game has not moved on since (new game, undo).

The bundled GPT gives hints (its three likeliest moves, drawn as arrows); the search engine
evaluates the position shown (the bar beside the board, the label and the curve under the
moves; a finished game shows its result), in jobs too: a hint or an evaluation for a position
no longer shown is dropped, so fast play never queues up work. The game review
(``GameReviewer``) has the engine judge every move: marks in the move list and on the curve,
the better move as an arrow, an annotated PGN to export.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from widgets.jobs import JobHandle, LatestJob, readable_error
from widgets.services import AppServices
from engine.data import read_text_file
from engine.runtime.store import import_model_libraries
from engine.xiangqi import BLACK, RED, Board, Move, Outcome, Piece, pgn
from engine.xiangqi.advisor import GptAdvisor
from engine.xiangqi.game_line import NOTATIONS, GameLine
from engine.xiangqi.names import DEFAULT_MOVE_TIME, MODEL_NAME, MOVE_TIMES
from engine.xiangqi.opponents import DEFAULT_OPPONENT, ComputerSeat, Opponent, available_opponents
from engine.xiangqi.review import GameReview, MoveReview, PositionEval, annotated_game
from widgets.messages import fill, open_error, save_error
from widgets.xiangqi_board import XiangqiBoardView, render_piece
from widgets.xiangqi_clock import ClockPanel
from widgets.xiangqi_explorer import OpeningExplorer
from widgets.xiangqi_eval import BoardWithBar, EngineEvaluator, EvalBar, EvalCurve, percent
from widgets.xiangqi_messages import error_text
from widgets.xiangqi_moves import MoveListView
from widgets.xiangqi_opponents import opponent_label
from widgets.xiangqi_puzzles import PuzzleMode
from widgets.xiangqi_review import GameReviewer, ReviewProgress
from widgets.xiangqi_setup import SetupPanel

_SETTINGS = "xiangqi/"
MAX_RECORD_BYTES = 20 * 2**20  # far above any game collection; refuses a wrong file before reading it


def _points(over: Outcome) -> float:
    """Red's points in a finished game."""
    return 0.5 if over.winner is None else float(over.winner == RED)


class XiangqiTab(QWidget):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = services.settings
        self.line = GameLine()
        self.human_side = RED if self.settings.value(_SETTINGS + "side", "red") != "black" else BLACK
        notation = str(self.settings.value(_SETTINGS + "notation", "chinese"))
        self.notation = notation if notation in NOTATIONS else "chinese"
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
        self._fill_opponents(str(self.settings.value(_SETTINGS + "opponent", DEFAULT_OPPONENT)))
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
        """``wenqi --self-test``: the bundled GPT's hint and outcome belief at the start."""
        advisor, board = GptAdvisor(services.store, lambda: services.device.device), Board()
        hint = advisor.hint(board)
        illegal = [c.move.iccs() for c in hint if not board.is_legal(c.move)]
        if len(hint) != 3 or illegal:
            raise RuntimeError(f"the GPT's hint at the start is {[c.move.iccs() for c in hint]}; illegal: {illegal}")
        belief = advisor.curve(board)[-1]
        moves = ", ".join(f"{board.chinese(c.move)} {percent(c.probability)}" for c in hint)
        return (f"hint at the start: {moves}; red wins {percent(belief.red)}, draw {percent(belief.draw)}, "
                f"black wins {percent(belief.black)}")

    def attention_input(self) -> tuple[str, str] | None:
        """For the Attention tab: the game so far as the xiangqi GPT reads it (None before a move)."""
        if self.line.ply == 0:
            return None
        import_model_libraries()  # gpt imports transformers: never beside the background import
        from engine.xiangqi.gpt import prompt_text

        return MODEL_NAME, prompt_text(self.line.board)

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.view = XiangqiBoardView()
        self.view.moveRequested.connect(self._on_user_move)
        self.view.positionEdited.connect(self._on_setup_edited)

        self.opponent_box = QComboBox()
        self.opponent_box.setToolTip(self.tr("Ratings are relative, on the Elo scale with Fairy-Stockfish level 2 "
                                             "at 1500, from matches against Fairy-Stockfish, the engine at 1 s a move"))
        self.opponent_box.activated.connect(self._on_opponent_activated)
        self.side_box = QComboBox()
        self.side_box.addItem(self.tr("Red (moves first)"), RED)
        self.side_box.addItem(self.tr("Black"), BLACK)
        self.side_box.setCurrentIndex(0 if self.human_side == RED else 1)
        self.side_box.activated.connect(self._on_side_activated)
        form = QFormLayout()
        form.addRow(self.tr("Opponent:"), self.opponent_box)
        form.addRow(self.tr("You play:"), self.side_box)
        self.time_box = QComboBox()
        self.time_box.setObjectName("move-time")
        self.time_box.setToolTip(self.tr("How long the engine levels think about each move"))
        for seconds in MOVE_TIMES:
            self.time_box.addItem(self.tr("%1 s").replace("%1", f"{seconds:g}"), seconds)
        self.time_box.setCurrentIndex(self.time_box.findData(self.move_time()))
        self.time_box.activated.connect(self._on_time_activated)
        form.addRow(self.tr("Time a move:"), self.time_box)
        new_button = QPushButton(self.tr("New game"))
        new_button.clicked.connect(self.new_game)
        setup_button = QPushButton(self.tr("Set up position…"))
        setup_button.clicked.connect(self.enter_setup)
        buttons = QHBoxLayout()
        buttons.addWidget(new_button)
        buttons.addWidget(setup_button)

        self.turn_icon = QLabel()
        self.status_label = QLabel()
        font = self.status_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.status_label.setFont(font)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.message_label.linkActivated.connect(self._on_message_link)
        self.message_label.hide()

        self.notation_group = QButtonGroup(self)
        notation_row = QHBoxLayout()
        notation_row.addWidget(QLabel(self.tr("Moves")))
        notation_row.addStretch(1)
        for style, text in zip(NOTATIONS, (self.tr("Chinese"), "ICCS", "WXF")):
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setChecked(style == self.notation)
            button.setObjectName(f"notation-{style}")
            self.notation_group.addButton(button)
            button.clicked.connect(lambda _=False, s=style: self.set_notation(s))
            notation_row.addWidget(button)
        self.move_list = MoveListView()
        self.move_list.plySelected.connect(self.view_ply)

        nav_row = QHBoxLayout()
        pixmaps = QStyle.StandardPixmap
        for icon, tip, slot in ((pixmaps.SP_MediaSkipBackward, self.tr("Start position (Home)"), self.view_start),
                                (pixmaps.SP_MediaSeekBackward, self.tr("Previous move (←)"), self.view_previous),
                                (pixmaps.SP_MediaSeekForward, self.tr("Next move (→)"), self.view_next),
                                (pixmaps.SP_MediaSkipForward, self.tr("Current position (End)"), self.view_live)):
            button = QToolButton()
            button.setIcon(self.style().standardIcon(icon))
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            nav_row.addWidget(button)
        nav_row.insertStretch(0, 1)
        nav_row.addStretch(1)

        self.eval_label = QLabel()
        self.eval_label.setObjectName("eval-label")
        self.eval_label.setWordWrap(True)
        self.eval_curve = EvalCurve()
        self.eval_curve.setToolTip(self.tr("The engine's expected score for red after each move (up: red is better; "
                                           "dots: the review's ?! ? ??). "
                                           "Click to view that move."))
        self.eval_curve.plySelected.connect(self.view_ply)
        self.eval_bar = EvalBar()

        game_panel = QWidget()
        game_layout = QVBoxLayout(game_panel)
        game_layout.setContentsMargins(0, 0, 0, 0)
        game_layout.addLayout(form)
        game_layout.addLayout(buttons)
        game_layout.addSpacing(6)
        status_row = QHBoxLayout()
        status_row.addWidget(self.turn_icon)
        status_row.addWidget(self.status_label, 1)
        game_layout.addLayout(status_row)
        game_layout.addWidget(self.message_label)
        game_layout.addLayout(notation_row)
        game_layout.addWidget(self.move_list, 1)
        game_layout.addLayout(nav_row)
        game_layout.addWidget(self.eval_label)
        game_layout.addWidget(self.eval_curve)
        self.review_progress = ReviewProgress()
        self.review_progress.cancelRequested.connect(self.reviewer.cancel)
        game_layout.addWidget(self.review_progress)

        self.setup_panel = SetupPanel()
        self.setup_panel.pieceChosen.connect(self._on_setup_piece)
        self.setup_panel.sideChanged.connect(self._on_setup_side)
        self.setup_panel.clearRequested.connect(lambda: self._replace_setup_board(Board.empty()))
        self.setup_panel.initialRequested.connect(lambda: self._replace_setup_board(Board()))
        self.setup_panel.accepted.connect(self.finish_setup)
        self.setup_panel.cancelled.connect(self.cancel_setup)

        self.panels = QStackedWidget()
        self.panels.addWidget(game_panel)
        self.panels.addWidget(self.setup_panel)
        self.panels.setMinimumWidth(270)
        self.panels.setMaximumWidth(360)

        self.board_box = BoardWithBar(self.view, self.eval_bar)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.clock = ClockPanel(self.settings)
        self.clock.flagFell.connect(self._cancel_thinking)
        self.clock.flagFell.connect(self._after_takeback)
        board_column = QWidget()
        QVBoxLayout(board_column).addWidget(self.board_box, 1)
        board_column.layout().addWidget(self.clock)
        board_column.layout().setContentsMargins(0, 0, 0, 0)
        splitter.addWidget(board_column)
        self.explorer = OpeningExplorer(self.services.runner, self.view, lambda: self.advisor, self.settings,
                                        self.services.store)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.panels)
        side.addWidget(self.explorer)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setCollapsible(0, False)
        splitter.setSizes([10_000, 1])  # the board takes all the room the panel does not need
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 6)
        self.puzzles = PuzzleMode(self.services.runner, self.settings)
        self.puzzles.modeChanged.connect(self.clock.hold)
        toolbar = self._build_toolbar()
        self.puzzles.replaces([toolbar, splitter], self.actions())
        for widget in (toolbar, splitter, self.puzzles):
            layout.addWidget(widget, int(widget is not toolbar))

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            # Only while this tab is shown: a hidden tab's window shortcuts do not fire.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip or shortcut is not None:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip or text.replace('&', '')}" + (f" ({keys})" if keys else ""))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar()
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addAction(self._action(self.tr("New game"), self.new_game, "Ctrl+N"))
        self.undo_action = self._action(self.tr("Undo"), self.undo, QKeySequence.StandardKey.Undo,
                                        self.tr("Take back a move (against the computer, its reply too)"))
        self.redo_action = self._action(self.tr("Redo"), self.redo, "Ctrl+Y")
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addAction(self._action(self.tr("Flip board"), self.flip_board, "F"))
        bar.addSeparator()
        self.hint_action = self._action(self.tr("Hint"), self.hint, "H",
                                        self.tr("Show the GPT's three likeliest moves here as arrows"))
        bar.addAction(self.hint_action)
        self.eval_action = self._action(self.tr("Evaluation"), self.set_eval_visible, "E",
                                        self.tr("Show or hide the engine's view of who is winning"))
        self.eval_action.setCheckable(True)
        self.eval_action.setChecked(str(self.settings.value(_SETTINGS + "show_eval", "true")).lower()
                                    in ("1", "true", "yes"))
        bar.addAction(self.eval_action)
        self.review_action = self._action(self.tr("Review game"), self.review_game, "R",
                                          self.tr("The engine checks every move of the game: ?! inaccuracy, "
                                                  "? mistake, ?? blunder, and the better move"))
        bar.addAction(self.review_action)
        bar.addAction(self.explorer.toggle_action)
        bar.addAction(self.puzzles.enter_action)
        bar.addSeparator()
        bar.addAction(self._action(self.tr("Open PGN…"), self.open_pgn, QKeySequence.StandardKey.Open))
        bar.addAction(self._action(self.tr("Save PGN…"), self.save_pgn, QKeySequence.StandardKey.Save))
        bar.addAction(self._action(self.tr("Export annotated PGN…"), self.export_annotated, "Ctrl+Shift+S",
                                   self.tr("Save the game with the review's evaluations, marks and better moves")))
        bar.addSeparator()
        bar.addAction(self._action(self.tr("Copy FEN"), self.copy_fen))
        bar.addAction(self._action(self.tr("Copy moves"), self.copy_moves))
        bar.addAction(self._action(self.tr("Paste"), self.paste, QKeySequence.StandardKey.Paste,
                                   self.tr("Paste a FEN, a move list or a PGN game")))
        self._action(self.tr("Previous move"), self.view_previous, "Left")
        self._action(self.tr("Next move"), self.view_next, "Right")
        self._action(self.tr("Start position"), self.view_start, "Home")
        self._action(self.tr("Current position"), self.view_live, "End")
        return bar

    # -- opponents -----------------------------------------------------------------------
    def _fill_opponents(self, wanted_key: str) -> None:
        self.opponents = available_opponents(str(self.settings.value(_SETTINGS + "uci_path", "") or ""),
                                             self.services.store, self.model_device, self.engine_time)
        self.opponent_box.clear()
        for opponent in self.opponents:
            self.opponent_box.addItem(opponent_label(opponent), opponent.key)
        self.opponent_box.addItem(self.tr("Choose a UCI engine…"), "")
        keys = [opponent.key for opponent in self.opponents]
        self._show_opponent(keys.index(wanted_key) if wanted_key in keys else 0)

    def _show_opponent(self, index: int) -> None:
        """Make ``self.opponents[index]`` the one in the box, its time setting and status-bar model."""
        self.opponent_box.setCurrentIndex(index)
        self.opponent = self.opponents[index]
        self.time_box.setEnabled(self.opponent.timed)
        self.services.show_model()

    def move_time(self) -> float:
        """Seconds a move for the engine levels (the setting)."""
        try:
            seconds = float(self.settings.value(_SETTINGS + "move_time", DEFAULT_MOVE_TIME))
        except (TypeError, ValueError):
            seconds = DEFAULT_MOVE_TIME
        return seconds if seconds in MOVE_TIMES else DEFAULT_MOVE_TIME

    def engine_time(self) -> float:
        """The engine's seconds for its move (asked every move): its share of its clock, else the setting."""
        budget = self.clock.budget(not self.human_side)
        return self.move_time() if budget is None else budget

    @Slot(int)
    def _on_time_activated(self, index: int) -> None:
        self.settings.set_value(_SETTINGS + "move_time", self.time_box.itemData(index))

    @Slot(int)
    def _on_opponent_activated(self, index: int) -> None:
        if index >= len(self.opponents):
            self._choose_uci_binary()
            return
        self.set_opponent(self.opponents[index].key)

    def set_opponent(self, key: str) -> None:
        """Let ``key`` play the side the user does not, from the current position on."""
        keys = [opponent.key for opponent in self.opponents]
        if key not in keys:
            return
        self._show_opponent(keys.index(key))
        self.settings.set_value(_SETTINGS + "opponent", key)
        self._replace_seat()
        self._refresh_status()
        self._maybe_think()

    def _choose_uci_binary(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a UCI xiangqi engine"))
        if path:
            self.settings.set_value(_SETTINGS + "uci_path", path)
        self._fill_opponents(self.opponent.key if self.opponent else "")
        custom = [opponent.key for opponent in self.opponents if opponent.key.startswith("uci-custom:")]
        if path and custom:
            self.set_opponent(custom[0])

    @Slot(int)
    def _on_side_activated(self, index: int) -> None:
        self.human_side = self.side_box.itemData(index)
        self.settings.set_value(_SETTINGS + "side", "red" if self.human_side == RED else "black")
        self._cancel_thinking()
        self.view.set_flipped(self.human_side == BLACK)
        self._refresh_status()
        self._maybe_think()

    def _replace_seat(self) -> None:
        self._cancel_thinking()
        if self.seat is not None:
            self._retired.append(self.seat)
            self._close_retired()
        computer = self.opponent is not None and self.opponent.is_computer
        self.seat = ComputerSeat(self.opponent) if computer else None

    def _close_retired(self) -> None:
        """Close old players once no worker can be using them."""
        self._jobs = [job for job in self._jobs if job.running]
        if not self._jobs:
            for seat in self._retired:
                seat.close()
            self._retired.clear()

    def _computer_side(self) -> bool | None:
        return None if self.seat is None else not self.human_side

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

    # -- the game ------------------------------------------------------------------------
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
            return f"{over.termination.chinese} — {self._winner_text(over)}"
        if self._ticket is not None:
            return self.tr("%1 is thinking…").replace("%1", opponent_label(self.opponent))
        text = self.tr("Red to move") if line.board.turn == RED else self.tr("Black to move")
        return text + (self.tr(" · check!") if line.board.is_check() else "")

    def _winner_text(self, over: Outcome) -> str:
        if over.winner is None:
            return self.tr("Draw")
        return self.tr("Red wins") if over.winner == RED else self.tr("Black wins")

    def _played(self) -> None:
        """After a move on the live position: show it, announce the end, or let the computer reply."""
        self._refresh(animate=True)
        over = self.outcome()
        if over is not None:
            self.view.show_banner(over.termination.chinese, self._winner_text(over))
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

    # -- the computer's move ----------------------------------------------------------------
    def _maybe_think(self) -> None:
        """Ask the computer for a move when it is its turn (after any cancelled job has ended)."""
        board = self.line.board
        self._jobs = [job for job in self._jobs if job.running]
        if (self.seat is None or self._ticket is not None or self._jobs or self._setup_board is not None
                or board.turn != self._computer_side() or self.outcome() is not None):
            return
        seat, position, ticket = self.seat, board.copy(), object()
        self._ticket = ticket
        self._jobs.append(self.services.runner.submit(
            lambda ctx: seat.choose_move(position, cancel=ctx.cancel_token),
            self.tr("Move by %1").replace("%1", opponent_label(seat.opponent)),
            on_result=lambda move: self._on_reply(ticket, move),
            on_error=lambda exc: self._on_reply(ticket, None, exc),
            on_cancelled=lambda: self._on_reply(ticket, None), model=seat.opponent.model))
        self._refresh_status()

    def _cancel_thinking(self) -> None:
        self._ticket = None
        for job in self._jobs:
            job.cancel()

    def _on_reply(self, ticket: object, move: Move | None, error: BaseException | None = None) -> None:
        """A job ended. Play its move if the game still waits for it; else look again whose turn it is."""
        if ticket is self._ticket and move is not None and self.view.is_animating():
            # Let the user's own move land before the reply starts moving.
            QTimer.singleShot(self.view.animation_left_ms() + 40, self, lambda: self._on_reply(ticket, move, error))
            return
        self._close_retired()
        if ticket is not self._ticket:
            self._maybe_think()
            return
        self._ticket = None
        label = opponent_label(self.seat.opponent) if self.seat else ""
        if move is not None and isinstance(move, Move) and self.line.board.is_legal(move):
            self.line.play(move)
            self._played()
            return
        if error is not None:
            problem = self.tr("%1 could not move: %2").replace("%2", readable_error(error))
        elif move is not None:
            problem = self.tr("%1 answered an illegal move (%2).").replace("%2", str(move))
        else:
            problem = self.tr("%1 stopped thinking.")
        retry = self.tr("Let it move")
        self._say(f"{html.escape(problem.replace('%1', label))} <a href='resume'>{html.escape(retry)}</a>",
                  error=True)
        self._refresh_status()

    # -- the GPT's hints and evaluation ----------------------------------------------------
    def _position_key(self, ply: int | None = None) -> tuple[str, tuple[str, ...]]:
        """Which position is meant, as data that compares equal for the same game and ply."""
        line = self.line
        ply = line.view_ply if ply is None else ply
        return line.start.fen(), tuple(move.iccs() for move in line.moves[:ply])

    def _gpt_missing_text(self) -> str:
        return self.tr("The bundled xiangqi GPT (resources/models/xiangqi-gpt) was not found, so there are no "
                       "hints or evaluation: reinstall Wenqi, or add a folder holding it under Settings → "
                       "Extra model folders.")

    @Slot()
    def hint(self) -> None:
        """Ask the GPT for its three likeliest moves in the shown position; they come as arrows."""
        if self._setup_board is not None:
            return
        board = self.line.board_at(self.line.view_ply)
        if board.outcome() is not None:
            self._say(self.tr("The game is over: there is nothing to hint."))
            return
        if not GptAdvisor.available(self.services.store):
            self._say(self._gpt_missing_text(), error=True)
            return
        advisor = self.advisor
        self._hint_key, self._hint_arrows = self._position_key(), []
        self._hints.start(lambda ctx: advisor.hint(board),
                          on_result=lambda candidates: self._on_hint(board, candidates),
                          on_error=lambda exc: self._on_hint(board, [], exc), model=MODEL_NAME)
        self._say(self.tr("Asking the GPT for a hint…"))

    def _on_hint(self, board: Board, candidates: list, error: BaseException | None = None) -> None:
        if error is not None:
            self._say(self.tr("No hint: %1").replace("%1", readable_error(error)), error=True)
            return
        self._hint_arrows = [(c.move, percent(c.probability)) for c in candidates]
        self.view.set_arrows(self._hint_arrows)
        written = [c.move.iccs() if self.notation == "iccs" else getattr(board, self.notation)(c.move)
                   for c in candidates]
        self._say(self.tr("The GPT suggests %1.").replace(
            "%1", ", ".join(f"{text} ({percent(c.probability)})" for text, c in zip(written, candidates))))

    def _refresh_hint(self) -> None:
        """Keep the hint's arrows while its position is shown; forget it once another is."""
        if self._hint_key is None:
            return
        if self._hint_key == self._position_key() and self._setup_board is None:
            self.view.set_arrows(self._hint_arrows)
            return
        if self._hints.busy and self.message() == self.tr("Asking the GPT for a hint…"):
            self._say("")
        self._hints.forget()
        self._hint_key, self._hint_arrows = None, []

    @Slot()
    def flip_board(self) -> None:
        self.view.flip()
        self.eval_bar.set_flipped(self.view.flipped)

    @Slot(bool)
    def set_eval_visible(self, on: bool) -> None:
        """Show or hide the evaluation bar and curve (remembered); hidden, nothing is computed."""
        self.eval_action.setChecked(on)
        self.settings.set_value(_SETTINGS + "show_eval", bool(on))
        self._show_eval_widgets()
        self._refresh_eval()

    def eval_visible(self) -> bool:
        return self.eval_action.isChecked()

    def _show_eval_widgets(self) -> None:
        on = self.eval_action.isChecked()
        for widget in (self.eval_bar, self.eval_label, self.eval_curve):
            widget.setVisible(on)
        self.board_box.place()

    def curve_scores(self) -> list[float | None]:
        """Red's expected score after ply 0, 1, … of the game (None: not evaluated yet; a
        finished game ends on its result)."""
        known, (start, moves) = self.evaluator.known, self._position_key(self.line.ply)
        scores = [known[(start, moves[:ply])].expectation if (start, moves[:ply]) in known else None
                  for ply in range(len(moves) + 1)]
        over = self.outcome()
        if over is not None:
            scores[-1] = _points(over)
        return scores

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._refresh_eval()  # nothing is evaluated before the tab is first shown

    @Slot()
    def _refresh_eval(self) -> None:
        """Show the engine's evaluation of the shown position, or the result where the game is
        over there; ask for it when it is not known (only while the tab is shown)."""
        if not self.eval_visible() or not self.isVisible():
            self.evaluator.stop()
            return
        line, ply = self.line, self.line.view_ply
        key = self._position_key(ply)
        judged = self.reviewer.moves_for(*self._position_key(line.ply))
        self.eval_curve.set_scores(self.curve_scores(), {p: m.mark for p, m in judged.items() if m.mark})
        self.eval_curve.set_current(ply)
        board = line.board_at(ply)
        over = self.outcome() if ply == line.ply else board.outcome()  # a flag fall ends the game too
        evaluation = self.evaluator.known.get(key)
        if over is not None:
            self.evaluator.stop()
            self.eval_bar.set_score(_points(over))
            self.eval_bar.setToolTip("")
            text = f"{over.termination.chinese} — {self._winner_text(over)}"
        elif evaluation is not None:
            self.eval_bar.set_score(evaluation.expectation)
            text = self._evaluation_text(evaluation)
            self.eval_bar.setToolTip(text + "\n" + fill(self.tr("Searched %1 plies deep."), evaluation.depth))
        else:
            self.evaluator.request(key, board)
            if self.evaluator.error:
                text = fill(self.tr("No evaluation: %1"), self.evaluator.error)
            else:
                text = self.tr("Engine: evaluating…")
            if ply == 0 or self._position_key(ply - 1) not in self.evaluator.known:
                self.eval_bar.set_score(None)  # else it keeps the move before's value until this one's comes
        judged_move = judged.get(ply)
        if judged_move is not None:
            text += "\n" + self._judgement_text(judged_move, line.board_at(ply - 1))
        self.eval_label.setText(text)

    def _evaluation_text(self, evaluation: PositionEval) -> str:
        """``Engine: red +1.25 (red 64%)``, or who mates in how many moves."""
        if evaluation.mate is not None:
            who = self.tr("red mates in %1") if evaluation.mate > 0 else self.tr("black mates in %1")
            return fill(self.tr("Engine: %1"), fill(who, abs(evaluation.mate)))
        return fill(self.tr("Engine: %1 for red (red's expected score %2)"),
                    f"{evaluation.score / 100:+.2f}", percent(evaluation.expectation))

    def _judgement_text(self, judged: MoveReview, before: Board) -> str:
        """What the review says of the move that led to the shown position."""
        names = {"?!": self.tr("Inaccuracy"), "?": self.tr("Mistake"), "??": self.tr("Blunder")}
        if judged.mark is None:
            return self.tr("Review: a good move.")
        text = fill(self.tr("Review: %1 (%2), lost %3"), names[judged.mark], judged.mark, f"{judged.loss / 100:.2f}")
        if judged.better is not None:
            text += fill(self.tr("; better: %1"), self._written(before, judged.better))
        return text

    def _written(self, board: Board, move: Move) -> str:
        return move.iccs() if self.notation == "iccs" else getattr(board, self.notation)(move)

    def _show_better_move(self, judged: MoveReview | None) -> None:
        """The review's better move as an arrow on the shown position, unless a hint is shown."""
        if judged is not None and judged.better is not None and not self.view.arrows and self._setup_board is None:
            self.view.set_arrows([(judged.better, self.tr("better"))])

    # -- game review -----------------------------------------------------------------------
    @Slot()
    def review_game(self) -> None:
        """Have the engine judge every move of the game (a job with progress and cancel)."""
        if self._setup_board is not None:
            return
        if self.line.ply == 0:
            self._say(self.tr("There is no move to review yet."))
            return
        self.reviewer.start(self.line.start.fen(), self.line.moves)

    @Slot()
    def _on_review_changed(self) -> None:
        reviewer, review = self.reviewer, self.reviewer.review
        if review is not None and reviewer.key is not None:
            start, moves = reviewer.key
            for ply, position in enumerate(review.positions):
                self.evaluator.known[(start, moves[:ply])] = position
        total = len(reviewer.key[1]) + 1 if reviewer.key else 0
        self.review_progress.show_progress(reviewer.progress, len(review.positions) if review else 0, total)
        self.review_action.setEnabled(not reviewer.running)
        if reviewer.error:
            self._say(fill(self.tr("The review stopped: %1"), reviewer.error), error=True)
        elif not reviewer.running and review is not None and review.moves:
            self._say(self._review_summary(review))
        self._refresh_moves()
        self._refresh_eval()

    def _review_summary(self, review: GameReview) -> str:
        total = len(self.reviewer.key[1])
        counts = [review.counts(color) for color in (RED, BLACK)]
        parts = [fill(self.tr("%1: %2 ?!, %3 ?, %4 ??"), name, c["?!"], c["?"], c["??"])
                 for name, c in zip((self.tr("Red"), self.tr("Black")), counts)]
        head = self.tr("Review done.") if len(review.moves) == total else \
            fill(self.tr("Review stopped after %1 of %2 moves."), len(review.moves), total)
        return f"{head} {' · '.join(parts)}"

    @Slot()
    def export_annotated(self) -> None:
        """Save the game with the review's notes (the moves it judged that the game still has)."""
        review = self.reviewer.review_for(*self._position_key(self.line.ply))
        if review is None:
            self._say(self.tr("Review the game first (R): there is nothing to annotate yet."))
            return
        start = str(self.settings.value(_SETTINGS + "folder", "") or "")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the annotated game"), start, self._pgn_filter())
        if path:
            self.save_path(path if Path(path).suffix else path + ".pgn", annotated=True)

    @Slot()
    def _on_engine_settings(self) -> None:
        """Device or model folders changed: the next hint, evaluation and GPT move load the model
        afresh (the opponent list is rebuilt: a new folder may hold the GPT, a removed one took it)."""
        self.advisor = GptAdvisor(self.services.store, self.model_device)
        self._fill_opponents(self.opponent.key if self.opponent else "")
        self._replace_seat()
        self._refresh_status()
        self._maybe_think()

    # -- undo, redo, viewing ---------------------------------------------------------------
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
            self.view.show_banner(self.outcome().termination.chinese, self._winner_text(self.outcome()))
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
        self.settings.set_value(_SETTINGS + "notation", style)
        for button in self.notation_group.buttons():
            button.setChecked(button.objectName() == f"notation-{style}")
        self._refresh()

    # -- messages ------------------------------------------------------------------------
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

    # -- clipboard and files ---------------------------------------------------------------
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
        start = str(self.settings.value(_SETTINGS + "folder", "") or "")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a game"), start, self._pgn_filter())
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        self.settings.set_value(_SETTINGS + "folder", str(Path(path).parent))
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
        return pgn.Game(headers=headers, start_fen=line.start.fen(), moves=list(line.moves),
                        result=over.result() if over is not None else "*")

    @Slot()
    def save_pgn(self) -> None:
        start = str(self.settings.value(_SETTINGS + "folder", "") or "")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the game"), start, self._pgn_filter())
        if path:
            self.save_path(path if Path(path).suffix else path + ".pgn")

    def save_path(self, path: str, annotated: bool = False) -> bool:
        """Save the game; ``annotated``: with the review's evaluations, marks and better moves."""
        self.settings.set_value(_SETTINGS + "folder", str(Path(path).parent))
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

    # -- set-up mode ---------------------------------------------------------------------
    @Slot()
    def enter_setup(self) -> None:
        self._cancel_thinking()
        self._setup_board = Board.empty()
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
