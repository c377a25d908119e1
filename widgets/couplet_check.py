"""Check my lower line, a mode of the Couplets tab: the person types an upper line and their own
lower line; the panel marks each character (red where something does not hold, orange where
the word classes are unsure), writes the tone marks (平 ○ / 仄 ●) and word classes (名 动 形
数 ...) under both lines, says the verdict in words, and shows the model's own lines beside,
with its score of the person's line against them.

The check (``engine.couplet.check``, the writer for the model's part) runs as a job on
``services.runner``; a refused line, or an edit to either line, clears the last check.
"""

from __future__ import annotations

import html
import weakref
from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt, Slot
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.jobs import LatestJob
from widgets.services import AppServices
from engine.couplet.check import (
    BROKEN,
    HOLDS,
    KEPT,
    LOWER_ENDS_OBLIQUE,
    CoupletCheck,
    LowerLineError,
    check_lines,
)
from engine.couplet.text import CoupletInputError, EmptyUpperError, ForeignCharactersError, NoHanziError
from engine.couplet.tone import MARKS
from widgets.couplet_lines import LINE_ROLE, NOTE_ROLE, MarkedLineDelegate, line_font
from widgets.messages import fill, shown_chars

CHECK_SHORTCUT = "Ctrl+Shift+Return"
MODEL = "couplet"
RED, ORANGE = QColor("#c62828"), QColor("#d17a00")


def _check_job(services: AppServices, upper: str, lower: str, tone_system: str):
    """The check, and why the model's opinion is missing ("" when it is there): the rules hold
    without a model, so a model that cannot be loaded leaves them standing."""
    def job(ctx):
        from engine.couplet.check import check_pair
        from engine.couplet.writer import CoupletWriter
        from engine.runtime.store import ModelError

        try:
            writer = CoupletWriter.from_store(services.store, MODEL, services.device.device, services.device.dtype, ctx)
        except ModelError as exc:
            return check_pair(upper, lower, tone_system), str(exc)
        return check_pair(upper, lower, tone_system, writer, ctx=ctx), ""

    return job


class CheckedPair(QWidget):
    """Both lines in equal cells; under each character its tone mark and word class; the lower
    line's characters coloured by what the check found there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check: CoupletCheck | None = None

    def show_check(self, check: CoupletCheck | None) -> None:
        self.check = check
        self.updateGeometry()
        self.update()

    def _cell(self) -> float:
        return QFontMetricsF(line_font(self.font(), 1.8)).height()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        length = max(len(self.check.upper), len(self.check.lower)) if self.check else 1
        return QSize(int(self._cell() * length + 8), int(self._cell() * 3.6))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, self.sizeHint().height())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.check is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        big = line_font(self.font(), 1.8)
        small = QFont(self.font())
        cell = self._cell()
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        mark_color = self.palette().color(QPalette.ColorRole.PlaceholderText)
        positions = {p.index: p for p in self.check.positions}
        for row, line in enumerate((self.check.upper, self.check.lower)):
            top = 2 + row * cell * 1.8
            for index, char in enumerate(line):
                position = positions.get(index)
                color = text_color
                if row == 1 and (position is None or position.faults):
                    color = RED  # past the upper line's end, or something does not hold
                elif row == 1 and not position.is_punct and position.classes_face is None:
                    color = ORANGE
                box = QRectF(4 + index * cell, top, cell, cell)
                painter.setFont(big)
                painter.setPen(color)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, char)
                if position is None or position.is_punct:
                    continue
                tone = position.tone_upper if row == 0 else position.tone_lower
                word = position.class_upper if row == 0 else position.class_lower
                under = MARKS[tone] + (word.kind if word and word.kind else "")
                painter.setFont(small)
                painter.setPen(RED if row == 1 and ("tone" in position.faults or "class" in position.faults)
                               else mark_color)
                painter.drawText(box.translated(0, cell * 0.85).adjusted(0, 0, 0, -cell * 0.2),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, under)
        painter.end()


class CoupletCheckPanel(QWidget):
    """``tone_system()`` says how 平仄 are read (the tab's Tones box): a method of the tab, held
    weakly (a strong one would make a cycle that only the garbage collector breaks, at any
    moment: Qt aborts when a widget goes then)."""

    def __init__(self, services: AppServices, tone_system: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._tone_system = weakref.WeakMethod(tone_system)
        self.result: CoupletCheck | None = None
        self.jobs = LatestJob(services.runner, self.tr("Check lower line"))
        self.upper = QLineEdit()
        self.upper.setPlaceholderText(self.tr("The upper line, e.g. 白日依山尽"))
        self.lower = QLineEdit()
        self.lower.setPlaceholderText(self.tr("Your lower line, e.g. 黄河入海流"))
        for box in (self.upper, self.lower):
            box.setClearButtonEnabled(True)
            box.textChanged.connect(self.clear)
        self.lower.returnPressed.connect(self.check)
        self.check_button = QPushButton(self.tr("Check my line"))
        self.check_button.setShortcut(CHECK_SHORTCUT)
        self.check_button.setToolTip(fill(self.tr("Check the lower line against the upper line (%1)"), CHECK_SHORTCUT))
        self.check_button.clicked.connect(self.check)
        form = QGridLayout()
        upper_label, lower_label = QLabel(self.tr("&Upper line (上联):")), QLabel(self.tr("&My lower line (下联):"))
        upper_label.setBuddy(self.upper)
        lower_label.setBuddy(self.lower)
        form.addWidget(upper_label, 0, 0)
        form.addWidget(self.upper, 0, 1)
        form.addWidget(lower_label, 1, 0)
        form.addWidget(self.lower, 1, 1)
        form.addWidget(self.check_button, 1, 2)

        self.pair = CheckedPair()
        self.legend = QLabel(self.tr("Red: does not hold there. Orange: the word classes are unsure. "
                                     "Under each character: ○ level (平), ● oblique (仄), and its word class."))
        self.legend.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model_lines = QListWidget()
        self.model_lines.setItemDelegate(MarkedLineDelegate(self.model_lines))
        self.model_title = QLabel(self.tr("The model's own lines"))

        left = QVBoxLayout()
        left.addWidget(self.pair)
        left.addWidget(self.verdict)
        left.addWidget(self.legend)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.model_title)
        right.addWidget(self.model_lines, 1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(body, 1)
        self.clear()

    def tone_system(self) -> str:
        return self._tone_system()()

    def busy(self) -> bool:
        return self.jobs.busy

    @Slot()
    def _refresh(self) -> None:
        self.check_button.setEnabled(bool(self.upper.text().strip() and self.lower.text().strip()) and not self.busy())

    def _say(self, text: str, color: str = "") -> None:
        self.verdict.setText(f'<span style="color:{color}">{text}</span>' if color else text)

    @Slot()
    def clear(self) -> None:
        """Forget the last check (and any check still running): it answered other lines."""
        self.jobs.forget()
        self.result = None
        self.pair.show_check(None)
        self.verdict.clear()
        self.model_lines.clear()
        self.legend.hide()
        self._refresh()

    @Slot()
    def check(self) -> None:
        upper, lower = self.upper.text(), self.lower.text()
        self.clear()
        try:
            check_lines(upper, lower)
        except CoupletInputError as exc:
            self._say(html.escape(self.input_message(exc)), RED.name())
            return
        self._say(html.escape(self.tr("Checking, and asking the model for its own lines…")))
        self.jobs.start(_check_job(self.services, upper, lower, self.tone_system()), on_result=self._on_done,
                        on_error=self._on_error, on_cancelled=self.clear, model=MODEL)
        self._refresh()

    def retone(self) -> None:
        """The tab's Tones box changed: check the same lines again under the new reading."""
        if self.result is not None:
            self.check()

    def input_message(self, exc: CoupletInputError) -> str:
        """Which line is refused and why, in the UI's language."""
        lower = isinstance(exc, LowerLineError)
        cause = exc.cause if lower else exc
        if isinstance(cause, EmptyUpperError):
            return self.tr("Type your lower line too.") if lower else self.tr("Type the upper line first.")
        if isinstance(cause, NoHanziError):
            return self.tr("The lower line needs Chinese characters.") if lower else \
                self.tr("The upper line needs Chinese characters.")
        if isinstance(cause, ForeignCharactersError):
            which = self.tr("The lower line") if lower else self.tr("The upper line")
            return fill(self.tr("%1 can hold only Chinese characters and punctuation, not: %2"), which,
                        shown_chars(cause.chars))
        which = self.tr("The lower line") if lower else self.tr("The upper line")
        return fill(self.tr("%1 is too long: at most %2 characters (it has %3)."), which, cause.limit, cause.chars)

    def _on_error(self, exc: BaseException) -> None:
        from widgets.jobs import readable_error

        self._say(html.escape(fill(self.tr("Could not check: %1"), readable_error(exc))), RED.name())
        self._refresh()

    def _on_done(self, outcome: tuple[CoupletCheck, str]) -> None:
        check, model_error = outcome
        self.result = check
        self.pair.show_check(check)
        self.legend.show()
        color = {BROKEN: RED.name(), HOLDS: "#1b7f3b"}.get(check.verdict, ORANGE.name())
        text = self.verdict_html(check)
        if model_error:
            text += "<br>" + html.escape(fill(self.tr("The model's opinion is missing: %1"), model_error))
        self._say(text, color)
        self.model_lines.itemDelegate().tone_system = check.tone_system
        if check.model is not None:
            for line, score in check.model.lines:
                item = QListWidgetItem(line)
                item.setData(LINE_ROLE, line)
                item.setData(NOTE_ROLE, fill(self.tr("score %1"), f"{score:.2f}"))
                self.model_lines.addItem(item)
        self._refresh()

    # -- words -----------------------------------------------------------------------------
    def verdict_html(self, check: CoupletCheck) -> str:
        """The verdict in words: what breaks the form, what is weak, what is unsure, and the
        model's opinion."""
        def places(indices: list[int]) -> str:
            return self.tr(", ").join(str(i + 1) for i in indices)

        faults = []
        if not check.length_ok:
            faults.append(fill(self.tr("the lines differ in length (%1 and %2 characters)"),
                               len(check.upper), len(check.lower)))
        for kind, words in (("punctuation", self.tr("the punctuation differs at place %1")),
                            ("borrowed", self.tr("a character of the upper line is borrowed at place %1")),
                            ("repeat", self.tr("repeated characters do not mirror the upper line's at place %1")),
                            ("tone", self.tr("the tones are not opposed (平仄) at place %1")),
                            ("class", self.tr("the word classes do not face each other at place %1"))):
            if check.faults(kind):
                faults.append(fill(words, places(check.faults(kind))))
        if check.ending == LOWER_ENDS_OBLIQUE:
            faults.append(self.tr("the lower line ends oblique (仄); the closing rule wants it level (平)"))
        elif check.ending != KEPT:
            faults.append(self.tr("the upper line ends level (平); the closing rule wants the upper line to end "
                                  "oblique (仄) and the lower line level (平)"))
        if check.verdict == BROKEN:
            head = self.tr("The form is broken:")
        elif check.verdict == HOLDS:
            head = self.tr("The form holds: length, punctuation, tones, repeats and word classes answer the upper "
                           "line. Whether the line means something is for a reader to judge.")
        else:
            head = self.tr("The form holds, with faults:")
        lines = [html.escape(head + (" " + self.tr("; ").join(faults) + self.tr(".") if faults else ""))]
        if check.unsure_classes():
            lines.append(html.escape(fill(self.tr("Word classes unsure at place %1 (jieba's tagger reads classical "
                                                  "lines poorly)."), places(check.unsure_classes()))))
        if check.model is not None and check.model.lines:
            scores = [score for _, score in check.model.lines]
            lines.append(html.escape(fill(
                self.tr("The model scores your line %1 (mean log-probability per character); its own lines %2 to "
                        "%3: yours ranks %4 of %5."), f"{check.model.score:.2f}", f"{min(scores):.2f}",
                f"{max(scores):.2f}", check.model.rank, len(scores) + 1)))
        return "<br>".join(lines)

    def shutdown(self) -> None:
        self.jobs.cancel()
