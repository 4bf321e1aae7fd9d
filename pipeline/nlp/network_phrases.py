"""Network names as running text writes them, entity or not.

CONVENTIONS §5 leaves lower-case designations ("città creativa Unesco", "rete
internazionale città slow", "bandiere arancioni") untagged, yet they are how a page names
the network of its records. This component finds every name the alias table gives a
network, in any case, and keeps the matches in `doc.spans["network_phrases"]` beside the
entities; the link stage reads them as network mentions."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from pipeline.gazetteers.organisations import organisations

SPAN_KEY = "network_phrases"
LABEL = "NETWORK"


class NetworkPhrases:
    def __init__(self, nlp: Language) -> None:
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

    def __call__(self, doc: Doc) -> Doc:
        spans = [*self.any_case(doc, as_spans=True), *self.as_written(doc, as_spans=True)]
        doc.spans[SPAN_KEY] = [
            doc.char_span(span.start_char, span.end_char, label=LABEL, span_id=SPAN_KEY)
            for span in filter_spans(spans)
        ]
        return doc


@Language.factory("it_network_phrases")
def make_network_phrases(nlp: Language, name: str) -> NetworkPhrases:
    return NetworkPhrases(nlp)
