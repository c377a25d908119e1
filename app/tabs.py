"""The task tabs the main window shows, in order. A task's issue adds its line here.

Each tab satisfies ``widgets.tab_contract.TaskTab`` (its constructor, ``tab_title()`` and
``model_name()``); ``TabSpec.load`` imports the class, and tests/test_main_window.py checks
that every entry here builds a ``TaskTab``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from widgets.tab_contract import TaskTab


@dataclass(frozen=True)
class TabSpec:
    key: str  # stable id, used in settings and ``--tab``
    module: str
    class_name: str

    def load(self) -> type[TaskTab]:
        """The tab's class (importing its module: the first tab's imports happen here)."""
        return getattr(importlib.import_module(self.module), self.class_name)


TABS: list[TabSpec] = [
    TabSpec("xiangqi", "widgets.xiangqi_tab", "XiangqiTab"),
    TabSpec("couplet", "widgets.couplet_tab", "CoupletTab"),
    TabSpec("math", "widgets.math_tab", "MathTab"),
    TabSpec("summarize", "widgets.summarize_tab", "SummarizeTab"),
    TabSpec("attention", "widgets.attention_tab", "AttentionTab"),
]
