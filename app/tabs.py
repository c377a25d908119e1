"""The task tabs the main window shows, in order. A task's issue adds its line here.

Each tab is a QWidget class taking ``(services, parent=None)`` with a ``tab_title()``
method; it must construct quickly (load models lazily, in a job, on first use). A tab that
runs a model says which with ``model_name() -> str`` ("" for none) and calls
``services.show_model()`` when that changes; the status bar names it while the tab is shown.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TabSpec:
    key: str  # stable id, used in settings and ``--tab``
    module: str
    class_name: str


TABS: list[TabSpec] = [
    TabSpec("xiangqi", "widgets.xiangqi_tab", "XiangqiTab"),
    TabSpec("couplet", "widgets.couplet_tab", "CoupletTab"),
    TabSpec("math", "widgets.math_tab", "MathTab"),
    TabSpec("summarize", "widgets.summarize_tab", "SummarizeTab"),
    TabSpec("attention", "widgets.attention_tab", "AttentionTab"),
]
