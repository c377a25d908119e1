"""The xiangqi tab's game review: start it, show its progress and summary, export the game
annotated with it (``GameReviewer`` runs it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFileDialog

from engine.xiangqi import BLACK, RED
from engine.xiangqi.review import GameReview
from widgets.messages import fill
from widgets.xiangqi_tab_layout import SETTINGS_PREFIX


class ReviewActions:
    """Part of ``XiangqiTab``: the review of the game."""

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
        summary = fill(self.tr("%1 %2", "one sentence, then the next"), head, " · ".join(parts))
        if "depth" in self.reviewer.limits:  # a fixed depth: the same marks every time
            return summary
        return fill(self.tr("%1 %2", "one sentence, then the next"), summary,
                    self.tr("(Each position was searched for a set time, so another review may mark a few moves "
                            "differently.)"))

    @Slot()
    def export_annotated(self) -> None:
        """Save the game with the review's notes (the moves it judged that the game still has)."""
        review = self.reviewer.review_for(*self._position_key(self.line.ply))
        if review is None:
            self._say(self.tr("Review the game first (R): there is nothing to annotate yet."))
            return
        start = str(self.settings.value(SETTINGS_PREFIX + "folder", "") or "")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the annotated game"), start, self._pgn_filter())
        if path:
            self.save_path(path if Path(path).suffix else path + ".pgn", annotated=True)
