"""The pipeline load_pipeline builds (itnet/nlp/build.py), saved with nlp.to_disk and loaded
with spacy.load in a new process, gives the same entities, tokens and documents."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from itnet.engines.document import build_document
from itnet.ingest import iter_inputs, read_document
from itnet.nlp.annotate import annotate
from itnet.nlp.build import describe_pipeline, load_pipeline
from itnet.nlp.model_paths import CHECKOUT_MODELS, NER_MODEL
from itnet.normalise import normalise

CHECKOUT = Path(__file__).resolve().parents[1]
RULE_COMPONENTS = ("sentences", "syntax", "dates_money", "names", "entity_rules", "junk_filter", "network_phrases")
# The tokenizer callback's three cases, beside the seeds and the blind gold set.
TOKENIZER_TEXT = "Torino entra in ECCAR-European Coalition of Cities against Racism, in ERRIN e NECSTouR. Partner: Acque S.p.A.; Alfa s.r.l.\n"
# Run by the new process: spacy.load before anything imports itnet, so the factories and the
# tokenizer callback must come from the entry points.
LOAD_AND_RUN = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
sys.path.insert(0, sys.argv[2])
from test_build import outputs
json.dump(outputs(nlp, sys.argv[1], [__import__("pathlib").Path(p) for p in sys.argv[4:]]), open(sys.argv[3], "w"))
"""


def outputs(nlp, name: str, paths: list[Path]) -> dict:
    """The pipeline's model name, each text's entities (with their facts and norms), tokens and date,
    and each Document's JSON."""
    ingested = [read_document(item) for item in iter_inputs(paths)]
    docs = [nlp(document.text) for document in ingested]
    model = describe_pipeline(nlp, name)
    return {
        "model": model,
        "entities": [[(e.text, e.start, e.end, e.label_, e._.org_id, e._.rule, e._.norm) for e in doc.ents] for doc in docs],
        "published": [doc._.published for doc in docs],
        "tokens": [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start) for t in doc] for doc in docs],
        "documents": [build_document(normalise(annotated)).model_dump_json() for annotated in annotate(nlp, ingested, model)],
    }


def test_no_setting_of_the_pipeline_is_a_path_of_this_machine(loaded):
    config = loaded.nlp.config
    for name in RULE_COMPONENTS:
        assert not any(isinstance(value, str) and Path(value).is_absolute() for value in config["components"][name].values())
    assert str(CHECKOUT) not in config.to_str()


def test_a_saved_pipeline_loads_in_a_new_process_and_gives_the_same_documents(tmp_path):
    built = load_pipeline(str(CHECKOUT_MODELS / NER_MODEL))
    built.nlp.to_disk(tmp_path / "pipeline")
    (tmp_path / "tokenizer.txt").write_text(TOKENIZER_TEXT, encoding="utf-8")
    paths = [*sorted((CHECKOUT / "seeds").glob("*.txt")), *sorted((CHECKOUT / "gold-blind").glob("*.txt")), tmp_path / "tokenizer.txt"]
    subprocess.run(
        [sys.executable, "-c", LOAD_AND_RUN, str(tmp_path / "pipeline"), str(Path(__file__).parent), str(tmp_path / "loaded.json"),
         *map(str, paths)],
        check=True, cwd=tmp_path,
    )
    loaded = json.loads((tmp_path / "loaded.json").read_text(encoding="utf-8"))
    here = json.loads(json.dumps(outputs(built.nlp, str(CHECKOUT_MODELS / NER_MODEL), paths)))
    assert loaded["model"] == here["model"] == built.model
    assert loaded["entities"] == here["entities"]
    assert loaded["tokens"] == here["tokens"]
    assert loaded["published"] == here["published"]
    assert loaded["documents"] == here["documents"]
    texts = [t[0] for t in here["tokens"][-1]]
    assert texts[3:6] == ["ECCAR", "-", "European"]
    assert texts[texts.index("NECSTouR") + 1] == "."
    assert [texts[texts.index("Acque") + 1], texts[texts.index("Alfa") + 1]] == ["S.p.A.", "s.r.l."]
    assert sum(map(len, here["entities"])) > 100
    assert sum(1 for entities in here["entities"] for entity in entities if entity[-1]) > 10
    assert sum(1 for entities in here["entities"] for entity in entities if entity[4]) > 10
    assert sum(1 for published in here["published"] if published) > 3
