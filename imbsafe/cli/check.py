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
            "'preprocessing', a warning). Where the data flow cannot be followed "
            "it says nothing. A notebook cell or a statement that does not parse, "
            "a notebook whose kernel is not Python and a FIFO or device in a "
            "folder are skipped with a notice on stderr. Exit status 0: no leak "
            "found (preprocessing warnings alone exit 0); 1: a leak found; 2: bad "
            "input (a file of which nothing can be read, an output that would "
            "replace an input, an output that cannot be written)."
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
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``imbsafe check``; return its exit status."""
    from .. import __version__
    from .._check import CheckInputError, check_file
    from .._check._findings import sarif, to_json

    if args.sarif is not None:
        if not args.sarif:
            raise CliError("--sarif is an empty file name; give the file to write")
        check_writable(args.sarif, "--sarif")
    files, errors, notices = _files(args.paths)
    if args.sarif is not None:
        _refuse_replacing_an_input(args.sarif, files)
    findings = []
    checked = 0
    for name in files:
        try:
            found, skipped = check_file(name)
        except CheckInputError as e:
            errors.append(str(e))
            continue
        checked += 1
        findings.extend(found)
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
    return EXIT_LEAKY if any(f.kind == "leak" for f in findings) else 0


def _files(paths: list[str]) -> tuple[list[str], list[str], list]:
    """Return the files to check, each once, errors and notices."""
    from .._check import CheckInputError, files_under, same_file_key

    files: list[str] = []
    errors: list[str] = []
    notices: list = []
    seen: set = set()
    for path in paths:
        try:
            names = files_under(path, notices)
        except CheckInputError as e:
            errors.append(str(e))
            continue
        for name in names:
            key = same_file_key(name)
            if key not in seen:  # given twice, or reached through a link
                seen.add(key)
                files.append(name)
    return files, errors, notices


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
    warnings = len(findings) - leaks
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if failed:
        checked += f" ({failed} could not be)"
    if not findings:
        return (
            f"imbsafe check: {checked}: no resampled or preprocessed rows followed "
            "to a split or a score"
        )
    return (
        f"imbsafe check: {checked}: {leaks} leak{'s' if leaks != 1 else ''}, "
        f"{warnings} preprocessing warning{'s' if warnings != 1 else ''}"
    )
