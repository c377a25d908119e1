"""Python's cyclic garbage collected on the GUI thread only.

Left to itself, CPython starts a collection in whichever thread happens to allocate past the
threshold: often a job's worker thread, which then frees every unreachable Qt wrapper, widgets
included, off the GUI thread, and Qt may crash there (a CI run of the tests segfaulted that way:
a worker loading a model, its stack "Garbage-collecting"). The usual remedy for Qt bindings:
turn automatic collection off and let a timer on the GUI thread collect, generation by
generation, when Python itself would have. Reference counting still frees everything that is
not in a cycle at once; cycles wait for the next tick.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadGarbageCollector(QObject):
    """Owns Python's cyclic collection while it runs: ``start`` turns automatic collection off;
    every ``INTERVAL_MS`` the timer collects the generations whose counts passed their thresholds,
    on the thread this object lives in (the GUI thread); ``stop`` gives collection back."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect_due)
        self.collections = 0

    def start(self) -> None:
        gc.disable()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()

    def collect_due(self) -> None:
        """Collect as CPython's own trigger would: the youngest generation when its count passed
        its threshold, an older one when its count passed its own too."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = -1
        for level in range(3):
            if counts[level] <= thresholds[level]:
                break
            generation = level
        if generation >= 0:
            gc.collect(generation)
            self.collections += 1


def start_collector(app: QObject) -> GuiThreadGarbageCollector:
    """The application's collector, started once (a child of ``app``, so it lives as long)."""
    collector = app.findChild(GuiThreadGarbageCollector)
    if collector is None:
        collector = GuiThreadGarbageCollector(app)
        collector.start()
    return collector
