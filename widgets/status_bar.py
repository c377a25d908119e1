"""The main window's status bar: device, model, and the running job with progress and cancel.

The model it names is the running job's (the one shown, when its submitter named one), else
the current tab's: the window passes that in with ``set_tab_model``. A job's progress message
comes from the engine in English (``ctx.progress(None, "Writing")``); ``job_message`` says it
in the UI's language."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from widgets.jobs import JobHandle, JobRunner


class JobStatusBar(QStatusBar):
    def __init__(self, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.job_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setMaximumHeight(16)
        self.progress.setTextVisible(False)
        self.cancel_button = QToolButton()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Cancel the running job (Esc)"))
        self.cancel_button.clicked.connect(self.cancel_current)
        self.model_label = QLabel()
        self.device_label = QLabel()
        self.device_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addWidget(self.job_label, 1)
        self.addWidget(self.progress)
        self.addWidget(self.cancel_button)
        self.addPermanentWidget(self.model_label)
        self.addPermanentWidget(self.device_label)
        self._current: JobHandle | None = None
        self._tab_model = ""
        self._clear_timer = QTimer(self, singleShot=True, interval=8000)
        self._clear_timer.timeout.connect(self._clear_message)
        runner.jobStarted.connect(self._on_started)
        runner.jobUpdated.connect(self._on_updated)
        runner.jobEnded.connect(self._on_ended)
        self._show_idle()

    def set_device(self, label: str, note: str = "") -> None:
        self.device_label.setText(label)
        self.device_label.setToolTip(note or self.tr("Compute device"))

    def set_tab_model(self, name: str) -> None:
        """The model of the tab on screen ("" for none), named whenever no job names its own."""
        self._tab_model = name
        self._show_model()

    def shown_model(self) -> str:
        return (self._current.model if self._current is not None else "") or self._tab_model

    def _show_model(self) -> None:
        name = self.shown_model()
        self.model_label.setText(self.tr("Model: %1").replace("%1", name) if name else "")

    @Slot()
    def cancel_current(self) -> None:
        if self._current is not None:
            self._current.cancel()
            self.job_label.setText(self.tr("Cancelling %1…").replace("%1", self._current.title))

    def _show_idle(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def job_message(self, message: str) -> str:
        """The engine's progress message (English) in the UI's language; one it does not know
        (a count such as "12/40") as it is."""
        known = {  # tr() with literal strings, for lupdate
            "Writing": self.tr("Writing"),
            "Writing upper lines": self.tr("Writing upper lines"),
            "Writing lower lines": self.tr("Writing lower lines"),
            "Reading the position prior": self.tr("Reading the position prior"),
            "Reading classical lines": self.tr("Reading classical lines"),
            "Choosing classical lines": self.tr("Choosing classical lines"),
            "Ranking sentences": self.tr("Ranking sentences"),
            "Summarizing": self.tr("Summarizing"),
            "Running the model": self.tr("Running the model"),
            "Collecting the maps": self.tr("Collecting the maps"),
            "Writing a target to look at": self.tr("Writing a target to look at"),
            "Loading weights": self.tr("Loading weights"),
            "Loading tokenizer": self.tr("Loading tokenizer"),
            "Model ready": self.tr("Model ready"),
            "Model ready (cached)": self.tr("Model ready (cached)"),
        }
        if message in known:
            return known[message]
        patterns = (
            (r"Reading (.+)", self.tr("Reading %1")),
            (r"Moving to (.+)", self.tr("Moving to %1")),
            (r"(.+): layer (\d+)", self.tr("%1: layer %2")),
        )
        for pattern, translated in patterns:
            match = re.fullmatch(pattern, message)
            if match:
                for number, value in enumerate(match.groups(), 1):
                    translated = translated.replace(f"%{number}", value)
                return translated
        return message

    def _show(self, handle: JobHandle) -> None:
        self._current = handle
        others = len(self.runner.running_jobs()) - 1
        more = self.tr(" (+%1 more)").replace("%1", str(others)) if others > 0 else ""
        text = handle.title + (f" — {self.job_message(handle.message)}" if handle.message else "") + more
        self.job_label.setStyleSheet("")
        self.job_label.setText(text)
        if handle.fraction is None:
            self.progress.setRange(0, 0)  # busy indicator
        else:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(max(0.0, min(1.0, handle.fraction)) * 1000))
        self.progress.show()
        self.cancel_button.show()
        self._show_model()

    @Slot(object)
    def _on_started(self, handle: JobHandle) -> None:
        self._clear_timer.stop()
        self._show(handle)

    @Slot(object)
    def _on_updated(self, handle: JobHandle) -> None:
        if handle is self._current:
            self._show(handle)

    @Slot(object, str)
    def _on_ended(self, handle: JobHandle, message: str) -> None:
        remaining = self.runner.running_jobs()
        if remaining:
            self._show(remaining[-1])
        else:
            self._current = None
            self._show_idle()
            self._show_model()
        if message:
            self.job_label.setStyleSheet("color: #c0392b;")
            self.job_label.setText(self.tr("%1 failed: %2").replace("%1", handle.title).replace("%2", message))
        elif not remaining:
            done = {"done": self.tr("%1 done"), "cancelled": self.tr("%1 cancelled")}
            self.job_label.setText(done.get(handle.state, "%1").replace("%1", handle.title))
        if not remaining:
            self._clear_timer.start()

    @Slot()
    def _clear_message(self) -> None:
        if self._current is None:
            self.job_label.setStyleSheet("")
            self.job_label.clear()
