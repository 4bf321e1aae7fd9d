"""Stage 2, nlp: the spaCy pipeline — a statistical NER model plus the project's rule
components, added in the order and with the settings of `pipeline.cfg`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_suffix_regex, is_package, load_config

from itnet.errors import Errors, PipelineError
from itnet.nlp import dates_money, entity_rules, junk_filter, names_tagger, network_phrases, sentences, syntax  # noqa: F401  (register factories)
from itnet.nlp.model_paths import NER_MODEL, find_model

PIPELINE_CONFIG = Path(__file__).parent / "pipeline.cfg"
SPACY_PACKAGE = "it_core_news_sm"

# Components of a full spaCy package this pipeline does not use; excluding them keeps it fast.
UNUSED_COMPONENTS = ("tagger", "morphologizer", "parser", "lemmatizer", "attribute_ruler", "senter")

# "ECCAR-European Coalition …": an acronym glued by a hyphen to the long name that follows.
# "UN-Habitat" keeps its hyphen: the split needs three capitals on the left.
ACRONYM_HYPHEN_INFIX = r"(?<=[A-Z]{3})[-–](?=[A-Z][a-z])"
# "… ERRIN e NECSTouR.": spaCy keeps a full stop after a capital as an abbreviation's
# ("S.p.A."); after a lower-case letter and a capital it ends the sentence.
CAMEL_CASE_FULL_STOP = r"(?<=[a-z][A-Z])\."


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
    customise_tokenizer(nlp)
    config = load_config(config_path)
    for component in config["pipeline"]["components"]:
        settings = dict(config["components"][component])
        factory = settings.pop("factory")
        nlp.add_pipe(factory, name=component, config=settings)
    return LoadedPipeline(nlp=nlp, model=_describe(nlp, name) + _syntax_model(nlp))


def customise_tokenizer(nlp: Language) -> None:
    """Acronyms split from a glued long name, and a full stop split after "NECSTouR"."""
    infixes = list(nlp.Defaults.infixes or []) + [ACRONYM_HYPHEN_INFIX]
    # spaCy types the tokenizer as a plain callable; this one is its Tokenizer
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]
    suffixes = list(nlp.Defaults.suffixes or []) + [CAMEL_CASE_FULL_STOP]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search  # type: ignore[union-attr]


def _syntax_model(nlp: Language) -> str:
    """"+it_syntax-1.0.0" where the syntax component runs: outputs name both models."""
    for _, component in nlp.pipeline:
        if isinstance(component, syntax.SyntaxParser):
            return "+" + _describe(component.syntax, "syntax")
    return ""


def _describe(nlp: Language, name: str) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'it')}_{meta.get('name', Path(name).name)}-{meta.get('version', '?')}"
