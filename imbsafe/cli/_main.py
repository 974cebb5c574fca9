"""The parser, exit statuses and warnings of the ``imbsafe`` command line."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import NoReturn

from .._errors import first_line, folded
from . import audit, check, compare, remedies
from ._errors import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    SIGINT,
    CliError,
    short,
)
from ._models import whole
from ._output import dumps

__all__ = ["entry_point", "main"]


class UsageError(Exception):
    """A command line argparse refuses: one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, with a refused argument in one line instead of the usage."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: error: {message} (see {self.prog} --help)")


def parser() -> argparse.ArgumentParser:
    """Build the ``imbsafe`` parser: one subcommand per module of this package."""
    top = _Parser(
        prog="imbsafe",
        description="Leakage-safe resampling for imbalanced classification.",
    )
    commands = top.add_subparsers(dest="command", required=True)
    compare.add_parser(commands, _at_least(2, " folds"), _at_least(1))
    audit.add_parser(commands)
    remedies.add_parser(commands, _at_least(2, " folds"))
    check.add_parser(commands)
    return top


def _at_least(minimum: int, unit: str = "") -> Callable[[str], int]:
    """Return an argparse type: a whole number of at least ``minimum``."""

    def parse(text: str) -> int:
        value = whole(text)
        if value < minimum:
            raise argparse.ArgumentTypeError(
                f"needs at least {minimum}{unit}, got {value}"
            )
        return value

    return parse


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``imbsafe`` command line; return its exit status.

    Errors are one line on stderr. Python warnings are not printed as they
    come (with source lines); each distinct one is summed up in one line at
    the end. Ctrl-C at any point is one line and exit 130; a reader that
    closes the pipe (``imbsafe ... | head -1``) ends the command quietly, with
    exit 141 as a Unix tool killed by SIGPIPE reports.
    """
    name = "imbsafe"
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            args = parser().parse_args(argv)
        except UsageError as e:
            return failed(str(e), "--json" in argv)
        args.argv = argv
        name = f"imbsafe {args.command}"
        return _run(args, name)
    except KeyboardInterrupt:
        return interrupted(name)
    except BrokenPipeError:
        return _pipe_closed()
    except Exception:
        # Ctrl-C inside an extension module's import can surface as another
        # error (numpy turns it into an ImportError): it is still Ctrl-C.
        if SIGINT.received:
            return interrupted(name)
        raise


def _run(args: argparse.Namespace, name: str) -> int:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            status = args.run(args)
            SIGINT.check()  # Ctrl-C that a library swallowed on its way
        except CliError as e:
            return failed(f"{name}: error: {e}", args.json)
        except MemoryError:
            return failed(
                f"{name}: error: out of memory; run on a sample of the rows",
                args.json,
            )
    for line in _warning_summary(caught):
        print(f"{name}: warning: {line}", file=sys.stderr)
    return status


def failed(line: str, json: bool) -> int:
    """Say why the command stopped, in one line; return exit status 2.

    With ``--json``, stdout gets the same line as a JSON object, so that a
    program reading it always has JSON to read.
    """
    line = folded(line)
    print(line, file=sys.stderr)
    if json:
        print(dumps({"error": line.split(": error: ", 1)[-1], "exit": EXIT_USAGE}))
    return EXIT_USAGE


def interrupted(name: str = "imbsafe") -> int:
    """Say that Ctrl-C stopped the command, in one line; return 130."""
    print(f"\n{name}: interrupted", file=sys.stderr)
    return EXIT_INTERRUPTED


def _pipe_closed() -> int:
    # Nothing more can reach the reader; point stdout at /dev/null so that
    # Python's final flush does not complain either.
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file: nothing to flush
        pass
    finally:
        os.close(devnull)
    return EXIT_BROKEN_PIPE


def _warning_summary(caught: list) -> list[str]:
    """One line per distinct warning, with how often it came.

    The line already says "warning:", so the category's name is left out.
    """
    counts: dict[str, int] = {}
    for item in caught:
        text = short(first_line(item.message))
        counts[text] = counts.get(text, 0) + 1
    return [
        text + (f" ({count} times)" if count > 1 else "")
        for text, count in counts.items()
    ]


def entry_point() -> None:
    """Run the console script: exit with ``main``'s status.

    :mod:`imbsafe._launch` guarded start-up against Ctrl-C; from here on,
    Ctrl-C is Python's ``KeyboardInterrupt``, which ``main`` turns into one
    line (and a report being written is never left half done).
    """
    # Ctrl-C ends parallel fits abruptly; loky's resource tracker (a process
    # of its own, started later with this environment) would then print a
    # multi-line warning about the semaphores of the workers it saw die.
    quiet = "ignore::UserWarning:joblib.externals.loky.backend.resource_tracker"
    os.environ["PYTHONWARNINGS"] = ",".join(
        filter(None, [os.environ.get("PYTHONWARNINGS"), quiet])
    )
    try:
        if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            signal.signal(signal.SIGINT, SIGINT)
        status = main()
    except KeyboardInterrupt:
        status = interrupted()
    if status == EXIT_INTERRUPTED:
        # CPython remembers a KeyboardInterrupt that ended code run from a
        # string (dataclasses and namedtuple exec their methods), even one
        # caught since, and then ``python -m`` kills itself with SIGINT at
        # exit; evaluating a string resets that memory. (os._exit would skip
        # joblib's worker shutdown, whose resource tracker then complains.)
        exec("pass")
    sys.exit(status)
