"""Stage 3, normalise: ISO dates, amounts with currency, canonical names and ids."""

from __future__ import annotations

from dataclasses import replace

from itnet.mentions import AnnotatedDocument, Mention
from itnet.normalise.dates import find_published, parse_date
from itnet.normalise.money import parse_money
from itnet.normalise.names import canonicalise


def normalise(doc: AnnotatedDocument, published: str | None = None) -> AnnotatedDocument:
    """Norms and canonical names; relative dates resolve against `published` (ISO), else
    against the date the text states for itself."""
    published = published or find_published(doc.text)
    mentions = [_with_norm(m, published) for m in doc.mentions]
    return replace(doc, mentions=canonicalise(mentions, doc.text), published=published)


def _with_norm(mention: Mention, published: str | None) -> Mention:
    if mention.label == "DATE":
        return replace(mention, norm=parse_date(mention.clean_text, anchor=published))
    if mention.label == "MONEY":
        return replace(mention, norm=parse_money(mention.clean_text))
    return mention
