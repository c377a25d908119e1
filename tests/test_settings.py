from PySide6.QtCore import QSettings

from widgets.settings import Settings
from widgets.settings_dialog import SettingsDialog


def test_settings_persist_across_instances(tmp_path):
    path = str(tmp_path / "s.ini")
    first = Settings(QSettings(path, QSettings.Format.IniFormat))
    assert (first.device, first.cpu_threads, first.language, first.theme) == ("auto", 0, "zh", "system")
    assert first.model_dirs == [] and first.allow_download is False
    first.device, first.cpu_threads, first.language, first.theme = "cpu", 1, "en", "dark"
    first.model_dirs = ["/models/one"]
    first.allow_download = True
    first.sync()
    second = Settings(QSettings(path, QSettings.Format.IniFormat))
    assert (second.device, second.cpu_threads, second.language, second.theme) == ("cpu", 1, "en", "dark")
    assert second.model_dirs == ["/models/one"] and second.allow_download is True


def test_bad_stored_values_fall_back_to_defaults(tmp_path):
    path = tmp_path / "s.ini"
    path.write_text("[ui]\nlanguage=klingon\ntheme=neon\n[engine]\ncpu_threads=many\n", encoding="utf-8")
    settings = Settings(QSettings(str(path), QSettings.Format.IniFormat))
    assert (settings.language, settings.theme, settings.cpu_threads) == ("zh", "system", 0)


def test_dialog_saves_what_the_user_chose(qtbot, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.device.setCurrentIndex(dialog.device.findData("cpu"))
    dialog.threads.setValue(1)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.language_note.isVisibleTo(dialog)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.model_dirs.addItem("/tmp/models")
    dialog.allow_download.setChecked(True)
    dialog.accept()
    assert (settings.device, settings.cpu_threads, settings.language, settings.theme) == ("cpu", 1, "en", "dark")
    assert settings.model_dirs == ["/tmp/models"] and settings.allow_download


def test_cancelled_dialog_changes_nothing(qtbot, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.reject()
    assert settings.theme == "system"
