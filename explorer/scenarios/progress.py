"""Progress bars for long runs, in a terminal and in a notebook alike.

Chunked pandas loops use tqdm.auto (a text bar in a terminal, a widget in Jupyter).  Dask
work uses distributed.progress when a distributed Client is active (a real cluster or a
LocalCluster), else dask.diagnostics.ProgressBar for the local scheduler.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def progress_iter(items: Iterable[Any], total: int | None = None, desc: str = "",
                  enabled: bool = True) -> Iterator[Any]:
    """`items` unchanged, with a tqdm bar when enabled."""
    if not enabled:
        yield from items
        return
    from tqdm.auto import tqdm

    yield from tqdm(items, total=total, desc=desc, unit="chunk")


def active_client() -> Any:
    """The current distributed Client, or None when Dask runs on its local scheduler."""
    try:
        from distributed import get_client
    except ImportError:  # pragma: no cover - distributed is a dependency
        return None
    try:
        return get_client()
    except ValueError:
        return None


def compute(*collections: Any, progress: bool = True) -> tuple[Any, ...]:
    """dask.compute with a progress bar suited to the scheduler in use."""
    import dask

    client = active_client()
    if client is not None:
        futures = client.compute(list(collections))
        if progress:
            from distributed import progress as show_progress

            show_progress(futures)
        return tuple(client.gather(futures))
    if not progress:
        return dask.compute(*collections)
    from dask.diagnostics import ProgressBar

    with ProgressBar():
        return dask.compute(*collections)
