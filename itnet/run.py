"""The whole path for a set of inputs: ingest → nlp → normalise → link → export.

Inputs are split into parts (chunks) that an engine processes (in this process, a process pool
or Dask; see `itnet.engines`); each part's rows are written as soon as it is done into the
output folder's staging area, and `itnet.export.publish` streams them into the output files,
so memory stays flat on any corpus. A document that fails at any step gets an error row and the
run goes on.

Incremental runs: a document whose doc_id, text hash and model are already in the output folder's outputs
is skipped and its previous rows are kept; the outputs accumulate. Parts left by an interrupted
run (same model and settings) are reused, so a re-run completes it. `force` redoes every input
and writes outputs that hold this run's documents only.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from tqdm import tqdm

import itnet
from itnet.engines import make_engine
from itnet.engines.document import PartSettings, PartTask
from itnet.errors import Errors, PipelineError
from itnet.export import Staging, previous_documents, publish
from itnet.ingest import DEFAULT_MAX_BYTES, InputFile, iter_inputs
from itnet.nlp.build import resolve_model
from itnet.sinks import parse_sink, write_sink

CHUNK_SIZE = 32
DEFAULT_DOC_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class RunSummary:
    documents: int
    ok: int
    errors: int
    model: str
    out_dir: Path
    skipped: int = 0
    resumed: int = 0


def run_pipeline(
    inputs: Sequence[str | Path],
    out_dir: Path,
    model: str | None = None,
    quiet: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    neutralise_csv: bool = True,
    batch_size: int = 16,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
    force: bool = False,
    chunk_size: int = CHUNK_SIZE,
    sinks: Sequence[str] = (),
    parquet: bool = False,
) -> RunSummary:
    out_dir = Path(out_dir)
    for spec in sinks:
        parse_sink(spec)  # a bad sink is said before any work
    # --force replaces the outputs whole, so earlier documents neither keep ids nor are skipped
    previous = {} if force else previous_documents(out_dir)
    files = list(iter_inputs(inputs, previous={doc_id: source for doc_id, (source, _, _) in previous.items()}))
    if not files:
        raise PipelineError(Errors.E021.format(paths=", ".join(map(str, inputs))))
    runner = make_engine(engine, workers, scheduler)
    settings = PartSettings(
        model=resolve_model(model), max_bytes=max_bytes, batch_size=batch_size, doc_timeout=doc_timeout or None
    )
    fingerprint = {"pipeline_version": itnet.__version__, "model": settings.model, "max_bytes": max_bytes}
    staging = Staging(out_dir, fingerprint, force=force)
    try:
        next_part, done, resumed = staging.resume()
        known = frozenset(done | {(doc_id, text_hash, model) for doc_id, (_, text_hash, model) in previous.items()})
        tasks = _tasks(staging, files, next_part, chunk_size)
        ok = errors = skipped = 0
        model_name = settings.model
        components: tuple[str, ...] = ()
        with tqdm(total=len(files), unit="doc", disable=quiet or len(files) < 2, file=sys.stderr) as progress:
            for result in runner.run(tasks, settings, known):
                ok, errors, skipped = ok + result.ok, errors + result.errors, skipped + result.skipped
                model_name, components = result.model, result.components
                progress.update(result.documents + result.skipped)
        run_info = {
            "pipeline_version": itnet.__version__,
            "model": model_name,
            "components": list(components),
            "inputs": [str(p) for p in inputs],
            "documents": len(files),
            "ok": ok,
            "errors": errors,
            "skipped": skipped,
            "resumed": resumed,
        }
        publish(staging, neutralise_csv=neutralise_csv, carry_previous=not force, run_info=run_info, parquet=parquet)
        for spec in sinks:
            write_sink(spec, out_dir)
    finally:
        staging.release()
    return RunSummary(
        documents=len(files), ok=ok, errors=errors, model=model_name, out_dir=out_dir, skipped=skipped, resumed=resumed
    )


def _tasks(staging: Staging, files: list[InputFile], first_number: int, size: int) -> Iterator[PartTask]:
    iterator = iter(files)
    number = first_number
    while chunk := tuple(islice(iterator, size)):
        yield PartTask(number=number, items=chunk, path=staging.part_path(number))
        number += 1
