"""Each rule component saves its rules into its folder and reads them back from there
(itnet/nlp/serialised_rules.py, sentences.py): a rule changed in the saved folder changes what
the loaded component does, and to_bytes/from_bytes carry the same rules."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from itnet.errors import PipelineError


def _with_ents(nlp: Language, text: str, ents: list[tuple[str, str]]) -> Doc:
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index(surface), text.index(surface) + len(surface), label=label) for surface, label in ents]
    return doc


def _ents(doc: Doc) -> list[tuple[str, str]]:
    return [(ent.text, ent.label_) for ent in doc.ents]


def _replace(old: str, new: str):
    def edit(text: str) -> str:
        assert old in text  # the edit must change the saved rules
        return text.replace(old, new)

    return edit


# factory, the file in its folder, an edit of that file, what the component gives on a
# Doc (from a text and hand-set entities) with the packaged rules and with the edited ones
CASES = [
    ("it_dates_money", "dates_money.yaml", lambda text: "DATE: []\nMONEY: []\n",
     ("Il 6 marzo 2024 il Comune ha aderito.", []), [("6 marzo 2024", "DATE")], []),
    ("it_names_tagger", "it_common_words.txt", lambda text: text + "\nbari\n",
     ("Il presidente di Bari ha parlato.", []), [("Bari", "CITY")], []),
    ("it_names_tagger", "names_tagger.yaml", _replace("street_words: [", "street_words: [di, "),
     ("Il presidente di Bari ha parlato.", []), [("Bari", "CITY")], []),
    ("it_entity_rules", "entity_rules.yaml", _replace("project_cues: [progetto,", "project_cues: [iniziativa,"),
     ("Il Comune partecipa al progetto SMARTVILLE.", []), [("SMARTVILLE", "PROJECT")], []),
    ("it_junk_filter", "junk_filter.yaml", lambda text: 'junk_chunks: ["bari"]\n',
     ("Il Comune di Bari aderisce.", [("Bari", "CITY")]), [("Bari", "CITY")], []),
    ("it_network_phrases", "network_phrases.yaml", _replace("designating_nouns: [rete,", "designating_nouns: ["),
     ("Il Comune entra nella rete Città Fantastiche Unite.", []), [("Città Fantastiche Unite", "ORG")], []),
]


def _component(factory: str):
    nlp = spacy.blank("it")
    return nlp, nlp.add_pipe(factory)


@pytest.mark.parametrize(("factory", "file", "edit", "doc", "packaged", "edited"), CASES)
def test_a_rule_changed_in_the_saved_folder_changes_the_loaded_component(tmp_path, factory, file, edit, doc, packaged, edited):
    nlp, component = _component(factory)
    assert _ents(component(_with_ents(nlp, *doc))) == packaged
    component.to_disk(tmp_path / "component")
    saved = tmp_path / "component" / file
    saved.write_text(edit(saved.read_text(encoding="utf-8")), encoding="utf-8")
    _, loaded = _component(factory)
    loaded.from_disk(tmp_path / "component")
    assert _ents(loaded(_with_ents(nlp, *doc))) == edited
    _, from_bytes = _component(factory)
    from_bytes.from_bytes(loaded.to_bytes())
    assert _ents(from_bytes(_with_ents(nlp, *doc))) == edited


@pytest.mark.parametrize("factory", sorted({case[0] for case in CASES}))
def test_the_saved_folder_holds_the_packaged_rule_files_as_written(tmp_path, factory):
    _, component = _component(factory)
    component.to_disk(tmp_path)
    assert {path.name: path.read_text(encoding="utf-8") for path in tmp_path.iterdir()} == {
        name: rule_file.text for name, rule_file in component.rule_files.items()
    }
    assert all(rule_file.text.strip() for rule_file in component.rule_files.values())


def test_a_bad_rule_file_in_the_saved_folder_is_a_numbered_error_naming_it(tmp_path):
    _, component = _component("it_junk_filter")
    component.to_disk(tmp_path)
    (tmp_path / "junk_filter.yaml").write_text("junk_chunks: []\n", encoding="utf-8")
    with pytest.raises(PipelineError, match=r"\[E060\].*" + str(tmp_path / "junk_filter.yaml")):
        component.from_disk(tmp_path)


def test_the_line_sentencizer_reads_its_sentence_ends_from_its_folder(tmp_path):
    nlp, component = _component("it_line_sentencizer")
    text = "Prima frase. Seconda frase."

    def sentences(sentencizer) -> int:
        return len(list(sentencizer(nlp.make_doc(text)).sents))

    assert sentences(component) == 2
    component.to_disk(tmp_path)
    (tmp_path / "line_sentencizer.json").write_text('{"final_punct": ["!"], "closers": []}', encoding="utf-8")
    _, loaded = _component("it_line_sentencizer")
    assert sentences(loaded.from_disk(tmp_path)) == 1
    _, from_bytes = _component("it_line_sentencizer")
    assert sentences(from_bytes.from_bytes(loaded.to_bytes())) == 1
