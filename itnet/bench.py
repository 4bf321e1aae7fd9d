"""`python -m itnet bench`: throughput and peak memory, every run measured from outside.

The corpus: KIND sentences (Wikinews first, then the other sections) joined into pseudo-documents
of about 300 words, plus the seed press releases, written as .txt files; `--corpus DIR` draws it
from any folder of .txt/.md files instead, and an installation without KIND or the checkout
draws it from the fictional texts shipped in itnet/resources/bench. Each configuration runs
as its own process (start-up and model loading included, as a user would see it) while a sampler
records the peak resident memory of the process and all its children (psutil):

- bare models: `spacy.load(model)` with the syntax model after it, and `nlp.pipe` over the
  same texts, nothing else;
- the full pipeline (`python -m itnet run … --force`) with 1 worker, on the small corpus and
  on one ten times larger (the memory comparison), then with N workers and on a Dask local cluster.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil

from itnet.nlp.build import resolve_model
from itnet.training.convert import read_tagged_sentences, sentence_text

ROOT = Path(__file__).resolve().parents[1]
KIND = Path(os.environ.get("KIND_DIR", ROOT.parent / "shared" / "data" / "kind"))
SEEDS = ROOT / "seeds"
PACKAGED_TEXTS = Path(__file__).parent / "resources" / "bench"
WORDS_PER_DOCUMENT = 300
KIND_FILES = ("WN_train.tsv", "WN_dev.tsv", "ADG_train.tsv", "FIC_train.tsv", "ADG_dev.tsv", "FIC_dev.tsv")
SAMPLE_EVERY_S = 0.05


@dataclass(frozen=True, slots=True)
class Measure:
    name: str
    documents: int
    words: int
    seconds: float
    peak_rss_mb: float
    cpu_seconds: float

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds


def kind_sentences(folder: Path = KIND) -> Iterator[str]:
    """KIND's sentences as raw text, spaced as the training converter spaces them."""
    for name in KIND_FILES:
        path = folder / name
        if path.exists():
            yield from (sentence_text(sentence) for sentence in read_tagged_sentences(path))


@dataclass(frozen=True, slots=True)
class CorpusSource:
    """Where a benchmark corpus comes from: whole texts it opens with, then the sentences
    (`sentences()`, a fresh iterator at each call) it is filled up with."""

    description: str
    texts: list[str]
    sentences: Callable[[], Iterator[str]]


def corpus_source(corpus: Path | None = None) -> CorpusSource:
    """`corpus`'s texts when given; else the seeds and KIND, as in the checkout; else the
    fictional texts shipped with the package (an installation outside the checkout)."""
    if corpus is not None:
        texts = _read_texts(corpus)
        if not texts:
            raise SystemExit(f"error: no .txt or .md files in {corpus}")
        return CorpusSource(str(corpus), texts, lambda: _lines(texts))
    if any((KIND / name).exists() for name in KIND_FILES):
        return CorpusSource(f"the seeds and KIND ({KIND})", _read_texts(SEEDS), kind_sentences)
    texts = _read_texts(PACKAGED_TEXTS)
    return CorpusSource("the texts shipped in itnet/resources/bench", texts, lambda: _lines(texts))


def _read_texts(folder: Path) -> list[str]:
    paths = sorted(p for p in folder.glob("*") if p.suffix in {".txt", ".md"} and p.name != "README.md")
    return [path.read_text(encoding="utf-8") for path in paths]


def _lines(texts: list[str]) -> Iterator[str]:
    return (line.strip() for text in texts for line in text.splitlines() if line.strip())


def build_corpus(folder: Path, documents: int, source: CorpusSource) -> int:
    """Write `documents` .txt files (the source's texts first); returns the number of words."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = source.texts[:documents]
    sentences = source.sentences()
    while len(texts) < documents:
        words: list[str] = []
        for sentence in sentences:
            words.append(sentence)
            if sum(len(s.split()) for s in words) >= WORDS_PER_DOCUMENT:
                break
        else:  # the sentences ran out: start over
            sentences = source.sentences()
            if not words:
                raise SystemExit(f"error: no sentences found in {source.description}")
        texts.append(" ".join(words))
    for number, text in enumerate(texts):
        (folder / f"doc-{number:06d}.txt").write_text(text, encoding="utf-8")
    return sum(len(text.split()) for text in texts)


def measure(name: str, command: list[str], documents: int, words: int) -> Measure:
    """Run `command` to completion, timing it and sampling the memory of its process tree."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(_rss(p) for p in tree))
            except psutil.Error:
                pass
            stop.wait(SAMPLE_EVERY_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"error: {name} failed: {stderr.decode(errors='replace').strip().splitlines()[-1:]}")
    return Measure(name, documents, words, seconds, peak / 2**20, _children_cpu() - cpu_before)


def _children_cpu() -> float:
    """CPU seconds of every finished child process and their waited-for descendants."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


def bare_model(model: str, folder: Path, batch_size: int = 16) -> None:
    """The bare statistical models over every .txt in `folder` (the baseline; run in its own
    process): the NER model, and the syntax model the pipeline runs after it."""
    import spacy

    from itnet.nlp.syntax import make_syntax_parser  # noqa: F401  (registers it_syntax)

    nlp = spacy.load(model)
    nlp.add_pipe("it_syntax")
    texts = (path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt")))
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass


def run_bench(docs: int = 100, workers: int = 2, model: str | None = None, dask: bool = True,
              corpus: Path | None = None) -> list[Measure]:
    model = resolve_model(model)
    source = corpus_source(corpus)
    python = sys.executable
    started_load = os.getloadavg()[0]
    print(f"corpus from {source.description}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="pipeline-bench-") as scratch:
        small, large, out = Path(scratch) / "small", Path(scratch) / "large", Path(scratch) / "out"
        small_words = build_corpus(small, docs, source)
        large_words = build_corpus(large, docs * 10, source)
        run = [python, "-m", "itnet", "run", "--model", model, "--quiet", "--force", "--out", str(out)]
        plan = [
            ("bare models (NER + syntax), 1 process", [python, "-m", "itnet.bench", model, str(large)], docs * 10, large_words),
            ("full pipeline, 1 worker", [*run, str(large)], docs * 10, large_words),
            (f"full pipeline, {workers} workers", [*run, "--workers", str(workers), str(large)], docs * 10, large_words),
        ]
        if dask:
            plan.append((f"Dask local cluster, {workers} workers",
                         [*run, "--engine", "dask", "--workers", str(workers), str(large)], docs * 10, large_words))
        plan.append(("full pipeline, 1 worker, small corpus", [*run, str(small)], docs, small_words))
        results = []
        for name, command, documents, words in plan:
            print(f"… {name} ({documents} documents)", file=sys.stderr, flush=True)
            results.append(measure(name, command, documents, words))
    print_table(results, model, started_load)
    return results


def print_table(results: list[Measure], model: str, started_load: float) -> None:
    print(f"model {model}; {os.cpu_count()} CPU cores; load average {started_load:.2f} before, {os.getloadavg()[0]:.2f} after")
    print("| run | documents | words | seconds | words/s | docs/s | CPU seconds | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for m in results:
        print(f"| {m.name} | {m.documents} | {m.words} | {m.seconds:.1f} | {m.words_per_s:,.0f} | "
              f"{m.docs_per_s:.1f} | {m.cpu_seconds:.1f} | {m.peak_rss_mb:,.0f} |")
    by_name = {m.name: m for m in results}
    bare, one = results[0], results[1]
    print(f"full / bare throughput: {one.words_per_s / bare.words_per_s:.2f} (target ≥ 0.75)")
    print(f"{results[2].name.split(', ')[1]} / 1 worker: {results[2].words_per_s / one.words_per_s:.2f} (target ≥ 1.6)")
    small = by_name["full pipeline, 1 worker, small corpus"]
    print(f"peak memory 10× corpus / 1× corpus: {one.peak_rss_mb / small.peak_rss_mb:.2f} (target ≤ 1.2)")


# Inputs a hostile test run found slow (each was quadratic somewhere), repeated to a size.
PATHOLOGICAL_UNITS = {
    "commas": ",",
    "hashes": "#",
    "asterisk-underscore": "*_",
    "spaced numbers": "1 500 500 ",
    "'Comune di' lines": "Comune di\n",
    "joining phrase": "è entrata a far parte della ",
    "'ricordiamo' list": "ricordiamo Rete, ",
    "press releases (baseline)": "",
}


def italian_text(characters: int, source: CorpusSource | None = None) -> str:
    """Real Italian text of about `characters`: the source's texts (`corpus_source()`'s by
    default), then its sentences in paragraphs."""
    source = source or corpus_source()
    pieces = list(source.texts)
    length = sum(map(len, pieces))
    for sentence in source.sentences():
        if length >= characters:
            break
        pieces.append(sentence)
        length += len(sentence) + 2
    text = "\n\n".join(pieces)
    return (text * (characters // len(text) + 1))[:characters]


def run_pathological_bench(kilobytes: int = 100, long_megabytes: float = 5.0, model: str | None = None,
                           corpus: Path | None = None) -> None:
    """Seconds per 100 KB for each pathological input (one pipeline loaded once, every stage
    from ingest to records), then a long Italian text end to end through `run`."""
    from itnet.api import Extractor

    extractor = Extractor(model)
    source = corpus_source(corpus)
    size = kilobytes * 1000
    print(f"model {extractor.model}; {os.cpu_count()} CPU cores; load average {os.getloadavg()[0]:.2f}")
    print(f"| input ({kilobytes} KB) | seconds | seconds per 100 KB | entities |")
    print("|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="pipeline-bench-") as scratch:
        for name, unit in PATHOLOGICAL_UNITS.items():
            text = (unit * (size // len(unit) + 1))[:size] if unit else italian_text(size, source)
            path = Path(scratch) / "input.txt"
            path.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            record = extractor.extract_file(path)
            seconds = time.perf_counter() - started
            print(f"| {name} | {seconds:.1f} | {seconds * 100 / kilobytes:.1f} | {len(record.entities)} |", flush=True)
        long_text = Path(scratch) / "long" / "lungo.txt"
        long_text.parent.mkdir()
        long_text.write_text(italian_text(int(long_megabytes * 1e6 * 0.98), source), encoding="utf-8")  # bytes ≤ --max-bytes
        out = Path(scratch) / "out"
        command = [sys.executable, "-m", "itnet", "run", str(long_text.parent), "--out", str(out), "--quiet",
                   "--doc-timeout", "0", *(["--model", model] if model else [])]
        result = measure(f"{long_megabytes:g} MB Italian text, end to end", command, 1, len(long_text.read_text().split()))
        status = (out / "documents.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[2]
        print(f"{result.name}: {result.seconds:.0f} s ({result.words_per_s:,.0f} words/s), status {status}, "
              f"peak RSS {result.peak_rss_mb:,.0f} MB")


if __name__ == "__main__":
    bare_model(sys.argv[1], Path(sys.argv[2]))
