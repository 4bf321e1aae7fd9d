"""A pool of worker processes on this machine, each running whole parts.

Each worker loads the pipeline once, in its initializer; the model is never pickled. At most two
parts per worker are in flight, so reading the inputs stays lazy and memory flat.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from itnet.engines.document import PartResult, PartSettings, PartTask, process_part, worker_pipeline

_KNOWN: frozenset[tuple[str, str, str]] = frozenset()
PARENT_CHECK_SECONDS = 0.5
EXIT_ORPHANED = 70  # EX_SOFTWARE: the worker has no one left to report to


def _start_worker(settings: PartSettings, known_documents: frozenset[tuple[str, str, str]]) -> None:
    global _KNOWN
    _KNOWN = known_documents
    # Ctrl-C is the parent's to handle: it stops handing out parts and keeps the finished ones.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    worker_pipeline(settings.model)


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed (`kill -9`) exits too: an orphan would keep the output
    folder's lock, inherited through fork, and every later run would be refused."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(EXIT_ORPHANED)


def _run_part(task: PartTask, settings: PartSettings) -> PartResult:
    return process_part(task, settings, _KNOWN)


class PoolEngine:
    def __init__(self, workers: int) -> None:
        self.workers = workers

    def run(self, tasks: Iterable[PartTask], settings: PartSettings, known_documents: frozenset[tuple[str, str, str]]) -> Iterator[PartResult]:
        # fork where there is one: workers inherit the imported modules (spaCy, the rules) and
        # only load the model; elsewhere they start afresh.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_start_worker, initargs=(settings, known_documents)
        ) as pool:
            pending: set[Future[PartResult]] = set()
            try:
                for task in tasks:
                    pending.add(pool.submit(_run_part, task, settings))
                    if len(pending) >= 2 * self.workers:
                        done, pending = wait(pending, return_when=FIRST_COMPLETED)
                        yield from (future.result() for future in done)
                while pending:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    yield from (future.result() for future in done)
            except BaseException:
                for future in pending:
                    future.cancel()
                raise
