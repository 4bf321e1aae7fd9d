"""The SPEC §5 scorer: hand-made cases with known figures, and agreement with a brute-force twin."""

from __future__ import annotations

import itertools
import string
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itnet.evaluate.report import with_sentences
from itnet.evaluate.scorer import normalise_name, score

TEXT = "Torino e Cracovia aderiscono a ECCAR dal 6 marzo 2024 con 1 500 EURO."


def entity(label, start, end, norm=None, text=TEXT):
    found = {"start": start, "end": end, "label": label, "text": text[start:end]}
    if norm is not None:
        found["norm"] = norm
    return found


def doc(entities=(), memberships=(), projects=()):
    return {"doc_id": "d", "entities": list(entities), "memberships": list(memberships),
            "projects": list(projects)}


def membership(member, network, mention=None, network_mention=None, role="member", status="member", date=None):
    return {"member": member, "member_mention": mention or (member if isinstance(member, str) else member[0]),
            "member_kind": "city", "network": network,
            "network_mention": network_mention or (network if isinstance(network, str) else network[0]),
            "role": role, "status": status, "date": date}


def project(name, participants, mention=None):
    return {"name": name, "mention": mention or (name if isinstance(name, str) else name[0]),
            "participants": [{"name": n, "role": r, "kind": "org"} for n, r in participants]}


def counts(figures):
    return figures["tp"], figures["fp"], figures["fn"]


def test_exact_span_is_a_strict_match():
    result = score({"d": doc([entity("CITY", 0, 6)])}, {"d": doc([entity("CITY", 0, 6)])})
    assert counts(result["entities"]["per_label_strict"]["CITY"]) == (1, 0, 0)
    assert result["entities"]["headline_strict"]["f"] == 1.0


def test_overlapping_span_is_lenient_only():
    gold = {"d": doc([entity("DATE", 41, 53, "2024-03-06")])}
    pred = {"d": doc([entity("DATE", 37, 53, "2024-03-06")])}
    result = score(gold, pred)
    assert counts(result["entities"]["headline_strict"]) == (0, 1, 1)
    assert counts(result["entities"]["headline_lenient"]) == (1, 0, 0)
    assert result["errors"]["entities_missed"][0]["overlapping_prediction"] == "dal 6 marzo 2024"


def test_label_mismatch_matches_neither_strict_nor_lenient():
    result = score({"d": doc([entity("CITY", 9, 17)])}, {"d": doc([entity("ORG", 9, 17)])})
    assert counts(result["entities"]["per_label_strict"]["CITY"]) == (0, 0, 1)
    assert counts(result["entities"]["per_label_lenient"]["ORG"]) == (0, 1, 0)


def test_a_predicted_span_is_used_once_in_lenient_matching():
    gold = {"d": doc([entity("CITY", 0, 6), entity("CITY", 9, 17)])}
    pred = {"d": doc([entity("CITY", 0, 17)])}
    assert counts(score(gold, pred)["entities"]["headline_lenient"]) == (1, 0, 1)


def test_lenient_matching_is_maximal_not_greedy():
    # Greedy would give gold [0,6) the long prediction and leave [9,17) unmatched.
    gold = {"d": doc([entity("CITY", 0, 6), entity("CITY", 9, 17)])}
    pred = {"d": doc([entity("CITY", 4, 12), entity("CITY", 0, 3)])}
    assert counts(score(gold, pred)["entities"]["headline_lenient"]) == (2, 0, 0)


def test_non_headline_labels_stay_out_of_the_headline():
    result = score({"d": doc([entity("PERSON", 0, 6)])}, {"d": doc([entity("COUNTRY", 0, 6)])})
    assert counts(result["entities"]["headline_strict"]) == (0, 0, 0)
    assert counts(result["entities"]["per_label_strict"]["PERSON"]) == (0, 0, 1)


def test_unscored_labels_are_ignored():
    result = score({"d": doc([entity("CITY", 0, 6)])}, {"d": doc([entity("CITY", 0, 6), entity("LOC", 9, 17)])})
    assert counts(result["entities"]["headline_strict"]) == (1, 0, 0)


def test_norm_accuracy_counts_strict_date_and_money_matches():
    gold = {"d": doc([entity("DATE", 41, 53, "2024-03-06"), entity("MONEY", 58, 68, "1500 EUR")])}
    pred = {"d": doc([entity("DATE", 41, 53, "2024-06-03"), entity("MONEY", 58, 68, "1500 EUR")])}
    result = score(gold, pred)
    assert result["entities"]["norm_accuracy"] == 0.5
    assert result["errors"]["norms_wrong"][0]["predicted_norm"] == "2024-06-03"


@pytest.mark.parametrize("predicted_member, predicted_mention", [
    ("Krakow", None),
    ("KRAKÓW", None),
    ("Città di Cracovia", "Cracovia"),
    ("Cracovia.", None),
])
def test_member_matches_by_alias_canonical_or_mention(predicted_member, predicted_mention):
    gold = {"d": doc(memberships=[membership(["Kraków", "Cracovia", "Krakow"], ["ECCAR", "Coalizione Europea delle Città contro il Razzismo"])])}
    pred_record = membership(predicted_member, "Coalizione europea delle citta contro il razzismo", mention=predicted_mention)
    assert counts(score(gold, {"d": doc(memberships=[pred_record])})["memberships"]) == (1, 0, 0)


def test_curly_and_straight_apostrophes_match():
    assert normalise_name("Consiglio d’Europa") == normalise_name("consiglio d'Europa") == "consiglio d europa"


def test_wrong_network_is_a_miss_and_a_spurious_pair():
    gold = {"d": doc(memberships=[membership("Torino", "ECCAR")])}
    pred = {"d": doc(memberships=[membership("Torino", "EUROCITIES")])}
    result = score(gold, pred)
    assert counts(result["memberships"]) == (0, 1, 1)
    assert result["membership_attr_accuracy"]["role"] is None


@pytest.mark.parametrize("gold_date, predicted_date, right", [
    (["2024-09-25", "2024-03-06"], "2024-03-06", True),
    (["2024-09-25"], "2024-03-06", False),
    ([], None, True),
    (None, None, True),
    (None, "2024", False),
    ("2019-01", None, False),
])
def test_membership_date_is_right_when_one_of_the_gold_values(gold_date, predicted_date, right):
    gold = {"d": doc(memberships=[membership("Cracovia", "ECCAR", date=gold_date)])}
    pred = {"d": doc(memberships=[membership("Cracovia", "ECCAR", date=predicted_date)])}
    assert score(gold, pred)["membership_attr_accuracy"]["date"] == (1.0 if right else 0.0)


def test_role_and_status_accuracy_over_matched_pairs():
    gold = {"d": doc(memberships=[membership("Torino", "ECCAR", status="candidate"),
                                  membership("ICEI", "Rete Italiana", role="coordinator")])}
    pred = {"d": doc(memberships=[membership("Torino", "ECCAR", status="member"),
                                  membership("ICEI", "Rete Italiana", role="coordinator")])}
    result = score(gold, pred)
    assert result["membership_attr_accuracy"] == {"role": 1.0, "status": 0.5, "date": 1.0}


def test_triples_under_an_unmatched_project_are_errors():
    gold = {"d": doc(projects=[project("MC2CM", [("ICMPD", "lead"), ("UCLG", "participant"), ("Amman", "participant")])])}
    pred = {"d": doc(projects=[project("CONNECTION", [("ICMPD", "lead"), ("UCLG", "participant")])])}
    result = score(gold, pred)
    assert counts(result["projects"]) == (0, 1, 1)
    assert counts(result["participants"]) == (0, 2, 3)


def test_participant_triple_needs_the_role_too():
    gold = {"d": doc(projects=[project(["MC2CM", "Mediterranean City to City Migration"],
                                       [("ICMPD", "lead"), ("Commissione europea", "funder")])])}
    pred = {"d": doc(projects=[project("Progetto MC2CM", [("ICMPD", "participant"), ("Commissione Europea", "funder")],
                                       mention="Mediterranean City to City Migration")])}
    result = score(gold, pred)
    assert counts(result["projects"]) == (1, 0, 0)
    assert counts(result["participants"]) == (1, 1, 1)


def test_figures_are_micro_over_documents():
    gold = {"a": doc([entity("CITY", 0, 6)]), "b": doc([entity("CITY", 0, 6), entity("CITY", 9, 17)])}
    pred = {"a": doc([entity("CITY", 0, 6)]), "b": doc([entity("CITY", 0, 6), entity("CITY", 20, 25)])}
    result = score(gold, pred)
    assert counts(result["entities"]["headline_strict"]) == (2, 1, 1)
    assert result["entities"]["headline_strict"]["p"] == pytest.approx(2 / 3)
    assert result["per_document"]["b"]["entities"]["headline_strict"]["f"] == pytest.approx(0.5)


def test_missing_prediction_document_counts_as_all_missed():
    result = score({"a": doc([entity("CITY", 0, 6)])}, {"x": doc([entity("CITY", 0, 6)])})
    assert counts(result["entities"]["headline_strict"]) == (0, 0, 1)
    assert result["unscored_documents"] == ["x"]


# ---- an independent implementation of SPEC §5, by exhaustive search over matchings ----

_PUNCTUATION = set(string.punctuation) | set("’‘“”–—«»…")


def twin_name(name):
    stripped = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    spaced = "".join(" " if c in _PUNCTUATION else c for c in stripped.casefold())
    return " ".join(spaced.split())


def twin_names(value):
    if value is None:
        return set()
    return {twin_name(v) for v in ([value] if isinstance(value, str) else value)} - {""}


def all_matchings(n_gold, n_pred, compatible):
    """Every one-to-one matching, as a tuple of (gold, pred) pairs."""
    def extend(g, used):
        if g == n_gold:
            yield ()
            return
        yield from extend(g + 1, used)
        for p in range(n_pred):
            if p not in used and compatible(g, p):
                for rest in extend(g + 1, used | {p}):
                    yield ((g, p),) + rest
    return list(extend(0, frozenset()))


def best_matching(n_gold, n_pred, compatible, weight=lambda g, p: 0):
    return max(all_matchings(n_gold, n_pred, compatible), key=lambda m: (len(m), sum(weight(g, p) for g, p in m)))


def twin_prf(tp, fp, fn):
    if tp == fp == fn == 0:
        return 1.0, 1.0, 1.0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def twin_score(gold, pred):
    totals = {}

    def add(key, tp, fp, fn):
        old = totals.get(key, (0, 0, 0))
        totals[key] = (old[0] + tp, old[1] + fp, old[2] + fn)

    norm_right = norm_total = 0
    attrs = {"role": 0, "status": 0, "date": 0}
    for doc_id, g in gold.items():
        q = pred.get(doc_id, {})
        for label in ("CITY", "DATE", "PERSON"):
            ge = [e for e in g["entities"] if e["label"] == label]
            pe = [e for e in q.get("entities", []) if e["label"] == label]
            strict = best_matching(len(ge), len(pe),
                                   lambda i, j: (ge[i]["start"], ge[i]["end"]) == (pe[j]["start"], pe[j]["end"]),
                                   lambda i, j: ge[i].get("norm") is not None and ge[i].get("norm") == pe[j].get("norm"))
            lenient = best_matching(len(ge), len(pe),
                                    lambda i, j: max(ge[i]["start"], pe[j]["start"]) < min(ge[i]["end"], pe[j]["end"]))
            for key, m in ((("strict", label), strict), (("lenient", label), lenient)):
                add(key, len(m), len(pe) - len(m), len(ge) - len(m))
            if label == "DATE":
                norm_total += len(strict)
                norm_right += sum(ge[i].get("norm") == pe[j].get("norm") for i, j in strict)
        gm, pm = g["memberships"], q.get("memberships", [])

        def attr_right(i, j):
            gd = set(gm[i]["date"] or [])
            return (gm[i]["role"] == pm[j]["role"], gm[i]["status"] == pm[j]["status"],
                    (pm[j]["date"] in gd) if pm[j]["date"] else not gd)

        m = best_matching(
            len(gm), len(pm),
            lambda i, j: bool(twin_names(gm[i]["member"]) & (twin_names(pm[j]["member"]) | twin_names(pm[j]["member_mention"])))
            and bool(twin_names(gm[i]["network"]) & (twin_names(pm[j]["network"]) | twin_names(pm[j]["network_mention"]))),
            lambda i, j: sum(w * r for w, r in zip((4, 2, 1), attr_right(i, j))))
        add("memberships", len(m), len(pm) - len(m), len(gm) - len(m))
        for i, j in m:
            for key, right in zip(("role", "status", "date"), attr_right(i, j)):
                attrs[key] += right
        gp, pp = g["projects"], q.get("projects", [])

        def triples(i, j):
            a, b = gp[i]["participants"], pp[j]["participants"]
            return len(best_matching(len(a), len(b), lambda x, y: a[x]["role"] == b[y]["role"]
                                     and bool(twin_names(a[x]["name"]) & twin_names(b[y]["name"]))))

        m = best_matching(len(gp), len(pp),
                          lambda i, j: bool(twin_names(gp[i]["name"]) & (twin_names(pp[j]["name"]) | twin_names(pp[j]["mention"]))),
                          triples)
        add("projects", len(m), len(pp) - len(m), len(gp) - len(m))
        tp = sum(triples(i, j) for i, j in m)
        n_gold = sum(len(x["participants"]) for x in gp)
        n_pred = sum(len(x["participants"]) for x in pp)
        add("participants", tp, n_pred - tp, n_gold - tp)
    headline = [sum(totals.get(("strict", label), (0, 0, 0))[k] for label in ("CITY", "DATE")) for k in range(3)]
    return totals, headline, (norm_right, norm_total), attrs


GROUPS = [["Torino", "Città di Torino"], ["Kraków", "Cracovia"], ["ECCAR", "Coalizione Europea"],
          ["ICC", "Intercultural Cities"], ["UN-Habitat", "UN Habitat"]]


def variant(name):
    return st.sampled_from([name, name.upper(), name.lower(), name + ".", unicodedata.normalize("NFD", name)])


@st.composite
def names_of(draw, group):
    """A predicted (canonical, mention) drawn from one alias group, or a name matching nothing."""
    if group is None:
        return draw(st.sampled_from(["Milano", "Roma"])), None
    canonical = draw(variant(draw(st.sampled_from(GROUPS[group]))))
    mention = draw(st.one_of(st.none(), variant(draw(st.sampled_from(GROUPS[group])))))
    return canonical, mention


@st.composite
def document_pair(draw):
    length = 30
    cuts = sorted(draw(st.sets(st.integers(0, length), min_size=2, max_size=8)))
    gold_entities = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        if start < end and draw(st.booleans()):
            label = draw(st.sampled_from(["CITY", "DATE", "PERSON"]))
            gold_entities.append({"start": start, "end": end, "label": label,
                                  "norm": draw(st.sampled_from(["2024", "2024-01"])) if label == "DATE" else None})
    pred_entities = []
    for _ in range(draw(st.integers(0, 5))):
        # Boundaries from the gold cuts make touching and nested spans frequent.
        start = draw(st.one_of(st.sampled_from(cuts[:-1]), st.integers(0, length - 1)))
        end = draw(st.one_of(st.sampled_from([c for c in cuts if c > start] or [length]),
                             st.integers(start + 1, length)))
        if gold_entities and draw(st.booleans()):
            start, end = (lambda e: (e["start"], e["end"]))(draw(st.sampled_from(gold_entities)))
        label = draw(st.sampled_from(["CITY", "DATE", "PERSON"]))
        pred_entities.append({"start": start, "end": end, "label": label,
                              "norm": draw(st.sampled_from(["2024", "2024-01", None]))})
    roles, statuses, dates = ["member", "coordinator"], ["member", "candidate"], [None, "2024", "2024-09-25"]
    pairs = draw(st.lists(st.tuples(st.integers(0, 1), st.integers(2, 4)), unique=True, max_size=3))
    gold_memberships = [{"member": GROUPS[m], "member_mention": GROUPS[m][0], "network": GROUPS[n],
                         "network_mention": GROUPS[n][0], "member_kind": "city",
                         "role": draw(st.sampled_from(roles)), "status": draw(st.sampled_from(statuses)),
                         "date": draw(st.sampled_from([[], ["2024"], ["2024", "2024-09-25"]]))} for m, n in pairs]
    pred_memberships = []
    for _ in range(draw(st.integers(0, 4))):
        member, member_mention = draw(names_of(draw(st.sampled_from([0, 1, None]))))
        network, network_mention = draw(names_of(draw(st.sampled_from([2, 3, 4, None]))))
        pred_memberships.append({"member": member, "member_mention": member_mention, "network": network,
                                 "network_mention": network_mention, "role": draw(st.sampled_from(roles)),
                                 "status": draw(st.sampled_from(statuses)), "date": draw(st.sampled_from(dates))})
    part_roles = ["lead", "participant"]

    def gold_project(group):
        keys = draw(st.lists(st.tuples(st.integers(0, 4), st.sampled_from(part_roles)), unique=True, max_size=3))
        return {"name": GROUPS[group], "mention": GROUPS[group][0], "participants": [
            {"name": GROUPS[k], "role": r, "kind": "org"} for k, r in keys]}

    def pred_project(group):
        name, mention = draw(names_of(group))
        parts = []
        for _ in range(draw(st.integers(0, 3))):
            part_name, part_mention = draw(names_of(draw(st.sampled_from([0, 1, 2, 3, 4, None]))))
            parts.append({"name": part_name, "mention": part_mention, "role": draw(st.sampled_from(part_roles)),
                          "kind": "org"})
        return {"name": name, "mention": mention, "participants": parts}

    gold_projects = [gold_project(g) for g in draw(st.lists(st.integers(0, 2), unique=True, max_size=2))]
    pred_projects = [pred_project(g) for g in draw(st.lists(st.sampled_from([0, 1, 2, None]), max_size=3))]
    text = "x" * length
    for entity_ in gold_entities + pred_entities:
        entity_["text"] = text[entity_["start"]:entity_["end"]]
    gold = {"entities": gold_entities, "memberships": gold_memberships, "projects": gold_projects}
    pred = {"entities": pred_entities, "memberships": pred_memberships, "projects": pred_projects}
    return gold, pred


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(document_pair(), min_size=1, max_size=2))
def test_scorer_agrees_with_an_exhaustive_twin(pairs):
    gold = {f"d{i}": g for i, (g, _) in enumerate(pairs)}
    pred = {f"d{i}": p for i, (_, p) in enumerate(pairs)}
    result = score(gold, pred)
    totals, headline, (norm_right, norm_total), attrs = twin_score(gold, pred)
    zero = (0, 0, 0)
    for label in ("CITY", "DATE", "PERSON"):
        assert counts(result["entities"]["per_label_strict"][label]) == totals.get(("strict", label), zero)
        assert counts(result["entities"]["per_label_lenient"][label]) == totals.get(("lenient", label), zero)
    assert counts(result["entities"]["headline_strict"]) == tuple(headline)
    for key in ("memberships", "projects", "participants"):
        assert counts(result[key]) == totals[key]
        assert (result[key]["p"], result[key]["r"], result[key]["f"]) == pytest.approx(twin_prf(*totals[key]))
    assert result["entities"]["norm_counts"]["DATE"]["correct"] == norm_right
    assert result["entities"]["norm_counts"]["DATE"]["total"] == norm_total
    for key in ("role", "status", "date"):
        assert result["membership_attr_counts"][key]["correct"] == attrs[key]


def test_twin_enumerates_every_matching():
    assert len(all_matchings(2, 2, lambda g, p: True)) == 7
    assert list(itertools.islice(all_matchings(1, 1, lambda g, p: False), 2)) == [()]


def test_record_errors_show_their_sentence_and_rule():
    text = "Titolo\nBologna entra in ECCAR. Milano aderisce a Eurocities.\n"
    gold = {"d": {"memberships": [{"member": "Milano", "member_mention": "Milano", "network": "Eurocities"}]}}
    pred = {"d": {"memberships": [{"member": "Bologna", "member_mention": "Bologna", "network": "ECCAR",
                                   "rule": "triggers:member", "evidence": {"start": 7, "end": 31}}]}}
    errors = with_sentences(score(gold, pred)["errors"], {"d": text})
    spurious, missed = errors["memberships_spurious"][0], errors["memberships_missed"][0]
    assert (spurious["rule"], spurious["sentence"]) == ("triggers:member", "Bologna entra in ECCAR.")
    assert missed["sentence"] == "Milano aderisce a Eurocities."


def test_a_spurious_participant_shows_its_sentence_and_rule():
    text = "Il progetto SOLE è guidato da ANCI. Partecipa Milano.\n"
    gold = {"d": {"projects": [{"name": "SOLE", "participants": [{"name": "Milano", "role": "participant"}]}]}}
    pred = {"d": {"projects": [{"name": "SOLE", "mention": "SOLE", "participants": [
        {"name": "Milano", "role": "participant", "mention": "Milano"},
        {"name": "ANCI", "role": "lead", "mention": "ANCI", "rule": "phrasing:lead.1", "evidence": {"start": 0, "end": 35}}]}]}}
    errors = with_sentences(score(gold, pred)["errors"], {"d": text})
    spurious = errors["participants_spurious"][0]
    assert (spurious["rule"], spurious["sentence"]) == ("phrasing:lead.1", "Il progetto SOLE è guidato da ANCI.")
