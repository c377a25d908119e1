"""The Couplets tab: type an upper line, get ranked lower lines as they are found, with tone
marks; pick one, regenerate, ask for a 横批, copy, keep a history, and see (and save) the pair
as a couplet card.

The tab talks to one facade, ``engine.couplet.CoupletWriter``, through jobs on
``services.runner``; each job carries a ticket, and news from a job the user has since
replaced (a new line, a regenerate) is dropped.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from widgets.jobs import LatestJob, readable_error
from widgets.services import AppServices
from engine.chinese_script import to_simplified
from engine.couplet.layout import PREFIX, layout_name, pair_text
from engine.couplet.text import (
    MAX_CHARS,
    CoupletInputError,
    EmptyUpperError,
    ForeignCharactersError,
    NoHanziError,
    check_upper,
    normalize,
)
from engine.couplet.tone import CLASSICAL, LEVEL, MODERN, TONE_SYSTEMS, final_tone, upper_keeps_rule
from engine.runtime.store import ModelError
from widgets.couplet_card import CoupletCard, render_card
from widgets.couplet_check import CoupletCheckPanel
from widgets.couplet_embed import CoupletEmbedPanel
from widgets.couplet_lines import LINE_ROLE, NOTE_ROLE, MarkedLine, MarkedLineDelegate
from widgets.messages import shown_chars

MODEL = "couplet"
CANDIDATES = 5
HISTORY_KEY = "couplet/history"
TONES_KEY = "couplet/tones"  # how 平仄 are read: engine.couplet.tone.CLASSICAL or MODERN
HISTORY_LIMIT = 200
MODE_KEY = "couplet/mode"  # 0: write a lower line, 1: check my own, 2: write a pair from characters


def _write_job(services: AppServices, upper: str, sample: bool = False, exclude: frozenset[str] = frozenset(),
               tone_system: str = CLASSICAL):
    def job(ctx):
        from engine.couplet.writer import CoupletWriter

        writer = CoupletWriter.from_store(services.store, MODEL, services.device.device, services.device.dtype, ctx)
        return writer.write(upper, CANDIDATES, ctx, sample=sample, exclude=set(exclude), tone_system=tone_system)

    return job


def _hengpi_job(services: AppServices, upper: str, lower: str):
    def job(ctx):
        from engine.couplet.writer import CoupletWriter

        writer = CoupletWriter.from_store(services.store, MODEL, services.device.device, services.device.dtype, ctx)
        ctx.check()
        return writer.hengpi(upper, lower, 3)

    return job


class CoupletTab(QWidget):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.upper = ""  # the upper line the candidates answer
        self._refused = False  # the message refuses the line typed (cleared when it changes)
        self.hengpi: dict[tuple[str, str], list[str]] = {}  # pair -> 横批 suggestions, best first
        self.jobs = LatestJob(services.runner, self.tr("Couplet"))
        self._build()
        self._load_history()
        self._refresh()

    def tab_title(self) -> str:
        return self.tr("Couplets")

    def model_name(self) -> str:
        return MODEL

    @staticmethod
    def self_test(services: AppServices) -> str:
        """``wenqi --self-test``: answer one upper line with the bundled model."""
        from engine.runtime.jobs import JobContext

        best = _write_job(services, "春风得意")(JobContext())[0]
        return f"春风得意 → {best.lower}"

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.input = QLineEdit()
        self.input.setPlaceholderText(self.tr("Type or paste an upper line, e.g. 春回大地千山秀"))
        self.input.setClearButtonEnabled(True)
        # Qt's default cuts a paste at 32,767 characters without a word; a longer line is refused
        # with its real length instead (a megabyte takes Qt about half a second).
        self.input.setMaxLength(2**31 - 1)
        self.length_label = QLabel()
        self.length_label.setToolTip(self.tr(
            "Characters in the upper line, and the most it may have: %1, the longest lines the model "
            "learned from").replace("%1", str(MAX_CHARS)))
        self.input.returnPressed.connect(self.write)
        self.input.textChanged.connect(self._on_input_changed)
        self.write_button = QPushButton(self.tr("Write"))
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(self.write)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop)
        entry = QHBoxLayout()
        entry.addWidget(self.input, 1)
        entry.addWidget(self.length_label)
        entry.addWidget(self.write_button)
        entry.addWidget(self.stop_button)

        self.tones = QComboBox()
        self.tones.addItem(self.tr("Classical (入声 oblique)"), CLASSICAL)
        self.tones.addItem(self.tr("Modern Mandarin"), MODERN)
        self.tones.setToolTip(self.tr(
            "How the level (平 ○) and oblique (仄 ●) marks and the tone rule read characters. Classical: "
            "the entering tone (入声) of the Pingshui rhyme table is oblique, so 福, 白, 一, 月, 十 are ●, as "
            "couplet writers expect. Modern: Mandarin's tones 1 and 2 are level, 3 and 4 oblique."))
        saved = self.services.settings.value(TONES_KEY, CLASSICAL)
        self.tones.setCurrentIndex(TONE_SYSTEMS.index(saved) if saved in TONE_SYSTEMS else 0)
        self.tones.currentIndexChanged.connect(self._on_tones_changed)
        tones_label = QLabel(self.tr("&Tones:"))
        tones_label.setBuddy(self.tones)
        self.upper_view = MarkedLine()
        self.upper_view.set_tone_system(self.tone_system())
        self.tone_note = QLabel()
        self.tone_note.setWordWrap(True)
        self.tone_note.hide()
        self.clause_note = QLabel()
        self.clause_note.setWordWrap(True)
        self.clause_note.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.candidates = QListWidget()
        self.candidates.setItemDelegate(MarkedLineDelegate(self.candidates))
        self.candidates.itemDelegate().tone_system = self.tone_system()
        self.candidates.currentItemChanged.connect(self._on_candidate_selected)
        self.candidates.itemDoubleClicked.connect(self.pick)
        self.pick_button = QPushButton(self.tr("Pick"))
        self.pick_button.setToolTip(self.tr("Keep this pair in the history"))
        self.pick_button.clicked.connect(self.pick)
        self.regenerate_button = QPushButton(self.tr("Regenerate"))
        self.regenerate_button.setToolTip(self.tr("Write different lower lines"))
        self.regenerate_button.clicked.connect(self.regenerate)
        self.hengpi_button = QPushButton(self.tr("Horizontal scroll (横批)"))
        self.hengpi_button.clicked.connect(self.ask_hengpi)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy)
        actions = QHBoxLayout()
        for button in (self.pick_button, self.regenerate_button, self.hengpi_button, self.copy_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.history = QListWidget()
        self.history.currentItemChanged.connect(self._on_history_selected)
        self.clear_history_button = QPushButton(self.tr("Clear history"))
        self.clear_history_button.clicked.connect(self.clear_history)

        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(QLabel(self.tr("Upper line (上联)")))
        column.addLayout(entry)
        column.addWidget(self.upper_view)
        column.addWidget(self.tone_note)
        column.addWidget(self.clause_note)
        column.addWidget(self.message)
        column.addWidget(QLabel(self.tr("Lower lines (下联), best first")))
        column.addWidget(self.candidates, 4)
        column.addLayout(actions)
        history_header = QHBoxLayout()
        history_header.addWidget(QLabel(self.tr("History")))
        history_header.addStretch(1)
        history_header.addWidget(self.clear_history_button)
        column.addLayout(history_header)
        column.addWidget(self.history, 2)

        self.card = CoupletCard()
        self.save_button = QPushButton(self.tr("Save card as PNG…"))
        self.save_button.clicked.connect(self.save_card)
        right = QWidget()
        card_column = QVBoxLayout(right)
        card_column.addWidget(self.card, 1)
        card_column.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.checker = CoupletCheckPanel(self.services, self.tone_system)
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.checker)
        self.embedder = CoupletEmbedPanel(self.services, self.tone_system)
        self.pages.addWidget(self.embedder)
        self.mode = QTabBar()
        self.mode.addTab(self.tr("Write a lower line"))
        self.mode.addTab(self.tr("Check my lower line"))
        self.mode.addTab(self.tr("Pair from characters (藏头/嵌字)"))
        self.mode.currentChanged.connect(self._on_mode_changed)
        top = QHBoxLayout()
        top.addWidget(self.mode)
        top.addStretch(1)
        top.addWidget(tones_label)
        top.addWidget(self.tones)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        saved_mode = self.services.settings.value(MODE_KEY, 0)
        self.mode.setCurrentIndex(int(saved_mode) if str(saved_mode) in ("0", "1", "2") else 0)

    @Slot(int)
    def _on_mode_changed(self, index: int) -> None:
        """Show the mode's page and remember it; the check starts from the line being answered."""
        self.pages.setCurrentIndex(index)
        self.services.settings.set_value(MODE_KEY, index)
        if index == 1 and not self.checker.upper.text().strip():
            self.checker.upper.setText(self.upper or self.input.text())

    # -- state -----------------------------------------------------------------------------
    def busy(self) -> bool:
        return self.jobs.busy

    def selected_pair(self) -> tuple[str, str] | None:
        item = self.candidates.currentItem()
        return (self.upper, item.data(LINE_ROLE)) if item is not None else None

    def attention_input(self) -> tuple[str, str] | None:
        """For the Attention tab: the selected pair as the model reads it (in simplified
        characters), else the typed line."""
        pair = self.selected_pair()
        if pair is not None:
            try:
                layout = layout_name(self.services.store.resolve(MODEL))
            except ModelError:
                layout = PREFIX
            return "couplet", pair_text(*map(to_simplified, pair), layout)
        text = self.input.text().strip()
        return ("couplet", to_simplified(text)) if text else None

    def shown_lowers(self) -> list[str]:
        return [self.candidates.item(i).data(LINE_ROLE) for i in range(self.candidates.count())]

    def tone_system(self) -> str:
        return self.tones.currentData()

    @Slot()
    def _on_tones_changed(self) -> None:
        """Remember the choice, re-mark the lines shown and answer the line again under it (the
        tone rule may now want another ending)."""
        self.services.settings.set_value(TONES_KEY, self.tone_system())
        self.upper_view.set_tone_system(self.tone_system())
        self.candidates.itemDelegate().tone_system = self.tone_system()
        self.candidates.viewport().update()
        self.checker.retone()
        self.embedder.retone()
        if self.upper:
            self._answer(self.upper)

    def _say(self, text: str, error: bool = False) -> None:
        self._refused = False
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")

    @Slot()
    def _on_input_changed(self) -> None:
        """A refusal of the line as it was no longer stands once the line changes."""
        if self._refused:
            self._refused = False
            self._say("")
        self._refresh()

    @Slot()
    def _refresh(self) -> None:
        has_pair = self.selected_pair() is not None
        length = len(normalize(self.input.text()))
        self.length_label.setText(f"{length:,} / {MAX_CHARS}")
        self.length_label.setStyleSheet("color: #b00020;" if length > MAX_CHARS else "")
        self.write_button.setEnabled(bool(self.input.text().strip()))
        self.stop_button.setEnabled(self.busy())
        self.regenerate_button.setEnabled(bool(self.upper) and not self.busy())
        for button in (self.pick_button, self.hengpi_button, self.copy_button):
            button.setEnabled(has_pair)
        self.save_button.setEnabled(self.card.has_pair())
        self.clear_history_button.setEnabled(self.history.count() > 0)

    # -- writing ---------------------------------------------------------------------------
    @Slot()
    def write(self) -> None:
        """Answer the typed upper line (bad input is explained; nothing else changes)."""
        try:
            upper = check_upper(self.input.text())
        except CoupletInputError as exc:
            self._clear_result()
            self._say(self._input_message(exc), error=True)
            self._refused = True
            return
        self._answer(upper)

    def _answer(self, upper: str) -> None:
        self.upper = upper
        self.upper_view.set_text(upper)
        keeps = upper_keeps_rule(upper, self.tone_system())
        self.tone_note.setVisible(not keeps)
        self.tone_note.setText("" if keeps else self.tr(
            "This upper line ends on a level (平) tone; the classic rule wants it to end oblique (仄), "
            "so the lower line cannot keep the rule."))
        self.candidates.clear()
        self.card.show_pair("", "")  # the last pair's lower line does not answer this upper line
        self.clause_note.hide()
        self._start(_write_job(self.services, upper, tone_system=self.tone_system()), self.tr("Writing lower lines…"))

    def _input_message(self, exc: CoupletInputError) -> str:
        """Why the upper line cannot be answered, in the UI's language."""
        if isinstance(exc, EmptyUpperError):
            return self.tr("Type an upper line first.")
        if isinstance(exc, NoHanziError):
            return self.tr("An upper line needs Chinese characters (it has none).")
        if isinstance(exc, ForeignCharactersError):
            return self.tr("Only Chinese characters and punctuation can be used, not: %1").replace(
                "%1", shown_chars(exc.chars))
        return self.tr("An upper line has at most %1 characters, the longest the model learned from "
                       "(this one has %2).").replace("%1", str(exc.limit)).replace("%2", f"{exc.chars:,}")  # too long

    def _clear_result(self) -> None:
        """Forget the last line's answer (and any job still writing it): a refused line must not
        sit beside candidates that answer another one."""
        self.jobs.forget()
        self.upper = ""
        self.upper_view.set_text("")
        self.tone_note.hide()
        self.clause_note.hide()
        self.candidates.clear()
        self.card.show_pair("", "")
        self._refresh()

    @Slot()
    def regenerate(self) -> None:
        if not self.upper:
            return
        job = _write_job(self.services, self.upper, sample=True, exclude=frozenset(self.shown_lowers()),
                         tone_system=self.tone_system())
        self.candidates.clear()
        self.card.show_pair("", "")
        self._start(job, self.tr("Writing different lower lines…"))

    def _start(self, job, message: str, on_result=None) -> None:
        """Run ``job`` in place of any running one; ``on_result(result)`` defaults to finishing
        a write."""
        self._say(message)
        self.jobs.start(job, on_result=on_result or self._on_done, on_error=self._on_error,
                        on_cancelled=self._on_cancelled, on_partial=self._on_candidates, model=MODEL)
        self._refresh()

    @Slot()
    def stop(self) -> None:
        self.jobs.cancel()

    def _show_clauses(self, upper: str, clauses: tuple[tuple[int, int], ...]) -> None:
        """Say how a line of several clauses was read, and when a break was guessed (no mark
        there), how to move it."""
        if len(clauses) < 2:
            return
        text = self.tr("Answered clause by clause: %1").replace("%1", " | ".join(upper[s:e] for s, e in clauses))
        if any(end == start for (_, end), (start, _) in zip(clauses, clauses[1:])):
            text += " " + self.tr("(a break without punctuation is a guess: type a comma where the line breaks)")
        self.clause_note.setText(text)
        self.clause_note.show()

    def _on_candidates(self, found: list) -> None:
        if found:
            self._show_clauses(found[0].upper, found[0].clauses)
        for candidate in found:
            item = QListWidgetItem(candidate.lower)
            item.setData(LINE_ROLE, candidate.lower)
            note = self.tr("score %1").replace("%1", f"{candidate.score:.2f}")
            if not candidate.tone_kept and upper_keeps_rule(candidate.upper, self.tone_system()):
                if final_tone(candidate.lower, self.tone_system()) == LEVEL:  # a clause's break broke the rule
                    note += "  " + self.tr("a break's tones are not opposed (平仄)")
                else:
                    note += "  " + self.tr("ends oblique (仄)")
            item.setData(NOTE_ROLE, note)
            self.candidates.addItem(item)
        if self.candidates.currentRow() < 0 and self.candidates.count():
            self.candidates.setCurrentRow(0)

    def _on_done(self, found: list) -> None:
        if found:
            self._say(self.tr("%n lower line(s); the card shows the selected one.", "", len(found)))
        else:
            self._say(self.tr("No new lower line was found. Try Regenerate or another upper line."), error=True)
        self._refresh()

    def _on_error(self, exc: BaseException) -> None:
        self._say(self.tr("Could not write: %1").replace("%1", readable_error(exc)), error=True)
        self._refresh()

    def _on_cancelled(self) -> None:
        self._say(self.tr("Stopped."))
        self._refresh()

    # -- choosing, 横批, copying -------------------------------------------------------------
    @Slot()
    def _on_candidate_selected(self, *_args) -> None:
        pair = self.selected_pair()
        if pair:
            self.card.show_pair(*pair, self._hengpi_for(pair))
        self._refresh()

    def _hengpi_for(self, pair: tuple[str, str]) -> str:
        return (self.hengpi.get(pair) or [""])[0]

    @Slot()
    def pick(self, *_args) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        entry = {"upper": pair[0], "lower": pair[1], "hengpi": self._hengpi_for(pair)}
        self._history = [entry] + [e for e in self._history if (e["upper"], e["lower"]) != pair]
        self._save_history()
        self._say(self.tr("Kept in the history."))

    @Slot()
    def ask_hengpi(self) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        self._start(_hengpi_job(self.services, *pair), self.tr("Finding a horizontal scroll…"),
                    lambda found: self._on_hengpi(pair, found))

    def _on_hengpi(self, pair: tuple[str, str], found: list[str]) -> None:
        if not found:
            self._say(self.tr("This pair has no four characters that make a horizontal scroll."), error=True)
            self._refresh()
            return
        self.hengpi[pair] = found
        self._say(self.tr("横批: %1   (also: %2)").replace("%1", found[0]).replace("%2", "、".join(found[1:])))
        if self.selected_pair() == pair:
            self.card.show_pair(*pair, found[0])
        for entry in self._history:
            if (entry["upper"], entry["lower"]) == pair:
                entry["hengpi"] = found[0]
                self._save_history()
        self._refresh()

    def pair_text(self) -> str:
        upper, lower, hengpi = self.card.upper, self.card.lower, self.card.hengpi
        lines = [self.tr("Upper line: %1").replace("%1", upper), self.tr("Lower line: %1").replace("%1", lower)]
        if hengpi:
            lines.append(self.tr("Horizontal scroll: %1").replace("%1", hengpi))
        return "\n".join(lines)

    @Slot()
    def copy(self) -> None:
        if self.card.has_pair():
            QGuiApplication.clipboard().setText(self.pair_text())
            self._say(self.tr("Copied."))

    @Slot()
    def save_card(self, path: str | None = None) -> bool:
        if not self.card.has_pair():
            return False
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save couplet card"), "couplet.png",
                                                  self.tr("PNG image (*.png)"))
            if not path:
                return False
        if not render_card(self.card.upper, self.card.lower, self.card.hengpi).save(path, "PNG"):
            self._say(self.tr("Could not save %1.").replace("%1", path), error=True)
            return False
        self._say(self.tr("Saved %1.").replace("%1", path))
        return True

    # -- history ---------------------------------------------------------------------------
    def _load_history(self) -> None:
        try:
            entries = json.loads(self.services.settings.value(HISTORY_KEY, "[]") or "[]")
        except (TypeError, ValueError):
            entries = []
        self._history = [e for e in entries if isinstance(e, dict) and e.get("upper") and e.get("lower")]
        self._fill_history()

    def _save_history(self) -> None:
        self._history = self._history[:HISTORY_LIMIT]
        self.services.settings.set_value(HISTORY_KEY, json.dumps(self._history, ensure_ascii=False))
        self._fill_history()

    def _fill_history(self) -> None:
        self.history.blockSignals(True)
        self.history.clear()
        for entry in self._history:
            text = f"{entry['upper']} ｜ {entry['lower']}"
            if entry.get("hengpi"):
                text += f"  〔{entry['hengpi']}〕"
            self.history.addItem(text)
        self.history.blockSignals(False)
        self._refresh()

    @Slot()
    def _on_history_selected(self, *_args) -> None:
        row = self.history.currentRow()
        if 0 <= row < len(self._history):
            entry = self._history[row]
            self.card.show_pair(entry["upper"], entry["lower"], entry.get("hengpi", ""))
            self._refresh()

    @Slot()
    def clear_history(self) -> None:
        self._history = []
        self._save_history()

    def shutdown(self) -> None:
        self.jobs.cancel()
        self.checker.shutdown()
        self.embedder.shutdown()
