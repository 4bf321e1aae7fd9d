"""Network names as running text writes them, entity or not.

CONVENTIONS §5 leaves lower-case designations ("città creativa Unesco", "rete
internazionale città slow", "bandiere arancioni") untagged, yet they are how a page names
the network of its records. This component finds every name the alias table gives a
network, in any case, and keeps the matches in `doc.spans["network_phrases"]` beside the
entities; the link stage reads them as network mentions."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from itnet.gazetteers.organisations import organisations
from itnet.nlp.serialised_rules import RESOURCES, SerialisedRules, packaged_rule_file
from itnet.nlp.spans import sequence_starts, set_entities
from itnet.rule_files import RuleFile

SPAN_KEY = "network_phrases"
LABEL = "NETWORK"
DESIGNATED_LABEL = "NETWORK_DESIGNATED"
DEFAULT_RULES = "network_phrases.yaml"
RULES_FILE = RESOURCES / DEFAULT_RULES
# The rules' file in the component's folder of a saved pipeline.
SAVED_RULES_FILE = "network_phrases.yaml"


class NetworkPhraseRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    designating_nouns: frozenset[str] = Field(min_length=1)
    name_connectors: frozenset[str]
    not_network_labels: frozenset[str]
    apposition_articles: frozenset[str] = Field(min_length=1)


def load_network_phrase_rules(path: Path = RULES_FILE) -> NetworkPhraseRules:
    return parse_network_phrase_rules(RuleFile.read(path))


@cache
def parse_network_phrase_rules(rule_file: RuleFile) -> NetworkPhraseRules:
    return rule_file.validated(NetworkPhraseRules)


class NetworkPhrases(SerialisedRules):
    def __init__(self, nlp: Language, rule_file: RuleFile) -> None:
        self.use_rules({SAVED_RULES_FILE: rule_file})
        # Acronyms stay case-sensitive (the names tagger reads them); a name of one word
        # must be capitalised to count, so "ready" or "metropolis" in a sentence are words.
        self.any_case = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.as_written = PhraseMatcher(nlp.vocab, attr="ORTH")
        for org in organisations():
            if org.org_type != "network":  # ANCI and the like are joined, but never written as designations
                continue
            for name in org.names:
                pattern = nlp.make_doc(name)
                matcher = self.any_case if len(pattern) > 1 else self.as_written
                matcher.add(org.org_id, [pattern])

    def use_rules(self, rule_files: dict[str, RuleFile]) -> None:
        self.rule_files = rule_files
        self.rules = parse_network_phrase_rules(rule_files[SAVED_RULES_FILE])

    def __call__(self, doc: Doc) -> Doc:
        spans = [*self.any_case(doc, as_spans=True), *self.as_written(doc, as_spans=True)]
        known = [Span(doc, span.start, span.end, label=LABEL) for span in spans]
        designated = self._designated(doc, known)
        doc.spans[SPAN_KEY] = filter_spans(known + designated)
        # A designated name no entity covers is an organisation's name (CONVENTIONS §5: a
        # capitalised network designation is ORG): "la rete Comuni Amici della Famiglia",
        # "il network Cities4Europe"; one plain capitalised word ("la rete delle
        # Amministrazioni") may be a common noun.
        covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        free = [
            Span(doc, s.start, s.end, label="ORG") for s in designated
            if covered.isdisjoint(range(s.start, s.end)) and (len(s) > 1 or not s.text[1:].islower())
        ]
        if free:
            set_entities(doc, filter_spans([*doc.ents, *free]))
        return doc

    def _designated(self, doc: Doc, known: list[Span]) -> list[Span]:
        """"entra nella rete Alpine Pearls", "il network Cities4Europe", "la rete europea
        Città Smart", "la rete delle Città dei Mestieri": the name a network noun introduces,
        though the alias table does not know it (label DESIGNATED_LABEL; the link stage takes
        it as written). Adjectives ("europea", "nazionale") and a preposition between the noun
        and the name are not part of the name."""
        taken = {i for span in known for i in range(span.start, span.end)}
        taken |= {i for ent in doc.ents if ent.label_ in self.rules.not_network_labels for i in range(ent.start, ent.end)}
        connectors = self.rules.name_connectors
        found = []
        for token in doc[:-1]:
            if token.lower_ not in self.rules.designating_nouns or not token.is_lower:
                continue
            start = token.i + 1
            while start < len(doc) and doc[start].is_lower and doc[start].pos_ == "ADJ":
                start += 1
            if start < len(doc) and doc[start].lower_ in connectors:
                start += 1
            end = start
            while end < len(doc) and end not in taken and (
                _is_name_word(doc[end])
                or end > start and doc[end].lower_ in connectors and end + 1 < len(doc) and _is_name_word(doc[end + 1])
            ):
                end += 1
            if end > start and not doc[start].is_sent_start:
                found.append(Span(doc, start, end, label=DESIGNATED_LABEL))
            found += self._named_before(doc, token.i, taken)
        return found + self._named_again(doc, found, taken)

    @staticmethod
    def _named_again(doc: Doc, designated: list[Span], taken: set[int]) -> list[Span]:
        """"… ha aderito a POLIS, la rete … Il Comune di Firenze è membro di POLIS": a name once
        designated a network's is the network's wherever the text writes it again."""
        if not designated:
            return []
        names = {tuple(t.text for t in span) for span in designated}
        starts = {span.start for span in designated}
        texts = [t.text for t in doc]
        return [
            Span(doc, i, i + len(name), label=DESIGNATED_LABEL) for name in names for i in sequence_starts(texts, name)
            if i not in starts and taken.isdisjoint(range(i, i + len(name)))
        ]

    def _named_before(self, doc: Doc, noun: int, taken: set[int]) -> list[Span]:
        """"ha aderito a POLIS, la rete europea di città …": the name a network noun stands in
        apposition to, right before its comma and article."""
        if noun < 3 or doc[noun - 1].lower_ not in self.rules.apposition_articles or doc[noun - 2].text != ",":
            return []
        end = noun - 2
        start = end
        while start > 0 and start - 1 not in taken and _is_name_word(doc[start - 1]) and not doc[start - 1].is_sent_start:
            start -= 1
        return [Span(doc, start, end, label=DESIGNATED_LABEL)] if start < end else []


def _is_name_word(token: Token) -> bool:
    """A capitalised word of a name, digits allowed inside ("Cities4Europe", "Horizon2020")."""
    return token.text[:1].isupper() and token.text.isalnum()


@Language.factory("it_network_phrases", default_config={"rules": DEFAULT_RULES})
def make_network_phrases(nlp: Language, name: str, rules: str) -> NetworkPhrases:
    """`rules` names a file of itnet/nlp/resources."""
    return NetworkPhrases(nlp, packaged_rule_file(rules))
