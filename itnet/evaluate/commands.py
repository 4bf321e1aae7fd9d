"""Commands: `gold check`, `evaluate`, `annotations export|import` (shared/SPEC.md §4–§5)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from itnet.errors import Errors, PipelineError, Warnings
from itnet.ingest import iter_inputs, read_document

FORMATS = ("labelstudio", "brat")


def register(subparsers: argparse._SubParsersAction) -> None:
    gold = subparsers.add_parser("gold", help="work with gold annotation folders")
    gold_commands = gold.add_subparsers(dest="gold_command", required=True, metavar="ACTION")
    check = gold_commands.add_parser("check", help="validate a gold folder, one line per problem")
    check.add_argument("dir", type=Path)
    check.set_defaults(handler=run_gold_check)

    evaluate = subparsers.add_parser("evaluate", help="score the pipeline against a gold folder")
    evaluate.add_argument("--gold", type=Path, required=True, help="gold folder (SPEC §4)")
    evaluate.add_argument("--pred", type=Path, help="documents.jsonl or the output folder holding it; without it the pipeline runs on the gold texts")
    evaluate.add_argument("--json", type=Path, help="write the figures and errors here as JSON")
    evaluate.add_argument("--model", help="spaCy model name or path for the pipeline run")
    evaluate.set_defaults(handler=run_evaluate)

    annotations = subparsers.add_parser("annotations", help="round trip with Label Studio and brat")
    actions = annotations.add_subparsers(dest="annotations_command", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="pipeline output → pre-annotations")
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("--pred", type=Path, required=True, help="the pipeline's documents.jsonl or its output folder")
    export.add_argument("--texts", type=Path, help="folder of <doc_id>.txt when records carry no readable source")
    export.add_argument("--out", type=Path, required=True)
    export.set_defaults(handler=run_export)
    imported = actions.add_parser("import", help="corrected annotations → gold folder")
    imported.add_argument("--format", choices=FORMATS, required=True)
    imported.add_argument("input", type=Path, help="Label Studio JSON export file, or brat folder")
    imported.add_argument("--records", type=Path, help="Label Studio only: records.json (default: beside input)")
    imported.add_argument("--predictions-as-gold", action="store_true",
                          help="Label Studio only: a task with no human annotation takes its prediction as gold")
    imported.add_argument("--out", type=Path, required=True, help="gold folder to write")
    imported.set_defaults(handler=run_import)


def run_gold_check(args: argparse.Namespace) -> int:
    from itnet.evaluate.gold import check_gold_dir

    problems = check_gold_dir(args.dir)
    for problem in problems:
        print(problem)
    if not problems:
        print(f"{args.dir}: ok", file=sys.stderr)
    return 1 if problems else 0


def read_documents(path: Path) -> list[dict]:
    """The documents of a documents.jsonl, or of the output folder holding one."""
    return [document for _, document in _numbered_documents(path)]


def predictions_by_id(path: Path) -> dict[str, dict]:
    """Predicted documents keyed by doc_id; a doc_id given twice is refused (E056)."""
    found: dict[str, dict] = {}
    lines: dict[str, int] = {}
    for number, document in _numbered_documents(path):
        doc_id = document["doc_id"]
        if doc_id in found:
            raise PipelineError(Errors.E056.format(path=path, doc_id=doc_id, first=lines[doc_id], second=number))
        found[doc_id], lines[doc_id] = document, number
    return found


def _numbered_documents(path: Path) -> list[tuple[int, dict]]:
    """(line number, document) for each JSON object a line. Split on "\n" only: JSON
    strings may hold U+2028 or U+0085, which str.splitlines() takes for line ends."""
    if path.is_dir():
        path = path / "documents.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as error:
        raise PipelineError(Errors.E051.format(path=str(path), reason=error)) from None
    documents = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            document = json.loads(line)
        except json.JSONDecodeError as error:
            raise PipelineError(Errors.E051.format(path=str(path), reason=f"line {number}: {error}")) from None
        if not isinstance(document, dict) or not isinstance(document.get("doc_id"), str):
            raise PipelineError(Errors.E051.format(path=str(path), reason=f"line {number}: not a document with a doc_id"))
        documents.append((number, document))
    return documents


def predict_gold_texts(gold_dir: Path, model: str | None) -> dict[str, dict]:
    """Runs the pipeline on the gold texts; predictions keyed by the gold doc_ids."""
    from itnet.evaluate.gold import gold_files

    try:
        from itnet.run import run_pipeline
    except ImportError as error:
        raise PipelineError(Errors.E053.format(reason=error)) from error
    texts = {str(path.with_suffix(".txt")): doc_id for doc_id, path in gold_files(gold_dir).items()}
    with tempfile.TemporaryDirectory(prefix="evaluate-") as scratch:
        out_dir = Path(scratch)
        run_pipeline(list(texts), out_dir, model=model, quiet=True)
        output = out_dir / "documents.jsonl"
        if not output.is_file():
            raise PipelineError(Errors.E054.format(path=out_dir))
        documents = read_documents(output)
    by_source = {d.get("source"): d for d in documents}
    return {doc_id: {**by_source[source], "doc_id": doc_id}
            for source, doc_id in texts.items() if source in by_source}


def run_evaluate(args: argparse.Namespace) -> int:
    from itnet.evaluate.gold import check_gold_dir, load_gold_dir
    from itnet.evaluate.report import format_report, with_sentences
    from itnet.evaluate.scorer import score

    problems = check_gold_dir(args.gold)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        raise PipelineError(Errors.E050.format(path=args.gold))
    gold, texts = load_gold_dir(args.gold)
    if args.pred is not None:
        pred = predictions_by_id(args.pred)
    else:
        pred = predict_gold_texts(args.gold, args.model)
    missing = sorted(set(gold) - set(pred))
    if missing:
        shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
        print(f"warning: {Warnings.W001.format(count=len(missing), doc_ids=shown)}", file=sys.stderr)
    result = score(gold, pred)
    result["errors"] = with_sentences(result["errors"], texts)
    print(format_report(result))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def document_text(document: dict, pred_path: Path, texts_dir: Path | None) -> str:
    """The text a record's offsets point into: in the record, at its source, or in --texts."""
    if isinstance(document.get("text"), str):
        return document["text"]
    candidates = []
    if texts_dir is not None:
        candidates.append(texts_dir / f"{document['doc_id']}.txt")
    source = document.get("source")
    if source:
        folder = pred_path if pred_path.is_dir() else pred_path.parent
        candidates += [Path(source), folder / source]
    for candidate in candidates:
        if candidate.is_file():
            # the text the offsets index (SPEC §1): for HTML the extracted text, not the markup
            ingested = read_document(next(iter_inputs([candidate])))
            if ingested.error is None:
                return ingested.original
    raise PipelineError(Errors.E052.format(doc_id=document["doc_id"], source=source))


def run_export(args: argparse.Namespace) -> int:
    from itnet.evaluate.brat import export_brat
    from itnet.evaluate.labelstudio import export_labelstudio

    if args.out.exists() and not args.out.is_dir():
        raise PipelineError(Errors.E058.format(path=args.out))
    documents = read_documents(args.pred)
    texts = {d["doc_id"]: document_text(d, args.pred, args.texts) for d in documents}
    exporter = export_labelstudio if args.format == "labelstudio" else export_brat
    written = exporter(documents, texts, args.out)
    print(f"wrote {len(written)} files for {len(documents)} documents to {args.out}", file=sys.stderr)
    return 0


def _reason(error: Exception) -> str:
    """One line naming the file where the error has one: `FileNotFoundError(2, …)` says nothing."""
    if isinstance(error, OSError) and error.filename:
        return f"{error.strerror}: {error.filename}"
    return str(error) if isinstance(error, ValueError) else f"{type(error).__name__}: {error}"


def run_import(args: argparse.Namespace) -> int:
    from itnet.evaluate.brat import import_brat
    from itnet.evaluate.gold import check_gold_dir
    from itnet.evaluate.labelstudio import import_labelstudio

    try:
        if args.format == "labelstudio":
            doc_ids = import_labelstudio(args.input, args.out, args.records, args.predictions_as_gold)
        else:
            doc_ids = import_brat(args.input, args.out)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, ValueError) as error:
        raise PipelineError(Errors.E055.format(path=args.input, reason=_reason(error))) from None
    print(f"wrote {len(doc_ids)} gold documents to {args.out}", file=sys.stderr)
    problems = check_gold_dir(args.out)
    for problem in problems:
        print(problem)
    return 1 if problems else 0
