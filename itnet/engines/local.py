"""The in-process engine: parts one after another, the pipeline loaded once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from itnet.engines.document import PartResult, PartSettings, PartTask, process_part


class LocalEngine:
    def run(self, tasks: Iterable[PartTask], settings: PartSettings, known_documents: frozenset[tuple[str, str, str]]) -> Iterator[PartResult]:
        for task in tasks:
            yield process_part(task, settings, known_documents)
