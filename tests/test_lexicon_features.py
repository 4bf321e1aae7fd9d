"""The NER model's lexicon feature component: codes, look-up, serialisation, word list."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from itnet.nlp.lexicon_features import MAX_ZIPF, lexicon_code
from itnet.training import lexicon_words

# (word, common word?, Zipf frequency)
WORDS = [("bancarella", True, 3.11), ("governo", True, 5.54), ("roma", False, 5.63), ("obama", False, 4.29),
         ("di", True, 7.59), ("rossi", True, 4.72)]


def write_words(path: Path, words=WORDS) -> str:
    with path.open("w", encoding="utf-8", newline="") as rows:
        writer = csv.writer(rows, delimiter="\t", lineterminator="\n")
        writer.writerow(("word", "common", "zipf"))
        writer.writerows((word, int(common), zipf) for word, common, zipf in words)
    return str(path)


@pytest.fixture()
def nlp_with_lexicon(tmp_path):
    nlp = spacy.blank("it")
    nlp.add_pipe("itnet_lexicon_features", name="lexicon").initialize(
        nlp=nlp, words_path=write_words(tmp_path / "words.tsv"))
    return nlp


def morphs(doc) -> dict[str, str]:
    return {token.text: str(token.morph) for token in doc}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a capitalised common word opening a headline, and a rare word that is no common one
        ("Bancarella Fallara", {"Bancarella": "Lex=Common|Zipf=3", "Fallara": "Lex=Other|Zipf=0"}),
        # frequent names are no common words; look-up ignores case; "di" (7.59) is capped at 7
        ("Governo di Roma", {"Governo": "Lex=Common|Zipf=6", "di": "Lex=Common|Zipf=7", "Roma": "Lex=Other|Zipf=6"}),
        ("OBAMA e Rossi", {"OBAMA": "Lex=Other|Zipf=4", "e": "Lex=Other|Zipf=0", "Rossi": "Lex=Common|Zipf=5"}),
    ],
)
def test_tokens_get_their_lower_case_form_facts(nlp_with_lexicon, text, expected):
    assert morphs(nlp_with_lexicon(text)) == expected


def test_an_uninitialised_component_marks_every_token_other(tmp_path):
    nlp = spacy.blank("it")
    nlp.add_pipe("itnet_lexicon_features", name="lexicon")
    assert set(morphs(nlp("Il governo di Roma.")).values()) == {"Lex=Other|Zipf=0"}


def test_words_survive_to_disk_and_back(nlp_with_lexicon, tmp_path):
    nlp_with_lexicon.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    text = "La bancarella di Obama a Roma, dice il governo."
    assert morphs(loaded(text)) == morphs(nlp_with_lexicon(text))


@given(common=st.booleans(), zipf=st.floats(min_value=-5, max_value=12, allow_nan=False))
def test_codes_are_in_range_and_keep_the_common_flag(common, zipf):
    code = lexicon_code(common, zipf)
    assert 0 <= code < 2 * (MAX_ZIPF + 1)
    assert (code > MAX_ZIPF) == common


@settings(max_examples=50, deadline=None)
@given(words=st.lists(st.text(alphabet="abcdeèfgòz'", min_size=1, max_size=12), min_size=1, max_size=30,
                      unique=True))
def test_every_listed_word_is_found_and_no_other(words, tmp_path_factory):
    listed, unlisted = words[::2], words[1::2]
    nlp = spacy.blank("it")
    component = nlp.add_pipe("itnet_lexicon_features", name="lexicon")
    component.initialize(nlp=nlp, words_path=write_words(tmp_path_factory.mktemp("lex") / "words.tsv",
                                                         [(word, True, 5.0) for word in listed]))
    doc = spacy.tokens.Doc(nlp.vocab, words=words)
    codes = dict(zip(words, component.codes(doc).tolist()))
    assert all(codes[word] == lexicon_code(True, 5.0) for word in listed)
    assert all(codes[word] == 0 for word in unlisted)


def test_common_words_leave_out_capitalised_proper_names():
    words = lexicon_words.common_words()
    assert {"bancarella", "governo", "rossi", "colombo"} <= words
    assert not {"roma", "Roma", "mario", "Mario"} & words


def test_word_list_file_has_both_sources(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicon_words, "common_words", lambda: {"governo", "bancarella"})
    monkeypatch.setattr(lexicon_words, "word_frequencies", lambda: {"governo": 5.5, "roma": 5.6})
    output = tmp_path / "words.tsv"
    assert lexicon_words.write_lexicon_words(output) == 3
    with output.open(encoding="utf-8", newline="") as rows:
        assert list(csv.DictReader(rows, delimiter="\t")) == [
            {"word": "bancarella", "common": "1", "zipf": "0.0"},
            {"word": "governo", "common": "1", "zipf": "5.5"},
            {"word": "roma", "common": "0", "zipf": "5.6"}]
