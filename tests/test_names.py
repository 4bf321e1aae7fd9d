"""canonicalise: canonical names and ids of places and organisations inside one document."""

from __future__ import annotations

import pytest

from itnet.mentions import Mention
from itnet.normalise.names import canonicalise, clean_org_name


def mention(text: str, surface: str, label: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    end = start + len(surface)
    return Mention(label, start, end, surface, start, end, surface, "test")


def by_surface(text: str, spans: list[tuple[str, str, int]]) -> list[Mention]:
    return canonicalise([mention(text, s, label, n) for s, label, n in spans], text)


def test_krakow_links_to_geonames():
    text = "Cracovia è entrata a far parte della rete."
    (krakow,) = by_surface(text, [("Cracovia", "CITY", 0)])
    assert (krakow.canonical, krakow.entity_id, krakow.geonames_id, krakow.country_code) == (
        "Kraków",
        "geonames:3094802",
        3094802,
        "PL",
    )


def test_italian_municipality_links_to_istat():
    text = "Con Asti, Cuneo e Settimo torinese."
    settimo = by_surface(text, [("Settimo torinese", "CITY", 0)])[0]
    assert (settimo.canonical, settimo.entity_id, settimo.istat_code) == ("Settimo Torinese", "istat:001265", "001265")


def test_country_links_to_alpha2():
    text = "A Utrecht, nei Paesi Bassi."
    country = by_surface(text, [("Paesi Bassi", "COUNTRY", 0)])[0]
    assert (country.entity_id, country.country_code) == ("country:NL", "NL")


@pytest.mark.parametrize(("text", "code", "country"), [
    ("Partner: Terre Calde Onlus (IT) e Vartovi Zakonnosti (UA).", "UA", "Ukraine"),
    ("Il Cantone Ticino (CH) e la Regione Lombardia (ITA).", "ITA", "Italy"),
])
def test_country_written_as_its_iso_code_links_to_alpha2(text, code, country):
    (place,) = by_surface(text, [(code, "COUNTRY", 0)])
    assert (place.canonical, place.entity_id) == (country, f"country:{place.country_code}")


def test_unknown_place_keeps_mention_without_id():
    text = "Nel quartiere di Borgo Xyzzy."
    place = by_surface(text, [("Borgo Xyzzy", "CITY", 0)])[0]
    assert (place.canonical, place.entity_id, place.geonames_id) == ("Borgo Xyzzy", None, None)


def test_document_country_decides_homonym():
    text = "Da Valencia a Caracas e Maracaibo, in Venezuela."
    spans = [("Valencia", "CITY", 0), ("Caracas", "CITY", 0), ("Maracaibo", "CITY", 0), ("Venezuela", "COUNTRY", 0)]
    assert by_surface(text, spans)[0].country_code == "VE"


def test_eccar_one_id_whatever_the_mention():
    text = (
        "La Coalizione Europea delle Città contro il Razzismo (ECCAR) accoglie Cracovia. "
        "L'ECCAR-European Coalition of Cities Against Racism e la European Coalition of Cities Against Racism."
    )
    mentions = by_surface(
        text,
        [
            ("Coalizione Europea delle Città contro il Razzismo", "ORG", 0),
            ("ECCAR", "ORG", 0),
            ("ECCAR-European Coalition of Cities Against Racism", "ORG", 0),
            ("European Coalition of Cities Against Racism", "ORG", 1),
        ],
    )
    assert {(m.canonical, m.entity_id, m.org_type) for m in mentions} == {("ECCAR", "org:eccar", "network")}


def test_glued_long_form_resolves():
    text = "Aderire alla rete ECCAR-EuropeanCoalition of Cities AgainstRacism."
    (org,) = by_surface(text, [("ECCAR-EuropeanCoalition of Cities AgainstRacism", "ORG", 0)])
    assert org.entity_id == "org:eccar"


def test_table_long_form_and_acronym_share_id():
    text = "Con International Centre for Migration Policy Development (ICMPD), capofila."
    mentions = by_surface(
        text, [("International Centre for Migration Policy Development", "ORG", 0), ("ICMPD", "ORG", 0)]
    )
    assert {m.entity_id for m in mentions} == {"org:icmpd"}


@pytest.mark.parametrize(
    "text",
    [
        "L'Istituto per la Cooperazione Urbana (ICU) coordina. Poi ICU ha presentato i risultati.",
        "ICU (Istituto per la Cooperazione Urbana) coordina. Poi ICU ha presentato i risultati.",
    ],
)
def test_unknown_acronym_takes_long_form_as_canonical(text):
    mentions = by_surface(
        text, [("Istituto per la Cooperazione Urbana", "ORG", 0), ("ICU", "ORG", 0), ("ICU", "ORG", 1)]
    )
    assert {m.canonical for m in mentions} == {"Istituto per la Cooperazione Urbana"}
    assert {m.entity_id for m in mentions} == {None}


def test_repeated_short_mention_joins_long_one():
    text = "La Fondazione Nord Sud per le Città promuove il bando. La Fondazione Nord Sud ha sede a Roma."
    mentions = by_surface(
        text, [("Fondazione Nord Sud per le Città", "ORG", 0), ("Fondazione Nord Sud", "ORG", 1)]
    )
    assert mentions[1].canonical == "Fondazione Nord Sud per le Città"


def test_acronym_spelling_initials_joins_long_form():
    text = "La Rete Italiana Città Dialoganti cresce; la RICD conta 27 comuni."
    mentions = by_surface(text, [("Rete Italiana Città Dialoganti", "ORG", 0), ("RICD", "ORG", 0)])
    assert mentions[1].canonical == "Rete Italiana Città Dialoganti"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("l'Associazione Amici", "Associazione Amici"), ("la Fondazione Rossi", "Fondazione Rossi"), ("“Rete Alfa”", "Rete Alfa")],
)
def test_unknown_org_keeps_cleaned_mention(raw, clean):
    assert clean_org_name(raw) == clean


def test_other_labels_pass_unchanged():
    text = "Il 6 marzo 2024."
    date = mention(text, "6 marzo 2024", "DATE")
    assert canonicalise([date], text) == [date]


@pytest.mark.parametrize(
    "surface",
    ["Interreg Italia-Croazia", "Erasmus+ KA2", "Horizon Europe Cluster 5"],
)
def test_a_strand_of_a_funding_programme_is_a_programme_of_its_own_name(surface):
    text = f"Il progetto è finanziato dal programma {surface}."
    (org,) = by_surface(text, [(surface, "ORG", 0)])
    assert (org.canonical, org.org_type) == (surface, "funding_programme")


def test_a_body_named_after_a_programme_is_not_the_programme():
    text = "Lo sportello Europe Direct Roma apre lunedì."
    (org,) = by_surface(text, [("Europe Direct Roma", "ORG", 0)])
    assert org.org_type != "funding_programme"
