"""`python -m pipeline evaluate-ner FILE.tsv [--model NAME_OR_PATH]`."""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy

from pipeline.errors import Errors, PipelineError
from pipeline.training.evaluate_ner import evaluate_file, format_scores

DEFAULT_MODEL = "models/it_kind_ner"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate-ner",
        help="strict span P/R/F1 per label and micro of a NER model on a KIND-format file",
    )
    parser.add_argument("file", type=Path, metavar="FILE.tsv", help="token TAB IOB-tag, blank line between sentences")
    parser.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy package name or path (default {DEFAULT_MODEL})")
    parser.set_defaults(handler=run_evaluate_ner)


def run_evaluate_ner(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise PipelineError(Errors.E001.format(path=args.file))
    try:
        nlp = spacy.load(args.model)
    except (OSError, ValueError) as error:
        raise PipelineError(Errors.E010.format(model=args.model, reason=str(error).splitlines()[0])) from error
    try:
        evaluation = evaluate_file(nlp, args.file)
    except (UnicodeDecodeError, OSError) as error:
        raise PipelineError(Errors.E002.format(reason=error)) from error
    print(format_scores(evaluation.scores))
    print(f"tagged {evaluation.words} tokens at {evaluation.words_per_second:,.0f} words/s "
          "(set OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 for one core)")
    return 0
