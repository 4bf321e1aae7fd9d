"""`python -m itnet review OUT/ --html REPORT/ [--gold GOLD/]`: a static report for analysts.

REPORT/index.html lists the documents (status, counts, errors), the merged records by network
and by project, and charts drawn by matplotlib as inline SVG; REPORT/docs/<doc>.html shows one
document: each record beside its evidence sentence with the member and the network marked,
the rule behind it, canonical ids linked (GeoNames, Wikidata), and the text with its entities
highlighted by displaCy (manual mode, from documents.jsonl). With --gold, each page lists the
records the gold has and the output misses, and the false ones. No server and no script: the
files open in any browser.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from itnet.errors import PipelineError
from itnet.evaluate.commands import document_text, read_documents
from itnet.evaluate.gold import load_gold_dir
from itnet.evaluate.report import with_sentences
from itnet.evaluate.scorer import score_document
from itnet.export import RECORDS_JSON
from itnet.schema import Records

TEMPLATES = Path(__file__).parent / "resources" / "review"
# displaCy colours for the scored labels (others get its default grey)
ENTITY_COLOURS = {"CITY": "#aee3ff", "COUNTRY": "#c5f0c5", "ORG": "#ffd59e", "PERSON": "#f4c2f4",
                  "PROJECT": "#d6c8ff", "DATE": "#e9e9a8", "MONEY": "#b8f0e0"}
CHART_BARS = 15


def write_review(out_dir: Path, report_dir: Path, gold_dir: Path | None = None, texts_dir: Path | None = None) -> Path:
    """Write the report; returns its index page."""
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["j2"]))
    documents = read_documents(out_dir)
    statuses = pd.read_csv(out_dir / "documents.csv", dtype=str, keep_default_na=False)
    records = Records.model_validate_json((out_dir / RECORDS_JSON).read_text(encoding="utf-8"))
    gold = load_gold_dir(gold_dir)[0] if gold_dir is not None else None
    pages = {d["doc_id"]: f"docs/{_page_name(d['doc_id'])}" for d in documents}
    (report_dir / "docs").mkdir(parents=True, exist_ok=True)
    shutil.copy(TEMPLATES / "style.css", report_dir / "style.css")
    comparison: dict[str, dict[str, list[dict]]] = {}
    for document in documents:
        text = _text(document, out_dir, texts_dir)
        errors = None
        if gold is not None and document["doc_id"] in gold:
            errors = with_sentences(score_document(document["doc_id"], gold[document["doc_id"]], document).errors,
                                    {document["doc_id"]: text})
            comparison[document["doc_id"]] = errors
        page = environment.get_template("document.html.j2").render(**_document_view(document, text, errors))
        (report_dir / pages[document["doc_id"]]).write_text(page, encoding="utf-8")
    rows = [
        {**row, "page": pages.get(row["doc_id"]),
         "missed": len(comparison.get(row["doc_id"], {}).get("memberships_missed", [])),
         "false": len(comparison.get(row["doc_id"], {}).get("memberships_spurious", []))}
        for row in statuses.to_dict("records")
    ]
    by_network: dict[str, list[Any]] = {}
    for membership in records.memberships:
        by_network.setdefault(membership.network, []).append(membership)
    index = environment.get_template("index.html.j2").render(
        title=str(out_dir), documents=rows, ok=sum(r["status"] == "ok" for r in rows),
        errors=sum(r["status"] == "error" for r in rows), memberships=records.memberships,
        projects=records.projects, by_network=sorted(by_network.items()), pages=pages,
        charts=_charts(records), gold=str(gold_dir) if gold_dir is not None else None,
    )
    (report_dir / "index.html").write_text(index, encoding="utf-8")
    return report_dir / "index.html"


def _page_name(doc_id: str) -> str:
    """A file name for any doc_id ("2024/roma", "a b"): readable, and distinct through a hash."""
    digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8]
    return f"{re.sub(r'[^A-Za-z0-9_.-]', '_', doc_id)[:80]}-{digest}.html"


def _text(document: dict, out_dir: Path, texts_dir: Path | None) -> str:
    try:
        return document_text(document, out_dir, texts_dir)
    except PipelineError:
        return ""  # the page says so: records stay readable without the text


def _document_view(document: dict, text: str, errors: dict[str, list[dict]] | None) -> dict[str, Any]:
    from spacy import displacy

    entities = [{"start": e["start"], "end": e["end"], "label": e["label"]} for e in document.get("entities") or []
                if text and e["end"] <= len(text)]
    entities_html = (displacy.render({"text": text, "ents": entities, "title": None}, style="ent", manual=True,
                                     options={"colors": ENTITY_COLOURS}) if text else "<p>(text not found)</p>")
    links = _links(document.get("entities") or [])
    memberships = [
        {**m, "member": _linked(m["member"], links.get(m.get("member_id") or "")),
         "network": _linked(m["network"], links.get(m.get("network_id") or "")),
         "evidence": _evidence(text, m.get("evidence"), [(m.get("member_span"), m["member_mention"], "member"),
                                                         (m.get("network_span"), m["network_mention"], "network")])}
        for m in document.get("memberships") or []
    ]
    projects = [
        {**p, "evidence": _evidence(text, p.get("evidence"), [(None, p.get("mention") or p["name"], "project")]),
         "participants": [{**x, "name": _linked(x["name"], links.get(x.get("participant_id") or "")),
                           "evidence": _evidence(text, x.get("evidence"), [(x.get("span"), x.get("mention") or x["name"], "member")])}
                          for x in p.get("participants") or []]}
        for p in document.get("projects") or []
    ]
    gold = None
    if errors is not None:
        gold = {"missed": errors["memberships_missed"], "false": errors["memberships_spurious"],
                "participants_missed": [_participant_row(x) for x in errors["participants_missed"]],
                "participants_false": [_participant_row(x) for x in errors["participants_spurious"]]}
    return {"doc_id": document["doc_id"], "source": document.get("source"), "published": document.get("published"),
            "memberships": memberships, "projects": projects, "entities_html": entities_html, "gold": gold}


def _participant_row(item: dict) -> dict:
    first = lambda value: value[0] if isinstance(value, list) else value  # noqa: E731  (gold alias lists)
    return {"participant": first(item.get("participant")), "project": first(item.get("project")), "role": item.get("role")}


def _links(entities: list[dict]) -> dict[str, str]:
    """entity_id → the page of its GeoNames or Wikidata entry, where the entity has one."""
    links = {}
    for entity in entities:
        if entity.get("entity_id") and entity.get("geonames_id"):
            links[entity["entity_id"]] = f"https://www.geonames.org/{entity['geonames_id']}"
        elif entity.get("entity_id") and entity.get("wikidata_id"):
            links[entity["entity_id"]] = f"https://www.wikidata.org/wiki/{entity['wikidata_id']}"
    return links


def _linked(name: str, link: str | None) -> str:
    return f'<a href="{html.escape(link)}">{html.escape(name)}</a>' if link else html.escape(name)


def _evidence(text: str, evidence: dict | None, marks: list[tuple[dict | None, str, str]]) -> str:
    """The evidence sentence, escaped, with the member and the network marked: at their span
    where it lies inside the sentence, else where the sentence names them."""
    if not text or not evidence:
        return ""
    start, end = evidence["start"], evidence["end"]
    inside = []
    for span, mention, css in marks:
        if span and start <= span["start"] < span["end"] <= end:
            inside.append((span["start"], span["end"], css))
        elif mention and (found := text.find(mention, start, end)) >= 0:
            inside.append((found, found + len(mention), css))
    pieces, position = [], start
    for mark_start, mark_end, css in sorted(inside):
        if mark_start < position:
            continue
        pieces += [html.escape(text[position:mark_start]), f'<mark class="{css}">{html.escape(text[mark_start:mark_end])}</mark>']
        position = mark_end
    pieces.append(html.escape(text[position:end]))
    return "".join(pieces)


def _charts(records: Records) -> list[dict[str, str]]:
    """Bar charts as inline SVG: records per network, members per kind, project budgets."""
    charts = []
    per_network = Counter(m.network for m in records.memberships).most_common(CHART_BARS)
    if per_network:
        charts.append({"title": "Membership records per network", "svg": _bar_svg(per_network)})
    per_kind = Counter(m.member_kind for m in records.memberships).most_common()
    if per_kind:
        charts.append({"title": "Members per kind", "svg": _bar_svg(per_kind)})
    budgets = [(f"{p.name} ({p.budget.split()[-1]})", float(p.budget.split()[0])) for p in records.projects
               if p.budget and re.fullmatch(r"\d+(?:\.\d+)? [A-Z]{3}", p.budget)]
    if budgets:
        charts.append({"title": "Project budgets", "svg": _bar_svg(budgets[:CHART_BARS])})
    return charts


def _bar_svg(bars: Sequence[tuple[str, float]]) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(6, 0.35 * len(bars) + 0.8))
    labels, values = zip(*reversed(bars))
    axes.barh(labels, values, color="#4c78a8")
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    pyplot.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]
