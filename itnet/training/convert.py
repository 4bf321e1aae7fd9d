"""KIND / CoNLL token-per-line files → spaCy `DocBin` corpora.

KIND ships pre-tokenized sentences; the pipeline runs spaCy's Italian tokenizer on raw text.
So the converter rebuilds raw-looking text (no space before closing punctuation, none after an
elided article such as "dell'") and keeps the gold spans as character offsets: spaCy's corpus
reader then re-tokenizes that text with the `it` tokenizer while training and aligns the gold,
which trains the model on the tokenization it will see in production.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import biluo_tags_to_spans, iob_to_biluo

KIND_LABELS = ("LOC", "ORG", "PER")
SENTENCES_PER_DOC = 10

NO_SPACE_BEFORE = frozenset(",.;:!?)]}»”%…'’") | {"...", "''"}
NO_SPACE_AFTER = frozenset("([{«“") | {"``"}
ELISION_MARKS = ("'", "’")


@dataclass(frozen=True)
class TaggedSentence:
    """One sentence as tokens and their IOB tags (`O`, `B-PER`, `I-PER` …)."""

    words: tuple[str, ...]
    tags: tuple[str, ...]


def read_tagged_sentences(path: Path, labels: Iterable[str] = KIND_LABELS) -> Iterator[TaggedSentence]:
    """Read `token TAB tag` (KIND) or `index TAB token TAB tag` (WikiNEuRal CoNLL) sentences.

    Tags of labels outside `labels` (WikiNEuRal's MISC) become `O`.
    """
    kept = frozenset(labels)
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 2 or not fields[-2].strip():
                if words:
                    yield TaggedSentence(tuple(words), tuple(tags))
                    words, tags = [], []
                continue
            word, tag = fields[-2], fields[-1].strip()
            if tag != "O" and tag[2:] not in kept:
                tag = "O"
            words.append(word)
            tags.append(tag)
    if words:
        yield TaggedSentence(tuple(words), tuple(tags))


def spaces_for(words: tuple[str, ...]) -> list[bool]:
    """Whether each token is followed by a space in ordinary Italian typesetting."""
    spaces = []
    open_double_quote = False
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        space = following is not None
        if word == '"':
            open_double_quote = not open_double_quote
            if open_double_quote:
                space = False
        if word in NO_SPACE_AFTER or (len(word) > 1 and word.endswith(ELISION_MARKS) and word[0].isalpha()):
            space = False
        if following is not None and (following in NO_SPACE_BEFORE or (following == '"' and open_double_quote)):
            space = False
        spaces.append(space)
    return spaces


def sentences_to_doc(nlp: Language, sentences: list[TaggedSentence]) -> Doc:
    """One `Doc` with raw-looking text, sentence starts and gold entities."""
    words: list[str] = []
    spaces: list[bool] = []
    sent_starts: list[bool] = []
    tags: list[str] = []
    for sentence in sentences:
        sentence_spaces = spaces_for(sentence.words)
        sentence_spaces[-1] = True
        words.extend(sentence.words)
        spaces.extend(sentence_spaces)
        sent_starts.extend([True] + [False] * (len(sentence.words) - 1))
        tags.extend(sentence.tags)
    spaces[-1] = False
    # spaCy's Doc stub wants an invariant list[bool | int | None] where any sequence of those does
    doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=sent_starts)  # type: ignore[arg-type]
    doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
    return doc


def convert_file(nlp: Language, path: Path, sentences_per_doc: int = SENTENCES_PER_DOC,
                 max_sentences: int | None = None) -> DocBin:
    """All sentences of one tagged file, grouped `sentences_per_doc` to a `Doc`."""
    sentences = list(read_tagged_sentences(path))[:max_sentences]
    doc_bin = DocBin(store_user_data=False)
    for first in range(0, len(sentences), sentences_per_doc):
        doc_bin.add(sentences_to_doc(nlp, sentences[first:first + sentences_per_doc]))
    return doc_bin


def convert_files(nlp: Language, paths: Iterable[Path], output: Path,
                  max_sentences: int | None = None) -> int:
    """Convert and concatenate `paths` into one `.spacy` file; returns the number of docs."""
    merged = DocBin(store_user_data=False)
    for path in paths:
        merged.merge(convert_file(nlp, path, max_sentences=max_sentences))
    output.parent.mkdir(parents=True, exist_ok=True)
    merged.to_disk(output)
    return len(merged)


def raw_texts(paths: Iterable[Path], sentences_per_doc: int = SENTENCES_PER_DOC,
              max_sentences: int | None = None) -> Iterator[str]:
    """The raw-looking text of each document of `paths` (tags ignored), as `convert_file` groups them."""
    for path in paths:
        sentences = list(read_tagged_sentences(path))[:max_sentences]
        for first in range(0, len(sentences), sentences_per_doc):
            yield " ".join(sentence_text(sentence) for sentence in sentences[first:first + sentences_per_doc])


def write_raw_text(paths: Iterable[Path], output: Path, sentences_per_doc: int = SENTENCES_PER_DOC,
                   max_sentences: int | None = None) -> int:
    """Write the raw-looking text of `paths` as JSONL (`{"text": …}` per line) for `spacy pretrain`.

    This is the unlabelled corpus the tok2vec is pretrained on. Returns the number of lines written.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with output.open("w", encoding="utf-8") as lines:
        for text in raw_texts(paths, sentences_per_doc, max_sentences):
            lines.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
            written += 1
    return written


def sentence_text(sentence: TaggedSentence) -> str:
    """A sentence's tokens joined with the spaces ordinary Italian typesetting puts between them."""
    return "".join(word + " " * space for word, space in zip(sentence.words, spaces_for(sentence.words)))
