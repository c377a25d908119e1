"""What the main window asks of a task tab (``app.tabs.TABS`` lists them).

A tab is a QWidget built as ``cls(services, parent=None)``; it must construct quickly (models
load lazily, in a job, on first use). ``tab_title()`` is its title in the UI's language;
``model_name()`` the model it runs now ("" for none), and when that changes the tab calls
``services.show_model()``: the status bar names it while the tab is shown.

A tab with modes (the xiangqi tab's puzzles and set-up) is also a ``LeavesModeOnEscape``: Esc,
when no job runs, leaves the mode it is in (with a job running, Esc cancels the job).

    >>> class Blank:
    ...     def tab_title(self): return "Blank"
    ...     def model_name(self): return ""
    >>> isinstance(Blank(), TaskTab)
    True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from widgets.services import AppServices


@runtime_checkable
class TaskTab(Protocol):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None: ...

    def tab_title(self) -> str: ...

    def model_name(self) -> str: ...


@runtime_checkable
class LeavesModeOnEscape(Protocol):
    def leave_mode(self) -> bool:
        """Leave the mode the tab is in; False when it is in none."""
        ...
