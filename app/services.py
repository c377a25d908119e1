"""What every tab gets from the app: settings, the job runner, the model store, the device.

Tabs receive one ``AppServices`` in their constructor and reach the engine only through
jobs submitted to ``runner``; they never hold model logic themselves.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.jobs import JobRunner
from app.settings import Settings
from engine.runtime.device import DeviceChoice, choose_device
from engine.runtime.store import ModelStore


class AppServices(QObject):
    deviceChanged = Signal(object)  # DeviceChoice
    modelChanged = Signal(str)  # the model the current tab uses, for the status bar

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = JobRunner(self)
        self.device: DeviceChoice = choose_device(settings.device, settings.cpu_threads)
        self.store = ModelStore(extra_dirs=settings.model_dirs, allow_download=settings.allow_download)

    def apply_engine_settings(self) -> None:
        """Re-read device, threads and model folders after the settings dialog closes."""
        self.device = choose_device(self.settings.device, self.settings.cpu_threads)
        self.store = ModelStore(extra_dirs=self.settings.model_dirs, allow_download=self.settings.allow_download)
        self.deviceChanged.emit(self.device)

    def show_model(self, name: str) -> None:
        self.modelChanged.emit(name)
