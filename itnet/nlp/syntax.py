"""Part of speech, morphology, lemmas and dependencies from the project's UD-trained model.

The NER model has no tagger or parser (its tok2vec reads gazetteer and lexicon features
from `Token.tag` and `Token.morph`), so the syntax model is a pipeline of its own
(`models/it_syntax`: tok2vec, morphologizer, tagger, edit-tree lemmatizer, parser, trained
on UD Italian). It shares the NER pipeline's vocab and runs after the entities are set, which
makes TAG, POS and MORPH real for everything downstream. Kept as a separate pipeline rather
than sourced components because its listeners would otherwise also bind to the NER's tok2vec.

The parser keeps the sentence starts the line sentencizer set before it (headlines and list
items stay sentences of their own) and adds the ones it finds inside long lines.

A saved pipeline holds the syntax model in this component's folder (`to_disk`, without the
shared vocab) and `spacy.load` reads it from there (`from_disk`). The factory's `model` is
loaded only where no folder gave one, on first use: a saved pipeline needs no syntax model
installed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Self

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from itnet.errors import Errors, PipelineError
from itnet.nlp.model_paths import CHECKOUT_MODELS, SYNTAX_MODEL, find_model


class SyntaxParser:
    def __init__(self, nlp: Language, model: str) -> None:
        self.vocab = nlp.vocab
        self.model = model
        self._syntax: Language | None = None

    @property
    def syntax(self) -> Language:
        """The syntax pipeline: the one from_disk read, else `model`'s, loaded now."""
        if self._syntax is None:
            model = self.model
            self._syntax = self._load(model if Path(model).is_absolute() else find_model(model) or str(CHECKOUT_MODELS / model))
        return self._syntax

    def _load(self, path: str | Path) -> Language:
        try:
            return spacy.load(path, vocab=self.vocab)
        except (OSError, ValueError, KeyError) as error:
            raise PipelineError(Errors.E012.format(path=str(path), reason=str(error).splitlines()[0])) from None

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """The syntax model into `path`; `exclude` holds "vocab" where the pipeline saves it."""
        self.syntax.to_disk(path, exclude=exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Self:
        self._syntax = self._load(path)
        return self

    def __call__(self, doc: Doc) -> Doc:
        for _, component in self.syntax.pipeline:
            doc = component(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for _, component in self.syntax.pipeline:
            # spaCy types pipeline components as plain callables; trained ones all have pipe
            docs = component.pipe(docs, batch_size=batch_size)  # type: ignore[attr-defined]
        yield from docs


@Language.factory("it_syntax", default_config={"model": SYNTAX_MODEL})
def make_syntax_parser(nlp: Language, name: str, model: str) -> SyntaxParser:
    return SyntaxParser(nlp, model)
