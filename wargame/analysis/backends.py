"""Where batches run: in this process, in a pool of processes on this machine, or on a Dask cluster.

A backend is a context manager (it starts and stops its workers) with
`workers` (how many batches run at once) and `start(groups, batches, master)`,
which hands every batch out at once and returns an iterator of
(batch, totals) in the order they finish. The caller merges totals as they
come, so nothing but a few kilobytes per batch in flight reaches the parent.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import signal
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from wargame.analysis.tasks import Batch, Group, play_batch
from wargame.errors import EXIT_USAGE, UserError

BACKENDS = ("processes", "dask")


class Backend(Protocol):
    """Where batches run: entered once (`with backend:`), then asked to start the batches of each run."""

    workers: int

    def __enter__(self) -> Backend: ...

    def __exit__(self, *exc: object) -> None: ...

    def start(
        self, groups: Sequence[Group], batches: list[Batch], master: int
    ) -> Iterator[tuple[Batch, dict[str, Any]]]: ...


class Inline:
    """Every batch in this process, one after another (`--workers 1`)."""

    workers = 1

    def __enter__(self) -> Inline:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def start(self, groups: Sequence[Group], batches: list[Batch], master: int) -> Iterator[tuple[Batch, dict]]:
        return ((b, play_batch(groups[b.group], b.first, b.end, master)) for b in batches)


_GROUPS: list = []


def _init_worker(groups: Sequence[Group]) -> None:
    """A worker leaves Ctrl+C to the parent, which stops the pool: one line, no worker tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _GROUPS[:] = groups


def _pool_batch(job: tuple[int, int, int, int]) -> tuple[int, int, int, dict]:
    group, first, end, master = job
    return group, first, end, play_batch(_GROUPS[group], first, end, master)


class Processes:
    """A pool of processes on this machine; the groups (with their texts) are handed over once, at start."""

    def __init__(self, workers: int):
        self.workers = workers
        self.pool: multiprocessing.pool.Pool | None = None
        self.groups: list[Group] = []

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None

    def start(self, groups: Sequence[Group], batches: list[Batch], master: int) -> Iterator[tuple[Batch, dict]]:
        if not batches:
            return iter(())
        if self.pool is None or self.groups != list(groups):  # a new sweep: workers that know its groups
            self.__exit__()
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            self.groups = list(groups)
            self.pool = ctx.Pool(min(self.workers, len(batches)), initializer=_init_worker, initargs=(self.groups,))
        jobs = [(b.group, b.first, b.end, master) for b in batches]
        done = self.pool.imap_unordered(_pool_batch, jobs, chunksize=1)
        return ((Batch(g, first, end), totals) for g, first, end, totals in done)


def open_backend(name: str, workers: int, scheduler: str | None) -> Backend:
    """The backend a command line asks for; `workers` 0 means one per core of this machine."""
    if scheduler and name != "dask":
        raise UserError("--scheduler ADDRESS goes with --backend dask", code=EXIT_USAGE)
    if name == "dask":
        from wargame.analysis.dask_backend import DaskBackend, require_dask

        require_dask()
        return DaskBackend(workers or os.cpu_count() or 1, scheduler)
    workers = workers or os.cpu_count() or 1
    return Inline() if workers == 1 else Processes(workers)
