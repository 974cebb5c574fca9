"""``imbsafe audit``: check a train/valid pair of CSV files for leakage."""

from __future__ import annotations

import argparse
from typing import Any

from .._utils._errors import first_line
from ._errors import EXIT_LEAKY, CliError, short
from ._models import add_sep
from ._output import dumps

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Add ``audit`` and its options to the subcommand parsers."""
    audit = commands.add_parser(
        "audit",
        help="check a train/valid pair of CSV files for resample-then-split leaks",
        description=(
            "Look for validation rows that are copies of training rows (random "
            "over-sampling before the split) or interpolations of them (SMOTE "
            "before the split). Exit status 0: no leak found (or inconclusive "
            "evidence, which the report shows); 1: leak found; 2: bad input."
        ),
    )
    audit.add_argument("--train", required=True, metavar="A.csv")
    audit.add_argument("--valid", required=True, metavar="B.csv")
    audit.add_argument("--target", required=True, metavar="COL")
    add_sep(audit)
    audit.add_argument("--json", action="store_true", help="JSON only")
    audit.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``imbsafe audit``; return its exit status."""
    import pandas as pd

    from .. import audit_split
    from .._audit._parts import column_mismatch
    from .._utils._classes import check_no_missing
    from .._utils._rows import plain
    from ._input import read_csv, require_column

    train = read_csv(args.train, args.sep)
    valid = read_csv(args.valid, args.sep)
    for frame, path in ((train, args.train), (valid, args.valid)):
        require_column(frame, args.target, path)
        try:
            check_no_missing(
                frame[args.target], f"target column {args.target!r} in {path}"
            )
        except ValueError as e:
            raise CliError(str(e).rstrip(".")) from e
    problem = column_mismatch(
        list(train.columns), list(valid.columns), args.train, args.valid
    )
    if problem:
        raise CliError(problem)
    if train.shape[1] < 2:
        raise CliError(f"{args.train} has no feature columns besides {args.target!r}")
    classes = pd.concat([train[args.target], valid[args.target]]).nunique()
    if classes < 2:
        raise CliError(
            f"target column {args.target!r} has a single class in both files; the "
            "audit compares classes, so it needs at least two"
        )
    train_labels = set(train[args.target].map(plain))
    valid_labels = set(valid[args.target].map(plain))
    if not train_labels & valid_labels:
        raise CliError(
            f"the classes of {short(args.train)} ({_labels(train_labels)}) and of "
            f"{short(args.valid)} ({_labels(valid_labels)}) do not overlap: they "
            "cannot be two parts of one split (is --target the class column?)"
        )
    features = [c for c in train.columns if c != args.target]
    try:
        report = audit_split(
            train[features], train[args.target], valid[features], valid[args.target]
        )
    except ValueError as e:
        raise CliError(first_line(e)) from e
    if args.json:
        print(dumps(report.to_dict()))
    else:
        print(f"imbsafe audit: train {args.train}, valid {args.valid}")
        print(report)
    return EXIT_LEAKY if report.leaky else 0


def _labels(labels: set) -> str:
    shown = sorted(map(str, labels))
    return ", ".join(short(v, 20) for v in shown[:5]) + (
        ", ..." if len(shown) > 5 else ""
    )
