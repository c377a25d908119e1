"""The xiangqi tab's hints and evaluation: the bundled GPT's three likeliest moves (arrows), the
search engine's evaluation of the position shown (the bar beside the board, the label and the
curve under the moves; a finished game shows its result) and the review's judgement of the move
that led there. Both are jobs: one for a position no longer shown is dropped."""

from __future__ import annotations


from PySide6.QtCore import Slot

from widgets.jobs import readable_error
from engine.xiangqi import RED, Board, Outcome
from engine.xiangqi.advisor import GptAdvisor
from engine.xiangqi.names import MODEL_NAME
from engine.xiangqi.game_line import written_move
from engine.xiangqi.review import MoveReview, PositionEval
from widgets.messages import fill
from widgets.xiangqi_eval import percent
from widgets.xiangqi_tab_layout import SETTINGS_PREFIX


def _points(over: Outcome) -> float:
    """Red's points in a finished game."""
    return 0.5 if over.winner is None else float(over.winner == RED)


class HintsAndEvaluation:
    """Part of ``XiangqiTab``: the hint and evaluation of the shown position."""

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
        written = [written_move(board, c.move, self.notation) for c in candidates]
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

    @Slot(bool)
    def set_eval_visible(self, on: bool) -> None:
        """Show or hide the evaluation bar and curve (remembered); hidden, nothing is computed."""
        self.eval_action.setChecked(on)
        self.settings.set_value(SETTINGS_PREFIX + "show_eval", bool(on))
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
            self.eval_bar.set_score(_points(over))
            self.eval_bar.setToolTip("")
            text = self._result_text(over)
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
        self._evaluate_unknown_plies()

    def _evaluate_unknown_plies(self) -> None:
        """With the shown position evaluated, evaluate the game's others, latest first, one job
        at a time: a quick reply replaces the job of the position before it, which left gaps in
        the curve. Not beside a review (it evaluates them all) nor after a failure."""
        evaluator, line = self.evaluator, self.line
        if evaluator.pending is not None or evaluator.error or self.reviewer.running:
            return
        last = line.ply - (self.outcome() is not None)  # a finished game ends on its result
        for ply in range(last, -1, -1):
            key = self._position_key(ply)
            if key not in evaluator.known:
                evaluator.request(key, line.board_at(ply))
                return

    def _evaluation_text(self, evaluation: PositionEval) -> str:
        """``Engine: red +1.25 (red 64%)``, or who mates in how many moves."""
        if evaluation.mate is not None:
            who = self.tr("red mates in %1") if evaluation.mate > 0 else self.tr("black mates in %1")
            return fill(self.tr("Engine: %1"), fill(who, abs(evaluation.mate)))
        return fill(self.tr("Engine: %1 for red (red's expected score %2)"),
                    f"{evaluation.shown_score / 100:+.2f}", percent(evaluation.expectation))

    def _judgement_text(self, judged: MoveReview, before: Board) -> str:
        """What the review says of the move that led to the shown position."""
        names = {"?!": self.tr("Inaccuracy"), "?": self.tr("Mistake"), "??": self.tr("Blunder")}
        if judged.mark is None:
            return self.tr("Review: a good move.")
        text = fill(self.tr("Review: %1 (%2), lost %3"), names[judged.mark], judged.mark, f"{judged.loss / 100:.2f}")
        if judged.better is not None:
            text += fill(self.tr("; better: %1"), written_move(before, judged.better, self.notation))
        return text

    def _show_better_move(self, judged: MoveReview | None) -> None:
        """The review's better move as an arrow on the shown position, unless a hint is shown."""
        if judged is not None and judged.better is not None and not self.view.arrows and self._setup_board is None:
            self.view.set_arrows([(judged.better, self.tr("better"))])
