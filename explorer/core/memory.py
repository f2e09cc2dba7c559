"""Keep freed memory in the process instead of handing it back to the operating system.

Evaluating a million rows allocates a few hundred MB of arrays and frees them again.  By
default glibc returns large freed blocks to the system, so the next evaluation touches
fresh pages, and on virtual machines each first touch is costly: on the project's 2-core
machine this is about a third of the time of `evaluate` on 1M rows.  Raising glibc's mmap
and trim thresholds keeps that memory for reuse; the process's resident memory then
stays at its peak instead of falling back between evaluations.

Opt-in: the command line, the dashboard and the benchmarks call `keep_freed_memory()`; set
EXPLORER_KEEP_FREED_MEMORY=0 to leave the allocator alone.  A no-op where glibc's mallopt
is not available.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

ENV = "EXPLORER_KEEP_FREED_MEMORY"
_M_TRIM_THRESHOLD = -1
_M_TOP_PAD = -2
_M_MMAP_THRESHOLD = -3
_SETTINGS = (
    (_M_MMAP_THRESHOLD, 1 << 30),  # blocks below 1 GiB come from the heap and are reused
    (_M_TRIM_THRESHOLD, 1 << 30),  # keep up to 1 GiB of free heap rather than returning it
    (_M_TOP_PAD, 1 << 28),  # grow the heap 256 MiB at a time
)
_done = False


def keep_freed_memory() -> bool:
    """Tune glibc so that freed arrays are reused; True when the setting is in force."""
    global _done
    if _done:
        return True
    if os.environ.get(ENV, "1").strip().lower() in ("0", "false", "no", "off"):
        return False
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    ok = all(mallopt(option, value) == 1 for option, value in _SETTINGS)
    _done = ok
    return ok
