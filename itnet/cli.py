"""Command line: `python -m itnet COMMAND …`.

Each command lives next to the stage it drives and contributes its sub-parser through a
`register(subparsers)` function that sets `handler`; this module only dispatches, and turns
user errors into one line on stderr instead of a traceback.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
from collections.abc import Sequence

from itnet.errors import Errors, PipelineError

COMMAND_MODULES = (
    "itnet.commands",
    "itnet.training.commands",
    "itnet.evaluate.commands",
)

EXIT_OK = 0
EXIT_DOCUMENT_ERRORS = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a pipe closed on a writer
# The machine's state, not a bug: a full disk, a read-only or forbidden folder, a quota.
MACHINE_ERRNOS = frozenset({errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT, errno.EMFILE})
DEBUG_VARIABLE = "PIPELINE_DEBUG"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m itnet",
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
        status = int(args.handler(args) or EXIT_OK)
        sys.stdout.flush()  # a closed pipe shows here, inside the handling below, not at exit
        return status
    except PipelineError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`evaluate … | head`): nothing more to say, to anyone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as error:
        if error.errno not in MACHINE_ERRNOS:
            return _internal_error(error)
        reason = error.strerror if error.filename is None else f"{error.strerror}: {error.filename}"
        print(f"error: {Errors.E022.format(reason=reason)}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:
        return _internal_error(error)


def _internal_error(error: Exception) -> int:
    """A bug of ours: still one line, unless debugging."""
    if os.environ.get(DEBUG_VARIABLE):
        raise error
    print(f"error: [E099] internal error ({type(error).__name__}: {error}); "
          f"set {DEBUG_VARIABLE}=1 for the traceback", file=sys.stderr)
    return EXIT_USAGE
