"""Time and memory of exact softmax attention and its approximations versus sequence length.

Synthetic queries, keys and values (Gaussian, ``heads × n × head_dim``) stand in for a layer.
Each (method, length) runs in its own process so its peak memory can be read cleanly:
the process's peak resident memory on the CPU, ``max_memory_allocated`` on CUDA, both minus
what the inputs already took. The approximations run in their linear-time form
(``linear_attention_output``) except Taylor order 4, whose d⁴ features leave only the
quadratic form. Errors (mean row KL against softmax) are measured up to ``--error-limit``.

    wenqi-cli attention benchmark --json runs/attention/benchmark.json
"""

from __future__ import annotations

import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import torch

from engine.attention.approx import (Approximation, approximate_attention, attention_errors, exact_attention,
                                     feature_maps, linear_attention_output, taylor_kernel)


def _softmax_full(q, k, v, scaling, causal):
    return exact_attention(q, k, scaling, causal) @ v


def _softmax_fused(q, k, v, scaling, causal):
    return torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=causal, scale=scaling)


def _taylor4_quadratic(q, k, v, scaling, causal):
    kernel = taylor_kernel(q @ k.transpose(-1, -2) * scaling, 4)
    if causal:
        kernel = kernel.tril()
    return (kernel @ v) / kernel.sum(-1, keepdim=True)


def _linear(approximation):
    def run(q, k, v, scaling, causal):
        phi_q, phi_k = feature_maps(q, k, scaling, approximation)
        return linear_attention_output(phi_q, phi_k, v, causal)
    return run


@dataclass(frozen=True)
class Setup:
    """What every measurement of one benchmark run shares."""

    heads: int = 4
    head_dim: int = 64
    causal: bool = True
    repeats: int = 3
    device: str = "cpu"
    threads: int = 1
    error_limit: int = 1024  # errors are measured up to this length (they need the n×n maps)
    features: tuple[int, ...] = ()  # FAVOR+'s m values; empty: d and 4d
    scale: float = 1.0  # standard deviation of the synthetic queries and keys

    def arguments(self) -> list[str]:
        """The command-line arguments that give a worker process this setup."""
        return ["--heads", str(self.heads), "--head-dim", str(self.head_dim), "--repeats", str(self.repeats),
                "--device", self.device, "--threads", str(self.threads), "--error-limit", str(self.error_limit),
                "--scale", str(self.scale), "--features", *map(str, self.features or [0]),
                *([] if self.causal else ["--bidirectional"])]


def methods(setup: Setup) -> dict[str, tuple]:
    """name → (runner, the Approximation for its errors or None for exact softmax)."""
    found: dict[str, tuple[Callable[..., torch.Tensor], Approximation | None]] = {
        "softmax (n×n map)": (_softmax_full, None), "softmax (fused SDPA)": (_softmax_fused, None)}
    for m in setup.features or (setup.head_dim, 4 * setup.head_dim):
        favor = Approximation("favor", features=m)
        found[f"FAVOR+ m={m}"] = (_linear(favor), favor)
    elu, taylor2 = Approximation("elu"), Approximation("taylor", order=2)
    found["elu+1 linear"] = (_linear(elu), elu)
    found["Taylor order 2 (linear, 1+d+d² features)"] = (_linear(taylor2), taylor2)
    found["Taylor order 4 (quadratic)"] = (_taylor4_quadratic, Approximation("taylor", order=4))
    return found


def _inputs(length: int, setup: Setup, seed: int = 0) -> list[torch.Tensor]:
    generator = torch.Generator().manual_seed(seed)
    shape = (setup.heads, length, setup.head_dim)
    q, k, v = (torch.randn(shape, generator=generator) for _ in range(3))
    return [(q * setup.scale).to(setup.device), (k * setup.scale).to(setup.device), v.to(setup.device)]


def _peak_bytes(device: torch.device) -> int:
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if platform.system() == "Darwin" else peak * 1024  # Linux reports KiB


def _synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def measure_one(method: str, length: int, setup: Setup) -> dict:
    """One (method, length) in this process: seconds (fastest of ``repeats``), peak extra MiB, mean KL."""
    runner, approximation = methods(setup)[method]
    scaling, causal, device = setup.head_dim ** -0.5, setup.causal, torch.device(setup.device)
    q, k, v = _inputs(length, setup)
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
    baseline = _peak_bytes(device)
    with torch.inference_mode():
        try:
            runner(q, k, v, scaling, causal)
            _synchronize(device)
        except (RuntimeError, MemoryError) as exc:  # out of memory at a long length
            return {"method": method, "length": length, "error": str(exc).splitlines()[0]}
        extra = max(0, _peak_bytes(device) - baseline)
        times = []
        for _ in range(setup.repeats):
            started = time.perf_counter()
            runner(q, k, v, scaling, causal)
            _synchronize(device)
            times.append(time.perf_counter() - started)
        kl = None
        if approximation is not None and length <= setup.error_limit:
            exact = exact_attention(q, k, scaling, causal)
            approx = approximate_attention(q, k, scaling, causal, approximation)
            kl = float(attention_errors(exact, approx, causal)["kl"].mean())
    # The fastest run is the least disturbed by other work on the machine; the median shows the spread.
    return {"method": method, "length": length, "seconds": min(times), "median_seconds": statistics.median(times),
            "peak_extra_mib": round(extra / 2**20, 2), "mean_kl": kl}


def run_benchmark(lengths: list[int], setup: Setup, only: list[str] | None = None) -> dict:
    """Every method at every length, each in a fresh process (see the module docstring)."""
    rows = []
    for method in only or methods(setup):
        for length in lengths:
            command = [sys.executable, "-m", "engine.cli", "attention", "benchmark", "--worker", method,
                       "--lengths", str(length), *setup.arguments()]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            row = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 and done.stdout.strip() \
                else {"method": method, "length": length, "error": done.stderr.strip().splitlines()[-1:] or "failed"}
            print(json.dumps(row, ensure_ascii=False), flush=True)
            rows.append(row)
    return {
        "device": _device_name(torch.device(setup.device), setup.threads), "torch": torch.__version__,
        "heads": setup.heads, "head_dim": setup.head_dim, "causal": setup.causal, "repeats": setup.repeats,
        "scale": setup.scale, "results": rows,
        "memory": "peak extra MiB over the inputs: process peak RSS on CPU, max_memory_allocated on CUDA",
    }


def _device_name(device: torch.device, threads: int) -> str:
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    return f"CPU ({platform.processor() or platform.machine()}, {threads} thread{'s' if threads != 1 else ''})"


def format_table(report: dict) -> str:
    """Seconds and peak MiB per method (rows) and length (columns)."""
    lengths = sorted({row["length"] for row in report["results"]})
    names = list(dict.fromkeys(row["method"] for row in report["results"]))
    cell = {(row["method"], row["length"]): row for row in report["results"]}
    width = max(len(name) for name in names)

    def show(row):
        if row is None or "error" in row:
            return f"{'—':>18}"
        kl = "" if row["mean_kl"] is None else f" kl={row['mean_kl']:.3g}"
        return f"{row['seconds'] * 1000:8.1f}ms {row['peak_extra_mib']:6.0f}MiB{kl}"

    lines = [f"{report['device']}, {report['heads']} heads × d={report['head_dim']}, "
             f"{'causal' if report['causal'] else 'bidirectional'}",
             " " * width + "".join(f" | n={n:<26}" for n in lengths)]
    lines += [name.ljust(width) + "".join(f" | {show(cell.get((name, n))):<28}" for n in lengths) for name in names]
    return "\n".join(lines)


def worker_row(method: str, length: int, setup: Setup) -> dict:
    """A worker process's measurement (``wenqi-cli attention benchmark --worker``), on the
    setup's thread count."""
    torch.set_num_threads(setup.threads)
    return measure_one(method, length, setup)


if __name__ == "__main__":  # the verb lives in the CLI; this name still works
    from engine.cli import main

    sys.exit(main(["attention", "benchmark", *sys.argv[1:]]))
