"""Reading and checking CSV input: every problem is one line, exit status 2."""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._classes import check_no_missing, minority_label
from .._errors import first_line
from .._rows import plain
from ._errors import CliError, short

__all__ = ["binary_target", "read_csv", "require_column", "split_target"]


def read_csv(path: str) -> pd.DataFrame:
    """Read a CSV file, or say in one line why it cannot be used.

    A pipe or a device (``--data <(zcat data.csv.gz)``, ``/dev/stdin``) is
    read once, whole, and then checked as a file is.
    """
    file = Path(path)
    if file.is_dir():
        raise CliError(f"{short(path)} is a directory, not a CSV file")
    if not file.exists():
        raise CliError(f"data file not found: {short(path)}")
    try:
        source: Any = file if file.is_file() else io.BytesIO(file.read_bytes())
    except OSError as e:
        raise CliError(f"cannot read {short(path)}: {e.strerror}") from e
    _check_header(source, path)
    try:
        frame = pd.read_csv(source)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        if isinstance(e, pd.errors.EmptyDataError):
            raise CliError(f"{short(path)} is empty: no header, no rows") from e
        raise CliError(
            f"cannot read {short(path)} as CSV: {short(first_line(e))}"
        ) from e
    except MemoryError:
        raise CliError(
            f"{short(path)} ({file.stat().st_size / 2**20:,.0f} MiB) does not fit in "
            "memory here: run on a sample of its rows (e.g. the first million)"
        ) from None
    if frame.empty:
        raise CliError(f"{short(path)} has no data rows")
    return frame


def _check_header(source: Any, path: str) -> None:
    """Refuse repeated column names, which pandas would rename silently.

    pandas reads a second ``label`` column as ``label.1``: as a feature, it
    would hand the model the answer.
    """
    try:
        if isinstance(source, io.BytesIO):
            text = io.TextIOWrapper(source, encoding="utf-8", newline="")
            header = next(csv.reader(text), [])
            text.detach()
            source.seek(0)
        else:
            with source.open(newline="", encoding="utf-8") as handle:
                header = next(csv.reader(handle), [])
    except (UnicodeDecodeError, csv.Error):
        if isinstance(source, io.BytesIO):
            source.seek(0)
        return  # pandas says what is wrong with the file
    seen: dict[str, int] = {}
    for name in header:
        seen[name] = seen.get(name, 0) + 1
    repeated = [name for name, count in seen.items() if count > 1]
    if repeated:
        names = ", ".join(repr(short(n, 40)) for n in repeated[:5])
        raise CliError(
            f"column name(s) {names} appear more than once in {short(path)}: give "
            "each column its own name"
        )


def split_target(
    frame: pd.DataFrame, target: str, source: str, drop: list[str] | None = None
) -> tuple[pd.DataFrame, pd.Series]:
    """Split off the target column; keep features of any kind (``drop`` left out).

    Text, boolean and categorical columns and missing values are the models'
    business (their preprocessing runs inside each training fold); a missing
    label, an infinite value or a column that is not there is refused here.
    """
    require_column(frame, target, source)
    drop = list(drop or [])
    unknown = [c for c in drop if c not in frame.columns]
    if unknown:
        raise CliError(
            f"--drop names column(s) {', '.join(repr(short(c, 40)) for c in unknown)}"
            f" that {short(source)} does not have"
        )
    if target in drop:
        raise CliError(f"--drop names the target column {target!r}")
    y = frame[target]
    X = frame.drop(columns=[target, *drop])
    if X.shape[1] == 0:
        raise CliError(f"{source} has no feature columns besides {target!r}")
    try:
        check_no_missing(y, f"target column {target!r}")
    except ValueError as e:
        raise CliError(str(e).rstrip(".")) from e
    empty = [c for c in X.columns if X[c].isna().all()]
    if empty:
        # nothing to learn or impute from; hgb's binning crashed on it
        raise CliError(
            f"feature column(s) {', '.join(repr(short(c, 40)) for c in empty[:5])} "
            f"in {short(source)} hold no value (missing in every row): leave them "
            f"out with --drop {' '.join(map(str, empty[:5]))}"
        )
    numeric = [c for c in X.columns if pd.api.types.is_numeric_dtype(X[c])]
    infinite = [c for c in numeric if np.isinf(X[c].to_numpy(dtype=float)).any()]
    if infinite:
        raise CliError(
            f"feature column(s) {', '.join(map(repr, infinite[:5]))} in {source} "
            "hold infinite values (inf): replace or drop them first"
        )
    return X, y


def require_column(frame: pd.DataFrame, target: str, source: str) -> None:
    """Refuse a frame without the target column, naming the columns it has."""
    if target not in frame.columns:
        shown = ", ".join(short(c, 40) for c in frame.columns[:8])
        more = ", ..." if len(frame.columns) > 8 else ""
        raise CliError(
            f"no column {short(target, 60)!r} in {short(source)}; columns are: "
            f"{shown}{more}"
        )


def binary_target(
    y: pd.Series, target: str, command: str
) -> tuple[np.ndarray, Any, float]:
    """0/1 labels with the minority class as positive; its label and rate."""
    counts = y.value_counts()
    if len(counts) < 2:
        raise CliError(
            f"target column {target!r} has a single class "
            f"({plain(counts.index[0])!r}); imbsafe {command} needs two"
        )
    if len(counts) > 2:
        raise CliError(
            f"target column {target!r} has {len(counts)} classes; imbsafe {command} "
            "needs a binary target: map it to one class against the rest first"
        )
    positive = plain(minority_label(y.to_numpy()))
    labels = (y == positive).to_numpy().astype(np.int64)
    return labels, positive, float(labels.mean())


def load(args: argparse.Namespace) -> tuple[Any, np.ndarray, str, str, Any, float]:
    """Load ``--data`` / ``--target``, or the embedded set, and check them."""
    import warnings

    from ._tables import index_columns

    if args.data is None:
        if args.target is not None:
            raise CliError("--target goes with --data")
        from ..datasets import load_digits_eight

        frame = load_digits_eight(as_frame=True)
        source, target = "the embedded digits_eight data set", "is_eight"
    else:
        if args.target is None:
            raise CliError("--data needs --target COL, the column holding the class")
        frame, source, target = read_csv(args.data), args.data, args.target
    X, y_raw = split_target(frame, target, source, args.drop)
    index = index_columns(X)
    if index:
        warnings.warn(
            f"column(s) {', '.join(map(repr, index))} hold unique whole numbers in "
            "row order, as a row index does: as a feature it tells the model where "
            f"a row sat in the file; leave it out with --drop {index[0]!r}",
            UserWarning,
            stacklevel=1,
        )
    y, positive, rate = binary_target(y_raw, target, args.command)
    per_fold = 2 if args.command == "remedies" else 1
    if int(y.sum()) < args.cv * per_fold:
        raise CliError(too_few_positives(positive, int(y.sum()), args, per_fold))
    return X, y, source, target, positive, rate


def too_few_positives(positive: Any, n_pos: int, args: Any, per_fold: int) -> str:
    """Say that the positive class is too small for --cv, and what to do."""
    why = (
        "each training fold tunes its threshold on inner folds, so it needs"
        if args.command == "remedies"
        else "each test fold needs one, so it needs"
    )
    most = n_pos // per_fold  # the most folds these positives allow
    fix = (
        f"use --cv {most} or less"
        if most >= 2
        else f"the data needs at least {2 * per_fold} positive rows"
    )
    return (
        f"the positive class {positive!r} has {n_pos} row(s); --cv {args.cv} "
        f"{why} at least {args.cv * per_fold}: {fix}"
    )
