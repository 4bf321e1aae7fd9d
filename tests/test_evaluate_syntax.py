"""`evaluate_conllu` and `python -m itnet evaluate-syntax`: the syntax model scored on a
hand-written CoNLL-U file (with the multiword tokens "della" = "di" + "la" and "al" = "a" + "il"),
and a missing or broken file as one numbered error line."""

from __future__ import annotations

import pytest

from itnet.cli import main
from itnet.training.syntax import DEFAULT_MODEL, evaluate_conllu, read_conllu

CONLLU = """\
# sent_id = 1
# text = Il Comune di Bologna ha aderito alla rete.
1	Il	il	DET	RD	Definite=Def|Gender=Masc|Number=Sing|PronType=Art	2	det	_	_
2	Comune	comune	NOUN	S	Gender=Masc|Number=Sing	6	nsubj	_	_
3	di	di	ADP	E	_	4	case	_	_
4	Bologna	Bologna	PROPN	SP	_	2	nmod	_	_
5	ha	avere	AUX	VA	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	6	aux	_	_
6	aderito	aderire	VERB	V	Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part	0	root	_	_
7-8	alla	_	_	_	_	_	_	_	_
7	a	a	ADP	E	_	9	case	_	_
8	la	il	DET	RD	Definite=Def|Gender=Fem|Number=Sing|PronType=Art	9	det	_	_
9	rete	rete	NOUN	S	Gender=Fem|Number=Sing	6	obl	_	SpaceAfter=No
10	.	.	PUNCT	FS	_	6	punct	_	_

# sent_id = 2
# text = La sede della rete è a Roma.
1	La	il	DET	RD	Definite=Def|Gender=Fem|Number=Sing|PronType=Art	2	det	_	_
2	sede	sede	NOUN	S	Gender=Fem|Number=Sing	7	nsubj	_	_
3-4	della	_	_	_	_	_	_	_	_
3	di	di	ADP	E	_	5	case	_	_
4	la	il	DET	RD	Definite=Def|Gender=Fem|Number=Sing|PronType=Art	5	det	_	_
5	rete	rete	NOUN	S	Gender=Fem|Number=Sing	2	nmod	_	_
6	è	essere	AUX	VA	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	7	cop	_	_
7	a	a	ADP	E	_	8	case	_	_
8	Roma	Roma	PROPN	SP	_	0	root	_	SpaceAfter=No
9	.	.	PUNCT	FS	_	8	punct	_	_

# sent_id = 3
# text = Il sindaco partecipa al comitato.
1	Il	il	DET	RD	Definite=Def|Gender=Masc|Number=Sing|PronType=Art	2	det	_	_
2	sindaco	sindaco	NOUN	S	Gender=Masc|Number=Sing	3	nsubj	_	_
3	partecipa	partecipare	VERB	V	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	_
4-5	al	_	_	_	_	_	_	_	_
4	a	a	ADP	E	_	6	case	_	_
5	il	il	DET	RD	Definite=Def|Gender=Masc|Number=Sing|PronType=Art	6	det	_	_
6	comitato	comitato	NOUN	S	Gender=Masc|Number=Sing	3	obl	_	SpaceAfter=No
7	.	.	PUNCT	FS	_	3	punct	_	_

"""
SCORE_KEYS = ("upos", "xpos", "feats", "lemma", "uas", "las", "sents_f")

pytestmark = pytest.mark.skipif(not (DEFAULT_MODEL / "meta.json").is_file(), reason="no models/it_syntax")


@pytest.fixture
def conllu(tmp_path):
    path = tmp_path / "mini.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    return path


def test_multiword_tokens_are_merged_into_surface_tokens(conllu):
    docs = read_conllu(conllu)
    words = [token.text for doc in docs for token in doc]
    assert "della" in words and "alla" in words and "al" in words
    assert "di" in words and words.count("la") == 0  # "la" only inside "della" / "alla"
    assert len(words) == 10 - 1 + 9 - 1 + 7 - 1


def test_scores_are_fractions_and_sentences_counted(conllu):
    scores = evaluate_conllu(conllu)
    for key in SCORE_KEYS:
        assert 0.0 <= scores[key] <= 1.0, key
    assert scores["sentences"] == 3
    assert scores["tokens"] == 23
    assert scores["upos"] > 0.5 and scores["uas"] > 0.5  # the real model on easy sentences


def test_cli_prints_the_table(conllu, capsys):
    assert main(["evaluate-syntax", str(conllu)]) == 0
    out = capsys.readouterr().out
    for label in ("UPOS", "XPOS", "FEATS", "lemma", "UAS", "LAS", "sentence F1"):
        assert label in out
    assert "23 tokens, 3 sentences" in out


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1
    return err


def test_missing_file_is_one_numbered_error(tmp_path, capsys):
    assert main(["evaluate-syntax", str(tmp_path / "absent.conllu")]) != 0
    assert one_error_line(capsys).startswith("error: [E001]")


def test_unreadable_conllu_is_one_numbered_error(tmp_path, capsys):
    path = tmp_path / "broken.conllu"
    path.write_text("1\tIl\til\tDET\n2\tComune\n", encoding="utf-8")
    assert main(["evaluate-syntax", str(path)]) != 0
    assert one_error_line(capsys).startswith("error: [E055]")


def test_missing_model_is_one_numbered_error(conllu, tmp_path, capsys):
    assert main(["evaluate-syntax", str(conllu), "--model", str(tmp_path / "no_model")]) != 0
    assert one_error_line(capsys).startswith("error: [E012]")
