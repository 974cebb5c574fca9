"""Helpers shared by the benchmark scripts: machine info, timing, peak memory."""

from __future__ import annotations

import ctypes
import gc
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable


def machine_info() -> str:
    import numpy
    import sklearn

    try:
        import imblearn

        imblearn_version = imblearn.__version__
    except ImportError:  # pragma: no cover
        imblearn_version = "absent"
    return (
        f"{platform.machine()} {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, numpy {numpy.__version__}, scikit-learn "
        f"{sklearn.__version__}, imbalanced-learn {imblearn_version}"
    )


def best_time(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` calls: the least disturbed measurement."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_rss_increase(script: str, case: str, *extra_args: str) -> float:
    """Peak resident memory (MiB) a case adds above its process's baseline.

    The case runs in a fresh interpreter (``script --child case ...``), which
    reports its RSS after setup and its peak RSS (``ru_maxrss``) at the end.
    A fresh process per case keeps one case's freed memory from hiding another's.
    """
    out = subprocess.run(
        [sys.executable, script, "--child", case, *extra_args],
        check=True,
        capture_output=True,
        text=True,
    )
    report = json.loads(out.stdout.strip().splitlines()[-1])
    return (report["peak"] - report["baseline"]) / 2**20


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def child_report(run: Callable[[], object], setup: Callable[[], object]) -> None:
    """In a child process: setup, note RSS, run once, print baseline and peak.

    The peak is the kernel's high-water mark (VmHWM), reset to the current RSS
    after setup, once the setup's freed heap pages are returned to the system.
    ``ru_maxrss`` would not do: Linux carries it across exec from the parent,
    so a child would report the parent's size as its own peak.
    """
    setup()
    gc.collect()
    # Give the setup's freed memory back to the system, so that the run
    # cannot reuse it unseen (glibc keeps freed heap pages mapped).
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # 5: reset the peak RSS to the current RSS
    baseline = _status_kib("VmRSS") * 1024
    run()
    peak = _status_kib("VmHWM") * 1024
    print(json.dumps({"baseline": baseline, "peak": peak}))
