"""The xiangqi tab's widgets and toolbar, built once: the opponent form, the status line, the
move list and its navigation, the evaluation label and curve, the review's progress, the set-up
panel, the board with its clock, the opening explorer and the puzzles."""

from __future__ import annotations


from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
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

from engine.xiangqi import BLACK, RED, Board
from engine.xiangqi.game_line import NOTATIONS
from engine.xiangqi.names import MOVE_TIMES
from widgets.xiangqi_board import XiangqiBoardView
from widgets.xiangqi_clock import ClockPanel
from widgets.xiangqi_explorer import OpeningExplorer
from widgets.xiangqi_eval import BoardWithBar, EvalBar, EvalCurve
from widgets.xiangqi_moves import MoveListView
from widgets.xiangqi_puzzles import PuzzleMode
from widgets.xiangqi_review import ReviewProgress
from widgets.xiangqi_setup import SetupPanel

SETTINGS_PREFIX = "xiangqi/"
"""The tab's keys in the app's settings."""


class XiangqiTabLayout:
    """Part of ``XiangqiTab``: builds its widgets and actions."""

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
        self.puzzles = PuzzleMode(self.services.runner, self.settings, lambda: self.notation)
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
        self.eval_action.setChecked(str(self.settings.value(SETTINGS_PREFIX + "show_eval", "true")).lower()
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
