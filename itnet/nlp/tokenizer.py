"""The project's change to the base model's tokenizer, as a registered spaCy callback
(`itnet.customise_tokenizer.v1`, an entry point): pipeline.cfg names it as [nlp.after_creation]
and `load_pipeline` applies it to the loaded base model and states it in the pipeline's config.
A saved pipeline's tokenizer also holds the changed infix and suffix patterns, which
`spacy.load` reads back after the callback has run."""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_suffix_regex

CUSTOMISE_TOKENIZER = "itnet.customise_tokenizer.v1"
# "ECCAR-European Coalition …": an acronym glued by a hyphen to the long name that follows.
# "UN-Habitat" keeps its hyphen: the split needs three capitals on the left.
ACRONYM_HYPHEN_INFIX = r"(?<=[A-Z]{3})[-–](?=[A-Z][a-z])"
# "… ERRIN e NECSTouR.": spaCy keeps a full stop after a capital as an abbreviation's
# ("S.p.A."); after a lower-case letter and a capital it ends the sentence.
CAMEL_CASE_FULL_STOP = r"(?<=[a-z][A-Z])\."
# Italian companies' legal forms written with full stops stay one token: split ("S.p", ".",
# "A.") their inner full stop ends the sentence, and a partner list is cut in two.
DOTTED_LEGAL_FORMS = ["S.p.A.", "S.r.l.", "S.r.l.s.", "S.n.c.", "S.a.s.", "S.c.a.r.l.", "S.c.r.l.", "S.c.s.", "S.c.p.A.", "Soc.", "Coop.",
                      "S.S.D.", "d.o.o.", "d.d.", "e.V."]


@spacy.registry.callbacks(CUSTOMISE_TOKENIZER)
def make_customise_tokenizer() -> Callable[[Language], Language]:
    return customise_tokenizer


def customise_tokenizer(nlp: Language) -> Language:
    """Acronyms split from a glued long name, a full stop split after "NECSTouR", dotted legal
    forms kept whole ("S.p.A."). The patterns are the language's defaults plus these, whatever
    the tokenizer had: applying it twice changes nothing."""
    infixes = list(nlp.Defaults.infixes or []) + [ACRONYM_HYPHEN_INFIX]
    # spaCy types the tokenizer as a plain callable; this one is its Tokenizer
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]
    suffixes = list(nlp.Defaults.suffixes or []) + [CAMEL_CASE_FULL_STOP]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search  # type: ignore[union-attr]
    for form in DOTTED_LEGAL_FORMS:
        for spelling in {form, form.lower(), form.upper(), form[0] + form[1:].lower()}:
            nlp.tokenizer.add_special_case(spelling, [{ORTH: spelling}])  # type: ignore[union-attr]
    return nlp
