"""The syntax component (models/it_syntax after the NER): real UD tags, lemmas and
dependencies on every token, and the line splitter's sentences kept beside the parser's."""

from __future__ import annotations

import pytest

from itnet.errors import PipelineError
from itnet.nlp.syntax import SyntaxParser


def parsed(loaded, text):
    return loaded.nlp(text)


@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        ("Il Comune di Bologna ha aderito alla rete.", "aderito", "aderire"),
        ("Carrara e Alba entrano nella rete.", "entrano", "entrare"),
        ("La città intende aderire ad Eurocities.", "intende", "intendere"),
        ("Genova è stata eletta nel comitato esecutivo.", "eletta", "eleggere"),
    ],
)
def test_verbs_get_their_infinitive(loaded, text, word, lemma):
    token = next(t for t in parsed(loaded, text) if t.text == word)
    assert token.lemma_ == lemma and token.pos_ in {"VERB", "AUX"}


def test_tags_are_ud_not_the_ner_features(loaded):
    doc = parsed(loaded, "Il Comune di Torino ha aderito alla Coalizione europea.")
    assert not any(t.tag_.startswith("GAZ_") for t in doc)
    assert {t.pos_ for t in doc} <= {"DET", "NOUN", "ADP", "PROPN", "AUX", "VERB", "ADJ", "PUNCT"}


@pytest.mark.parametrize(
    ("text", "member", "verb"),
    [
        ("Pesaro entra nella rete delle Città Sane.", "Pesaro", "entra"),
        ("Il Comune di Bari ha aderito alla rete.", "Comune", "aderito"),
    ],
)
def test_subject_hangs_on_the_verb(loaded, text, member, verb):
    token = next(t for t in parsed(loaded, text) if t.text == member)
    assert token.dep_.startswith("nsubj") and token.head.text == verb


def test_parser_keeps_the_line_splitters_sentences(loaded):
    doc = parsed(loaded, "Torino entra nella rete ECCAR\nIl Comune ha aderito alla Coalizione.")
    lines = [s.text.strip() for s in doc.spans["line_sentences"]]
    assert lines == ["Torino entra nella rete ECCAR", "Il Comune ha aderito alla Coalizione."]
    assert all(any(s.start_char <= p.start_char and p.end_char <= s.end_char for s in doc.spans["line_sentences"]) for p in doc.sents)


def test_missing_model_is_a_numbered_error(loaded, tmp_path):
    with pytest.raises(PipelineError, match=r"\[E012\]"):
        SyntaxParser(loaded.nlp, str(tmp_path / "absent"))
