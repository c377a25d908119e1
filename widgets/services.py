"""What every tab gets from the app: settings, the job runner, the model store, the device.

Tabs receive one ``AppServices`` in their constructor and reach the engine only through
jobs submitted to ``runner``; they never hold model logic themselves.

torch and transformers are not imported while the window is built (seconds of a cold start):
``load_libraries`` imports them on a background thread once the window shows, and the first
job waits for them if it comes sooner. ``device`` is chosen on first use, which needs torch,
so code on the GUI thread asks for it only once ``device_known`` (or ``librariesLoaded`` came).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from widgets.jobs import JobRunner
from widgets.settings import Settings
from engine.runtime.store import ModelStore, import_model_libraries

if TYPE_CHECKING:
    from engine.runtime.device import DeviceChoice

log = logging.getLogger(__name__)


class AppServices(QObject):
    deviceChanged = Signal(object)  # DeviceChoice, after the settings dialog changed it
    modelChanged = Signal()  # a tab's model_name() may have changed: the status bar asks again
    librariesLoaded = Signal(str)  # after load_libraries: "" or why torch/transformers failed to import

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = JobRunner(self)
        self.store = ModelStore(extra_dirs=settings.model_dirs, allow_download=settings.allow_download)
        self._device: DeviceChoice | None = None
        self._device_lock = threading.Lock()

    @property
    def device(self) -> DeviceChoice:
        """The device models run on, chosen on first use (this imports torch)."""
        with self._device_lock:
            if self._device is None:
                from engine.runtime.device import choose_device

                self._device = choose_device(self.settings.device, self.settings.cpu_threads)
            return self._device

    @property
    def device_known(self) -> bool:
        return self._device is not None

    def load_libraries(self) -> threading.Thread:
        """Import torch and transformers and choose the device off the GUI thread, then emit
        ``librariesLoaded`` (delivered on the GUI thread). Jobs wait for the same import."""
        thread = threading.Thread(target=self._load_libraries, name="import-model-libraries", daemon=True)
        thread.start()
        return thread

    def _load_libraries(self) -> None:
        try:
            import_model_libraries()
            self.device  # noqa: B018 - chooses it, off the GUI thread
        except Exception as exc:
            log.exception("torch or transformers could not be imported")
            self.librariesLoaded.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.librariesLoaded.emit("")

    def apply_engine_settings(self) -> None:
        """Re-read device, threads and model folders after the settings dialog closes."""
        from engine.runtime.device import choose_device

        choice = choose_device(self.settings.device, self.settings.cpu_threads)
        with self._device_lock:
            self._device = choice
        self.store = ModelStore(extra_dirs=self.settings.model_dirs, allow_download=self.settings.allow_download)
        self.deviceChanged.emit(choice)

    def show_model(self) -> None:
        """A tab says that the model it uses (its ``model_name()``) changed."""
        self.modelChanged.emit()
