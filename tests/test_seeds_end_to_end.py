"""The whole pipeline on the five seed press releases: the specific records they state."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from itnet.gazetteers.keys import name_key
from itnet.run import run_pipeline

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ECCAR = {"ECCAR", "European Coalition of Cities Against Racism", "Coalizione Europea delle Città contro il Razzismo"}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    summary = run_pipeline([SEEDS], out)
    documents = {}
    for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        document = json.loads(line)
        documents[document["doc_id"]] = document
    return summary, out, documents


def named(record: dict, field: str, aliases: set[str]) -> bool:
    keys = {name_key(a) for a in aliases}
    return name_key(record[field]) in keys or name_key(record.get(f"{field}_mention") or "") in keys


def membership(documents, doc_prefix, member: set[str], network: set[str]) -> dict:
    doc = next(d for key, d in documents.items() if key.startswith(doc_prefix))
    found = [m for m in doc["memberships"] if named(m, "member", member) and named(m, "network", network)]
    assert found, f"no membership {member} → {network} in {[(m['member'], m['network']) for m in doc['memberships']]}"
    return found[0]


def project(documents, doc_prefix, names: set[str]) -> dict:
    doc = next(d for key, d in documents.items() if key.startswith(doc_prefix))
    found = [p for p in doc["projects"] if name_key(p["name"]) in {name_key(n) for n in names}]
    assert found, f"no project {names} in {[p['name'] for p in doc['projects']]}"
    return found[0]


def participant_roles(record: dict) -> dict[str, str]:
    roles = {}
    for p in record["participants"]:
        roles[name_key(p["name"])] = p["role"]
        roles[name_key(p.get("mention") or p["name"])] = p["role"]
    return roles


def test_every_seed_is_processed(run):
    summary, out, _ = run
    table = pd.read_csv(out / "documents.csv")
    assert summary.documents == 5
    assert list(table["status"]) == ["ok"] * 5
    assert table["model"].notna().all()


def test_krakow_joined_eccar_on_acceptance_date(run):
    record = membership(run[2], "001", {"Kraków", "Cracovia"}, ECCAR)
    assert (record["status"], record["role"], record["date"]) == ("member", "member", "2024-09-25")
    assert record["member_id"] == "geonames:3094802"


def test_turin_is_candidate_to_eccar(run):
    record = membership(run[2], "000", {"Torino", "Turin"}, ECCAR)
    assert record["status"] == "candidate"


@pytest.mark.parametrize(
    "network",
    [
        {"UNESCO Creative Cities Network"},
        {"Cities For Sports"},
        {"Associazione Europea dei Festival"},
        {"Pépinières Européennes pour Jeunes Artistes"},
        {"Associazione delle Città Sedi di Esposizioni Internazionali"},
    ],
)
def test_turin_is_member_of_the_listed_networks(run, network):
    record = membership(run[2], "000", {"Torino", "Turin"}, network)
    assert record["status"] == "member"


def test_icei_coordinates_the_italian_intercultural_cities_network_since_january_2019(run):
    record = membership(run[2], "003", {"ICEI"}, {"Rete Italiana delle Città del Dialogo"})
    assert (record["role"], record["date"]) == ("coordinator", "2019-01")


def test_mc2cm_project(run):
    record = project(run[2], "002", {"MC2CM", "Mediterranean City to City Migration"})
    roles = participant_roles(record)
    assert record["start"] == "2015"
    assert roles[name_key("ICMPD")] == "lead"
    assert roles[name_key("Commissione Europea")] == "funder"
    assert roles[name_key("Agenzia nazionale svizzera per lo sviluppo e la cooperazione")] == "funder"
    assert roles[name_key("United Cities and Local Governments")] == "participant"
    assert roles[name_key("UN-Habitat")] == "participant"
    for city in ("Amman", "Beirut", "Lisbona", "Lione", "Madrid", "Tangeri", "Tunisi", "Torino", "Vienna"):
        assert roles.get(name_key(city)) == "participant", city


def test_connection_project(run):
    record = project(run[2], "004", {"CONNECTION"})
    roles = participant_roles(record)
    assert roles[name_key("EUROCITIES")] == "lead"
    assert roles[name_key("FAMI")] == "funder"
    for name in ("ANCI Piemonte", "Torino", "Asti", "Cuneo", "Settimo Torinese"):
        assert roles.get(name_key(name)) == "participant", name


def test_contribution_amount_is_normalised(run):
    doc = next(d for key, d in run[2].items() if key.startswith("001"))
    money = [e for e in doc["entities"] if e["label"] == "MONEY"]
    assert [(e["text"], e["norm"]) for e in money] == [("1 500 EURO", "1500 EUR")]


def test_entity_offsets_point_into_the_original_text(run):
    for doc_id, doc in run[2].items():
        original = (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")
        for entity in doc["entities"]:
            assert original[entity["start"] : entity["end"]] == entity["text"]


def test_records_json_merges_across_documents(run):
    records = json.loads((run[1] / "records.json").read_text(encoding="utf-8"))
    eccar_members = [m for m in records["memberships"] if named(m, "network", ECCAR)]
    assert {name_key(m["member"]) for m in eccar_members} >= {name_key("Kraków"), name_key("Torino")}
    assert all(m["doc_ids"] for m in records["memberships"])
