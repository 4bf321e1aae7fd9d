"""The Python API: the whole pipeline on texts and files in memory, no output folder.

    import itnet

    document = itnet.extract("Il Comune di Bari è entrato nella rete Cittaslow nel 2022.")
    for document in itnet.extract_many(["…", "…"]):  # streamed, tagged in batches
        ...
    nlp = itnet.load()                  # the spaCy pipeline itself, for spaCy users

or, with a model of your choice loaded once:

    from itnet.api import Extractor

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
from functools import cache
from pathlib import Path

from itnet.engines.document import build_document
from itnet.errors import PipelineError
from itnet.ingest import DEFAULT_MAX_BYTES, IngestedDocument, InputError, document_from_text, iter_inputs, read_document
from itnet.nlp.annotate import annotate
from itnet.nlp.build import load_pipeline
from itnet.normalise import normalise
from itnet.schema import Document


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

    def extract(self, text: str, doc_id: str = "text", input_format: str = "text", *,
                published: str | None = None, source: str | None = None) -> Document:
        """One text ("text", "markdown" or "html"). `published`: the document's own date (ISO),
        which relative dates ("lo scorso 12 marzo") resolve against; by default the date the
        text states for itself. `source`: where it came from (a URL), kept on the Document."""
        try:
            ingested = document_from_text(text, doc_id=doc_id, source=source or "<text>", input_format=input_format)
        except InputError as error:
            raise PipelineError(str(error)) from None
        return next(self._documents([ingested], published))

    def extract_many(self, texts: Iterable[str | tuple[str, str]], input_format: str = "text",
                     batch_size: int | None = None) -> Iterator[Document]:
        """Texts, or (doc_id, text) pairs, streamed: read and tagged `batch_size` at a time,
        documents yielded in the same order; a bare text's doc_id is its position ("text-3")."""
        size = batch_size or self.batch_size
        batch: list[IngestedDocument] = []
        for position, item in enumerate(texts):
            doc_id, text = item if isinstance(item, tuple) else (f"text-{position}", item)
            try:
                batch.append(document_from_text(text, doc_id=doc_id, input_format=input_format))
            except InputError as error:
                raise PipelineError(f"{doc_id}: {error}") from None
            if len(batch) == size:
                yield from self._documents(batch)
                batch = []
        yield from self._documents(batch)

    def extract_file(self, path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
        """A .txt, .md or .html file, decoded and cleaned as `run` does."""
        ingested = read_document(next(iter_inputs([Path(path)])), max_bytes=max_bytes)
        if ingested.error is not None:
            raise PipelineError(ingested.error)
        return next(self._documents([ingested]))

    def _documents(self, ingested: list[IngestedDocument], published: str | None = None) -> Iterator[Document]:
        for annotated in annotate(self.loaded.nlp, ingested, self.loaded.model, batch_size=self.batch_size, published=published):
            yield build_document(normalise(annotated))


@cache
def default_extractor() -> Extractor:
    """The Extractor of the default model, loaded on first use and kept for the process."""
    return Extractor()
