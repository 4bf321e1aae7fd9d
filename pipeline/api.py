"""The Python API: the whole pipeline on texts and files in memory, no output folder.

    from pipeline.api import Extractor

    extractor = Extractor()            # loads the models once
    document = extractor.extract("Il Comune di Bari è entrato nella rete Cittaslow nel 2022.")
    for membership in document.memberships:
        print(membership.member, membership.network, membership.status, membership.date)

`extract` returns the schema's `Document` (entities, memberships, projects, the text their
offsets index); `extract_file` reads a .txt, .md or .html file as `run` would. Bad input
raises `PipelineError` with the same numbered one-line message `run` writes in its row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.engines.document import build_document
from pipeline.errors import PipelineError
from pipeline.ingest import DEFAULT_MAX_BYTES, IngestedDocument, InputError, document_from_text, iter_inputs, read_document
from pipeline.nlp.annotate import annotate
from pipeline.nlp.build import load_pipeline
from pipeline.normalise import normalise
from pipeline.schema import Document


class Extractor:
    def __init__(self, model: str | None = None, batch_size: int = 16) -> None:
        """`model`: a spaCy package name or path; by default as for `run` (it_core_news_sm
        where installed, else the project's model)."""
        self.loaded = load_pipeline(model)
        self.batch_size = batch_size

    @property
    def model(self) -> str:
        """The models that process the texts, as documents.csv names them."""
        return self.loaded.model

    def extract(self, text: str, doc_id: str = "text", input_format: str = "text") -> Document:
        """One text ("text", "markdown" or "html")."""
        try:
            ingested = document_from_text(text, doc_id=doc_id, input_format=input_format)
        except InputError as error:
            raise PipelineError(str(error)) from None
        return next(self._documents([ingested]))

    def extract_many(self, texts: Iterable[tuple[str, str]], input_format: str = "text") -> Iterator[Document]:
        """(doc_id, text) pairs, tagged in batches; documents in the same order."""
        ingested = []
        for doc_id, text in texts:
            try:
                ingested.append(document_from_text(text, doc_id=doc_id, input_format=input_format))
            except InputError as error:
                raise PipelineError(f"{doc_id}: {error}") from None
        return self._documents(ingested)

    def extract_file(self, path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
        """A .txt, .md or .html file, decoded and cleaned as `run` does."""
        ingested = read_document(next(iter_inputs([Path(path)])), max_bytes=max_bytes)
        if ingested.error is not None:
            raise PipelineError(ingested.error)
        return next(self._documents([ingested]))

    def _documents(self, ingested: list[IngestedDocument]) -> Iterator[Document]:
        for annotated in annotate(self.loaded.nlp, ingested, self.loaded.model, batch_size=self.batch_size):
            yield build_document(normalise(annotated))
