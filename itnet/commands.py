"""The `run`, `schema` and `bench` commands.

Exit codes of `run`: 0 when the run completed, even with per-document errors (each has its row
in documents.csv); 1 with `--strict` when any document could not be processed, and without it
when none of the inputs could (a missing sole input); 2 for a bad
command line, an unusable output folder, an unloadable model or no inputs; 130 when interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from itnet.cli import EXIT_DOCUMENT_ERRORS, EXIT_OK
from itnet.engines import ENGINES
from itnet.run import DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_BYTES, run_pipeline
from itnet.schema import Document, Records

MAX_DOC_TIMEOUT = 86_400.0  # a day


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if not 0 <= value <= MAX_DOC_TIMEOUT:  # also refuses nan; the interval timer takes no more
        raise argparse.ArgumentTypeError(f"must be 0 (no budget) to {MAX_DOC_TIMEOUT:.0f} seconds, not {text}")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    run = subparsers.add_parser("run", help="extract records from press releases")
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="files and folders (.txt, .md, .html)")
    run.add_argument("--out", required=True, type=Path, help="output folder")
    run.add_argument("--model", help="spaCy package name or path (default: it_core_news_sm if installed, else models/it_kind_ner)")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.add_argument("--sink", action="append", default=[], metavar="duckdb:PATH",
                     help="also upsert the tables into this database (repeatable); see docs/tables.md")
    run.add_argument("--format", type=_formats, default=("csv",), metavar="csv[,parquet]",
                     help="table formats: the CSV tables always, with `parquet` also <table>.parquet, the same "
                          "columns and types (default: csv)")
    run.add_argument("--strict", action="store_true", help="exit 1 when any document could not be processed")
    run.add_argument("--max-bytes", type=_positive_int, default=DEFAULT_MAX_BYTES,
                     help="larger inputs get an error row (default: %(default)s)")
    run.add_argument("--doc-timeout", type=_seconds, default=DEFAULT_DOC_TIMEOUT, metavar="SECONDS",
                     help="a document taking longer gets an error row (E006); 0 for no budget (default: %(default)s)")
    run.add_argument("--raw-csv", action="store_true",
                     help="do not neutralise CSV cells starting with = + - @ tab or CR (spreadsheet formula injection)")
    run.add_argument("--workers", type=_positive_int, default=1,
                     help="worker processes on this machine, or Dask workers of a local cluster (default: 1)")
    run.add_argument("--engine", choices=ENGINES, default="local",
                     help="local processes or Dask (pip install '.[dask]'); default: %(default)s")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="address of an existing Dask scheduler (implies --engine dask)")
    run.add_argument("--force", action="store_true",
                     help="redo every input; outputs then hold this run's documents only")
    run.set_defaults(handler=run_command)

    schema = subparsers.add_parser("schema", help="print the JSON Schema of the records")
    schema.add_argument("--tables", action="store_true", help="instead: the data dictionary of the CSV tables (Markdown)")
    schema.set_defaults(handler=schema_command)

    review = subparsers.add_parser("review", help="a static HTML report of an output folder, for analysts")
    review.add_argument("out", type=Path, help="the output folder of a run")
    review.add_argument("--html", type=Path, required=True, help="folder to write the report into")
    review.add_argument("--gold", type=Path, help="gold folder: mark missed and false records")
    review.add_argument("--texts", type=Path, help="folder of <doc_id>.txt when the inputs have moved")
    review.set_defaults(handler=review_command)

    bench = subparsers.add_parser("bench", help="measure throughput and peak memory")
    bench.add_argument("--docs", type=_positive_int, default=100,
                       help="documents in the small corpus; the large one has ten times more (default: %(default)s)")
    bench.add_argument("--workers", type=_positive_int, default=2, help="workers for the parallel runs (default: %(default)s)")
    bench.add_argument("--model", help="spaCy package name or path (default as for `run`)")
    bench.add_argument("--no-dask", action="store_true", help="skip the Dask measurement")
    bench.add_argument("--corpus", type=Path, help="a folder of .txt/.md texts to build the corpus from "
                       "(default: the seeds and KIND where found, else the texts shipped with itnet)")
    bench.add_argument("--pathological", action="store_true",
                       help="instead: seconds per 100 KB on pathological inputs, and a long text end to end")
    bench.add_argument("--long-mb", type=float, default=5.0, help="with --pathological: the long text's size (default: %(default)s)")
    bench.set_defaults(handler=bench_command)


TABLE_FORMATS = ("csv", "parquet")


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [f for f in formats if f not in TABLE_FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"unknown table format {', '.join(unknown) or value!r}: use csv or csv,parquet")
    return formats


def run_command(args: argparse.Namespace) -> int:
    summary = run_pipeline(
        args.inputs,
        args.out,
        model=args.model,
        quiet=args.quiet,
        max_bytes=args.max_bytes,
        neutralise_csv=not args.raw_csv,
        workers=args.workers,
        engine=args.engine,
        scheduler=args.scheduler,
        doc_timeout=args.doc_timeout,
        force=args.force,
        sinks=args.sink,
        parquet="parquet" in args.format,
    )
    if not args.quiet:
        print(
            f"{summary.documents} documents: {summary.ok} ok, {summary.errors} errors, "
            f"{summary.skipped} already in the outputs; model {summary.model}; outputs in {summary.out_dir}",
            file=sys.stderr,
        )
    # a run that could process nothing it was given has failed, --strict or not
    nothing_done = summary.errors and not summary.ok and not summary.skipped
    return EXIT_DOCUMENT_ERRORS if summary.errors and (args.strict or nothing_done) else EXIT_OK


def schema_command(args: argparse.Namespace) -> int:
    if args.tables:
        from itnet.export import data_dictionary

        print(data_dictionary())
        return EXIT_OK
    schemas = {"document": Document.model_json_schema(), "records": Records.model_json_schema()}
    print(json.dumps(schemas, indent=2, ensure_ascii=False))
    return EXIT_OK


def review_command(args: argparse.Namespace) -> int:
    from itnet.review import write_review

    index = write_review(args.out, args.html, gold_dir=args.gold, texts_dir=args.texts)
    print(f"report in {index}", file=sys.stderr)
    return EXIT_OK


def bench_command(args: argparse.Namespace) -> int:
    from itnet.bench import run_bench, run_pathological_bench

    if args.pathological:
        run_pathological_bench(long_megabytes=args.long_mb, model=args.model, corpus=args.corpus)
        return EXIT_OK
    run_bench(docs=args.docs, workers=args.workers, model=args.model, dask=not args.no_dask, corpus=args.corpus)
    return EXIT_OK
