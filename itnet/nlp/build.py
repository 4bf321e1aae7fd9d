"""Stage 2, nlp: the spaCy pipeline — a statistical NER model plus the project's rule
components, added in the order and with the settings of `pipeline.cfg`, a spaCy config
fragment. `nlp.to_disk` saves the whole of it, rules and syntax model included, and
`spacy.load` loads it in any process where this package is installed (its factories and the
tokenizer callback are entry points)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import spacy
from confection import Config
from spacy.language import Language
from spacy.util import is_package, load_config

from itnet.errors import Errors, PipelineError
from itnet.nlp import syntax
from itnet.nlp.model_paths import NER_MODEL, find_model

PIPELINE_CONFIG = Path(__file__).parent / "pipeline.cfg"
SPACY_PACKAGE = "it_core_news_sm"

# Components of a full spaCy package this pipeline does not use; excluding them keeps it fast.
UNUSED_COMPONENTS = ("tagger", "morphologizer", "parser", "lemmatizer", "attribute_ruler", "senter")


@dataclass(frozen=True, slots=True)
class LoadedPipeline:
    nlp: Language
    model: str


def resolve_model(model: str | None) -> str:
    """The model to load: the one asked for, else it_core_news_sm if installed, else ours."""
    if model:
        if not (is_package(model) or Path(model).exists()):
            # said before any work starts, not from inside a worker halfway through a run
            raise PipelineError(Errors.E010.format(model=model, reason="no installed package or folder of that name"))
        return model
    if is_package(SPACY_PACKAGE):
        return SPACY_PACKAGE
    project_model = find_model(NER_MODEL)
    if project_model is not None:
        return project_model
    raise PipelineError(Errors.E011)


def load_pipeline(model: str | None = None, config_path: Path = PIPELINE_CONFIG) -> LoadedPipeline:
    name = resolve_model(model)
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except (OSError, ValueError, KeyError) as error:
        raise PipelineError(Errors.E010.format(model=name, reason=str(error).splitlines()[0])) from None
    add_rule_components(nlp, load_config(config_path))
    return LoadedPipeline(nlp=nlp, model=describe_pipeline(nlp, name))


def add_rule_components(nlp: Language, config: Config) -> None:
    """The [nlp.after_creation] callback of `config` applied to `nlp` and its components
    added, as spaCy builds a pipeline from its config: the base model is already loaded, so
    its own config cannot take them. nlp.config then states them, and so does a saved
    pipeline's config.cfg."""
    after_creation = config["nlp"]["after_creation"]
    spacy.registry.resolve({"callback": after_creation})["callback"](nlp)
    nlp.config["nlp"]["after_creation"] = after_creation
    for name in config["nlp"]["pipeline"]:
        settings = dict(config["components"][name])
        nlp.add_pipe(settings.pop("factory"), name=name, config=settings)


def describe_pipeline(nlp: Language, name: str) -> str:
    """"it_kind_ner-4.0.0+it_syntax-1.0.0": the models that run, as outputs name them."""
    return _describe(nlp, name) + _syntax_model(nlp)


def _syntax_model(nlp: Language) -> str:
    """"+it_syntax-1.0.0" where the syntax component runs: outputs name both models."""
    for _, component in nlp.pipeline:
        if isinstance(component, syntax.SyntaxParser):
            return "+" + _describe(component.syntax, "syntax")
    return ""


def _describe(nlp: Language, name: str) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'it')}_{meta.get('name', Path(name).name)}-{meta.get('version', '?')}"
