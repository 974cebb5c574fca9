"""The parser, exit statuses and warnings of the ``imbsafe`` command line."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from .._utils._errors import first_line, folded
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
    the end. Ctrl-C at any point is one line and exit 130 (with ``--json``,
    stdout gets ``{"error": "interrupted", "exit": 130}`` when nothing was
    written to it yet, never a half document followed by it). Output that
    cannot be written (a full disk, a closed stdout) is one line and exit 2,
    never 1, which means "leak found" for ``audit`` and ``check``; a reader
    that closes the pipe (``imbsafe ... | head -1``) ends the command
    quietly, with exit 141 as a Unix tool killed by SIGPIPE reports.
    """
    name = "imbsafe"
    argv = list(sys.argv[1:] if argv is None else argv)
    json = "--json" in argv
    if sys.stdout is None:  # started with stdout closed (>&-)
        print(
            f"{name}: error: stdout is closed; redirect it to a file", file=sys.stderr
        )
        return EXIT_USAGE
    output = _Output(sys.stdout)
    sys.stdout = output  # type: ignore[assignment]
    try:
        try:
            args = parser().parse_args(argv)
        except UsageError as e:
            return failed(str(e), json)
        args.argv = argv
        name = f"imbsafe {args.command}"
        status = _run(args, name)
        output.flush()
        return status
    except KeyboardInterrupt:
        if json and not output.written:
            _quietly(lambda: print(dumps({"error": "interrupted", "exit": 130})))
        return interrupted(name)
    except BrokenPipeError:
        return _pipe_closed()
    except OutputError as e:
        print(f"{name}: error: cannot write the output: {e}", file=sys.stderr)
        _pipe_closed()
        return EXIT_USAGE
    except Exception:
        # Ctrl-C inside an extension module's import can surface as another
        # error (numpy turns it into an ImportError): it is still Ctrl-C.
        if SIGINT.received:
            return interrupted(name)
        raise
    finally:
        sys.stdout = output.stream


class OutputError(Exception):
    """Writing the command's output to stdout failed (other than a closed pipe)."""


class _Output:
    """stdout, whose write errors say they are the output's, not the input's."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.written = False

    def write(self, text: str) -> int:
        self.written = self.written or bool(text)
        return self._guarded(self.stream.write, text)

    def flush(self) -> None:
        self._guarded(self.stream.flush)

    def _guarded(self, call: Callable, *args: Any) -> Any:
        try:
            return call(*args)
        except BrokenPipeError:
            raise
        except OSError as e:
            raise OutputError(e.strerror or str(e)) from e
        except ValueError as e:  # I/O operation on a closed file
            raise OutputError(str(e)) from e

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _quietly(call: Callable[[], Any]) -> None:
    with contextlib.suppress(OSError, ValueError, OutputError):
        call()


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
        payload = {"error": line.split(": error: ", 1)[-1], "exit": EXIT_USAGE}
        _quietly(lambda: print(dumps(payload)))
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
    handled = signal.getsignal(signal.SIGINT) is not signal.SIG_IGN
    try:
        if handled:
            signal.signal(signal.SIGINT, SIGINT)
        status = main()
        _stop_workers()
    except KeyboardInterrupt:
        status = interrupted()
    if handled:
        # From here on nothing is left to stop: a Ctrl-C during Python's own
        # exit is still one line and 130, not a traceback from a library's
        # exit hook after a status of 0.
        signal.signal(signal.SIGINT, _interrupted_at_exit)
    if status == EXIT_INTERRUPTED:
        # CPython remembers a KeyboardInterrupt that ended code run from a
        # string (dataclasses and namedtuple exec their methods), even one
        # caught since, and then ``python -m`` kills itself with SIGINT at
        # exit; evaluating a string resets that memory.
        exec("pass")
    sys.exit(status)


def _stop_workers() -> None:
    """End joblib's worker processes now, where Ctrl-C is still handled.

    loky joins its workers in an exit hook of its own; a Ctrl-C there would
    print its traceback and leave the exit status as it was.
    """
    loky = sys.modules.get("joblib.externals.loky.process_executor")
    stop = getattr(loky, "_python_exit", None)
    if stop is not None:
        stop()


def _interrupted_at_exit(signum: int, frame: Any) -> None:
    _quietly(sys.stdout.flush)
    print("\nimbsafe: interrupted", file=sys.stderr)
    os._exit(EXIT_INTERRUPTED)
