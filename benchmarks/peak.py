"""Peak memory and processor time of this process and its children, from ``getrusage``."""

from __future__ import annotations

import resource
import sys


def peak_mib() -> dict[str, float]:
    """Peak resident memory in MiB: of this process, and of its largest child process."""
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / 2**20
    return {"peak_mib": round(own, 1), "peak_child_mib": round(child, 1)}


def cpu_seconds() -> float:
    """Processor time used so far by this process and its finished children."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total
