"""Engines: where the parts of a run are processed.

- `local`: in this process, one part after another.
- `pool`: a pool of N worker processes on this machine, each loading the pipeline once and
  running whole parts (ingest, nlp, normalise, link, part file). Faster than spaCy's own
  `n_process`, which parallelises only `nlp.pipe` and ships every Doc back to the parent.
- `dask`: the parts as Dask tasks on a local cluster, or on an existing one (`scheduler`);
  the workers must see the inputs and the output folder at the same paths (a shared file system).

Every engine runs `itnet.engines.document.process_part` and yields a `PartResult` per part as
parts finish; the part files carry the order, so outputs do not depend on the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from itnet.engines.document import PartResult, PartSettings, PartTask
from itnet.errors import Errors, PipelineError

ENGINES = ("local", "dask")


class Engine(Protocol):
    def run(self, tasks: Iterable[PartTask], settings: PartSettings, known_documents: frozenset[tuple[str, str, str]]) -> Iterator[PartResult]:
        ...


def make_engine(name: str = "local", workers: int = 1, scheduler: str | None = None) -> Engine:
    if workers < 1:
        raise PipelineError(Errors.E042.format(workers=workers))
    if name == "dask" or scheduler:
        from itnet.engines.dask import DaskEngine

        return DaskEngine(workers=workers, scheduler=scheduler)
    if workers > 1:
        from itnet.engines.pool import PoolEngine

        return PoolEngine(workers=workers)
    from itnet.engines.local import LocalEngine

    return LocalEngine()
