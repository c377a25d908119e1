"""widgets/garbage.py: with the collector running, cyclic garbage made in a worker thread is
freed on the GUI thread, never in the worker (where freeing a Qt object can crash)."""

from __future__ import annotations

import gc
import threading

from widgets.garbage import GuiThreadGarbageCollector, start_collector


class Cycle:
    freed_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def test_cycles_made_in_a_worker_are_freed_on_the_gui_thread(qtbot):
    gc.collect()
    thresholds = gc.get_threshold()
    gc.set_threshold(100, 10, 10)  # fixed here: a library may have changed them in a long test run
    collector = GuiThreadGarbageCollector(interval_ms=20)
    collector.start()
    try:
        assert not gc.isenabled()
        Cycle.freed_on.clear()

        def make_garbage() -> None:
            for _ in range(1000):
                Cycle()

        worker = threading.Thread(target=make_garbage, name="worker")
        worker.start()
        worker.join()
        assert Cycle.freed_on == []  # nothing collected in the worker
        assert collector.timer.isActive()
        collector.timer.timeout.emit()  # the timer's tick, on this (the GUI) thread
        assert collector.collections == 1
        assert len(Cycle.freed_on) == 1000 and set(Cycle.freed_on) == {threading.main_thread().name}
    finally:
        collector.stop()
        gc.set_threshold(*thresholds)
    assert gc.isenabled()


def test_the_app_runs_one_collector(qapp):
    """build_application starts it through start_collector; a second call finds the first."""
    first = start_collector(qapp)
    try:
        assert start_collector(qapp) is first and len(qapp.findChildren(GuiThreadGarbageCollector)) == 1
        assert not gc.isenabled() and first.timer.isActive()
    finally:
        first.stop()  # the other tests keep the collection conftest.py does after each test
        first.setParent(None)
        first.deleteLater()
    assert gc.isenabled()
