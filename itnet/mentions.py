"""What flows between stages after ingest: mentions found by nlp, filled in by normalise."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Mention:
    """One entity mention, in both coordinate systems.

    `clean_*` index the cleaned text the NLP saw; `start`/`end` index the original text
    (SPEC §1), and `text` is `original[start:end]`. nlp gives a DATE or MONEY its `norm`;
    normalise fills the fields after it.
    """

    label: str
    start: int
    end: int
    text: str
    clean_start: int
    clean_end: int
    clean_text: str
    source: str
    norm: str | None = None
    canonical: str | None = None
    entity_id: str | None = None
    geonames_id: int | None = None
    istat_code: str | None = None
    country_code: str | None = None
    wikidata_id: str | None = None
    org_type: str | None = None


@dataclass(slots=True)
class Sentence:
    clean_start: int
    clean_end: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """One token as the link stage reads it: offsets into the cleaned text, its lower-cased
    form, lemma, UD part of speech, morphology ("Mood=Cnd|…") and dependency (empty where
    the model has no tagger, morphologizer or parser), and the index of its syntactic head
    in the document."""

    clean_start: int
    clean_end: int
    lower: str
    lemma: str
    pos: str
    morph: str
    dep: str
    head: int


@dataclass(slots=True)
class AnnotatedDocument:
    """A document after nlp (mentions found, norms and published read) and after normalise
    (names canonical)."""

    doc_id: str
    source: str
    original: str
    text: str
    text_sha256: str
    encoding: str | None
    sentences: list[Sentence]
    mentions: list[Mention]
    published: str | None = None
    model: str | None = None
    tokens: list[Token] = field(default_factory=list)
    # network names as written, entity or not (itnet/nlp/network_phrases.py)
    network_phrases: list[Mention] = field(default_factory=list)
