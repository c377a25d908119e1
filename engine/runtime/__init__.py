"""Runtime services shared by every task: device choice, model loading, jobs.

The names below load on first use (PEP 562), so that importing ``engine.runtime.jobs`` (the
app's job runner does, before its window shows) does not import torch.
"""

from typing import TYPE_CHECKING

from engine.lazy import lazy_names

if TYPE_CHECKING:  # what the lazy names are, for type checkers
    from engine.runtime.device import DeviceChoice as DeviceChoice
    from engine.runtime.device import available_devices as available_devices
    from engine.runtime.device import choose_device as choose_device
    from engine.runtime.jobs import Cancelled as Cancelled
    from engine.runtime.jobs import CancelToken as CancelToken
    from engine.runtime.jobs import JobContext as JobContext
    from engine.runtime.store import LoadedModel as LoadedModel
    from engine.runtime.store import ModelError as ModelError
    from engine.runtime.store import ModelStore as ModelStore

__all__, __getattr__ = lazy_names(__name__, {
    "device": ["DeviceChoice", "available_devices", "choose_device"],
    "jobs": ["Cancelled", "CancelToken", "JobContext"],
    "store": ["LoadedModel", "ModelError", "ModelStore"],
})
