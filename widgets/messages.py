"""Messages several tabs show, in the UI's language: Qt-style placeholders filled in, and why a
file could not be opened or saved (the engine's file errors carry their details, the operating
system's carry an errno; neither text is shown as is, since both are English)."""

from __future__ import annotations

import errno
import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from engine.data import FileTooLargeError, NotTextError


class NoteLabel(QLabel):
    """A label for a message that comes and goes: hidden while it says nothing, since an empty
    label still takes a line (four of them opened a gap above the math tab's working)."""

    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(text, parent)
        self.setVisible(bool(text))

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.setVisible(False)


def fill(template: str, *values) -> str:
    """Qt-style ``%1 %2`` placeholders of a translated string, filled in one pass."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]), template)


def shown_chars(chars) -> str:
    """Characters a message lists, each one a reader can see: a control, format or other
    invisible character as its code point and name (U+0007 BELL, U+200B ZERO WIDTH SPACE), the
    rest as they are; separated by spaces.

    >>> shown_chars(["a", "\x07", "\u200b"])
    'a U+0007 BELL U+200B ZERO WIDTH SPACE'
    """
    def shown(char: str) -> str:
        if char.isprintable() and not char.isspace():
            return char
        name = unicodedata.name(char, "") or {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN",
                                             "\x07": "BELL", "\x00": "NULL", "\x1b": "ESCAPE"}.get(char, "")
        return f"U+{ord(char):04X} {name}".rstrip()

    return " ".join(shown(char) for char in chars)


class FileMessages(QObject):
    """A QObject only for ``tr`` (its translation context)."""

    def open_error(self, path: str | Path, exc: BaseException) -> str:
        name = Path(path).name
        if isinstance(exc, NotTextError):
            return fill(self.tr("%1 is neither UTF-8 nor GB18030 text."), name)
        if isinstance(exc, FileTooLargeError):
            return fill(self.tr("%1 is too large (%2 MB; at most %3 MB)."), name,
                        f"{exc.size / 2**20:.1f}", f"{exc.limit / 2**20:.1f}")
        return fill(self.tr("Cannot open %1: %2"), name, self.reason(exc))

    def save_error(self, path: str | Path, exc: BaseException) -> str:
        return fill(self.tr("Cannot save %1: %2"), Path(path).name, self.reason(exc))

    def reason(self, exc: BaseException) -> str:
        """Why an operating-system call failed, in words of the UI's language."""
        code = getattr(exc, "errno", None)
        if code == errno.ENOENT:
            return self.tr("it does not exist.")
        if code in (errno.EACCES, errno.EPERM):
            return self.tr("permission denied.")
        if code == errno.EISDIR:
            return self.tr("it is a folder.")
        if code == errno.ENOSPC:
            return self.tr("the disk is full.")
        if code is not None:
            return fill(self.tr("system error %1."), code)
        return fill(self.tr("an unexpected error (%1)."), type(exc).__name__)


def open_error(path: str | Path, exc: BaseException) -> str:
    return FileMessages().open_error(path, exc)


def save_error(path: str | Path, exc: BaseException) -> str:
    return FileMessages().save_error(path, exc)
