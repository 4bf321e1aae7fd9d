"""Scores pipeline documents against gold documents, SPEC §5 to the letter.

`score(gold, pred)` takes two `{doc_id: document dict}` maps (gold in SPEC §4 form, pred in
SPEC §1 form) and returns nested figures (see `score`'s docstring).

Where SPEC leaves the matching open, the rules are:
- "each span/record used once" is a one-to-one matching of maximum size (augmenting paths,
  Kuhn's algorithm: greedy matching can miss pairs when spans overlap several others);
- among predictions competing for the same gold item, the one that scores best wins (for
  DATE and MONEY the one with the right norm; for memberships the one with more right
  attributes, role before status before date; for projects the one with more right
  participant triples), then the earlier one;
- a repeated prediction is one more claim: it counts as spurious;
- documents absent from `pred` have no predictions; `pred` documents absent from `gold`
  are not scored (listed under `unscored_documents`);
- a ratio with a zero denominator is 0.0, except that P, R and F1 are 1.0 when there is
  nothing to find and nothing was predicted; an accuracy over zero items is None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from itnet.gazetteers.keys import name_key as normalise_name
from itnet.schema import HEADLINE_LABELS, SCORED_LABELS

NORM_LABELS: tuple[str, ...] = ("DATE", "MONEY")
MEMBERSHIP_ATTRIBUTES: tuple[str, ...] = ("role", "status", "date")


def aliases(value: str | Sequence[str] | None) -> frozenset[str]:
    """The normalised acceptable names of a gold field (a name or a list of aliases)."""
    if value is None:
        return frozenset()
    values = [value] if isinstance(value, str) else list(value)
    return frozenset(key for key in (normalise_name(v) for v in values if isinstance(v, str)) if key)


def acceptable_values(value: str | Sequence[str] | None) -> frozenset[str]:
    """A gold date field as the set of its acceptable values; empty means "not stated"."""
    if value is None:
        return frozenset()
    values = [value] if isinstance(value, str) else list(value)
    return frozenset(v.strip() for v in values if isinstance(v, str) and v.strip())


def name_matches(gold_value: str | Sequence[str] | None, *predicted: str | Sequence[str] | None) -> bool:
    """A predicted field matches when its canonical name or its mention is a gold alias.

    A predicted list counts as its names (so a gold file scores as a prediction too).
    """
    accepted = aliases(gold_value)
    return any(aliases(p) & accepted for p in predicted)


def date_right(gold_value: str | Sequence[str] | None, predicted: str | Sequence[str] | None) -> bool:
    """Right when the prediction is one of the gold values, or neither side states one."""
    accepted, stated = acceptable_values(gold_value), acceptable_values(predicted)
    return bool(stated & accepted) if stated else not accepted


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def figures(self) -> dict[str, float | int]:
        if self.tp + self.fp + self.fn == 0:
            p = r = f = 1.0
        else:
            p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
            r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": p, "r": r, "f": f, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Tally:
    correct: int = 0
    total: int = 0

    def add(self, right: bool) -> None:
        self.correct += int(right)
        self.total += 1

    def merge(self, other: Tally) -> None:
        self.correct += other.correct
        self.total += other.total

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def as_dict(self) -> dict[str, Any]:
        return {"accuracy": self.accuracy, "correct": self.correct, "total": self.total}


def max_matching(
    n_gold: int, n_pred: int, compatible: Callable[[int, int], bool],
    preference: Callable[[int, int], float] | None = None,
) -> dict[int, int]:
    """A maximum one-to-one matching gold index → pred index (Kuhn's augmenting paths).

    Each gold item tries its compatible predictions best-preference first, then in order.
    """
    candidates = []
    for g in range(n_gold):
        options = [p for p in range(n_pred) if compatible(g, p)]
        if preference is not None:
            options.sort(key=lambda p: (-preference(g, p), p))  # called by sort here, with this iteration's g
        candidates.append(options)
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in candidates[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(n_gold):
        augment(g, set())
    return {g: p for p, g in owner.items()}


def _scored_entities(document: dict | None) -> list[dict]:
    entities = (document or {}).get("entities") or []
    return [e for e in entities if e.get("label") in SCORED_LABELS]


def _entity_view(entity: dict, doc_id: str) -> dict:
    view = {"doc_id": doc_id, "label": entity["label"], "start": entity["start"],
            "end": entity["end"], "text": entity.get("text")}
    if entity.get("norm") is not None:
        view["norm"] = entity["norm"]
    return view


@dataclass
class DocumentScore:
    strict: dict[str, Counts] = field(default_factory=lambda: {label: Counts() for label in SCORED_LABELS})
    lenient: dict[str, Counts] = field(default_factory=lambda: {label: Counts() for label in SCORED_LABELS})
    norms: dict[str, Tally] = field(default_factory=lambda: {label: Tally() for label in NORM_LABELS})
    memberships: Counts = field(default_factory=Counts)
    attributes: dict[str, Tally] = field(default_factory=lambda: {a: Tally() for a in MEMBERSHIP_ATTRIBUTES})
    projects: Counts = field(default_factory=Counts)
    participants: Counts = field(default_factory=Counts)
    errors: dict[str, list[dict]] = field(default_factory=lambda: {
        "entities_missed": [], "entities_spurious": [], "norms_wrong": [],
        "memberships_missed": [], "memberships_spurious": [], "membership_attributes_wrong": [],
        "projects_missed": [], "projects_spurious": [],
        "participants_missed": [], "participants_spurious": [],
    })

    def merge(self, other: DocumentScore) -> None:
        for label in SCORED_LABELS:
            self.strict[label].add(other.strict[label])
            self.lenient[label].add(other.lenient[label])
        for label in NORM_LABELS:
            self.norms[label].merge(other.norms[label])
        self.memberships.add(other.memberships)
        for attribute in MEMBERSHIP_ATTRIBUTES:
            self.attributes[attribute].merge(other.attributes[attribute])
        self.projects.add(other.projects)
        self.participants.add(other.participants)
        for key, items in other.errors.items():
            self.errors[key].extend(items)

    def figures(self) -> dict[str, Any]:
        headline_strict, headline_lenient = Counts(), Counts()
        for label in HEADLINE_LABELS:
            headline_strict.add(self.strict[label])
            headline_lenient.add(self.lenient[label])
        all_norms = Tally()
        for label in NORM_LABELS:
            all_norms.merge(self.norms[label])
        return {
            "entities": {
                "headline_strict": headline_strict.figures(),
                "headline_lenient": headline_lenient.figures(),
                "per_label_strict": {label: self.strict[label].figures() for label in SCORED_LABELS},
                "per_label_lenient": {label: self.lenient[label].figures() for label in SCORED_LABELS},
                "norm_accuracy": all_norms.accuracy,
                "norm_counts": {"all": all_norms.as_dict(),
                                **{label: self.norms[label].as_dict() for label in NORM_LABELS}},
            },
            "memberships": self.memberships.figures(),
            "membership_attr_accuracy": {a: self.attributes[a].accuracy for a in MEMBERSHIP_ATTRIBUTES},
            "membership_attr_counts": {a: self.attributes[a].as_dict() for a in MEMBERSHIP_ATTRIBUTES},
            "projects": self.projects.figures(),
            "participants": self.participants.figures(),
        }


def _norm_right(gold: dict, pred: dict) -> bool:
    expected, got = gold.get("norm"), pred.get("norm")
    return isinstance(got, str) and isinstance(expected, str) and got.strip() == expected.strip()


def _score_entities(doc_id: str, gold: list[dict], pred: list[dict], result: DocumentScore) -> None:
    for label in SCORED_LABELS:
        gold_l = [e for e in gold if e["label"] == label]
        pred_l = [e for e in pred if e["label"] == label]
        strict = max_matching(
            len(gold_l), len(pred_l),
            lambda g, p: gold_l[g]["start"] == pred_l[p]["start"] and gold_l[g]["end"] == pred_l[p]["end"],
            lambda g, p: _norm_right(gold_l[g], pred_l[p]))
        lenient = max_matching(len(gold_l), len(pred_l), lambda g, p: (
            gold_l[g]["start"] < pred_l[p]["end"] and pred_l[p]["start"] < gold_l[g]["end"]))
        result.strict[label].add(Counts(len(strict), len(pred_l) - len(strict), len(gold_l) - len(strict)))
        result.lenient[label].add(Counts(len(lenient), len(pred_l) - len(lenient), len(gold_l) - len(lenient)))
        overlapping = {g: pred_l[p] for g, p in lenient.items()}
        overlapped = {p: gold_l[g] for g, p in lenient.items()}
        strict_preds = set(strict.values())
        for g, entity in enumerate(gold_l):
            if g not in strict:
                view = _entity_view(entity, doc_id)
                view["overlapping_prediction"] = overlapping[g].get("text") if g in overlapping else None
                result.errors["entities_missed"].append(view)
        for p, entity in enumerate(pred_l):
            if p not in strict_preds:
                view = _entity_view(entity, doc_id)
                view["overlapping_gold"] = overlapped[p].get("text") if p in overlapped else None
                result.errors["entities_spurious"].append(view)
        if label in NORM_LABELS:
            for g, p in strict.items():
                right = _norm_right(gold_l[g], pred_l[p])
                result.norms[label].add(right)
                if not right:
                    view = _entity_view(gold_l[g], doc_id)
                    view["predicted_norm"] = pred_l[p].get("norm")
                    result.errors["norms_wrong"].append(view)


def _attribute_results(gold: dict, pred: dict) -> dict[str, bool]:
    return {
        "role": pred.get("role", "member") == gold.get("role", "member"),
        "status": pred.get("status", "member") == gold.get("status", "member"),
        "date": date_right(gold.get("date"), pred.get("date")),
    }


def _membership_view(record: dict, doc_id: str) -> dict:
    # a predicted record also says which rule made it and where its evidence is
    keys = ("member", "member_mention", "network", "network_mention", "role", "status", "date", "rule", "evidence")
    return {"doc_id": doc_id, **{k: record.get(k) for k in keys}}


def _score_memberships(doc_id: str, gold: list[dict], pred: list[dict], result: DocumentScore) -> None:
    def compatible(g: int, p: int) -> bool:
        return (name_matches(gold[g].get("member"), pred[p].get("member"), pred[p].get("member_mention"))
                and name_matches(gold[g].get("network"), pred[p].get("network"), pred[p].get("network_mention")))

    def preference(g: int, p: int) -> float:
        right = _attribute_results(gold[g], pred[p])
        return 4 * right["role"] + 2 * right["status"] + right["date"]

    matched = max_matching(len(gold), len(pred), compatible, preference)
    result.memberships.add(Counts(len(matched), len(pred) - len(matched), len(gold) - len(matched)))
    for g, p in matched.items():
        right = _attribute_results(gold[g], pred[p])
        for attribute in MEMBERSHIP_ATTRIBUTES:
            result.attributes[attribute].add(right[attribute])
        wrong = [a for a in MEMBERSHIP_ATTRIBUTES if not right[a]]
        if wrong:
            view = _membership_view(gold[g], doc_id)
            view["wrong"] = {a: pred[p].get(a) for a in wrong}
            view["rule"], view["evidence"] = pred[p].get("rule"), pred[p].get("evidence")
            result.errors["membership_attributes_wrong"].append(view)
    matched_preds = set(matched.values())
    result.errors["memberships_missed"].extend(
        _membership_view(r, doc_id) for g, r in enumerate(gold) if g not in matched)
    result.errors["memberships_spurious"].extend(
        _membership_view(r, doc_id) for p, r in enumerate(pred) if p not in matched_preds)


def _participants(project: dict) -> list[dict]:
    return list(project.get("participants") or [])


def _participant_matching(gold_project: dict, pred_project: dict) -> dict[int, int]:
    gold_parts, pred_parts = _participants(gold_project), _participants(pred_project)
    return max_matching(len(gold_parts), len(pred_parts), lambda g, p: (
        gold_parts[g].get("role") == pred_parts[p].get("role")
        and name_matches(gold_parts[g].get("name"), pred_parts[p].get("name"), pred_parts[p].get("mention"))))


def _participant_view(project: dict, participant: dict, doc_id: str) -> dict:
    return {"doc_id": doc_id, "project": project.get("name"), "participant": participant.get("name"),
            "role": participant.get("role"), "kind": participant.get("kind"),
            "mention": participant.get("mention"), "rule": participant.get("rule"), "evidence": participant.get("evidence")}


def _score_projects(doc_id: str, gold: list[dict], pred: list[dict], result: DocumentScore) -> None:
    matched = max_matching(
        len(gold), len(pred),
        lambda g, p: name_matches(gold[g].get("name"), pred[p].get("name"), pred[p].get("mention")),
        lambda g, p: len(_participant_matching(gold[g], pred[p])))
    result.projects.add(Counts(len(matched), len(pred) - len(matched), len(gold) - len(matched)))
    matched_preds = set(matched.values())
    for g, project in enumerate(gold):
        parts = _participants(project)
        if g not in matched:
            result.errors["projects_missed"].append({"doc_id": doc_id, "name": project.get("name"),
                                                     "mention": project.get("mention")})
            result.participants.add(Counts(fn=len(parts)))
            result.errors["participants_missed"].extend(_participant_view(project, x, doc_id) for x in parts)
            continue
        pred_project = pred[matched[g]]
        pred_parts = _participants(pred_project)
        pairs = _participant_matching(project, pred_project)
        result.participants.add(Counts(len(pairs), len(pred_parts) - len(pairs), len(parts) - len(pairs)))
        used = set(pairs.values())
        result.errors["participants_missed"].extend(
            _participant_view(project, x, doc_id) for i, x in enumerate(parts) if i not in pairs)
        result.errors["participants_spurious"].extend(
            _participant_view(pred_project, x, doc_id) for i, x in enumerate(pred_parts) if i not in used)
    for p, project in enumerate(pred):
        if p in matched_preds:
            continue
        parts = _participants(project)
        result.errors["projects_spurious"].append({"doc_id": doc_id, "name": project.get("name"),
                                                   "mention": project.get("mention")})
        result.participants.add(Counts(fp=len(parts)))
        result.errors["participants_spurious"].extend(_participant_view(project, x, doc_id) for x in parts)


def score_document(doc_id: str, gold: dict, pred: dict | None) -> DocumentScore:
    result = DocumentScore()
    pred = pred or {}
    _score_entities(doc_id, _scored_entities(gold), _scored_entities(pred), result)
    _score_memberships(doc_id, list(gold.get("memberships") or []), list(pred.get("memberships") or []), result)
    _score_projects(doc_id, list(gold.get("projects") or []), list(pred.get("projects") or []), result)
    return result


def score(gold: dict[str, dict], pred: dict[str, dict]) -> dict[str, Any]:
    """SPEC §5 figures, micro-averaged over the gold documents.

    Keys: entities.{headline_strict, headline_lenient, per_label_strict.<LABEL>,
    per_label_lenient.<LABEL>} ({p, r, f, tp, fp, fn}), entities.norm_accuracy (float),
    entities.norm_counts, memberships, membership_attr_accuracy.{role,status,date} (float),
    membership_attr_counts, projects, participants, per_document.<doc_id> (the same figures),
    errors.<kind> (lists of missed/spurious items with their text), unscored_documents.
    """
    total = DocumentScore()
    per_document: dict[str, Any] = {}
    for doc_id in sorted(gold):
        document_score = score_document(doc_id, gold[doc_id], pred.get(doc_id))
        per_document[doc_id] = document_score.figures()
        total.merge(document_score)
    return {
        **total.figures(),
        "per_document": per_document,
        "errors": total.errors,
        "unscored_documents": sorted(set(pred) - set(gold)),
    }

