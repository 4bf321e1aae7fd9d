"""The organisation alias table: acronyms, Italian and English names, normalisation."""

from __future__ import annotations

import pytest

from itnet.gazetteers.organisations import ORG_TYPES, lookup_org, organisations

ALIASES = [
    ("ECCAR", "eccar"),
    ("Coalizione Europea delle Città contro il Razzismo", "eccar"),
    ("Coalizione europea delle citta contro il razzismo", "eccar"),
    ("European Coalition of Cities Against Racism", "eccar"),
    ("EuropeanCoalition of Cities AgainstRacism", "eccar"),
    ("l'ECCAR", "eccar"),
    ("rete UNESCO delle Città Creative", "unesco_creative_cities"),
    ("UNESCO delle Città Creative", "unesco_creative_cities"),
    ("dell'UNESCO", "unesco"),
    ("UNESCO Creative Cities Network", "unesco_creative_cities"),
    ("Consiglio d'Europa", "council_of_europe"),
    ("Consiglio d’Europa", "council_of_europe"),
    ("Council of Europe", "council_of_europe"),
    ("Programma Intercultural Cities", "intercultural_cities"),
    ("ICC", "intercultural_cities"),
    ("Rete Italiana delle Città del Dialogo", "rete_citta_dialogo"),
    ("EUROCITIES", "eurocities"),
    ("Eurocities", "eurocities"),
    ("United Cities and Local Governments", "uclg"),
    ("International Centre for Migration Policy Development", "icmpd"),
    ("UN-Habitat", "un_habitat"),
    ("la Commissione Europea", "european_commission"),
    ("Direzione generale per la politica di vicinato e i negoziati per l'allargamento", "dg_near"),
    ("Agenzia nazionale svizzera per lo sviluppo e la cooperazione", "sdc"),
    ("DSC", "sdc"),
    ("ANCI", "anci"),
    ("ANCI Piemonte", "anci_piemonte"),
    ("Anci Lombardia", "anci_lombardia"),
    ("fondo europeo FAMI", None),
    ("FAMI", "fami"),
    ("AMIF", "fami"),
    ("Fondo Asilo, Migrazione e Integrazione", "fami"),
    ("Interreg", "interreg"),
    ("URBACT", "urbact"),
    ("CERV", "cerv"),
    ("Patto dei sindaci", "covenant_of_mayors"),
    ("Covenant of Mayors", "covenant_of_mayors"),
    ("ICLEI", "iclei"),
    ("Energy Cities", "energy_cities"),
    ("Mayors for Peace", "mayors_for_peace"),
    ("AICE", "aice"),
    ("Rete Città Sane OMS", "healthy_cities"),
    ("Cities For Sports", "cities_for_sports"),
    ("ICEI", "icei"),
    ("CCRE", "cemr"),
    ("Comitato delle Regioni", "committee_of_the_regions"),
    ("Unione Europea", "eu"),
    ("UE", "eu"),
    ("ONU", "un"),
    ("UNHCR", "unhcr"),
    ("OIM", "iom"),
    ("OCSE", "oecd"),
    ("B.J.C.E.M.", "bjcem"),
    ("Associazione Europea dei Festival", "efa"),
    ("Unipi", "unipi"),
    ("Università degli Studi di Pisa", "unipi"),
    ("Alma Mater Studiorum – Università di Bologna", "unibo"),
    ("POLIMI", "polimi"),
    ("Fondazione CON IL SUD", "fondazione_con_il_sud"),
    ("Fondazione Cassa di Risparmio di Cuneo", "fondazione_crc"),
]


@pytest.mark.parametrize(("name", "org_id"), ALIASES)
def test_alias_resolves_to_one_organisation(name, org_id):
    match = lookup_org(name)
    assert (match.org_id if match else None) == org_id


def test_eccar_has_one_id_whatever_the_mention():
    ids = {
        lookup_org(name).entity_id
        for name in ("ECCAR", "Coalizione Europea delle Città contro il Razzismo", "European Coalition of Cities Against Racism")
    }
    assert ids == {"org:eccar"}


def test_unknown_organisation_is_not_guessed():
    assert lookup_org("Associazione Amici del Quartiere") is None


def test_table_is_seeded_wide_with_known_types():
    table = organisations()
    assert len(table) >= 60
    assert {org.org_type for org in table} <= ORG_TYPES
    assert len({org.org_id for org in table}) == len(table)


@pytest.mark.parametrize(
    ("name", "qid"), [("UNESCO", "Q7809"), ("Consiglio d'Europa", "Q8908"), ("Commissione europea", "Q8880")]
)
def test_wikidata_id_where_known(name, qid):
    assert lookup_org(name).wikidata_id == qid
