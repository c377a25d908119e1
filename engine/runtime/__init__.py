"""Runtime services shared by every task: device choice, model loading, jobs.

The names below load on first use (PEP 562), so that importing ``engine.runtime.jobs`` (the
app's job runner does, before its window shows) does not import torch.
"""

from engine.lazy import lazy_names

__all__, __getattr__ = lazy_names(__name__, {
    "device": ["DeviceChoice", "available_devices", "choose_device"],
    "jobs": ["Cancelled", "CancelToken", "JobContext"],
    "store": ["LoadedModel", "ModelError", "ModelStore"],
})
