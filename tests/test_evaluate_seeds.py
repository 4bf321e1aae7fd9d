"""`evaluate` on gold/ with the real pipeline meets the issue's bar (fails until the pipeline does)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from itnet.cli import main

GOLD = Path(__file__).resolve().parents[1] / "gold"


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    out = tmp_path_factory.mktemp("evaluate") / "figures.json"
    assert main(["evaluate", "--gold", str(GOLD), "--json", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_headline_strict_entity_f1(figures):
    assert figures["entities"]["headline_strict"]["f"] >= 0.90


def test_membership_f1(figures):
    assert figures["memberships"]["f"] >= 0.90


def test_participant_f1(figures):
    assert figures["participants"]["f"] >= 0.85
