"""Run engine jobs off the GUI thread and deliver their news on the GUI thread.

A job is a plain function ``fn(ctx: JobContext) -> result`` (see ``engine.runtime.jobs``).
``JobRunner.submit`` runs it on a worker from a QThreadPool. The worker never touches
widgets: it emits signals of a relay object, and those signals are connected to slots of
the runner, which lives in the GUI thread, so they arrive there as queued calls. Only
then are the caller's callbacks run — so callers may pass lambdas safely.

Partial results and progress are coalesced: at most ``MAX_UPDATES_PER_SECOND`` deliveries
per job, each carrying every partial since the last one, so a model streaming hundreds of
tokens a second never floods the event loop.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from engine.runtime.jobs import Cancelled, CancelToken, JobContext
from engine.runtime.store import ModelError, import_model_libraries

log = logging.getLogger(__name__)

MAX_UPDATES_PER_SECOND = 30
_MIN_INTERVAL_MS = 1000 // MAX_UPDATES_PER_SECOND


def readable_error(exc: BaseException) -> str:
    """What a person sees when a job fails: our own errors as is, others with their type."""
    if isinstance(exc, (ModelError, ValueError, OSError)):
        return str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {exc}"


@dataclass
class JobHandle:
    id: int
    title: str
    token: CancelToken = field(default_factory=CancelToken)
    state: str = "running"  # running, done, failed, cancelled
    fraction: float | None = None
    message: str = ""
    model: str = ""  # the model the job runs, for the status bar; "" for none or unsaid

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def running(self) -> bool:
        return self.state == "running"


@dataclass
class _Callbacks:
    on_result: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    on_partial: Callable[[list], None] | None
    on_progress: Callable[[float | None, str], None] | None
    on_cancelled: Callable[[], None] | None


class _Relay(QObject):
    """Signals emitted from the worker thread; created in (and owned by) the GUI thread."""

    news = Signal(int)  # new partials or progress are waiting for job <id>
    finished = Signal(int, str, object)  # id, state, result or exception


class _Mailbox:
    """What a worker has produced since the GUI last looked (guarded by a lock)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.partials: list = []
        self.progress: tuple[float | None, str] | None = None
        self.flagged = False  # a `news` signal is in flight
        self.last_flush = 0.0

    def take(self) -> tuple[list, tuple[float | None, str] | None]:
        with self.lock:
            partials, progress = self.partials, self.progress
            self.partials, self.progress, self.flagged = [], None, False
            return partials, progress


class _Worker(QRunnable):
    def __init__(self, job_id: int, fn, relay: _Relay, mailbox: _Mailbox, token: CancelToken) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.job_id, self.fn, self.relay, self.mailbox, self.token = job_id, fn, relay, mailbox, token

    def _post(self, partial=None, progress=None) -> None:
        box = self.mailbox
        with box.lock:
            if partial is not None:
                box.partials.append(partial)
            if progress is not None:
                box.progress = progress
            signal_needed = not box.flagged
            box.flagged = True
        if signal_needed:
            self.relay.news.emit(self.job_id)

    def run(self) -> None:
        ctx = JobContext(
            on_progress=lambda fraction, message: self._post(progress=(fraction, message)),
            on_partial=lambda value: self._post(partial=value),
            cancel_token=self.token,
        )
        try:
            import_model_libraries()  # before any job's own imports: see its docstring
            result = self.fn(ctx)
        except Cancelled:
            self.relay.finished.emit(self.job_id, "cancelled", None)
        except BaseException as exc:
            log.exception("job %s failed", self.job_id)
            self.relay.finished.emit(self.job_id, "failed", exc)
        else:
            state = "cancelled" if self.token.cancelled and result is None else "done"
            self.relay.finished.emit(self.job_id, state, result)


class JobRunner(QObject):
    """Owns the worker pool; lives in the GUI thread.

    Signals are for the status bar; per-job callbacks go to whoever submitted the job.
    """

    jobStarted = Signal(object)  # JobHandle
    jobUpdated = Signal(object)  # JobHandle (progress changed)
    jobEnded = Signal(object, str)  # JobHandle, readable error message or ""

    def __init__(self, parent: QObject | None = None, max_workers: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_workers)
        self._relay = _Relay(self)
        self._relay.news.connect(self._on_news)
        self._relay.finished.connect(self._on_finished)
        self._ids = itertools.count(1)
        self._jobs: dict[int, tuple[JobHandle, _Callbacks, _Mailbox]] = {}

    # -- public --------------------------------------------------------------------------
    def submit(
        self,
        fn: Callable[[JobContext], Any],
        title: str,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_partial: Callable[[list], None] | None = None,
        on_progress: Callable[[float | None, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        model: str = "",
    ) -> JobHandle:
        """Start ``fn`` on a worker. ``on_partial`` receives a list of partials per call;
        ``model`` names the model it runs (the status bar shows it while the job runs)."""
        handle = JobHandle(id=next(self._ids), title=title, model=model)
        mailbox = _Mailbox()
        callbacks = _Callbacks(on_result, on_error, on_partial, on_progress, on_cancelled)
        self._jobs[handle.id] = (handle, callbacks, mailbox)
        self.jobStarted.emit(handle)
        self.pool.start(_Worker(handle.id, fn, self._relay, mailbox, handle.token))
        return handle

    def running_jobs(self) -> list[JobHandle]:
        return [handle for handle, _, _ in self._jobs.values()]

    def cancel_all(self) -> None:
        for handle in self.running_jobs():
            handle.cancel()

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """Block until no worker runs (shutdown and tests); callbacks still need the event loop."""
        return self.pool.waitForDone(timeout_ms)

    # -- GUI-thread slots -----------------------------------------------------------------
    @Slot(int)
    def _on_news(self, job_id: int) -> None:
        entry = self._jobs.get(job_id)
        if entry is None:
            return
        mailbox = entry[2]
        wait_ms = _MIN_INTERVAL_MS - (time.monotonic() - mailbox.last_flush) * 1000
        if wait_ms > 0:
            QTimer.singleShot(int(wait_ms) + 1, self, lambda: self._flush(job_id))
        else:
            self._flush(job_id)

    def _flush(self, job_id: int) -> None:
        entry = self._jobs.get(job_id)
        if entry is None:
            return
        handle, callbacks, mailbox = entry
        mailbox.last_flush = time.monotonic()
        partials, progress = mailbox.take()
        if progress is not None:
            handle.fraction, handle.message = progress
            if callbacks.on_progress:
                self._call(callbacks.on_progress, *progress)
            self.jobUpdated.emit(handle)
        if partials and callbacks.on_partial:
            self._call(callbacks.on_partial, partials)

    @Slot(int, str, object)
    def _on_finished(self, job_id: int, state: str, payload: object) -> None:
        self._flush(job_id)
        handle, callbacks, _ = self._jobs.pop(job_id)
        handle.state = state
        message = ""
        if state == "done" and callbacks.on_result:
            self._call(callbacks.on_result, payload)
        elif state == "cancelled" and callbacks.on_cancelled:
            self._call(callbacks.on_cancelled)
        elif state == "failed":
            message = readable_error(payload)
            if callbacks.on_error:
                self._call(callbacks.on_error, payload)
        self.jobEnded.emit(handle, message)

    @staticmethod
    def _call(callback, *args) -> None:
        """A bug in one callback must not break the runner for every other job."""
        try:
            callback(*args)
        except Exception:
            log.exception("job callback %r failed", callback)


class LatestJob:
    """A tab's one job at a time, and whether its news still matters.

    ``start`` cancels the job before it, whose late news is then dropped. The latest job's
    callbacks run only while it is the latest, and ``busy`` is already False when its
    result, error or cancellation arrives. ``cancel`` asks it to stop: it stays the latest,
    so its ``on_cancelled`` runs when it has stopped. ``forget`` asks it to stop and drops
    everything it still says: for an answer to a question nobody is asking any more.
    """

    def __init__(self, runner: JobRunner, title: str) -> None:
        self.runner, self.title = runner, title
        self._handle: JobHandle | None = None

    @property
    def busy(self) -> bool:
        return self._handle is not None

    def start(self, fn: Callable[[JobContext], Any], on_result=None, on_error=None, on_cancelled=None,
              on_partial=None, model: str = "") -> JobHandle:
        self.cancel()
        handle: JobHandle | None = None

        def while_latest(callback, ends: bool):
            def call(*args) -> None:
                if handle is not self._handle:
                    return
                if ends:
                    self._handle = None
                if callback is not None:
                    callback(*args)
            return call

        handle = self._handle = self.runner.submit(
            fn, self.title, on_result=while_latest(on_result, True), on_error=while_latest(on_error, True),
            on_partial=while_latest(on_partial, False), on_cancelled=while_latest(on_cancelled, True),
            model=model)
        return handle

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()

    def forget(self) -> None:
        self.cancel()
        self._handle = None
