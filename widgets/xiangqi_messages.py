"""What the xiangqi engine refuses (a FEN, a set-up, a PGN move, a file) or how a UCI engine
failed, and why a game ended, said in the UI's language: the engine's error class is the kind,
its fields the details (as the math and summarize tabs do with theirs)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from widgets.jobs import readable_error
from engine.xiangqi import RED, AmbiguousMoveError, IllegalMoveError, Piece, Termination
from engine.xiangqi.board import (
    EmptyFenError,
    FenCountersError,
    FenPieceLetterError,
    FenRanksError,
    FenRankWidthError,
    FenSideError,
    FlyingGeneralsError,
    GeneralCountError,
    MisplacedPieceError,
    TooManyPiecesError,
    WrongSideInCheckError,
)
from engine.xiangqi.pgn import PgnError
from engine.xiangqi.players import EngineNotFoundError, EngineStartError, EngineStoppedError, EngineTimeoutError
from widgets.messages import fill


class XiangqiMessages(QObject):
    """A QObject only for ``tr`` (its translation context)."""

    def error_text(self, exc: BaseException) -> str:
        """``exc`` from reading a FEN, a set-up, a PGN or a file, in the UI's language."""
        messages = (  # tr() with literal strings, for lupdate
            (EmptyFenError, lambda: self.tr("The FEN is empty.")),
            (FenRanksError, lambda: fill(self.tr("A FEN needs 10 ranks separated by '/'; this one has %1."),
                                          exc.ranks)),
            (FenPieceLetterError, lambda: fill(self.tr(
                "'%1' in rank %2 is not a piece letter (KABNRCP for red, kabnrcp for black, or a digit 1-9)."),
                exc.letter, exc.rank)),
            (FenRankWidthError, lambda: fill(self.tr("Rank %1 covers %2 files, not 9."), exc.rank, exc.files)),
            (FenSideError, lambda: fill(self.tr("The side to move '%1' is neither w (red) nor b (black)."),
                                         exc.side)),
            (FenCountersError, lambda: fill(self.tr("The move counters '%1' are not numbers."), exc.counters)),
            (MisplacedPieceError, lambda: self._misplaced(exc)),
            (GeneralCountError, lambda: fill(self.tr("%1 has %2 generals; exactly 1 is needed."),
                                              self._side(exc.color), exc.count)),
            (TooManyPiecesError, lambda: fill(self.tr("There are %2 of the %1; at most %3."),
                                               self._piece(exc.piece), exc.count, exc.limit)),
            (FlyingGeneralsError, lambda: fill(
                self.tr("The generals face each other on file %1 (flying generals)."), exc.file)),
            (WrongSideInCheckError, lambda: fill(self.tr("%1 is in check, but it is %2's turn."),
                                                  self._side(exc.color), self._side(not exc.color))),
            (PgnError, lambda: fill(self.tr("ply %1 (%2): %3"), exc.ply, exc.word, self._move_reason(exc.reason))),
            (EngineNotFoundError, lambda: self.tr("Fairy-Stockfish was not found: install it, or choose an "
                                                  "engine's file.")),
            (EngineStartError, lambda: fill(self.tr("%1 could not be started: it is not a program this "
                                                    "computer can run."), exc.engine)),
            (EngineStoppedError, lambda: fill(self.tr("%1 stopped (it quit or crashed): it is not a UCI xiangqi "
                                                      "engine, or it failed."), exc.engine)),
            (EngineTimeoutError, lambda: fill(self.tr("%1 did not answer in time: it is not a UCI xiangqi "
                                                      "engine, or it hangs."), exc.engine)),
        )
        return next((message() for kind, message in messages if isinstance(exc, kind)), readable_error(exc))

    def termination_name(self, termination: Termination) -> str:
        """Why a game ended: 将死, 长将判负, ... in Chinese; Checkmate, ... in English."""
        names = {
            Termination.CHECKMATE: lambda: self.tr("Checkmate"),
            Termination.STALEMATE: lambda: self.tr("No legal move"),
            Termination.PERPETUAL_CHECK: lambda: self.tr("Perpetual check loses"),
            Termination.REPETITION: lambda: self.tr("Draw by repetition"),
            Termination.NO_CAPTURE: lambda: self.tr("120 plies without a capture"),
            Termination.PLY_LIMIT: lambda: self.tr("Move limit reached"),
            Termination.TIME_FORFEIT: lambda: self.tr("Lost on time"),
        }
        return names[termination]()

    def _side(self, color: bool) -> str:
        return self.tr("Red") if color == RED else self.tr("Black")

    def _piece(self, piece: Piece) -> str:
        red = piece.color == RED
        names = {
            "k": self.tr("red general") if red else self.tr("black general"),
            "a": self.tr("red advisor") if red else self.tr("black advisor"),
            "b": self.tr("red elephant") if red else self.tr("black elephant"),
            "n": self.tr("red horse") if red else self.tr("black horse"),
            "r": self.tr("red chariot") if red else self.tr("black chariot"),
            "c": self.tr("red cannon") if red else self.tr("black cannon"),
            "p": self.tr("red soldier") if red else self.tr("black soldier"),
        }
        return names[piece.kind]

    def _misplaced(self, exc: MisplacedPieceError) -> str:
        templates = {
            "k": self.tr("The %1 on %2 is outside the palace."),
            "a": self.tr("The %1 on %2 is not on an advisor point of the palace."),
            "b": self.tr("The %1 on %2 is not on an elephant point of its own side."),
            "p": self.tr("The %1 on %2 cannot be there: soldiers never move back, nor sideways before the river."),
        }
        return fill(templates[exc.piece.kind], self._piece(exc.piece), exc.square)

    def _move_reason(self, exc: ValueError) -> str:
        if isinstance(exc, IllegalMoveError):
            return self.tr("not legal in this position")
        if isinstance(exc, AmbiguousMoveError):
            return self.tr("fits several legal moves; name the piece by its position")
        return self.tr("not a move in Chinese, WXF or ICCS notation")


def error_text(exc: BaseException) -> str:
    return XiangqiMessages().error_text(exc)


def termination_name(termination: Termination) -> str:
    return XiangqiMessages().termination_name(termination)
