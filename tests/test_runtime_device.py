import torch

from engine.runtime.device import available_devices, choose_device, default_dtype, default_threads, resolve_device


def test_auto_and_cpu_resolve_without_note():
    device, note = resolve_device("cpu")
    assert device.type == "cpu" and note == ""
    auto, note = resolve_device("auto")
    assert note == ""
    expected = "cuda" if torch.cuda.is_available() else ("mps" if "mps" in available_devices() else "cpu")
    assert auto.type == expected


def test_unavailable_or_bad_preference_falls_back_with_a_reason():
    device, note = resolve_device("cuda:7")
    if not (torch.cuda.is_available() and torch.cuda.device_count() > 7):
        assert "not available" in note
    device, note = resolve_device("tpu")
    assert "not a device" in note
    device, note = resolve_device("cuda:x")
    assert "not a device" in note


def test_dtype_per_device():
    assert default_dtype(torch.device("cpu")) == torch.float32
    assert default_dtype(torch.device("mps")) == torch.float16


def test_threads_leave_a_core_and_label_names_them():
    assert default_threads() == max(1, (__import__("os").cpu_count() or 1) - 1)
    choice = choose_device("cpu", threads=1)
    assert torch.get_num_threads() == 1
    assert choice.label == "CPU · 1 thread"
    choice = choose_device("cpu", threads=3)
    assert choice.label == "CPU · 3 threads"
    torch.set_num_threads(default_threads())


def test_available_devices_lists_choices():
    names = available_devices()
    assert names[:2] == ["auto", "cpu"]
