"""Which device and dtype models run on, and how many CPU threads they may use.

Auto picks CUDA, then Apple MPS, then the CPU. A user preference ("cpu", "cuda:1", "mps")
wins when that device exists; otherwise we fall back to auto and say why, so a settings
file copied from another machine never stops the app from starting.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import torch

PREFERENCES_HELP = "auto, cpu, mps or cuda:N"


@dataclass(frozen=True)
class DeviceChoice:
    device: torch.device
    dtype: torch.dtype
    threads: int
    label: str
    note: str = ""  # why the preference was not honoured, if it was not


def default_threads() -> int:
    """All cores but one, which stays free for the UI."""
    return max(1, (os.cpu_count() or 1) - 1)


def available_devices() -> list[str]:
    """Device preferences that make sense on this machine, for the settings dialog."""
    names = ["auto", "cpu"]
    if torch.cuda.is_available():
        names += [f"cuda:{i}" for i in range(torch.cuda.device_count())]
    if _mps_available():
        names.append("mps")
    return names


def _mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend and backend.is_available())


def _auto_device() -> torch.device:
    if torch.cuda.is_available():
        return torch.device("cuda", 0)
    if _mps_available():
        return torch.device("mps")
    return torch.device("cpu")


def resolve_device(preference: str = "auto") -> tuple[torch.device, str]:
    """The device for ``preference`` and, when it had to be ignored, the reason."""
    pref = (preference or "auto").strip().lower()
    if pref == "auto":
        return _auto_device(), ""
    if pref == "cpu":
        return torch.device("cpu"), ""
    if pref == "mps":
        if _mps_available():
            return torch.device("mps"), ""
        return _auto_device(), "MPS is not available on this machine; using auto."
    if pref.startswith("cuda"):
        index_text = pref.partition(":")[2] or "0"
        if not index_text.isdigit():
            return _auto_device(), f"'{preference}' is not a device ({PREFERENCES_HELP}); using auto."
        index = int(index_text)
        if torch.cuda.is_available() and index < torch.cuda.device_count():
            return torch.device("cuda", index), ""
        return _auto_device(), f"{pref} is not available on this machine; using auto."
    return _auto_device(), f"'{preference}' is not a device ({PREFERENCES_HELP}); using auto."


def default_dtype(device: torch.device) -> torch.dtype:
    """bf16 where the GPU supports it, fp16 on other GPUs, fp32 on the CPU."""
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device.type == "mps":
        return torch.float16
    return torch.float32


def device_label(device: torch.device, threads: int) -> str:
    """Short text for the status bar: "CUDA · NVIDIA H100", "MPS", "CPU · 2 threads"."""
    if device.type == "cuda":
        return f"CUDA · {torch.cuda.get_device_name(device)}"
    if device.type == "mps":
        return "MPS"
    return f"CPU · {threads} thread{'s' if threads != 1 else ''}"


def set_threads(threads: int | None = None) -> int:
    """Set torch's CPU threads for this process: ``threads``, or all cores but one when 0 or None."""
    count = threads if threads and threads > 0 else default_threads()
    torch.set_num_threads(count)
    return count


def choose_device(preference: str = "auto", threads: int | None = None) -> DeviceChoice:
    """Resolve the preference, set torch's CPU thread count and describe the result."""
    device, note = resolve_device(preference)
    n_threads = set_threads(threads)
    return DeviceChoice(
        device=device,
        dtype=default_dtype(device),
        threads=n_threads,
        label=device_label(device, n_threads),
        note=note,
    )
