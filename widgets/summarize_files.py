"""Documents in the Summarize tab: the text box that takes dropped files, and why a document
could not be opened, in the user's language (the engine's ``DocumentError.kind``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtWidgets import QPlainTextEdit

from engine.summarize.documents import FORMATS, DocumentError
from widgets.messages import fill, open_error


def dropped_file(mime: QMimeData) -> str | None:
    """The first dropped local file, whatever its type (one the tab cannot read gets a message)."""
    for url in mime.urls() if mime.hasUrls() else []:
        path = url.toLocalFile()
        if path:
            return path
    return None


def document_patterns() -> str:
    """``*.txt *.md …``: the suffixes the summarizer reads, for a file dialog's filter."""
    return " ".join(f"*{suffix}" for suffix in FORMATS)


class SourceEdit(QPlainTextEdit):
    """The text box; dropping a file asks the tab to open it instead of pasting its URL."""

    fileDropped = Signal(str)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if dropped_file(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if dropped_file(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        path = dropped_file(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.fileDropped.emit(path)
        else:
            super().dropEvent(event)


class DocumentMessages(QObject):
    """A QObject only for ``tr``: why a document could not be opened."""

    def open_error(self, path: str | Path, exc: BaseException) -> str:
        if not isinstance(exc, DocumentError):
            return open_error(path, exc)  # the operating system's reasons (missing, no permission…)
        name = exc.name
        if exc.kind == "unknown_type":
            return fill(self.tr("%1 is not a document the summarizer reads: open a .txt, .md, .html, .docx "
                                "or .pdf file."), name)
        if exc.kind == "too_large":
            return fill(self.tr("%1 is too large (%2 MB; at most %3 MB)."), name,
                        f"{exc.size / 2**20:.1f}", f"{exc.limit / 2**20:.1f}")
        if exc.kind == "not_text":
            return fill(self.tr("%1 is not text in an encoding Chinese text comes in "
                                "(UTF-8, GB18030/GBK, Big5, UTF-16)."), name)
        if exc.kind == "encrypted":
            return fill(self.tr("%1 is protected by a password: remove the protection (or save an "
                                "unprotected copy) and open it again."), name)
        if exc.kind == "scanned":
            return fill(self.tr("%1 has no text layer (a scanned document?): there is no text to summarize. "
                                "Run text recognition (OCR) on it first, then open the result."), name)
        if exc.kind == "empty":
            return fill(self.tr("%1 has no text."), name)
        return fill(self.tr("%1 is damaged, or not really a %2 file: it cannot be read."), name,
                    Path(name).suffix.lower())
