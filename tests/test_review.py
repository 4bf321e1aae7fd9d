"""The analyst's report (itnet/review.py): written from a run, read in a real browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from itnet.cli import main
from itnet.run import run_pipeline

TEXT = ("Bari entra nella rete Cittaslow\n\nIl Comune di Bari è entrato nella rete Cittaslow il 12 marzo 2022. "
        "Il progetto URBEX, finanziato dalla Regione Puglia, è coordinato dal Comune di Lecce.")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("review")
    inputs = root / "in"
    inputs.mkdir()
    (inputs / "bari.txt").write_text(TEXT, encoding="utf-8")
    (inputs / "vuoto.txt").write_text("", encoding="utf-8")
    out = root / "out"
    run_pipeline([inputs], out)
    gold = root / "gold"
    gold.mkdir()
    shutil.copy(inputs / "bari.txt", gold / "bari.txt")
    (gold / "bari.json").write_text(json.dumps({
        "doc_id": "bari", "source": "bari.txt", "text_sha256": "", "published": None, "entities": [],
        "memberships": [{"member": "Bari", "member_mention": "Bari", "member_kind": "city", "network": "Cittaslow",
                         "network_mention": "Cittaslow", "role": "member", "status": "member", "date": "2022-03-12"},
                        {"member": "Molfetta", "member_mention": "Molfetta", "member_kind": "city", "network": "Cittaslow",
                         "network_mention": "Cittaslow", "role": "member", "status": "member", "date": None}],
        "projects": []}), encoding="utf-8")
    assert main(["review", str(out), "--html", str(root / "report"), "--gold", str(gold)]) == 0
    return root / "report"


def document_page(report: Path) -> str:
    [page] = [p for p in (report / "docs").glob("bari-*.html")]
    return page.read_text(encoding="utf-8")


def test_the_index_lists_every_document_with_its_status(report):
    index = (report / "index.html").read_text(encoding="utf-8")
    assert "bari" in index and "vuoto" in index and "[E004]" in index
    assert "<svg" in index  # the charts, inline


def test_a_record_stands_beside_its_evidence_with_member_and_network_marked(report):
    page = document_page(report)
    assert '<mark class="member">Bari</mark> è entrato nella rete <mark class="network">Cittaslow</mark>' in page


def test_canonical_ids_link_to_geonames(report):
    assert 'href="https://www.geonames.org/' in document_page(report)


def test_with_gold_a_missed_record_is_marked(report):
    page = document_page(report)
    assert '<tr class="missed"><td>missed</td><td>Molfetta</td>' in page


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium (apt-get install chromium); .ci/run installs it")
def test_the_report_loads_in_a_headless_browser_without_script_errors(report, tmp_path):
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
               f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom"]
    for page in [report / "index.html", *sorted((report / "docs").glob("*.html"))]:
        done = subprocess.run([*command, page.as_uri()], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-500:]
        assert "Uncaught" not in done.stderr and "</html>" in done.stdout
    dom = subprocess.run([*command, (report / "index.html").as_uri()], capture_output=True, text=True, timeout=120).stdout
    assert "Cittaslow" in dom and "Bari" in dom
