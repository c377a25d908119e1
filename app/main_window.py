"""The main window: one tab per task, menus, the status bar, settings and About."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from app import DISPLAY_NAME
from widgets.services import AppServices
from app.tabs import TABS, TabSpec
from app.theme import apply_theme
from engine.paths import log_file
from widgets.status_bar import JobStatusBar
from widgets.tab_contract import LeavesModeOnEscape, TaskTab
from widgets.welcome import WelcomePage

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, services: AppServices, tabs: list[TabSpec] | None = None) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle(DISPLAY_NAME)
        self.resize(1180, 800)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.welcome = WelcomePage()
        self.tabs.addTab(self.welcome, self.welcome.tab_title())
        for spec in TABS if tabs is None else tabs:
            self._add_task_tab(spec)
        self.setCentralWidget(self.tabs)

        self.status = JobStatusBar(services.runner)
        self.setStatusBar(self.status)
        services.deviceChanged.connect(self._on_device_changed)
        services.librariesLoaded.connect(self._on_libraries_loaded)
        services.modelChanged.connect(self._show_tab_model)
        self.tabs.currentChanged.connect(self._show_tab_model)
        if services.device_known:
            self._on_device_changed(services.device)
        else:  # until services.load_libraries says it is done: choosing the device imports torch
            self._show_device_text(self.tr("Loading PyTorch…"),
                                   self.tr("PyTorch and transformers are loading; a job started now waits for them."))

        self._build_menus()
        QApplication.instance().focusChanged.connect(self._on_focus_changed)
        geometry = services.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        last_tab = services.settings.value("window/tab", 0)
        self.tabs.setCurrentIndex(int(last_tab) if str(last_tab).isdigit() else 0)
        self._show_tab_model()

    # -- tabs -------------------------------------------------------------------------------
    def _add_task_tab(self, spec: TabSpec) -> None:
        """A tab whose code fails to load shows the error instead; the rest keeps working."""
        try:
            widget = spec.load()(self.services)
            title = widget.tab_title()
        except Exception as exc:
            log.exception("tab %s failed to load", spec.key)
            widget = QLabel(self.tr("This tab could not be loaded: %1\nDetails are in %2")
                            .replace("%1", str(exc)).replace("%2", str(log_file())))
            widget.setWordWrap(True)
            title = spec.key
        widget.setObjectName(f"tab-{spec.key}")
        self.tabs.addTab(widget, title)

    @Slot()
    def _show_tab_model(self) -> None:
        """The status bar names the model of the task tab on screen (its ``model_name()``: the
        model it runs, "" for none; the welcome page and a tab that failed to load run none),
        unless a running job names its own."""
        tab = self.tabs.currentWidget()
        self.status.set_tab_model(tab.model_name() if isinstance(tab, TaskTab) else "")

    def task_tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(1, self.tabs.count())]

    # -- menus ------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        settings = self._action(self.tr("&Settings…"), self.open_settings, QKeySequence.StandardKey.Preferences)
        if settings.shortcut().isEmpty():
            settings.setShortcut(QKeySequence("Ctrl+,"))
        file_menu.addAction(settings)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit))

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for index in range(min(self.tabs.count(), 9)):
            view_menu.addAction(self._action(self.tabs.tabText(index), lambda _=False, i=index: self.tabs.setCurrentIndex(i),
                                             f"Ctrl+{index + 1}"))
        view_menu.addSeparator()
        view_menu.addAction(self._action(self.tr("&Full screen"), self.toggle_full_screen, QKeySequence.StandardKey.FullScreen))
        self.addAction(self._action(self.tr("Cancel the running job"), self.escape, "Esc"))

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About Wenqi"), self.show_about))
        help_menu.addAction(self._action(self.tr("Open the &log folder"), self.open_log_folder))

    # -- slots ------------------------------------------------------------------------------
    @Slot()
    def escape(self) -> None:
        """Esc: cancel the running job; with none, leave the shown tab's mode (the puzzles)."""
        tab = self.tabs.currentWidget()
        if self.services.runner.running_jobs():
            self.status.cancel_current()
        elif isinstance(tab, LeavesModeOnEscape):
            tab.leave_mode()

    def device_text(self, choice) -> str:
        """The device as the status bar, the welcome page and About name it, in the UI's language."""
        if choice.device.type != "cpu":
            return choice.label  # "CUDA · NVIDIA H100", "MPS": names, not words
        if choice.threads == 1:
            return self.tr("CPU · 1 thread")
        return self.tr("CPU · %1 threads").replace("%1", str(choice.threads))

    def _show_device_text(self, text: str, note: str = "") -> None:
        self.status.set_device(text, note)
        self.welcome.update_summary(self.task_tab_titles(), text, self.services.store.discover())

    @Slot(object)
    def _on_device_changed(self, choice) -> None:
        self._show_device_text(self.device_text(choice), choice.note)

    @Slot(str)
    def _on_libraries_loaded(self, error: str) -> None:
        if error:
            self._show_device_text(self.tr("PyTorch could not be loaded"), error)
        else:
            self._on_device_changed(self.services.device)

    @Slot(object, object)
    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Take the keyboard back when a dialog of ours has closed and no window has it. A window
        manager does that; without one (a bare X server) nothing did, and a second Ctrl+O after
        the PGN dialog went nowhere. Focus lost to another application is left alone."""
        if new is None and old is not None and old.window() is not self:
            QTimer.singleShot(0, self, self._take_keyboard_back)  # the dialog is still closing

    @Slot()
    def _take_keyboard_back(self) -> None:
        if QApplication.activeWindow() is None and QApplication.activeModalWidget() is None and self.isVisible():
            self.activateWindow()

    @Slot()
    def open_settings(self) -> None:
        from widgets.settings_dialog import SettingsDialog  # lists devices: imports torch

        dialog = SettingsDialog(self.services.settings, self)
        if dialog.exec():
            self.services.apply_engine_settings()
            apply_theme(QApplication.instance(), self.services.settings.theme)

    @Slot()
    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def about_text(self) -> str:
        from engine.cli import info_report
        from engine.runtime.store import import_model_libraries

        import_model_libraries()  # info_report reads transformers: never beside the background import

        info = info_report(self.services.settings.device)
        rows = [
            ("Wenqi", info["wenqi"]), ("Python", info["python"]), ("PyTorch", info["torch"]),
            ("transformers", info["transformers"]), ("PySide6", info["pyside6"]),
            (self.tr("Device"), self.device_text(self.services.device)), (self.tr("Log file"), str(log_file())),
        ]
        table = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" for k, v in rows)
        tagline = self.tr("Small local models for xiangqi and Chinese text.")
        return f"<h2>文棋 Wenqi</h2><p>{html.escape(tagline)}</p><table cellspacing='6'>{table}</table>"

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Wenqi"), self.about_text())

    @Slot()
    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file().parent)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        settings = self.services.settings
        settings.set_value("window/geometry", self.saveGeometry())
        settings.set_value("window/tab", self.tabs.currentIndex())
        settings.sync()
        self.services.runner.cancel_all()
        self.services.runner.wait_idle(3000)
        super().closeEvent(event)
