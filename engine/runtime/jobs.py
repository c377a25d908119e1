"""Long work as plain functions: ``fn(ctx) -> result`` with progress, partials and cancel.

A job never knows who runs it. The CLI runs it directly; the app runs it on a worker
thread and turns the callbacks into Qt signals. Cancel is cooperative: the job calls
``ctx.check()`` (or passes ``engine.decoding.cancel_criteria(ctx.cancel_token)`` to
``generate``) often enough that
a cancel lands within a few tens of milliseconds.

    ctx = JobContext(on_progress=print)
    result = my_job(ctx)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class Cancelled(Exception):
    """Raised inside a job when its cancel token was set."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


ProgressCallback = Callable[[float | None, str], None]
PartialCallback = Callable[[Any], None]


def _ignore(*_args: Any) -> None:
    return None


@dataclass
class JobContext:
    """What a running job may use: report progress, publish partial results, check cancel.

    ``fraction`` is 0..1, or None when the amount of work is unknown.
    """

    on_progress: ProgressCallback = _ignore
    on_partial: PartialCallback = _ignore
    cancel_token: CancelToken = field(default_factory=CancelToken)

    @property
    def cancelled(self) -> bool:
        return self.cancel_token.cancelled

    def check(self) -> None:
        self.cancel_token.raise_if_cancelled()

    def progress(self, fraction: float | None, message: str = "") -> None:
        self.check()
        self.on_progress(fraction, message)

    def partial(self, value: Any) -> None:
        self.check()
        self.on_partial(value)

