"""Reading and checking CSV input: every problem is one line, exit status 2."""

from __future__ import annotations

import argparse
import csv
import io
import re
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from .._utils._classes import check_no_missing, minority_label
from .._utils._errors import first_line
from .._utils._rows import plain
from ._errors import CliError, short

__all__ = [
    "Loaded",
    "binary_target",
    "load",
    "read_csv",
    "require_column",
    "split_target",
]


def read_csv(path: str, sep: str | None = None) -> pd.DataFrame:
    """Read a CSV file, or say in one line why it cannot be used.

    A pipe or a device (``--data <(zcat data.csv.gz)``, ``/dev/stdin``) is
    read once, whole, and then checked as a file is. What the first bytes
    show is read as it is: gzip, bz2 or xz compression (with or without its
    file extension), a Parquet file, text that is not UTF-8 (read as
    Windows-1252, with a warning). ``sep`` None takes the separator from the
    header line (``,``, ``;``, tab or ``|``); beside ``;``, numbers written
    with a decimal comma (``1,5``) are read as numbers.
    """
    file = Path(path)
    if file.is_dir():
        raise CliError(f"{short(path)} is a directory, not a CSV file")
    if not file.exists():
        raise CliError(f"data file not found: {short(path)}")
    try:
        source: Any = file if file.is_file() else io.BytesIO(file.read_bytes())
        head = _peek(source, 1 << 16)
    except OSError as e:
        raise CliError(f"cannot read {short(path)}: {e.strerror}") from e
    kind = next((k for k, magic in _MAGIC.items() if head.startswith(magic)), None)
    if kind == "parquet":
        return _read_parquet(source, path)
    if kind in _COMPRESSED:
        source = _decompress(source, kind, path)
        head = _peek(source, 1 << 16)
    elif kind is not None:
        raise CliError(f"{short(path)} {_NOT_CSV[kind]}")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        raise CliError(
            f"{short(path)} is not CSV text (it holds NUL bytes: UTF-16 text or a "
            "binary file): save it as a UTF-8 CSV file"
        )
    encoding = _encoding(head, path)
    text = head.decode(encoding, errors="ignore")
    sep = sep or _separator(text)
    decimal = "," if sep != "," and _DECIMAL_COMMA.search(text) else "."
    _check_header(text, sep, path)
    try:
        frame = _read(source, sep, decimal, encoding)
    except UnicodeDecodeError:
        # not UTF-8 after the first 64 KiB
        _warn_encoding(path)
        frame = _read(source, sep, decimal, "cp1252")
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        if isinstance(e, pd.errors.EmptyDataError):
            raise CliError(f"{short(path)} is empty: no header, no rows") from e
        raise CliError(
            f"cannot read {short(path)} as CSV: {short(first_line(e))}"
        ) from e
    except MemoryError:
        raise CliError(
            f"{short(path)} ({_size(source) / 2**20:,.0f} MiB) does not fit in "
            "memory here: run on a sample of its rows (e.g. the first million)"
        ) from None
    if frame.empty:
        raise CliError(f"{short(path)} has no data rows")
    return frame


# What a file's first bytes say it is.
_MAGIC = {
    "parquet": b"PAR1",
    "gzip": b"\x1f\x8b",
    "bz2": b"BZh",
    "xz": b"\xfd7zXZ\x00",
    "zip": b"PK\x03\x04",
    "xls": b"\xd0\xcf\x11\xe0",
}
_NOT_CSV = {
    "zip": "is a zip archive (an Excel .xlsx workbook is one too), not CSV "
    "text: unzip it, or export the sheet as CSV",
    "xls": "is an Excel .xls workbook, not CSV text: export the sheet as CSV",
}
_COMPRESSED = {"gzip": "gzip", "bz2": "bz2", "xz": "lzma"}
_DECIMAL_COMMA = re.compile(r"(?:^|[;\t|])\s*-?\d+,\d+\s*(?=[;\t|]|$)", re.M)


def _peek(source: Any, size: int) -> bytes:
    if isinstance(source, io.BytesIO):
        return source.getvalue()[:size]
    with source.open("rb") as handle:
        return handle.read(size)


def _size(source: Any) -> int:
    if isinstance(source, io.BytesIO):
        return len(source.getvalue())
    return source.stat().st_size


def _decompress(source: Any, kind: str, path: str) -> io.BytesIO:
    """Decompress a whole file into memory (its name may not say it is)."""
    import importlib
    import lzma
    import zlib

    module = importlib.import_module(_COMPRESSED[kind])
    raw = source.getvalue() if isinstance(source, io.BytesIO) else source.read_bytes()
    try:
        return io.BytesIO(module.decompress(raw))
    # a damaged or cut file: each library has its own error besides OSError
    except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error) as e:
        raise CliError(
            f"{short(path)} is {kind}-compressed but cannot be decompressed: "
            f"{short(first_line(e), 80)}"
        ) from e


def _read_parquet(source: Any, path: str) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(source)
    except ImportError as e:
        raise CliError(
            f"{short(path)} is a Parquet file; reading it needs pyarrow: "
            "pip install pyarrow (or save it as CSV)"
        ) from e
    except Exception as e:  # pyarrow's own errors: a damaged or partial file
        raise CliError(
            f"cannot read {short(path)} as a Parquet file: {short(first_line(e))}"
        ) from e
    if frame.empty:
        raise CliError(f"{short(path)} has no data rows")
    return frame


def _encoding(head: bytes, path: str) -> str:
    """Return UTF-8, or Windows-1252 (beyond Latin-1) with a warning."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(head) - 3:  # not a character cut at the sample's end
            _warn_encoding(path)
            return "cp1252"
    return "utf-8"


def _warn_encoding(path: str) -> None:
    import warnings

    warnings.warn(
        f"{short(path)} is not UTF-8 text: read as Windows-1252 (Latin-1); if "
        "its text looks wrong, save it as UTF-8",
        UserWarning,
        stacklevel=2,
    )


def _separator(text: str) -> str:
    """Return the separator of the header line: a comma where there is one."""
    header = text.split("\n", 1)[0]
    return next((sep for sep in ",;\t|" if sep in header), ",")


def _read(source: Any, sep: str, decimal: str, encoding: str) -> pd.DataFrame:
    if isinstance(source, io.BytesIO):
        source.seek(0)
    if encoding == "cp1252":
        # cp1252 leaves five bytes undefined; Latin-1 reads every byte
        encoding = "latin-1"
    return pd.read_csv(source, sep=sep, decimal=decimal, encoding=encoding)


def _check_header(text: str, sep: str, path: str) -> None:
    """Refuse repeated column names, which pandas would rename silently.

    pandas reads a second ``label`` column as ``label.1``: as a feature, it
    would hand the model the answer.
    """
    try:
        header = next(csv.reader(io.StringIO(text, newline=""), delimiter=sep), [])
    except csv.Error:
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
    _refuse_overflowing(X, numeric, source)
    return X, y


def _refuse_overflowing(X: pd.DataFrame, numeric: list, source: str) -> None:
    """Refuse finite values whose squares, summed over the rows, overflow.

    Scaling a column computes its variance; past this size it is inf, and
    the models then see NaN ("Input X contains NaN") in a file that has none.
    """
    limit = float(np.sqrt(np.finfo(np.float64).max / max(len(X), 1)))
    huge = [
        c
        for c in numeric
        if np.nanmax(np.abs(X[c].to_numpy(dtype=float)), initial=0.0) > limit
    ]
    if huge:
        raise CliError(
            f"feature column(s) {', '.join(repr(short(c, 40)) for c in huge[:5])} "
            f"in {short(source)} hold values too large to compute with (beyond "
            f"{limit:.1e} in size, their variance overflows): rescale them (a log) "
            f"or leave them out with --drop {' '.join(map(str, huge[:5]))}"
        )


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


class Loaded(NamedTuple):
    """A table as ``compare`` and ``remedies`` read it."""

    X: Any  # the features (a DataFrame)
    y: np.ndarray  # 1 for the positive (minority) class, else 0
    source: str  # the file, or the embedded set, in words
    target: str  # the class column
    positive: Any  # the positive class as the file writes it
    rate: float  # its share of the rows


def load(args: argparse.Namespace) -> Loaded:
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
        frame, source, target = read_csv(args.data, args.sep), args.data, args.target
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
    return Loaded(X, y, source, target, positive, rate)


def too_few_positives(positive: Any, n_pos: int, args: Any, per_fold: int) -> str:
    """Say that the positive class is too small for --cv, and what to do."""
    why = (
        "two in each fold, as each training fold tunes its threshold on inner folds"
        if args.command == "remedies"
        else "one in each test fold"
    )
    most = n_pos // per_fold  # the most folds these positives allow
    fix = (
        f"use --cv {most} or less"
        if most >= 2
        else f"the data needs at least {2 * per_fold} positive rows"
    )
    return (
        f"--cv {args.cv} needs at least {args.cv * per_fold} rows of the positive "
        f"class {positive!r} ({why}), and it has {n_pos}: {fix}"
    )
