"""Shared fixtures: the project's spaCy pipeline, loaded once per session, and a helper
that takes an Italian text through ingest, nlp, normalise and link."""

from __future__ import annotations

from pathlib import Path

import pytest

from itnet.ingest import iter_inputs, read_document
from itnet.link import link
from itnet.nlp.annotate import annotate
from itnet.nlp.build import load_pipeline
from itnet.normalise import normalise


@pytest.fixture(scope="session")
def loaded():
    return load_pipeline()


@pytest.fixture
def extract(loaded, tmp_path):
    """Records of a text: (memberships, projects)."""

    def run(text: str, name: str = "comunicato.txt"):
        path = Path(tmp_path) / name
        path.write_text(text, encoding="utf-8")
        document = read_document(next(iter_inputs([path])))
        annotated = normalise(next(annotate(loaded.nlp, [document], loaded.model)))
        return link(annotated)

    return run
