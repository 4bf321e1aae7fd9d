"""Parts as Dask tasks, on a local cluster or an existing scheduler.

Dask is an optional extra (`pip install '.[dask]'`), imported only here. Workers load the
pipeline once per process through the module-level cache of `itnet.engines.document`; the
task function and its small arguments travel, the model does not. Each task writes its part file
into the output folder's staging area, so with `--scheduler` the workers must see the inputs and
the output folder at the same paths.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from itnet.engines.document import PartResult, PartSettings, PartTask, process_part
from itnet.errors import Errors, PipelineError


class DaskEngine:
    def __init__(self, workers: int = 1, scheduler: str | None = None) -> None:
        self.workers = workers
        self.scheduler = scheduler

    def run(self, tasks: Iterable[PartTask], settings: PartSettings, known_documents: frozenset[tuple[str, str, str]]) -> Iterator[PartResult]:
        try:
            from dask.distributed import Client, LocalCluster, as_completed
        except ImportError as error:
            raise PipelineError(Errors.E040.format(reason=error)) from None
        cluster = None
        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout="10s")
            except (OSError, TimeoutError, ValueError) as error:
                raise PipelineError(Errors.E041.format(address=self.scheduler, reason=error)) from None
        else:
            # One thread per worker process: a spaCy pipeline is not shared between threads.
            cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        try:
            known = client.scatter([known_documents], broadcast=True)[0] if known_documents else frozenset()
            futures = [client.submit(process_part, task, settings, known, pure=False) for task in tasks]
            for future in as_completed(futures):
                yield future.result()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
