"""Write a pair from characters, a mode of the Couplets tab (藏头 and 嵌字): the person types two
characters (a name, a wish), chooses where each stands (the head of both lines by default) and
the line length, and gets whole pairs that carry them, ranked, with tone marks; Regenerate
draws other upper lines; the card shows the selected pair.

The pairs come from ``engine.couplet.embed.EmbedWriter`` in a job on ``services.runner``; a
refused input, or an edit, clears the last pairs.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.couplet.embed_request import (
    DEFAULT_LENGTH,
    LINE_LENGTHS,
    EmbedCountError,
    EmbedInputError,
    EmbedNotHanziError,
    EmbedRequest,
    EmbedSameCharacterError,
    EmbedUnknownCharacterError,
    parse_embed,
)
from widgets.couplet_card import CoupletCard
from widgets.couplet_lines import LINE_ROLE, NOTE_ROLE, MarkedLineDelegate
from widgets.jobs import LatestJob, readable_error
from widgets.messages import fill, shown_chars
from widgets.services import AppServices

SOURCE_ROLE = Qt.ItemDataRole.UserRole + 10  # the poem a borrowed upper line comes from ("" if written)

MODEL = "couplet"
PAIRS = 3
PAIR_GAP = "\u3000"  # between the two lines of a pair in the list: an ideographic space
RED = "#b00020"


def _embed_job(services: AppServices, request: EmbedRequest, n: int, sample: bool, exclude: frozenset[str],
               tone_system: str):
    def job(ctx):
        from engine.couplet.embed import EmbedWriter

        writer = EmbedWriter.from_store(services.store, device=services.device.device, dtype=services.device.dtype,
                                        ctx=ctx)
        return writer.write(request, n, ctx, sample=sample, exclude=set(exclude), tone_system=tone_system)

    return job


class CoupletEmbedPanel(QWidget):
    """``tone_system()`` is the tab's Tones box, held weakly (as ``CoupletCheckPanel`` holds it)."""

    def __init__(self, services: AppServices, tone_system: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._tone_system = weakref.WeakMethod(tone_system)
        self.request: EmbedRequest | None = None  # what the pairs shown carry
        self.jobs = LatestJob(services.runner, self.tr("Pair from characters"))

        self.chars = QLineEdit()
        self.chars.setPlaceholderText(self.tr("Two characters, e.g. 明华"))
        self.chars.setClearButtonEnabled(True)
        self.chars.setMaxLength(40)
        self.chars.returnPressed.connect(self.write)
        chars_label = QLabel(self.tr("&Characters:"))
        chars_label.setBuddy(self.chars)
        self.upper_place, self.lower_place = QSpinBox(), QSpinBox()
        for box, tip in ((self.upper_place, self.tr("Where the first character stands in the upper line")),
                         (self.lower_place, self.tr("Where the second character stands in the lower line"))):
            box.setRange(1, DEFAULT_LENGTH)
            box.setValue(1)
            box.setToolTip(tip)
        places_label = QLabel(self.tr("&Places (upper, lower):"))
        places_label.setBuddy(self.upper_place)
        self.length = QComboBox()
        for length in LINE_LENGTHS:
            self.length.addItem(fill(self.tr("%1 characters"), length), length)
        self.length.setCurrentIndex(LINE_LENGTHS.index(DEFAULT_LENGTH))
        self.length.currentIndexChanged.connect(self._on_length_changed)
        length_label = QLabel(self.tr("&Line length:"))
        length_label.setBuddy(self.length)
        self.count = QSpinBox()
        self.count.setRange(1, 8)
        self.count.setValue(PAIRS)
        count_label = QLabel(self.tr("P&airs:"))
        count_label.setBuddy(self.count)
        self.write_button = QPushButton(self.tr("Write pairs"))
        self.write_button.clicked.connect(self.write)
        self.regenerate_button = QPushButton(self.tr("Regenerate"))
        self.regenerate_button.setToolTip(self.tr("Write pairs with other upper lines"))
        self.regenerate_button.clicked.connect(self.regenerate)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy)
        for box in (self.chars, self.upper_place, self.lower_place, self.length):
            signal = box.textChanged if box is self.chars else (
                box.currentIndexChanged if box is self.length else box.valueChanged)
            signal.connect(self.clear)

        entry = QHBoxLayout()
        for widget in (chars_label, self.chars, places_label, self.upper_place, self.lower_place, length_label,
                       self.length, count_label, self.count, self.write_button):
            entry.addWidget(widget)
        self.kind = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pairs = QListWidget()
        self.pairs.setItemDelegate(MarkedLineDelegate(self.pairs))
        self.pairs.currentItemChanged.connect(self._on_pair_selected)
        self.source = QLabel()  # where the selected pair's upper line comes from
        self.source.setWordWrap(True)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions = QHBoxLayout()
        for button in (self.regenerate_button, self.stop_button, self.copy_button):
            actions.addWidget(button)
        actions.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.kind)
        left.addWidget(self.message)
        left.addWidget(QLabel(self.tr("Pairs (上联　下联), best first")))
        left.addWidget(self.pairs, 1)
        left.addWidget(self.source)
        left.addLayout(actions)
        self.card = CoupletCard()
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.card, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(entry)
        layout.addLayout(body, 1)
        self.clear()

    def tone_system(self) -> str:
        return self._tone_system()()

    def busy(self) -> bool:
        return self.jobs.busy

    def shown_uppers(self) -> list[str]:
        return [self.pairs.item(i).data(LINE_ROLE).split(PAIR_GAP)[0] for i in range(self.pairs.count())]

    def selected_pair(self) -> tuple[str, str] | None:
        item = self.pairs.currentItem()
        return tuple(item.data(LINE_ROLE).split(PAIR_GAP)) if item is not None else None  # type: ignore[return-value]

    @Slot()
    def _refresh(self) -> None:
        self.write_button.setEnabled(bool(self.chars.text().strip()) and not self.busy())
        self.regenerate_button.setEnabled(self.request is not None and not self.busy())
        self.stop_button.setEnabled(self.busy())
        self.copy_button.setEnabled(self.selected_pair() is not None)
        places = (self.upper_place.value(), self.lower_place.value())
        self.kind.setText(self.tr("藏头: the characters head both lines.") if places == (1, 1) else
                          fill(self.tr("嵌字: the first character stands at place %1 of the upper line, the second "
                                       "at place %2 of the lower line."), *places))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {RED};" if error else "")

    @Slot()
    def _on_length_changed(self) -> None:
        for box in (self.upper_place, self.lower_place):
            box.setMaximum(self.length.currentData())

    @Slot()
    def clear(self) -> None:
        """Forget the last pairs (and any job still writing them): they carry other characters."""
        self.jobs.forget()
        self.request = None
        self.pairs.clear()
        self.card.show_pair("", "")
        self._say("")
        self._refresh()

    # -- writing ---------------------------------------------------------------------------
    @Slot()
    def write(self) -> None:
        """Pairs for the characters typed (bad input is explained; nothing is written)."""
        places = (self.upper_place.value(), self.lower_place.value())
        text = self.chars.text()
        self.clear()
        try:
            request = parse_embed(text, places, self.length.currentData())
        except EmbedInputError as exc:
            self._say(self.input_message(exc), error=True)
            return
        self.request = request
        self._start(False, self.tr("Writing pairs…"))

    @Slot()
    def regenerate(self) -> None:
        if self.request is None:
            return
        exclude = frozenset(self.shown_uppers())
        self.pairs.clear()
        self.card.show_pair("", "")
        self._start(True, self.tr("Writing pairs with other upper lines…"), exclude)

    def _start(self, sample: bool, message: str, exclude: frozenset[str] = frozenset()) -> None:
        self._say(message)
        self.jobs.start(_embed_job(self.services, self.request, self.count.value(), sample, exclude,
                                   self.tone_system()),
                        on_result=self._on_done, on_error=self._on_error, on_cancelled=self._on_cancelled,
                        on_partial=self._on_pairs, model=MODEL)
        self._refresh()

    @Slot()
    def stop(self) -> None:
        self.jobs.cancel()

    def retone(self) -> None:
        """The tab's Tones box changed: re-mark the pairs and write them again under it."""
        self.pairs.itemDelegate().tone_system = self.tone_system()
        self.pairs.viewport().update()
        if self.request is not None and not self.busy():
            self.pairs.clear()
            self._start(False, self.tr("Writing pairs…"))

    def _on_pairs(self, found: list) -> None:
        for pair in found:
            item = QListWidgetItem(pair.upper + PAIR_GAP + pair.lower)
            item.setData(LINE_ROLE, pair.upper + PAIR_GAP + pair.lower)
            item.setData(NOTE_ROLE, "  ".join(self._notes(pair)))
            item.setToolTip("\n".join(self._notes(pair)))  # the note may not fit beside a long pair
            item.setData(SOURCE_ROLE, pair.source)
            self.pairs.addItem(item)
        if self.pairs.currentRow() < 0 and self.pairs.count():
            self.pairs.setCurrentRow(0)

    def _notes(self, pair) -> list[str]:
        """What ranked the pair, in the order it counted (``EmbeddedPair.rank``); the raw model
        score, a mean log-probability, told a person nothing and ran against the order."""
        notes = [] if pair.tone_kept else [self.tr("the tone rule (仄起平收) is not kept")]
        if not pair.source:  # borrowed upper lines, from poems, come first
            notes.append(self.tr("the model's upper line"))
        if pair.misread:
            notes.append(self.tr("a character reads otherwise"))
        if pair.faults:
            notes.append(self.tr("check: %n fault(s)", "", pair.faults))
        else:
            notes.append(self.tr("check: no fault"))
        return notes

    def _on_done(self, pairs: list) -> None:
        if pairs:
            self._say(self.tr("%n pair(s); the card shows the selected one.", "", len(pairs)))
        else:
            self._say(self.tr("No new pair was found. Try Regenerate, other places or another length."), error=True)
        self._refresh()

    def _on_error(self, exc: BaseException) -> None:
        if isinstance(exc, EmbedInputError):
            self.request = None
            self._say(self.input_message(exc), error=True)
        else:
            self._say(fill(self.tr("Could not write: %1"), readable_error(exc)), error=True)
        self._refresh()

    def _on_cancelled(self) -> None:
        self._say(self.tr("Stopped."))
        self._refresh()

    def input_message(self, exc: EmbedInputError) -> str:
        """Why the characters or places cannot be carried, in the UI's language."""
        if isinstance(exc, EmbedNotHanziError):
            return fill(self.tr("Only Chinese characters can be embedded, not: %1"), shown_chars(exc.chars))
        if isinstance(exc, EmbedCountError):
            if exc.count == 0:
                return self.tr("Type two characters first, one for each line (a name or a wish, e.g. 明华).")
            return fill(self.tr("Type two characters, one for each line (these are %1)."), exc.count)
        if isinstance(exc, EmbedSameCharacterError):
            return self.tr("Type two different characters: a couplet's lines do not share one.")
        if isinstance(exc, EmbedUnknownCharacterError):
            return fill(self.tr("The model does not know: %1. Try another character."), shown_chars(exc.chars))
        return fill(self.tr("The places must be from 1 to %1."), exc.length)  # EmbedPositionError

    # -- the selected pair -----------------------------------------------------------------
    @Slot()
    def _on_pair_selected(self, *_args) -> None:
        pair = self.selected_pair()
        if pair:
            self.card.show_pair(*pair)
        item = self.pairs.currentItem()
        source = item.data(SOURCE_ROLE) if item is not None else ""
        self.source.setText(fill(self.tr("Upper line from %1 (集句: a classical line, answered by the model)"), source)
                            if source else self.tr("Both lines written by the model") if item is not None else "")
        self._refresh()

    @Slot()
    def copy(self) -> None:
        pair = self.selected_pair()
        if pair:
            QGuiApplication.clipboard().setText("\n".join(pair))
            self._say(self.tr("Copied."))

    def shutdown(self) -> None:
        self.jobs.cancel()
