"""Command line: `python -m pipeline COMMAND …`.

Each command lives next to the stage it drives and contributes its sub-parser through a
`register(subparsers)` function that sets `handler`; this module only dispatches, and turns
user errors into one line on stderr instead of a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from pipeline.errors import PipelineError

COMMAND_MODULES = (
    "pipeline.commands",
    "pipeline.training.commands",
    "pipeline.evaluate.commands",
)

EXIT_OK = 0
EXIT_DOCUMENT_ERRORS = 1
EXIT_USAGE = 2
DEBUG_VARIABLE = "PIPELINE_DEBUG"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Extract network memberships and project records from Italian press releases.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or EXIT_OK)
    except PipelineError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug of ours: still one line, unless debugging
        if os.environ.get(DEBUG_VARIABLE):
            raise
        print(f"error: [E099] internal error ({type(error).__name__}: {error}); "
              f"set {DEBUG_VARIABLE}=1 for the traceback", file=sys.stderr)
        return EXIT_USAGE
