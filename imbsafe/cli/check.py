"""``imbsafe check``: find resampling before a split in scripts and notebooks."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._check._notices import printable
from ._errors import EXIT_LEAKY, EXIT_USAGE, CliError, short
from ._output import check_writable, dumps, writable_target, write_atomically

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
            "followed it says nothing. A notebook cell or a statement that does "
            "not parse, a notebook whose kernel is not Python and a FIFO or "
            "device in a folder are skipped with a notice on stderr. Exit status "
            "0: no leak found (warnings alone exit 0 unless --fail-on names their "
            "kind); 1: a leak found; 2: bad input (a file of which nothing can be "
            "read, an output that would replace an input, an output that cannot "
            "be written)."
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
    from .._check import _check, check_files
    from .._check._findings import sarif, to_json

    if args.sarif is not None:
        if not args.sarif:
            raise CliError("--sarif is an empty file name; give the file to write")
        check_writable(args.sarif, "--sarif")
    files, errors, notices = _files(args.paths)
    if args.sarif is not None:
        _refuse_replacing_an_input(args.sarif, files)
    findings, failed, skipped = check_files(files, _check)
    checked = len(files) - len(failed)
    errors.extend(str(e) for e in failed)
    notices.extend(skipped)
    for notice in notices:
        print(f"imbsafe check: notice: {notice}", file=sys.stderr)
    for error in errors:
        print(f"imbsafe check: error: {error}", file=sys.stderr)
    if args.json:
        document = to_json(findings, checked, errors)
        document["notices"] = [n.to_dict() for n in notices]
        print(dumps(document))
    else:
        for finding in findings:
            print(finding)
        print(_summary(findings, checked, len(errors)), file=sys.stderr)
    if args.sarif is not None:
        log = with_notifications(sarif(findings, __version__), notices, errors)
        write_atomically(args.sarif, dumps(log), "--sarif")
    if not files and not errors:
        raise CliError(
            f"no .py or .ipynb file under {', '.join(args.paths)}; give files or "
            "folders that hold some"
        )
    if errors:
        return EXIT_USAGE
    failing = {"leak", *args.fail_on}
    return EXIT_LEAKY if any(f.kind in failing for f in findings) else 0


def _files(paths: list[str]) -> tuple[list[str], list[str], list]:
    """Return the files to check, each once, errors and notices."""
    from .._check import CheckInputError, files_under, unique_files

    files: list[str] = []
    errors: list[str] = []
    notices: list = []
    for path in paths:
        try:
            files.extend(files_under(path, notices))
        except CheckInputError as e:
            errors.append(str(e))
    # each file once: given twice, or reached through a link
    return unique_files(files), errors, notices


def _refuse_replacing_an_input(output: str, files: list[str]) -> None:
    """Refuse an output path that is, or points to, a file being checked."""
    from .._check import same_file_key

    target = writable_target(output, "--sarif")
    if not target.exists():
        return
    key = same_file_key(str(target))
    for name in files:
        if same_file_key(name) == key:
            raise CliError(
                f"--sarif {printable(short(output))} is the same file as "
                f"{printable(short(name))}, which is being checked: writing the "
                "log would replace it; give --sarif another file name"
            )


def with_notifications(log: dict, notices: list, errors: list[str]) -> dict:
    """Add what was skipped, and files refused, to a SARIF log's invocation."""
    notes = [
        {"level": "note", "message": {"text": str(notice)}} for notice in notices
    ] + [{"level": "error", "message": {"text": error}} for error in errors]
    log["runs"][0]["invocations"] = [
        {"executionSuccessful": not errors, "toolExecutionNotifications": notes}
    ]
    return log


def _summary(findings: list, files: int, failed: int = 0) -> str:
    leaks = sum(f.kind == "leak" for f in findings)
    preprocessing = sum(f.kind == "preprocessing" for f in findings)
    selection = sum(f.kind == "selection" for f in findings)
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if failed:
        checked += f" ({failed} could not be)"
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
