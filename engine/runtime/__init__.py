"""Runtime services shared by every task: device choice, model loading, jobs.

The names below load on first use (PEP 562), so that importing ``engine.runtime.jobs`` (the
app's job runner does, before its window shows) does not import torch.
"""

from engine.lazy import lazy_names

_HOMES = {
    "DeviceChoice": "device",
    "available_devices": "device",
    "choose_device": "device",
    "Cancelled": "jobs",
    "CancelToken": "jobs",
    "JobContext": "jobs",
    "LoadedModel": "store",
    "ModelError": "store",
    "ModelStore": "store",
}

__all__ = sorted(_HOMES)

__getattr__ = lazy_names(__name__, _HOMES)
