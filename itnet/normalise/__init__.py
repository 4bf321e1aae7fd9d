"""Stage 3, normalise: canonical names and ids. DATE and MONEY norms and the document's date
come from the nlp stage (it_dates_money), which reads each of them once."""

from __future__ import annotations

from dataclasses import replace

from itnet.mentions import AnnotatedDocument
from itnet.normalise.names import canonicalise


def normalise(doc: AnnotatedDocument) -> AnnotatedDocument:
    """Canonical names and ids for the document's mentions."""
    return replace(doc, mentions=canonicalise(doc.mentions, doc.text))
