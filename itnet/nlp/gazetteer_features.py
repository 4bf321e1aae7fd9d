"""Gazetteer membership as an input feature of the statistical NER (`itnet_gazetteer_features`).

Runs inside the project's model, before its tok2vec. Two gazetteers each give every token a
mark per type (LOC, ORG, PER): it begins the longest name of that type found there, is inside
it, or is outside (`O`, `B`, `I`):
- `external`: names from sources outside the training annotations (GeoNames, Wikipedia...);
- `seen`: the names annotated in the training corpus, the model's memory of its training data.
  While training, a document's `seen` marks come only from the other folds' documents
  (jackknifing; fold = CRC32 of the text), so that the feature is as incomplete on training
  text as it will be on new text; a trained model looks in all of them.
`GAZ_BOO_OOO`: begins an external place name, in no seen name. The mark is written to
`Token.tag` because the model has no POS tagger and spaCy's `MultiHashEmbed` reads TAG like
any other token attribute: the feature is a config change, with no custom network architecture
for `spacy.load` to resolve. Tokens in no name keep tag 0: unmatched text costs one dictionary
miss per token and gazetteer.

The names are tokenized with the model's own tokenizer when the model is initialised
(`names_path`: JSONL of `{"label", "name", "source"}`, `source` "external" or "seen", and
`fold` for seen names) and saved inside the model folder.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from itertools import product
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path
from spacy.vocab import Vocab

GAZETTEER_LABELS = ("LOC", "ORG", "PER")
SOURCES = ("external", "seen")
_PREFIX_FLAG = 1 << len(GAZETTEER_LABELS)
_MARKS = "OBI"  # outside, begins, inside
# zlib-compressed msgpack: the names take a quarter of the space (the model has a size budget).
_NAMES_FILE = "names.msgpack.zlib"
# Place values of the base-3 mark code: one digit per gazetteer and label, the first leftmost.
_DIGIT_WEIGHTS = tuple(3 ** digit for digit in reversed(range(len(GAZETTEER_LABELS) * len(SOURCES))))
# Press releases write the apostrophe typographically ("Cassina de’ Pecchi", "dell’Aquila")
# as often as the gazetteers' sources write it plainly: both sides are matched with one form.
_TYPOGRAPHIC_APOSTROPHES = "’‘`´"
_APOSTROPHES = str.maketrans(dict.fromkeys(_TYPOGRAPHIC_APOSTROPHES, "'"))
# Name trie: token sequence -> a bit per label whose name it completes, plus _PREFIX_FLAG when
# a longer name continues it; one dictionary look-up per token in the common case.
Trie = dict[tuple[str, ...], int]


@Language.factory("itnet_gazetteer_features", default_config={"max_name_tokens": 8, "folds": 5})
def make_gazetteer_features(nlp: Language, name: str, max_name_tokens: int, folds: int) -> GazetteerFeatures:
    return GazetteerFeatures(nlp.vocab, name, max_name_tokens, folds)


def text_fold(text: str, folds: int) -> int:
    """The jackknife fold of a training document."""
    return zlib.crc32(text.encode("utf-8")) % folds


class GazetteerFeatures:
    def __init__(self, vocab: Vocab, name: str, max_name_tokens: int, folds: int) -> None:
        self.vocab = vocab
        self.name = name
        self.max_name_tokens = max_name_tokens
        self.folds = folds
        # While True (from initialisation until the trained model is exported), `seen` marks
        # of a document come from the other folds only.
        self.jackknife = False
        # names[source][label]: (fold, tokens); fold is -1 for external names
        self.names: dict[str, dict[str, list[tuple[int, list[str]]]]] = {}
        self._external: Trie = {}
        self._seen: Trie = {}
        self._seen_without_fold: list[Trie] = []
        mark_codes = list(product(range(3), repeat=len(GAZETTEER_LABELS) * len(SOURCES)))
        self._tags = {
            code: vocab.strings.add("GAZ_" + "".join(_MARKS[m] for m in code[:3]) + "_"
                                    + "".join(_MARKS[m] for m in code[3:]))
            for code in mark_codes
        }

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   names_path: str | None = None) -> None:
        """Tokenize the names of `names_path` with the model's tokenizer; start jackknifing."""
        if names_path is None:
            return
        tokenizer = (nlp or Language(self.vocab)).tokenizer
        records = [r for r in srsly.read_jsonl(names_path) if r["label"] in GAZETTEER_LABELS]
        docs = tokenizer.pipe(r["name"] for r in records)  # type: ignore[union-attr]  # spaCy types the tokenizer as a plain callable
        self.names = {source: {label: [] for label in GAZETTEER_LABELS} for source in SOURCES}
        for record, doc in zip(records, docs):
            tokens = [token.text for token in doc if not token.is_space]
            self.names[record["source"]][record["label"]].append((int(record.get("fold", -1)), tokens))
        self.jackknife = self.folds > 1
        self._build()

    def _trie(self, source: str, skip_fold: int | None = None) -> Trie:
        trie: Trie = {}
        for bit, label in enumerate(GAZETTEER_LABELS):
            for fold, tokens in self.names.get(source, {}).get(label, []):
                key = tuple(token.translate(_APOSTROPHES) for token in tokens)
                if not key or len(key) > self.max_name_tokens or fold == skip_fold:
                    continue
                trie[key] = trie.get(key, 0) | (1 << bit)
                for length in range(1, len(key)):
                    trie[key[:length]] = trie.get(key[:length], 0) | _PREFIX_FLAG
        return trie

    def _build(self) -> None:
        self._external = self._trie("external")
        self._seen = self._trie("seen")
        self._seen_without_fold = [self._trie("seen", fold) for fold in range(self.folds)] if self.jackknife else []

    def set_jackknife(self, on: bool) -> None:
        """Take a document's `seen` marks from the other folds only (training) or from all."""
        self.jackknife = on and self.folds > 1
        self._build()

    def __call__(self, doc: Doc) -> Doc:
        words = [token.text for token in doc]
        if any(apostrophe in doc.text for apostrophe in _TYPOGRAPHIC_APOSTROPHES):
            words = [word.translate(_APOSTROPHES) for word in words]
        seen = self._seen_without_fold[text_fold(doc.text, self.folds)] if self.jackknife else self._seen
        codes = [0] * len(words)
        _mark(words, self._external, codes, first_digit=0)
        _mark(words, seen, codes, first_digit=len(GAZETTEER_LABELS))
        for index, code in enumerate(codes):
            if code:
                doc[index].tag = self._tags[tuple((code // weight) % 3 for weight in _DIGIT_WEIGHTS)]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 1000) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        data = {"max_name_tokens": self.max_name_tokens, "folds": self.folds, "jackknife": self.jackknife,
                "names": self.names}
        (path / _NAMES_FILE).write_bytes(zlib.compress(srsly.msgpack_dumps(data), level=9))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> GazetteerFeatures:
        data = srsly.msgpack_loads(zlib.decompress((ensure_path(path) / _NAMES_FILE).read_bytes()))
        self.max_name_tokens, self.folds, self.jackknife = data["max_name_tokens"], data["folds"], data["jackknife"]
        self.names = {source: {label: [(fold, tokens) for fold, tokens in names] for label, names in by_label.items()}
                      for source, by_label in data["names"].items()}
        self._build()
        return self


def _mark(words: list[str], trie: Trie, codes: list[int], first_digit: int) -> None:
    """Add to `codes` (base 3, one digit per gazetteer and label) the marks of the longest
    names of `trie` in `words`, left to right, names of one label never overlapping."""
    labels = len(GAZETTEER_LABELS)
    covered_until = [0] * labels
    total_digits = labels * len(SOURCES)
    for start, word in enumerate(words):
        value = trie.get((word,))
        if value is None:
            continue
        ends = [0] * labels
        key: tuple[str, ...] = (word,)
        end = start + 1
        while True:
            for bit in range(labels):
                if value & (1 << bit):
                    ends[bit] = end
            if not value & _PREFIX_FLAG or end >= len(words):
                break
            key += (words[end],)
            value = trie.get(key)
            if value is None:
                break
            end += 1
        for bit, match_end in enumerate(ends):
            if match_end and start >= covered_until[bit]:
                weight = 3 ** (total_digits - 1 - first_digit - bit)
                codes[start] += weight
                for inside in range(start + 1, match_end):
                    codes[inside] += 2 * weight
                covered_until[bit] = match_end
