"""Time and memory of exact softmax attention and its approximations versus sequence length.

Synthetic queries, keys and values (Gaussian, ``heads × n × head_dim``) stand in for a layer.
Each (method, length) runs in its own process so its peak memory can be read cleanly:
the process's peak resident memory on the CPU, ``max_memory_allocated`` on CUDA, both minus
what the inputs already took. The approximations run in their linear-time form
(``linear_attention_output``) except Taylor order 4, whose d⁴ features leave only the
quadratic form. Errors (mean row KL against softmax) are measured up to ``--error-limit``.

    python -m engine.attention.benchmark --json runs/attention/benchmark.json
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import torch

from engine.attention.approx import (Approximation, approximate_attention, attention_errors, exact_attention,
                                     feature_maps, linear_attention_output, taylor_kernel)
from engine.runtime.device import default_threads

DEFAULT_LENGTHS = (256, 512, 1024, 2048, 4096)


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


def methods(head_dim: int) -> dict[str, tuple]:
    """name → (runner, the Approximation for its errors or None for exact softmax)."""
    favor_small, favor_large = Approximation("favor", features=head_dim), Approximation("favor", features=4 * head_dim)
    elu, taylor2 = Approximation("elu"), Approximation("taylor", order=2)
    return {
        "softmax (n×n map)": (_softmax_full, None),
        "softmax (fused SDPA)": (_softmax_fused, None),
        f"FAVOR+ m={head_dim}": (_linear(favor_small), favor_small),
        f"FAVOR+ m={4 * head_dim}": (_linear(favor_large), favor_large),
        "elu+1 linear": (_linear(elu), elu),
        "Taylor order 2 (linear, 1+d+d² features)": (_linear(taylor2), taylor2),
        "Taylor order 4 (quadratic)": (_taylor4_quadratic, Approximation("taylor", order=4)),
    }


def _inputs(length, heads, head_dim, device, seed=0):
    generator = torch.Generator().manual_seed(seed)
    return [torch.randn(heads, length, head_dim, generator=generator).to(device) for _ in range(3)]


def _peak_bytes(device: torch.device) -> int:
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if platform.system() == "Darwin" else peak * 1024  # Linux reports KiB


def _synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def measure_one(method: str, length: int, heads: int, head_dim: int, causal: bool, repeats: int,
                device: torch.device, error_limit: int) -> dict:
    """One (method, length) in this process: seconds (fastest of ``repeats``), peak extra MiB, mean KL."""
    runner, approximation = methods(head_dim)[method]
    scaling = head_dim ** -0.5
    q, k, v = _inputs(length, heads, head_dim, device)
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
        for _ in range(repeats):
            started = time.perf_counter()
            runner(q, k, v, scaling, causal)
            _synchronize(device)
            times.append(time.perf_counter() - started)
        kl = None
        if approximation is not None and length <= error_limit:
            exact = exact_attention(q, k, scaling, causal)
            approx = approximate_attention(q, k, scaling, causal, approximation)
            kl = float(attention_errors(exact, approx, causal)["kl"].mean())
    # The fastest run is the least disturbed by other work on the machine; the median shows the spread.
    return {"method": method, "length": length, "seconds": min(times), "median_seconds": statistics.median(times),
            "peak_extra_mib": round(extra / 2**20, 2), "mean_kl": kl}


def run_benchmark(lengths, heads: int, head_dim: int, causal: bool, repeats: int, device: str,
                  error_limit: int, threads: int, only: list[str] | None = None) -> dict:
    """Every method at every length, each in a fresh process (see the module docstring)."""
    rows = []
    for method in only or methods(head_dim):
        for length in lengths:
            command = [sys.executable, "-m", "engine.attention.benchmark", "--worker", method,
                       "--lengths", str(length), "--heads", str(heads), "--head-dim", str(head_dim),
                       "--repeats", str(repeats), "--device", device, "--error-limit", str(error_limit),
                       "--threads", str(threads)]
            if not causal:
                command.append("--bidirectional")
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            row = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 and done.stdout.strip() \
                else {"method": method, "length": length, "error": done.stderr.strip().splitlines()[-1:] or "failed"}
            print(json.dumps(row, ensure_ascii=False), flush=True)
            rows.append(row)
    return {
        "device": _device_name(torch.device(device), threads), "torch": torch.__version__,
        "heads": heads, "head_dim": head_dim, "causal": causal, "repeats": repeats, "results": rows,
        "memory": "peak extra MiB over the inputs: process peak RSS on CPU, max_memory_allocated on CUDA",
    }


def _device_name(device: torch.device, threads: int) -> str:
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    return f"CPU ({platform.processor() or platform.machine()}, {threads} thread{'s' if threads != 1 else ''})"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lengths", type=int, nargs="+", default=list(DEFAULT_LENGTHS))
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--head-dim", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--device", default="cpu", help="cpu or cuda:N")
    parser.add_argument("--threads", type=int, default=default_threads(), help="CPU threads (default: as the app)")
    parser.add_argument("--bidirectional", action="store_true", help="no causal mask (encoder attention)")
    parser.add_argument("--error-limit", type=int, default=1024, help="measure errors up to this length")
    parser.add_argument("--method", action="append", default=None, help="only this method (repeatable)")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")


def run_from_arguments(args: argparse.Namespace) -> int:
    if any(n < 1 for n in args.lengths) or args.heads < 1 or args.head_dim < 2 or args.repeats < 1:
        raise ValueError("Lengths, heads and repeats must be positive and the head size at least 2.")
    known = methods(args.head_dim)
    unknown = [m for m in args.method or [] if m not in known]
    if unknown:
        raise ValueError(f"Unknown method {unknown[0]!r}; choose from: {', '.join(known)}")
    report = run_benchmark(sorted(args.lengths), args.heads, args.head_dim, not args.bidirectional, args.repeats,
                           args.device, args.error_limit, args.threads, args.method)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(format_table(report))
    return 0


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.attention.benchmark", description=__doc__.split("\n")[0])
    add_arguments(parser)
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is not None:
        torch.set_num_threads(args.threads)
        row = measure_one(args.worker, args.lengths[0], args.heads, args.head_dim, not args.bidirectional,
                          args.repeats, torch.device(args.device), args.error_limit)
        print(json.dumps(row, ensure_ascii=False))
        return 0
    return run_from_arguments(args)


if __name__ == "__main__":
    sys.exit(main())
