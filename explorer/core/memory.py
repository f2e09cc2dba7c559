"""Keep freed memory in the process instead of handing it back to the operating system.

Evaluating a million rows allocates a few hundred MB of arrays and frees them again.  By
default glibc returns large freed blocks to the system, so the next evaluation touches
fresh pages, and on virtual machines each first touch is costly: on the project's 2-core
machine this is about a third of the time of `evaluate` on 1M rows.  Raising glibc's mmap
and trim thresholds keeps that memory for reuse; the process's resident memory then
stays at its peak instead of falling back between evaluations.

A dashboard kernel lives on after its reader moves from a big grid to a small one: there
`release_freed_memory()` (glibc's malloc_trim) hands the freed pages back at that moment.

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


def _libc() -> ctypes.CDLL | None:
    """The C library, or None where it cannot be found."""
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        return ctypes.CDLL(name)
    except OSError:
        return None


def keep_freed_memory() -> bool:
    """Tune glibc so that freed arrays are reused; True when the setting is in force."""
    global _done
    if _done:
        return True
    if os.environ.get(ENV, "1").strip().lower() in ("0", "false", "no", "off"):
        return False
    libc = _libc()
    mallopt = getattr(libc, "mallopt", None)
    if mallopt is None:
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    ok = all(mallopt(option, value) == 1 for option, value in _SETTINGS)
    _done = ok
    return ok


def release_freed_memory() -> bool:
    """Give the memory freed so far back to the operating system (glibc malloc_trim); True if done."""
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is None:
        return False
    trim.argtypes = [ctypes.c_size_t]
    return bool(trim(0))
