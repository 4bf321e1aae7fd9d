"""`python -m itnet evaluate-ner FILE.tsv [--model NAME_OR_PATH]`,
`python -m itnet evaluate-syntax FILE.conllu [--model PATH]` and
`python -m itnet train-syntax --ud DIR --out DIR`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import spacy
from spacy.util import is_package

from itnet.errors import Errors, PipelineError
from itnet.nlp.model_paths import NER_MODEL, SYNTAX_MODEL, find_model
from itnet.training import syntax
from itnet.training.evaluate_ner import evaluate_file, format_scores


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate-ner",
        help="strict span P/R/F1 per label and micro of a NER model on a KIND-format file",
    )
    parser.add_argument("file", type=Path, metavar="FILE.tsv", help="token TAB IOB-tag, blank line between sentences")
    parser.add_argument("--model", help=f"spaCy package name or path (default {NER_MODEL})")
    parser.set_defaults(handler=run_evaluate_ner)

    parser = subparsers.add_parser(
        "evaluate-syntax",
        help="UPOS, XPOS, FEATS, lemma accuracy, UAS, LAS and sentence F1 of the syntax model on a CoNLL-U file",
    )
    parser.add_argument("file", type=Path, metavar="FILE.conllu",
                        help="UD CoNLL-U; multiword tokens are merged into their surface token")
    parser.add_argument("--model",
                        help=f"spaCy package name or path of the syntax model (default {SYNTAX_MODEL})")
    parser.set_defaults(handler=run_evaluate_syntax)

    parser = subparsers.add_parser(
        "train-syntax",
        help="train the syntax model on a folder of UD Italian CoNLL-U files (ISDT dev selects the checkpoint)",
    )
    parser.add_argument("--ud", type=Path, required=True, help="folder with the UD *.conllu files and it_isdt-ud-dev")
    parser.add_argument("--out", type=Path, required=True, help="folder the trained pipeline is written to")
    parser.add_argument("--runs", type=Path, default=syntax.DEFAULT_RUNS,
                        help="folder for the corpora, spaCy's checkpoints and train.log (default training-runs/syntax)")
    parser.set_defaults(handler=run_train_syntax)


def run_evaluate_ner(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise PipelineError(Errors.E001.format(path=args.file))
    # looked up when the command runs, not whenever the command line is parsed
    model = args.model or find_model(NER_MODEL) or f"models/{NER_MODEL}"
    try:
        nlp = spacy.load(model)
    except (OSError, ValueError) as error:
        raise PipelineError(Errors.E010.format(model=model, reason=str(error).splitlines()[0])) from error
    try:
        evaluation = evaluate_file(nlp, args.file)
    except (UnicodeDecodeError, OSError) as error:
        raise PipelineError(Errors.E002.format(reason=error)) from error
    print(format_scores(evaluation.scores))
    print(f"tagged {evaluation.words} tokens at {evaluation.words_per_second:,.0f} words/s "
          "(set OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 for one core)")
    return 0


def load_syntax_model(model: str | Path) -> spacy.language.Language:
    """An installed package of that name, a path, or a path relative to the checkout."""
    path = model if is_package(str(model)) or Path(model).is_absolute() or Path(model).exists() else syntax.REPO / model
    try:
        return spacy.load(path)
    except (OSError, ValueError, KeyError) as error:
        raise PipelineError(Errors.E012.format(path=str(path), reason=str(error).splitlines()[0])) from None


def run_evaluate_syntax(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise PipelineError(Errors.E001.format(path=args.file))
    nlp = load_syntax_model(args.model or find_model(SYNTAX_MODEL) or syntax.DEFAULT_MODEL)
    try:
        scores = syntax.evaluate_conllu(args.file, nlp)
    except syntax.ConlluError as error:
        raise PipelineError(Errors.E055.format(path=error.path, reason=str(error).splitlines()[0])) from None
    except OSError as error:
        raise PipelineError(Errors.E002.format(reason=error)) from None
    print(syntax.format_scores(scores))
    print(f"tagged and parsed at {scores['words_per_second']:,.0f} words/s "
          "(set OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 for one core)")
    return 0


def run_train_syntax(args: argparse.Namespace) -> int:
    if not args.ud.is_dir():
        raise PipelineError(Errors.E001.format(path=args.ud))
    try:
        summary = syntax.train_syntax(args.ud, args.out, args.runs)
    except FileNotFoundError as error:
        raise PipelineError(Errors.E001.format(path=error.args[0] if error.args else args.ud)) from None
    except syntax.ConlluError as error:
        raise PipelineError(Errors.E055.format(path=error.path, reason=str(error).splitlines()[0])) from None
    print(json.dumps(summary))
    return 0
