"""The per-document path (ingest → nlp → normalise → link → record) and the unit every engine
runs: one *part*, a chunk of inputs whose rows are written to one part file.

Every engine (in-process, process pool, Dask) runs `process_part`, so their outputs are the same
by construction; they differ only in where the function runs. The spaCy pipeline is loaded once
per process through a module-level cache keyed by model name and is never pickled.

Time budget (`doc_timeout`): where the part runs on a process's main thread (the local engine and
the process pool) a SIGALRM timer interrupts a document over its budget between two Python
bytecodes, the document gets an E006 row, and the run goes on. Limits: code that never returns to
the interpreter (one long C call, such as a pathological regular expression) is only interrupted
when it returns; in a batch, the statistical model's time is shared, so a batch gets
budget × batch size and is redone one document at a time (each with its own budget) when it runs
over. Off the main thread (Dask runs tasks in worker threads) signals are not available and the
budget is checked after each stage instead: a document over it still gets E006, but only once
the slow stage has finished.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from itnet.errors import Errors
from itnet.export import write_part
from itnet.ingest import IngestedDocument, InputFile, read_document
from itnet.link import link
from itnet.mentions import AnnotatedDocument
from itnet.nlp.annotate import annotate, annotate_one
from itnet.nlp.build import LoadedPipeline, load_pipeline
from itnet.normalise import normalise
from itnet.schema import Document, DocumentStatus, Entity, Membership, Participant


@dataclass(frozen=True, slots=True)
class PartSettings:
    """What a worker needs besides the inputs; small and picklable (the model travels by name)."""

    model: str
    max_bytes: int
    batch_size: int = 16
    doc_timeout: float | None = None


@dataclass(frozen=True, slots=True)
class PartTask:
    number: int
    items: tuple[InputFile, ...]
    path: Path


@dataclass(frozen=True, slots=True)
class PartResult:
    number: int
    path: Path
    documents: int
    ok: int
    errors: int
    skipped: int
    model: str
    components: tuple[str, ...] = field(default=())


ENTITY_FIELDS = tuple(Entity.model_fields)
_PIPELINES: dict[str, LoadedPipeline] = {}
_PIPELINE_LOCK = threading.Lock()


def worker_pipeline(model: str) -> LoadedPipeline:
    """The pipeline for `model`, loaded at most once in this process."""
    with _PIPELINE_LOCK:
        if model not in _PIPELINES:
            _PIPELINES[model] = load_pipeline(model)
        return _PIPELINES[model]


def process_part(task: PartTask, settings: PartSettings, known_documents: frozenset[tuple[str, str, str]] = frozenset()) -> PartResult:
    """Process one chunk of inputs and write its rows to `task.path` (atomically).

    Inputs whose (doc_id, text hash, model) is in `known_documents` are already in the outputs and are skipped:
    another model redoes them.
    Holds the pipeline lock throughout: a spaCy pipeline is not meant to be shared by threads.
    """
    loaded = worker_pipeline(settings.model)
    with _PIPELINE_LOCK:
        rows = list(process_chunk(loaded, list(task.items), settings, known_documents))
    write_part(task.path, rows)
    return PartResult(
        number=task.number,
        path=task.path,
        documents=len(rows),
        ok=sum(status.status == "ok" for status, _ in rows),
        errors=sum(status.status == "error" for status, _ in rows),
        skipped=len(task.items) - len(rows),
        model=loaded.model,
        components=tuple(loaded.nlp.pipe_names),
    )


class DocumentTimeout(BaseException):
    """Raised inside a document's work when its budget is spent. A BaseException, so that a
    component's own `except Exception` cannot swallow it."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Interrupt the block with DocumentTimeout after `seconds`, where signals allow it;
    elsewhere raise it after the block when the block took longer."""
    if not seconds:
        yield
        return
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        started = time.perf_counter()
        yield
        if time.perf_counter() - started > seconds:
            raise DocumentTimeout
        return

    def expire(signum, frame):
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_chunk(
    loaded: LoadedPipeline,
    chunk: list[InputFile],
    settings: PartSettings,
    known_documents: frozenset[tuple[str, str, str]] = frozenset(),
) -> Iterator[tuple[DocumentStatus, Document | None]]:
    """Each input of the chunk not already known, in order, with its status row and its record."""
    budget = settings.doc_timeout
    timeout_error = Errors.E006.format(budget=budget)
    ingested: list[IngestedDocument | DocumentStatus] = []
    for item in chunk:
        try:
            with time_budget(budget):
                ingested.append(read_document(item, max_bytes=settings.max_bytes))
        except DocumentTimeout:
            ingested.append(_status_for(item, timeout_error, loaded.model))
    readable = [
        doc for doc in ingested
        if isinstance(doc, IngestedDocument) and doc.error is None and (doc.doc_id, doc.text_sha256, loaded.model) not in known_documents
    ]
    annotated = dict(zip((id(doc) for doc in readable), _annotate_all(loaded, readable, settings)))
    for doc in ingested:
        if isinstance(doc, DocumentStatus):
            yield doc, None
        elif doc.error is not None:
            yield _status(doc, "error", doc.error, loaded.model), None
        elif id(doc) not in annotated:
            continue  # already in the outputs
        elif isinstance(result := annotated[id(doc)], str):
            yield _status(doc, "error", result, loaded.model), None
        else:
            try:
                with time_budget(budget):
                    document = build_document(normalise(result))
            except DocumentTimeout:
                yield _status(doc, "error", timeout_error, loaded.model), None
            except Exception as error:  # one document's failure must not stop the run
                yield _status(doc, "error", Errors.E030.format(reason=_one_line(error)), loaded.model), None
            else:
                yield _status(doc, "ok", None, loaded.model, document), document


def _annotate_all(
    loaded: LoadedPipeline, docs: list[IngestedDocument], settings: PartSettings
) -> list[AnnotatedDocument | str]:
    """Annotate a batch; if the batch fails or runs over, redo it one by one so only the culprit errs.

    The batch has one document's budget, not one per document: a batch of normal documents
    takes a fraction of it, and a slow one then holds the run for twice its budget at most
    (the batch, then its own try), never for the budget times the part's size."""
    if not docs:
        return []
    try:
        with time_budget(settings.doc_timeout):
            return list(annotate(loaded.nlp, docs, loaded.model, batch_size=settings.batch_size))
    except (Exception, DocumentTimeout):
        results: list[AnnotatedDocument | str] = []
        for doc in docs:
            try:
                with time_budget(settings.doc_timeout):
                    results.append(annotate_one(loaded.nlp, doc, loaded.model))
            except DocumentTimeout:
                results.append(Errors.E006.format(budget=settings.doc_timeout))
            except Exception as error:
                results.append(Errors.E030.format(reason=_one_line(error)))
        return results


def build_document(doc: AnnotatedDocument) -> Document:
    memberships, projects = link(doc)
    # the sentence each record stands on, so that a table row reads without the text
    records: list[Membership | Participant] = [*memberships, *(p for project in projects for p in project.participants)]
    for record in records:
        if record.evidence is not None:
            record.evidence_text = doc.original[record.evidence.start : record.evidence.end]
    # a Mention carries every field of an Entity, under the same names
    entities = [Entity(**{name: getattr(m, name) for name in ENTITY_FIELDS}) for m in doc.mentions]
    return Document(
        doc_id=doc.doc_id,
        source=doc.source,
        text_sha256=doc.text_sha256,
        published=doc.published,
        entities=entities,
        memberships=memberships,
        projects=projects,
        text=doc.original,
    )


def _status(
    doc: IngestedDocument, status: str, error: str | None, model: str, document: Document | None = None
) -> DocumentStatus:
    return DocumentStatus(
        doc_id=doc.doc_id,
        source=doc.source,
        status=status,
        error=error,
        encoding=doc.encoding,
        chars=len(doc.original),
        entities=len(document.entities) if document else 0,
        memberships=len(document.memberships) if document else 0,
        projects=len(document.projects) if document else 0,
        model=model,
        text_sha256=doc.text_sha256 or None,
    )


def _status_for(item: InputFile, error: str, model: str) -> DocumentStatus:
    return DocumentStatus(doc_id=item.doc_id, source=item.source, status="error", error=error, model=model)


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}".strip()
