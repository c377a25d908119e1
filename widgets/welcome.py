"""The home page: what Wenqi does, what is installed, and the keyboard shortcuts."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from engine.runtime.store import ModelInfo


class WelcomePage(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setOpenExternalLinks(False)
        self.label.setMargin(24)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(self.label)
        self.setWidget(inner)

    def tab_title(self) -> str:
        return self.tr("Home")

    def update_summary(self, tab_titles: list[str], device_label: str, models: list[ModelInfo]) -> None:
        e = html.escape
        no_tabs = self.tr("No task tabs are installed yet.")
        no_models = self.tr("No models found. Bundled models arrive with each task.")
        bundled = self.tr(" (bundled)")
        intro = self.tr("Play xiangqi against a GPT, write couplets, solve math word problems, summarize "
                        "Chinese text, and look inside the models — all on this computer, with no network.")
        shortcuts = self.tr("Ctrl+1…9 switch tabs · Ctrl+, settings · Esc cancels the running job · "
                            "F11 full screen · Ctrl+Q quit")
        features = "".join(f"<li>{e(t)}</li>" for t in tab_titles) or f"<li>{e(no_tabs)}</li>"
        model_rows = "".join(
            f"<li>{e(m.name)} — {e(m.architecture)}, {m.size_mb:.1f} MB{e(bundled) if m.bundled else ''}</li>"
            for m in models
        ) or f"<li>{e(no_models)}</li>"
        sections = [(self.tr("Tabs"), f"<ul>{features}</ul>"),
                    (self.tr("Compute device"), f"<p>{e(device_label)}</p>"),
                    (self.tr("Models"), f"<ul>{model_rows}</ul>"),
                    (self.tr("Shortcuts"), f"<p>{e(shortcuts)}</p>")]
        body = "".join(f"<h3>{e(title)}</h3>{content}" for title, content in sections)
        self.label.setText(f"<h1>文棋 Wenqi</h1><p>{e(intro)}</p>{body}")
