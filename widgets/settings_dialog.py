"""The settings dialog: device, CPU threads, language, theme, model folders, downloads."""

from __future__ import annotations

import os

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from widgets.settings import LANGUAGES, Settings
from engine.runtime.device import available_devices, default_threads


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(460)

        self.device = QComboBox()
        for name in available_devices():
            self.device.addItem(self.tr("Automatic (GPU if present)") if name == "auto" else name, name)
        self._select(self.device, settings.device)

        self.threads = QSpinBox()
        self.threads.setRange(0, os.cpu_count() or 1)
        self.threads.setSpecialValueText(self.tr("Automatic (%1)").replace("%1", str(default_threads())))
        self.threads.setValue(settings.cpu_threads)

        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self._select(self.language, settings.language)

        self.theme = QComboBox()
        for code, name in (("system", self.tr("Follow the system")), ("light", self.tr("Light")), ("dark", self.tr("Dark"))):
            self.theme.addItem(name, code)
        self._select(self.theme, settings.theme)

        self.model_dirs = QListWidget()
        self.model_dirs.addItems(settings.model_dirs)
        self.model_dirs.setMaximumHeight(90)
        add_dir = QPushButton(self.tr("Add folder…"))
        add_dir.clicked.connect(self._add_dir)
        remove_dir = QPushButton(self.tr("Remove"))
        remove_dir.clicked.connect(self._remove_dir)
        dir_buttons = QHBoxLayout()
        dir_buttons.addWidget(add_dir)
        dir_buttons.addWidget(remove_dir)
        dir_buttons.addStretch(1)

        self.allow_download = QCheckBox(self.tr("Allow downloading models named by a hub id"))
        self.allow_download.setChecked(settings.allow_download)

        form = QFormLayout()
        form.addRow(self.tr("Compute device"), self.device)
        form.addRow(self.tr("CPU threads"), self.threads)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Extra model folders"), self.model_dirs)
        form.addRow("", dir_buttons)
        form.addRow("", self.allow_download)
        self.language_note = QLabel(self.tr("A new language takes effect when Wenqi restarts."))
        self.language_note.setVisible(False)
        self.language.currentIndexChanged.connect(
            lambda: self.language_note.setVisible(self.language.currentData() != settings.language))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.language_note)
        layout.addWidget(buttons)

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(0, index))

    @Slot()
    def _add_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a model folder"))
        if folder:
            self.model_dirs.addItem(folder)

    @Slot()
    def _remove_dir(self) -> None:
        for item in self.model_dirs.selectedItems():
            self.model_dirs.takeItem(self.model_dirs.row(item))

    def save(self) -> None:
        """Write the dialog's values to settings (called on OK)."""
        s = self.settings
        s.device = self.device.currentData()
        s.cpu_threads = self.threads.value()
        s.language = self.language.currentData()
        s.theme = self.theme.currentData()
        s.model_dirs = [self.model_dirs.item(i).text() for i in range(self.model_dirs.count())]
        s.allow_download = self.allow_download.isChecked()
        s.sync()

    def accept(self) -> None:
        self.save()
        super().accept()
