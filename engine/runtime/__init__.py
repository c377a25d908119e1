"""Runtime services shared by every task: device choice, model loading, jobs."""

from engine.runtime.device import DeviceChoice, available_devices, choose_device
from engine.runtime.jobs import Cancelled, CancelToken, JobContext
from engine.runtime.store import LoadedModel, ModelError, ModelStore

__all__ = [
    "Cancelled",
    "CancelToken",
    "DeviceChoice",
    "JobContext",
    "LoadedModel",
    "ModelError",
    "ModelStore",
    "available_devices",
    "choose_device",
]
