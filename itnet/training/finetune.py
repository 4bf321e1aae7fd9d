"""Adapt the NER model to press releases: `python -m itnet.training.finetune`.

KIND is news, fiction and letters; the product reads municipal and NGO press releases, whose
organisation names (networks, programmes, agencies) KIND rarely shows. This continues training
a trained model on gold folders of real press releases (SPEC §4 entities mapped to KIND's
labels: CITY and COUNTRY → LOC, ORG → ORG, PERSON → PER), mixed with KIND train documents so
that what the model knew of KIND is rehearsed rather than forgotten. A gold PROJECT span is
left unknown (the NER has no such label and a rule component tags projects), every other
token outside a gold span is taught as outside any entity.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import minibatch
from thinc.api import Adam

from itnet.gazetteers.keys import name_key
from itnet.nlp.names_tagger import DEFAULT_COMMON_WORDS, DEFAULT_RULES, load_rules
from itnet.nlp.tokenizer import customise_tokenizer
from itnet.training.convert import convert_file
from itnet.training.train import DOMAINS

# SPEC labels the NER learns, as KIND's labels; PROJECT is left unknown, DATE and MONEY are O.
KIND_LABEL_OF = {"CITY": "LOC", "COUNTRY": "LOC", "ORG": "ORG", "PERSON": "PER"}
UNKNOWN_LABELS = frozenset({"PROJECT"})
FEATURE_COMPONENTS = ("gazetteer", "lexicon")
# gold-real's documents set aside before any rule was written: the first-contact measurement
HELD_OUT = Path(__file__).with_name("gold_real_set_aside.txt")


def gold_reference(nlp: Language, text: str, entities: Iterable[dict]) -> Doc:
    """The gold Doc of one annotated text on the model's own tokens; a gold span that does not
    fall on token boundaries leaves its tokens unknown rather than taught wrong.

    Where SPEC and KIND disagree the reference follows KIND, whose convention the names tagger
    revises after the model: "Comune di Cagliari" is one ORG to the model, as in KIND, and the
    tagger keeps the CITY "Cagliari" of SPEC."""
    doc = nlp.make_doc(text)
    spans, unknown = [], []
    for entity in entities:
        label = KIND_LABEL_OF.get(entity["label"])
        span = doc.char_span(entity["start"], entity["end"], label=label or "", alignment_mode="strict")
        if span is not None and label is not None:
            spans.append(_with_government_wrapper(span) if entity["label"] == "CITY" else span)
        elif entity["label"] in UNKNOWN_LABELS or span is None:
            unknown.append(doc.char_span(entity["start"], entity["end"], alignment_mode="expand"))
    doc.set_ents(spans, missing=[span for span in unknown if span is not None], default="outside")
    return doc


def _with_government_wrapper(city: Span) -> Span:
    """ "Comune di Cagliari" as one ORG where a capitalised local-government wrapper precedes the
    CITY "Cagliari"; the CITY alone otherwise."""
    doc = city.doc
    for prefix in _government_prefixes():
        start = city.start - len(prefix)
        if start >= 0 and doc[start].is_title and tuple(name_key(t.text) for t in doc[start:city.start]) == prefix:
            return Span(doc, start, city.end, label="ORG")
    return city


@cache
def _government_prefixes() -> tuple[tuple[str, ...], ...]:
    return load_rules(DEFAULT_RULES, DEFAULT_COMMON_WORDS).city_government_prefixes


def gold_documents(nlp: Language, folders: Iterable[Path], held_out: frozenset[str] = frozenset()) -> list[Doc]:
    """The gold documents of `folders`, except those whose id is in `held_out`."""
    docs = []
    for folder in folders:
        for annotation in sorted(folder.glob("*.json")):
            if annotation.stem in held_out:
                continue
            text = annotation.with_suffix(".txt").read_text(encoding="utf-8")
            docs.append(gold_reference(nlp, text, json.loads(annotation.read_text(encoding="utf-8"))["entities"]))
    return docs


def kind_documents(nlp: Language, kind_dir: Path, count: int, seed: int) -> list[Doc]:
    """`count` KIND train documents (10 sentences each), drawn evenly from its three domains."""
    rng = random.Random(seed)
    docs = []
    for domain in DOMAINS:
        pool = list(convert_file(nlp, kind_dir / f"{domain}_train.tsv").get_docs(nlp.vocab))
        docs.extend(rng.sample(pool, min(len(pool), count // len(DOMAINS))))
    return docs


def read_held_out(path: Path) -> frozenset[str]:
    """Document ids, one per line (`#` comments), never trained on."""
    lines = (line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line)


def finetune(base: Path, gold_folders: list[Path], kind_dir: Path, out: Path, *, held_out: frozenset[str],
             epochs: int, kind_docs: int, learn_rate: float, seed: int) -> None:
    spacy.util.fix_random_seed(seed)
    nlp = spacy.load(base)
    customise_tokenizer(nlp)
    gold = gold_documents(nlp, gold_folders, held_out)
    rehearsal = kind_documents(spacy.blank("it"), kind_dir, kind_docs, seed)
    features = [nlp.get_pipe(name) for name in FEATURE_COMPONENTS if name in nlp.pipe_names]
    if "gazetteer" in nlp.pipe_names:
        # as in training: a document's seen names come from the other folds only
        nlp.get_pipe("gazetteer").set_jackknife(True)  # type: ignore[attr-defined]  # get_pipe is typed as a plain callable

    def example(reference: Doc) -> Example:
        predicted = nlp.make_doc(reference.text)
        for component in features:
            predicted = component(predicted)
        return Example(predicted, reference)

    examples = [example(doc) for doc in gold] + [example(Doc(nlp.vocab).from_bytes(doc.to_bytes())) for doc in rehearsal]
    optimizer = Adam(learn_rate, L2=0.01, grad_clip=1.0, use_averages=True)
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=8):
            nlp.update(batch, sgd=optimizer, drop=0.1, losses=losses, exclude=FEATURE_COMPONENTS)
        print(f"epoch {epoch + 1}/{epochs}: ner loss {losses.get('ner', 0.0):.1f}", file=sys.stderr)
    if "gazetteer" in nlp.pipe_names:
        nlp.get_pipe("gazetteer").set_jackknife(False)  # type: ignore[attr-defined]  # get_pipe is typed as a plain callable
    with nlp.use_params(optimizer.averages):
        nlp.to_disk(out)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, default=Path("models/it_kind_ner"))
    parser.add_argument("--gold", type=Path, action="append", required=True, help="gold folder (repeatable)")
    parser.add_argument("--kind", type=Path, default=Path("../shared/data/kind"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--held-out", type=Path, default=HELD_OUT,
                        help="file of document ids never trained on (default: gold-real's set-aside part)")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--kind-docs", type=int, default=300, help="KIND train documents rehearsed beside the gold")
    parser.add_argument("--learn-rate", type=float, default=0.0005)
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    finetune(args.base, args.gold, args.kind, args.out, held_out=read_held_out(args.held_out), epochs=args.epochs, kind_docs=args.kind_docs,
             learn_rate=args.learn_rate, seed=args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
