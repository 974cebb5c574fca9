"""The parser, exit statuses and warnings of the ``imbsafe`` command line."""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence

from . import audit, compare, remedies
from ._errors import EXIT_INTERRUPTED, EXIT_USAGE, CliError, short

__all__ = ["entry_point", "main"]


def parser() -> argparse.ArgumentParser:
    """Build the ``imbsafe`` parser: one subcommand per module of this package."""
    top = argparse.ArgumentParser(
        prog="imbsafe",
        description="Leakage-safe resampling for imbalanced classification.",
    )
    commands = top.add_subparsers(dest="command", required=True)
    compare.add_parser(commands, _at_least(2, " folds"), _at_least(1))
    audit.add_parser(commands)
    remedies.add_parser(commands, _at_least(2, " folds"))
    return top


def _at_least(minimum: int, unit: str = "") -> Callable[[str], int]:
    """Return an argparse type: a whole number of at least ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
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
    the end.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser().parse_args(argv)
    args.argv = argv
    name = f"imbsafe {args.command}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            status = args.run(args)
        except CliError as e:
            print(f"{name}: error: {e}", file=sys.stderr)
            return EXIT_USAGE
        except KeyboardInterrupt:
            print(f"\n{name}: interrupted", file=sys.stderr)
            return EXIT_INTERRUPTED
        except MemoryError:
            print(
                f"{name}: error: out of memory; run on a sample of the rows",
                file=sys.stderr,
            )
            return EXIT_USAGE
    for line in _warning_summary(caught):
        print(f"{name}: warning: {line}", file=sys.stderr)
    return status


def _warning_summary(caught: list) -> list[str]:
    """One line per distinct warning, with how often it came."""
    counts: dict[str, int] = {}
    for item in caught:
        text = f"{item.category.__name__}: {short(str(item.message).splitlines()[0])}"
        counts[text] = counts.get(text, 0) + 1
    return [
        text + (f" ({count} times)" if count > 1 else "")
        for text, count in counts.items()
    ]


def entry_point() -> None:
    """Run the console script: exit with ``main``'s status."""
    sys.exit(main())
