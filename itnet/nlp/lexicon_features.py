"""How common a word is in Italian, as an input feature of the statistical NER (`itnet_lexicon_features`).

Runs inside the project's model, before its tok2vec. Every token gets two facts about its
lower-cased form, which the model cannot learn from KIND alone for words it never saw there:
- `Lex=Common`: it is a form of an Italian common word (a noun, adjective, verb … of the
  Morph-it! lexicon, proper names left out), else `Lex=Other`;
- `Zipf=N`: its frequency in general Italian text (wordfreq's Zipf scale, rounded; 0 when
  the word is not in the list).
So "Bancarella" opening a headline reads as a capitalised common word and "Fallara" as a
rare word that is no common one: a name. The facts go to `Token.morph` (the model has no
morphologizer) as e.g. `Lex=Common|Zipf=3`, which spaCy's `MultiHashEmbed` reads like any
other attribute: no custom network layer.

The words are stored as the 32 high bits of spaCy's 64-bit hash of the lower-cased form,
sorted, beside one code per word: a document is looked up in one vectorised search over the
hashes `Doc.to_array(LOWER)` already holds, with no per-token string work. Two words share
32 bits about once per 4 billion pairs; a collision gives one word the other's facts.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy
import srsly
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, MorphAnalysis
from spacy.util import ensure_path
from spacy.vocab import Vocab

MAX_ZIPF = 7
_CODES_PER_CLASS = MAX_ZIPF + 1
_COMMON_CODE_OFFSET = _CODES_PER_CLASS
_WORDS_FILE = "words.msgpack"
_HIGH_BITS = numpy.uint64(32)


@Language.factory("itnet_lexicon_features", default_config={})
def make_lexicon_features(nlp: Language, name: str) -> LexiconFeatures:
    return LexiconFeatures(nlp.vocab, name)


def lexicon_code(common: bool, zipf: float) -> int:
    """One code per (common word or not, rounded Zipf frequency 0..MAX_ZIPF)."""
    bucket = min(MAX_ZIPF, max(0, round(zipf)))
    return bucket + (_COMMON_CODE_OFFSET if common else 0)


def word_key(word: str) -> int:
    """The stored key of a word: the high 32 bits of spaCy's hash of its lower-cased form."""
    return get_string_id(word.lower()) >> 32


class LexiconFeatures:
    def __init__(self, vocab: Vocab, name: str) -> None:
        self.vocab = vocab
        self.name = name
        self._keys = numpy.zeros(0, dtype=numpy.uint32)
        self._codes = numpy.zeros(0, dtype=numpy.uint8)
        self._analyses = [
            MorphAnalysis(vocab, {"Lex": "Common" if code >= _COMMON_CODE_OFFSET else "Other",
                                  "Zipf": str(code % _CODES_PER_CLASS)})
            for code in range(2 * _CODES_PER_CLASS)
        ]

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   words_path: str | None = None) -> None:
        """Read `words_path`: TSV with a header `word`, `common` (0/1), `zipf` (a float)."""
        if words_path is None:
            return
        with open(words_path, encoding="utf-8", newline="") as rows:
            codes = {word_key(row["word"]): lexicon_code(row["common"] == "1", float(row["zipf"]))
                     for row in csv.DictReader(rows, delimiter="\t")}
        self._set(numpy.fromiter(codes.keys(), dtype=numpy.uint32, count=len(codes)),
                  numpy.fromiter(codes.values(), dtype=numpy.uint8, count=len(codes)))

    def _set(self, keys: numpy.ndarray, codes: numpy.ndarray) -> None:
        order = numpy.argsort(keys, kind="stable")
        self._keys, self._codes = keys[order], codes[order]

    def codes(self, doc: Doc) -> numpy.ndarray:
        """Each token's code (0: a rare word that is no common one)."""
        # spaCy's stub types to_array as float64; LOWER comes back as uint64
        keys = (doc.to_array(LOWER) >> _HIGH_BITS).astype(numpy.uint32)  # type: ignore[operator]
        if not len(self._keys):
            return numpy.zeros(len(keys), dtype=numpy.uint8)
        positions = numpy.searchsorted(self._keys, keys).clip(max=len(self._keys) - 1)
        return numpy.where(self._keys[positions] == keys, self._codes[positions], 0)

    def __call__(self, doc: Doc) -> Doc:
        analyses = self._analyses
        for token, code in zip(doc, self.codes(doc).tolist()):
            token.morph = analyses[code]
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(path / _WORDS_FILE, {"keys": self._keys.tobytes(), "codes": self._codes.tobytes()})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LexiconFeatures:
        data = srsly.read_msgpack(ensure_path(path) / _WORDS_FILE)
        # written sorted by `to_disk`: no second sort at every model load
        self._keys = numpy.frombuffer(data["keys"], dtype=numpy.uint32).copy()
        self._codes = numpy.frombuffer(data["codes"], dtype=numpy.uint8).copy()
        return self
