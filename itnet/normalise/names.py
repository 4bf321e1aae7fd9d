"""Canonical names and ids for CITY, COUNTRY and ORG mentions.

Places link to the gazetteer (itnet.gazetteers.places): "geonames:<id>" for foreign
cities, "istat:<code>" for Italian municipalities, "country:<alpha2>" for countries. The
document's country (the most frequent country among its unambiguous places, Italy when
there is none) decides between homonyms. An unknown place keeps its mention as canonical
name and gets no id.

Organisations link to the alias table (itnet.gazetteers.organisations), "org:<org_id>".
Inside a document, mentions the table does not know are resolved against each other:
- "Long Name (ACR)", "ACR (Long Name)" and "ACR - Long Name" pair an acronym with its long form;
- glued or variant text ("ECCAR-EuropeanCoalition of Cities AgainstRacism") is split at
  hyphens and brackets and each part looked up;
- a repeated short mention ("la Coalizione") takes the canonical name of the one longer
  mention that contains it, an acronym that of the long mention whose initials spell it.
An organisation still unknown keeps its cleaned mention (leading article stripped) as
canonical name, and gets no id.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from itnet.gazetteers.keys import name_key
from itnet.gazetteers.organisations import OrgMatch, lookup_org, strip_article
from itnet.gazetteers.places import PlaceMatch, lookup_country_code, lookup_place
from itnet.mentions import Mention
from itnet.nlp.vocabulary import is_acronym

# labels whose mentions are looked up in the place gazetteer for a canonical name and ids
GAZETTEER_PLACE_LABELS = frozenset({"CITY", "COUNTRY"})
DEFAULT_CONTEXT_COUNTRY = "IT"
_BRACKET_AFTER = re.compile(r"\s*\(\s*([^()\n]{2,80}?)\s*\)")
_DASH_AFTER = re.compile(r"\s*[-–—]\s*")
_PART_SEPARATORS = re.compile(r"\s*[-–—()]\s*")
_EDGE_PUNCTUATION = " \t\n\"'“”«»‘’()[]{}*_,;:.-–—"


@dataclass(frozen=True, slots=True)
class _OrgName:
    """An organisation as resolved inside one document: a table row or a local name."""

    canonical: str
    match: OrgMatch | None = None
    # the table's programme a strand of it belongs to ("Interreg Italia-Croazia"): its type only
    programme: OrgMatch | None = None


def clean_org_name(text: str) -> str:
    """"l'ECCAR" -> "ECCAR"; quotes, brackets and edge punctuation go; spaces collapse."""
    return " ".join(strip_article(text.strip(_EDGE_PUNCTUATION)).split()).strip(_EDGE_PUNCTUATION)


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def _lookup_parts(text: str) -> OrgMatch | None:
    """The table organisation named by any hyphen- or bracket-separated part of `text`."""
    for part in _PART_SEPARATORS.split(text):
        if part and (match := lookup_org(part)) is not None:
            return match
    return None


def _programme_strand(text: str) -> OrgMatch | None:
    """"Interreg Italia-Croazia", "Erasmus+ KA2": a strand or action of a funding programme
    the table knows by its first words; a programme too, under its own name."""
    words = text.split()
    for end in range(len(words) - 1, 0, -1):
        match = lookup_org(" ".join(words[:end]))
        if match is not None:
            return match if match.org_type == "funding_programme" else None
    return None


def _context_country(mentions: list[Mention]) -> str:
    counts = Counter(
        match.country_code
        for m in mentions
        if m.label in GAZETTEER_PLACE_LABELS and (match := lookup_place(m.clean_text)) is not None
    )
    if not counts:
        return DEFAULT_CONTEXT_COUNTRY
    best = max(counts.values())
    leaders = sorted(code for code, n in counts.items() if n == best)
    return DEFAULT_CONTEXT_COUNTRY if DEFAULT_CONTEXT_COUNTRY in leaders else leaders[0]


def _with_place(mention: Mention, place: PlaceMatch | None) -> Mention:
    if place is None:
        return replace(mention, canonical=mention.clean_text.strip(_EDGE_PUNCTUATION))
    return replace(
        mention,
        canonical=place.canonical,
        entity_id=place.entity_id,
        geonames_id=place.geonames_id,
        istat_code=place.istat_code,
        country_code=place.country_code,
    )


def _with_org(mention: Mention, org: _OrgName) -> Mention:
    match = org.match
    if match is None:
        return replace(mention, canonical=org.canonical, org_type=org.programme.org_type if org.programme else None)
    return replace(
        mention,
        canonical=match.canonical,
        entity_id=match.entity_id,
        wikidata_id=match.wikidata_id,
        org_type=match.org_type,
    )


def _pair_key(name: str) -> str:
    return name_key(clean_org_name(name))


def _acronym_pairs(orgs: list[Mention], text: str) -> list[tuple[str, str]]:
    """(long form, acronym) pairs the document states, as cleaned names."""
    pairs = []
    for mention in orgs:
        name = clean_org_name(mention.clean_text)
        following = text[mention.clean_end :]
        bracket = _BRACKET_AFTER.match(following)
        if bracket:
            inside = clean_org_name(bracket.group(1))
            if is_acronym(inside) and not is_acronym(name):
                pairs.append((name, inside))
            elif is_acronym(name) and not is_acronym(inside):
                pairs.append((inside, name))
        dash = _DASH_AFTER.match(following)
        if dash and is_acronym(name):
            after = next((m for m in orgs if m.clean_start == mention.clean_end + dash.end()), None)
            if after is not None and not is_acronym(clean_org_name(after.clean_text)):
                pairs.append((clean_org_name(after.clean_text), name))
    return pairs


def _resolve_orgs(orgs: list[Mention], text: str) -> dict[str, _OrgName]:
    """Every ORG mention's cleaned-name key mapped to the organisation it names."""
    resolved: dict[str, _OrgName] = {}
    for mention in orgs:
        name = clean_org_name(mention.clean_text)
        match = lookup_org(name) or _lookup_parts(name)
        programme = None if match else _programme_strand(name)
        resolved.setdefault(name_key(name), _OrgName(match.canonical if match else name, match, programme))
    for long_form, acronym in _acronym_pairs(orgs, text):
        long_key, acronym_key = name_key(long_form), name_key(acronym)
        known = [resolved[k] for k in (long_key, acronym_key) if k in resolved and resolved[k].match]
        shared = known[0] if known else _OrgName(long_form)
        for key in (long_key, acronym_key):
            if key not in resolved or resolved[key].match is None:
                resolved[key] = shared
    _resolve_short_mentions(resolved)
    return resolved


def _resolve_short_mentions(resolved: dict[str, _OrgName]) -> None:
    """Unknown mentions inside one longer mention, or spelling its initials, join it."""
    unknown = [k for k, org in resolved.items() if org.match is None and org.canonical and name_key(org.canonical) == k]
    for key in unknown:
        words = f" {key} "
        containing = {
            id(org): org for other, org in resolved.items() if other != key and words in f" {other} " and len(other) > len(key)
        }
        acronym = resolved[key].canonical
        if not containing and is_acronym(acronym):
            containing = {
                id(org): org
                for other, org in resolved.items()
                if other != key and _initials(org.canonical).upper() == acronym.upper()
            }
        if len(containing) == 1:
            resolved[key] = next(iter(containing.values()))


def _longer_place(short: str, places: dict[str, PlaceMatch | None]) -> PlaceMatch | None:
    """"Settimo" after "Settimo Torinese" in the same text: the one known place it begins."""
    prefix = name_key(short) + " "
    longer = {id(p): p for name, p in places.items() if p is not None and name_key(name).startswith(prefix)}
    return next(iter(longer.values())) if len(longer) == 1 else None


def _lookup_place(mention: Mention, context: str | None) -> PlaceMatch | None:
    """A COUNTRY may be written as its ISO code: "Terre Calde Onlus (IT)", "(ITA)", which
    the code names before any place called so (Itá, Paraguay)."""
    text = mention.clean_text
    code = lookup_country_code(text) if mention.label == "COUNTRY" and text.isupper() else None
    return code or lookup_place(text, context)


def canonicalise(mentions: list[Mention], text: str) -> list[Mention]:
    """Fill canonical names and ids of the CITY, COUNTRY and ORG mentions; `text` is the
    cleaned text the mentions' `clean_*` offsets index. Other mentions pass unchanged."""
    context = _context_country(mentions)
    orgs = [m for m in mentions if m.label == "ORG"]
    resolved_orgs = _resolve_orgs(orgs, text)
    places = {m.clean_text: _lookup_place(m, context) for m in mentions if m.label in GAZETTEER_PLACE_LABELS}
    result = []
    for mention in mentions:
        if mention.label in GAZETTEER_PLACE_LABELS:
            place = places[mention.clean_text] or _longer_place(mention.clean_text, places)
            result.append(_with_place(mention, place))
        elif mention.label == "ORG":
            result.append(_with_org(mention, resolved_orgs[_pair_key(mention.clean_text)]))
        else:
            result.append(mention)
    return result
