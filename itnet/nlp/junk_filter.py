"""Drops entities read out of web addresses, e-mail addresses and file names, which
scraped press releases carry as links and attachment captions, and the province codes of
member lists ("Fucecchio (FI)"), which the model reads as organisations, dates read out
of a numeric string that is no date ("2024-13-45") and function words read as names; cuts
entities that run across a paragraph break."""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.tokens import Doc, Span

from itnet.nlp.doc_text import doc_text
from itnet.nlp.sentences import line_sentences
from itnet.nlp.serialised_rules import SerialisedRules, packaged_rule_file
from itnet.nlp.spans import pieces, set_entities
from itnet.nlp.vocabulary import is_province_code
from itnet.rule_files import RuleFile

# The patterns' file in the component's folder of a saved pipeline.
PATTERNS_FILE = "junk_filter.yaml"
PLACE_TYPES = frozenset({"CITY", "LOC"})
NUMERIC_STRING = re.compile(r"\d+(?:[./-]\d+)+")
# Parts of speech, and dependencies, of words that name nothing: "Accanto al Comune di …".
FUNCTION_WORD_POS = frozenset({"ADP", "ADV", "SCONJ", "CCONJ", "DET", "PRON", "AUX"})
FUNCTION_WORD_DEPS = frozenset({"case", "mark", "cc", "det", "aux", "cop"})


class JunkFilterRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    junk_chunks: list[str] = Field(min_length=1)


@cache
def parse_junk(rule_file: RuleFile) -> re.Pattern[str]:
    """One regex of the file's junk chunks."""
    patterns = rule_file.validated(JunkFilterRules).junk_chunks
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as error:
        raise rule_file.error(error) from None


class JunkFilter(SerialisedRules):
    def __init__(self, rule_file: RuleFile) -> None:
        self.use_rules({PATTERNS_FILE: rule_file})

    def use_rules(self, rule_files: dict[str, RuleFile]) -> None:
        self.rule_files = rule_files
        self.junk = parse_junk(rule_files[PATTERNS_FILE])

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        kept = []
        sentence_starts = {sentence.start for sentence in line_sentences(doc)}
        for entity in doc.ents:
            ent = _first_line(entity, sentence_starts)
            if ent is None:
                continue
            chunk = _chunk(text, ent.start_char, ent.end_char)
            if not self.junk.search(chunk) and not _is_bracketed_province(ent) and not _is_part_of_a_number(ent, chunk) \
                    and not _is_a_function_word(ent):
                kept.append(ent)
        set_entities(doc, kept)
        return doc


def _first_line(ent: Span, sentence_starts: set[int]) -> Span | None:
    """"Rete RE.A.DY\n\nSarà", "Regione Emilia-Romagna\nDefiniti": no name runs into the
    next sentence of the line splitter or over a paragraph break; the part before it stays.
    A hard-wrapped name stays whole ("New European Business\nConfederation"): the splitter
    joins its lines."""
    paragraph_breaks = {i for i in range(ent.start + 1, ent.end) if ent.doc[i].text.count("\n") > 1}
    first = pieces(ent, sentence_starts | paragraph_breaks)
    return first[0] if first and first[0].start == ent.start else None


def _is_bracketed_province(ent: Span) -> bool:
    """"Fucecchio (FI)", not "Unione Europea (UE)": a code after a town."""
    doc = ent.doc
    return (
        len(ent) == 1 and is_province_code(ent.text) and 1 < ent.start and ent.end < len(doc)
        and doc[ent.start - 1].text == "(" and doc[ent.end].text == ")" and doc[ent.start - 2].ent_type_ in PLACE_TYPES
    )


def _is_a_function_word(ent: Span) -> bool:
    """"Accanto" of "Accanto al Comune di Bressanone, …" read as a name: one capitalised word the
    parse attaches as a preposition, a conjunction, an article or an auxiliary and reads as a
    function word, or as a name only from the capital that opens the sentence ("Più", a project's
    first word, is a modifier). An acronym in capitals stays, whatever the parse made of it."""
    token = ent[0]
    if len(ent) != 1 or token.is_upper or token.dep_ not in FUNCTION_WORD_DEPS:
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    # at a sentence's start, a preposition's own article or preposition follows ("Accanto al",
    # "Oltre alla"), not a verb ("Macerata firma l'adesione", Macerata misparsed as "cc")
    return token.pos_ in FUNCTION_WORD_POS or bool(token.is_sent_start) and following is not None and following.pos_ in ("ADP", "DET")


def _is_part_of_a_number(ent: Span, chunk: str) -> bool:
    """"2024" of "2024-13-45", "12" of "12/99/2024": a date read out of a numeric string the
    date rules did not take whole (an invalid date, a code), which says no date."""
    number = chunk.strip(".,;:!?()[]\"'«»")
    return ent.label_ == "DATE" and number != ent.text and NUMERIC_STRING.fullmatch(number) is not None


def _chunk(text: str, start: int, end: int) -> str:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


@Language.factory("it_junk_filter", default_config={"patterns": "junk_filter.yaml"})
def make_junk_filter(nlp: Language, name: str, patterns: str) -> JunkFilter:
    """`patterns` names a file of itnet/nlp/resources."""
    return JunkFilter(packaged_rule_file(patterns))
