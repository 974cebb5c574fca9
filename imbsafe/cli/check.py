"""``imbsafe check``: find resampling before a split in scripts and notebooks."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._errors import EXIT_LEAKY, EXIT_USAGE, CliError
from ._output import check_writable, dumps, write_atomically

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Add ``check`` and its options to the subcommand parsers."""
    check = commands.add_parser(
        "check",
        help="find resampled rows that reach a split, CV or eval set in .py/.ipynb",
        description=(
            "Read Python scripts and Jupyter notebooks without running them and "
            "report, one line each (path:line: kind: what, then the fix), "
            "resampled rows that reach a split, a cross-validation or search, an "
            "estimator's own validation or an evaluation set (kind 'leak'), and "
            "preprocessing fitted on rows that are split afterwards (kind "
            "'preprocessing', a warning), and a test part that chose the model, "
            "its iterations or a threshold and then scored it (kind 'selection', "
            "a warning). The files of a folder are checked together: tables "
            "written by one file and read by another, and functions imported "
            "from a sibling module, are followed. Where the data flow cannot be "
            "followed it says nothing. Exit status 0: no leak found (warnings "
            "alone exit 0 unless --fail-on names their kind); 1: a leak found; "
            "2: bad input (a file that cannot be read or parsed)."
        ),
    )
    check.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=".py or .ipynb files, or folders to search for them",
    )
    check.add_argument("--json", action="store_true", help="JSON only, on stdout")
    check.add_argument(
        "--sarif",
        metavar="FILE",
        help="also write a SARIF 2.1.0 log (GitHub code scanning) to FILE",
    )
    check.add_argument(
        "--fail-on",
        metavar="KINDS",
        type=_kinds,
        default=(),
        help="warning kinds that also exit 1, comma-separated: selection, "
        "preprocessing (for a CI gate)",
    )
    check.set_defaults(run=run)


def _kinds(text: str) -> tuple:
    from .._check._findings import WARNINGS

    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    wrong = [k for k in kinds if k not in WARNINGS]
    if wrong or not kinds:
        raise argparse.ArgumentTypeError(
            f"unknown kind {', '.join(wrong) or repr(text)}; give a comma-separated "
            f"list of {', '.join(WARNINGS)}"
        )
    return kinds


def run(args: argparse.Namespace) -> int:
    """Run ``imbsafe check``; return its exit status."""
    from .. import __version__
    from .._check import CheckInputError, _check, files_under
    from .._check._findings import sarif, to_json
    from .._check._run import check_files

    if args.sarif:
        check_writable(args.sarif, "--sarif")
    files: list[str] = []
    errors: list[str] = []
    for path in args.paths:
        try:
            files.extend(files_under(path))
        except CheckInputError as e:
            errors.append(str(e))
    findings, failed = check_files(files, _check)
    errors.extend(str(e) for e in failed)
    for error in errors:
        print(f"imbsafe check: error: {error}", file=sys.stderr)
    if args.json:
        print(dumps(to_json(findings, len(files), errors)))
    else:
        for finding in findings:
            print(finding)
        print(_summary(findings, len(files)), file=sys.stderr)
    if args.sarif:
        write_atomically(args.sarif, dumps(sarif(findings, __version__)), "--sarif")
    if not files and not errors:
        raise CliError(
            f"no .py or .ipynb file under {', '.join(args.paths)}; give files or "
            "folders that hold some"
        )
    if errors:
        return EXIT_USAGE
    failing = {"leak", *args.fail_on}
    return EXIT_LEAKY if any(f.kind in failing for f in findings) else 0


def _summary(findings: list, files: int) -> str:
    leaks = sum(f.kind == "leak" for f in findings)
    preprocessing = sum(f.kind == "preprocessing" for f in findings)
    selection = sum(f.kind == "selection" for f in findings)
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not findings:
        return (
            f"imbsafe check: {checked}: no resampled or preprocessed rows followed "
            "to a split or a score"
        )
    text = (
        f"imbsafe check: {checked}: {leaks} leak{'s' if leaks != 1 else ''}, "
        f"{preprocessing} preprocessing warning{'s' if preprocessing != 1 else ''}"
    )
    if selection:
        text += f", {selection} selection warning{'s' if selection != 1 else ''}"
    return text
