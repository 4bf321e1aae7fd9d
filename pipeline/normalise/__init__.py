"""Stage 3, normalise: ISO dates, amounts with currency, canonical names and ids."""

from __future__ import annotations

from dataclasses import replace

from pipeline.mentions import AnnotatedDocument, Mention
from pipeline.normalise.dates import find_published, parse_date
from pipeline.normalise.money import parse_money
from pipeline.normalise.names import canonicalise


def normalise(doc: AnnotatedDocument) -> AnnotatedDocument:
    published = find_published(doc.text)
    mentions = [_with_norm(m, published) for m in doc.mentions]
    return replace(doc, mentions=canonicalise(mentions, doc.text), published=published)


def _with_norm(mention: Mention, published: str | None) -> Mention:
    if mention.label == "DATE":
        return replace(mention, norm=parse_date(mention.clean_text, anchor=published))
    if mention.label == "MONEY":
        return replace(mention, norm=parse_money(mention.clean_text))
    return mention
