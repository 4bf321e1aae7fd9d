"""Where the project's own models are found: an installed spaCy package of the model's name
(`make package` builds them with `spacy package`, so an installation outside the checkout
finds them), else the checkout's `models/` folder."""

from __future__ import annotations

from pathlib import Path

from spacy.util import is_package

CHECKOUT_MODELS = Path(__file__).resolve().parents[2] / "models"
NER_MODEL = "it_kind_ner"
SYNTAX_MODEL = "it_syntax"


def find_model(name: str) -> str | None:
    """The package name where such a package is installed, else the checkout's folder of
    that name where it holds a model, else None."""
    if is_package(name):
        return name
    folder = CHECKOUT_MODELS / name
    return str(folder) if (folder / "meta.json").exists() else None
