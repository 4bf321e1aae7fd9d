"""The word list behind the model's lexicon feature (`itnet_lexicon_features`).

- common words: every form in the part-of-speech tables of spaCy's Italian lemmatizer data
  (`spacy-lookups-data`, extracted from the Morph-it! lexicon): nouns, adjectives, verbs and
  the closed classes, less the capitalised entries (proper names);
- frequencies: wordfreq's large Italian list (Zipf scale).
Both packages are needed only to train (`pip install '.[train]'`); the model stores the result.
"""

from __future__ import annotations

import csv
import gzip
import json
from importlib import resources
from pathlib import Path

COMMON_WORD_TABLES = tuple(f"it_lemma_lookup_{pos}.json.gz"
                           for pos in ("noun", "adj", "verb", "adv", "adp", "aux", "det", "num", "pron", "other"))


def common_words() -> set[str]:
    """Forms of the Italian common-word lexicon; its capitalised entries ("Roma", "Mario") are
    proper names and left out."""
    data = resources.files("spacy_lookups_data") / "data"
    words: set[str] = set()
    for table in COMMON_WORD_TABLES:
        with gzip.open(data.joinpath(table).open("rb"), "rt", encoding="utf-8") as lines:
            words.update(form for form in json.load(lines) if form == form.lower())
    return words


def word_frequencies() -> dict[str, float]:
    """Zipf frequency of each word of wordfreq's large Italian list."""
    import wordfreq

    return {word: wordfreq.zipf_frequency(word, "it", wordlist="large")
            for word in wordfreq.get_frequency_dict("it", wordlist="large")}


def write_lexicon_words(output: Path) -> int:
    """Write `word TAB common TAB zipf` for every word of either source; returns how many."""
    common = common_words()
    frequencies = word_frequencies()
    words = sorted(common | frequencies.keys())
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as rows:
        writer = csv.writer(rows, delimiter="\t", lineterminator="\n")
        writer.writerow(("word", "common", "zipf"))
        writer.writerows((word, int(word in common), frequencies.get(word, 0.0)) for word in words)
    return len(words)
