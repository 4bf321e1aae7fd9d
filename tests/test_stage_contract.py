"""The contract between stages: data flows ingest → nlp → normalise → link → export, no stage
imports a later one, and each DATE and MONEY norm is read once, by the nlp stage."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
import spacy

import itnet
from itnet.ingest import document_from_text
from itnet.mentions import AnnotatedDocument, Mention
from itnet.nlp.annotate import CHUNK_CHARS, annotate, annotate_one
from itnet.normalise import normalise

PACKAGE = Path(itnet.__file__).parent
LATER_THAN_NLP = ("itnet.normalise", "itnet.link", "itnet.export")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("folder", ["nlp", "parsers"])
def test_the_nlp_stage_and_the_parsers_import_no_later_stage(folder):
    found = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in (PACKAGE / folder).rglob("*.py")
        for name in _imported_modules(path)
        if name.startswith(LATER_THAN_NLP)
    }
    assert found == set()


def test_normalise_keeps_the_norms_and_parses_no_date_or_amount(monkeypatch):
    def no_parsing(*args, **kwargs):
        raise AssertionError("normalise parsed a date or an amount")

    for module in [m for name, m in sys.modules.items() if name.startswith("itnet.")]:
        for parser in ("parse_date", "parse_money", "parse_norm", "find_published"):
            if hasattr(module, parser):
                monkeypatch.setattr(module, parser, no_parsing)
    text = "Il 6 marzo scorso sono stati stanziati 40.000 euro."
    mentions = [
        Mention("DATE", 3, 17, "6 marzo scorso", 3, 17, "6 marzo scorso", "model", norm="2024-03-06"),
        Mention("MONEY", 39, 50, "40.000 euro", 39, 50, "40.000 euro", "model", norm="40000 EUR"),
    ]
    document = AnnotatedDocument("d", "d.txt", text, text, "", None, [], mentions, published="2024-05-01")
    normalised = normalise(document)
    assert [(m.label, m.norm) for m in normalised.mentions] == [("DATE", "2024-03-06"), ("MONEY", "40000 EUR")]
    assert normalised.published == "2024-05-01"


def _ingested(text: str):
    return document_from_text(text, doc_id="d", source="d.txt")


def test_mentions_carry_the_norms_and_the_date_the_nlp_stage_read(loaded):
    document = _ingested("Torino, 12 maggio 2022 – Lo scorso 3 febbraio la Regione ha stanziato 40.000 euro.")
    annotated = next(annotate(loaded.nlp, [document], loaded.model))
    assert [(m.clean_text, m.norm) for m in annotated.mentions if m.label in ("DATE", "MONEY")] == [
        ("12 maggio 2022", "2022-05-12"), ("scorso 3 febbraio", "2022-02-03"), ("40.000 euro", "40000 EUR"),
    ]
    assert annotated.published == "2022-05-12"


def test_a_given_published_date_reaches_the_dates_component(loaded):
    document = _ingested("Torino, 12 maggio 2022 – Lo scorso 3 febbraio la città ha aderito.")
    annotated = next(annotate(loaded.nlp, [document], loaded.model, published="2023-06-01"))
    assert [m.norm for m in annotated.mentions if m.clean_text == "scorso 3 febbraio"] == ["2023-02-03"]
    assert annotated.published == "2023-06-01"


def test_a_chunked_text_keeps_its_norms_and_resolves_every_chunk_against_its_own_date():
    nlp = spacy.blank("it")
    nlp.add_pipe("it_line_sentencizer")
    nlp.add_pipe("it_dates_money")
    filler = "La rete conta molti membri in Europa.\n\n" * (CHUNK_CHARS // 38)
    document = _ingested(f"Torino, 12 maggio 2022\n\n{filler}Lo scorso 3 febbraio sono stati stanziati 40.000 euro.\n")
    annotated = annotate_one(nlp, document, "blank")
    assert [(m.clean_text, m.norm) for m in annotated.mentions] == [
        ("12 maggio 2022", "2022-05-12"), ("scorso 3 febbraio", "2022-02-03"), ("40.000 euro", "40000 EUR"),
    ]
    assert annotated.published == "2022-05-12"


def _entity_writes(path: Path) -> list[int]:
    """Lines of `path` that assign `….ents` or call `….set_ents`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            lines += [node.lineno for t in targets if isinstance(t, ast.Attribute) and t.attr == "ents"]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "set_ents":
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", sorted((PACKAGE / "nlp").glob("*.py")), ids=lambda p: p.name)
def test_the_nlp_components_write_entities_only_through_spans(path):
    # itnet/nlp/spans.py keeps each entity's facts (Span._.org_id, Span._.rule) with the entity;
    # a direct write to doc.ents elsewhere would leave stale facts behind
    if path.name == "spans.py":
        assert _entity_writes(path)
    else:
        assert _entity_writes(path) == []
