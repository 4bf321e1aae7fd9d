"""Italian press releases → entities → membership and project records → CSV and JSON.

Stages, data flowing one way: ingest → nlp → normalise → link → export.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from itnet.schema import Document

__version__ = "0.1.0"


# The API's entry points; spaCy and the models load on first call, not on `import itnet`.
def extract(text: str, *, published: str | None = None, source: str | None = None) -> Document:
    """The SPEC §1 Document of one text: entities, memberships, projects (`itnet.api`)."""
    from itnet.api import default_extractor

    return default_extractor().extract(text, published=published, source=source)


def extract_many(texts: Iterable[str | tuple[str, str]]) -> Iterator[Document]:
    """Documents of texts or (doc_id, text) pairs, streamed in batches, in order."""
    from itnet.api import default_extractor

    return default_extractor().extract_many(texts)


def load(model: str | None = None) -> Language:
    """The spaCy pipeline (NER, syntax and the rule components) for spaCy users."""
    from itnet.nlp.build import load_pipeline

    return load_pipeline(model).nlp
