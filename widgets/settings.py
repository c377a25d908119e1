"""User settings, remembered across runs with QSettings (typed, with defaults)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

LANGUAGES = {"zh": "中文", "en": "English"}
THEMES = ("system", "light", "dark")


class Settings:
    """Typed access to QSettings. Pass a QSettings (e.g. an ini file) to isolate tests."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or QSettings("Wenqi", "Wenqi")

    def _get(self, key: str, default, kind):
        value = self.store.value(key, default)
        if kind is bool and isinstance(value, str):  # ini files give strings back
            return value.lower() in ("1", "true", "yes")
        try:
            return kind(value)
        except (TypeError, ValueError):
            return default

    @property
    def device(self) -> str:
        return self._get("engine/device", "auto", str)

    @device.setter
    def device(self, value: str) -> None:
        self.store.setValue("engine/device", value)

    @property
    def cpu_threads(self) -> int:
        """0 means automatic (all cores but one)."""
        return max(0, self._get("engine/cpu_threads", 0, int))

    @cpu_threads.setter
    def cpu_threads(self, value: int) -> None:
        self.store.setValue("engine/cpu_threads", int(value))

    @property
    def language(self) -> str:
        value = self._get("ui/language", "zh", str)
        return value if value in LANGUAGES else "zh"

    @language.setter
    def language(self, value: str) -> None:
        self.store.setValue("ui/language", value)

    @property
    def theme(self) -> str:
        value = self._get("ui/theme", "system", str)
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self.store.setValue("ui/theme", value)

    @property
    def model_dirs(self) -> list[str]:
        value = self.store.value("engine/model_dirs", [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value] if value else []
        return [str(v) for v in (value or []) if str(v).strip()]

    @model_dirs.setter
    def model_dirs(self, value: list[str]) -> None:
        self.store.setValue("engine/model_dirs", list(value))

    @property
    def allow_download(self) -> bool:
        return self._get("engine/allow_download", False, bool)

    @allow_download.setter
    def allow_download(self, value: bool) -> None:
        self.store.setValue("engine/allow_download", bool(value))

    def value(self, key: str, default=None):
        """Free-form per-tab state (splitter sizes, last inputs, history)."""
        return self.store.value(key, default)

    def set_value(self, key: str, value) -> None:
        self.store.setValue(key, value)

    def sync(self) -> None:
        self.store.sync()
