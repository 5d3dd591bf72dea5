"""The Dask backend: batches on a Dask cluster, a local one or one at a scheduler's address.

Tasks are `tasks.play_batch`, imported by name on each worker (so workers run
the installed package, and the scenario is loaded once per worker and kept by
digest). The groups, with their scenario texts, are scattered to every worker
once; a task carries only its group's key and its game numbers.
"""

from __future__ import annotations

import contextlib
import logging
import signal
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from wargame.analysis.tasks import Batch, Group, play_batch
from wargame.errors import EXIT_USAGE, UserError

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

CONNECT_TIMEOUT = "20s"


def require_dask() -> None:
    """One line, exit 2, when the optional extra is not installed."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UserError(
            "--backend dask needs Dask, which is not installed: pip install 'wargame[dask]'", code=EXIT_USAGE
        ) from None


class DaskBackend:
    """A Dask client: to the scheduler at `scheduler`, else to a cluster of `workers` processes started here."""

    def __init__(self, workers: int, scheduler: str | None = None):
        self.requested = workers
        self.scheduler = scheduler
        self.workers = workers
        self.client: Client | None = None
        self.cluster: LocalCluster | None = None

    def __enter__(self) -> DaskBackend:
        import dask
        from distributed import Client, LocalCluster

        # Dask's statistical profiler samples every worker's stack each 10 ms: on these pure-Python
        # batches it cost 15-20% of the run (bench/sweep.py), and nothing here reads its profiles.
        # Local workers get this setting; a remote cluster's workers have their own (docs/simulate.md).
        dask.config.set({"distributed.worker.profile.enabled": False})

        for name in ("distributed", "tornado", "asyncio"):  # the report owns the terminal, not Dask's logs
            logging.getLogger(name).setLevel(logging.CRITICAL)
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            else:
                # workers started while Ctrl+C is ignored keep ignoring it (it survives exec), so Ctrl+C
                # reaches this process alone, which closes the cluster: no worker dies mid-start
                previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
                try:
                    self.cluster = LocalCluster(
                        n_workers=self.requested,
                        threads_per_worker=1,
                        processes=True,
                        host="127.0.0.1",
                        dashboard_address=None,
                        # no dashboard; its HTTP server (health checks) on a free port, not 8787,
                        # so two local runs side by side do not collide
                        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                        silence_logs=logging.CRITICAL,
                    )
                finally:
                    signal.signal(signal.SIGINT, previous)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError, ValueError, RuntimeError) as exc:
            self.__exit__()
            where = f"the Dask scheduler at {self.scheduler}" if self.scheduler else "a local Dask cluster"
            raise UserError(f"cannot reach {where}: {exc}") from None
        self.workers = max(1, sum(self.client.nthreads().values()))
        return self

    def __exit__(self, *exc: object) -> None:
        # closing after Ctrl+C or a lost worker may itself fail: the run is over either way
        for part in (self.client, self.cluster):
            if part is not None:
                with contextlib.suppress(Exception):
                    part.close()
        self.client = self.cluster = None

    def start(self, groups: Sequence[Group], batches: list[Batch], master: int) -> Iterator[tuple[Batch, dict]]:
        from distributed import as_completed

        client = self.client
        if client is None:
            raise RuntimeError("DaskBackend.start outside its 'with' block")
        shared = client.scatter(list(groups), broadcast=True) if batches else []
        futures = {client.submit(play_batch, shared[b.group], b.first, b.end, master, pure=False): b for b in batches}

        def results() -> Iterator[tuple[Batch, dict]]:
            for future in as_completed(list(futures)):
                batch = futures.pop(future)
                try:
                    totals = future.result()
                except Exception as exc:  # a worker without the package, or one that died: say which
                    raise UserError(f"a Dask worker failed on games {batch.first}..{batch.end - 1}: {exc}") from None
                future.release()
                yield batch, totals

        return results()
