"""The ``imbsafe`` command line.

``imbsafe compare`` shows, on real data, how much resampling before splitting
overstates cross-validated scores; ``imbsafe audit`` checks a train/valid pair
of CSV files for that mistake (exit 1 when leaky, so it can gate a pipeline).
Bad input ends with a one-line error and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["main"]

EXIT_LEAKY = 1
EXIT_USAGE = 2
METRICS = ("f1", "precision", "recall", "roc_auc", "average_precision")
SAMPLERS = ("ros", "rus", "smote", "adasyn", "none")
MODELS = ("logreg", "rf", "mlp")


class CliError(Exception):
    """Bad input: printed as one line, exit status 2."""


def _sampler(name: str, seed: int, k_neighbors: int = 5) -> Any:
    from imblearn.over_sampling import ADASYN, SMOTE, RandomOverSampler
    from imblearn.under_sampling import RandomUnderSampler

    return {
        "ros": lambda: RandomOverSampler(random_state=seed),
        "rus": lambda: RandomUnderSampler(random_state=seed),
        "smote": lambda: SMOTE(k_neighbors=k_neighbors, random_state=seed),
        "adasyn": lambda: ADASYN(n_neighbors=k_neighbors, random_state=seed),
        "none": lambda: None,
    }[name]()


def _check_neighbours(args: argparse.Namespace, y: np.ndarray, cv: Any) -> None:
    """Before any fit: every training fold must hold enough positives.

    SMOTE and ADASYN need ``--k-neighbors`` + 1 rows of the class they grow,
    in the whole data (naive protocol) and in each training fold (safe).
    """
    if args.sampler not in ("smote", "adasyn"):
        return
    fewest = min(int(y[train].sum()) for train, _ in cv.split(np.zeros(len(y)), y))
    k = args.k_neighbors
    if fewest < k + 1:
        raise CliError(
            f"the positive class has {fewest} row(s) in the smallest training fold; "
            f"--sampler {args.sampler} with --k-neighbors {k} needs at least {k + 1}: "
            f"pass --k-neighbors {max(fewest - 1, 1)} or less, or use --sampler ros"
        )


def _model(name: str, seed: int, n_features: int = 0) -> Any:
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if name == "logreg":
        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    if name == "mlp":
        return _mlp_module().make_mlp(n_features, seed)
    return RandomForestClassifier(n_estimators=200, random_state=seed)


def _mlp_module() -> Any:
    try:
        from . import _mlp
    except ImportError as e:
        raise CliError(
            f"--model mlp needs torch and skorch ({e.name} is missing): "
            "pip install torch==2.13.0 'imbsafe[torch]'"
        ) from e
    return _mlp


def _safe_model(name: str, sampler: Any, seed: int, n_features: int) -> Any:
    """Return the safe protocol's model (None: ResampledClassifier(model, sampler)).

    A skorch net must not get resampled data, because its own train/valid
    split would then validate on resampled rows; it resamples inside its
    split instead.
    """
    if name != "mlp":
        return None
    from .skorch import ResampledValidSplit

    split = ResampledValidSplit(5, sampler)
    return _mlp_module().make_mlp(n_features, seed, train_split=split)


def _read_csv(path: str) -> pd.DataFrame:
    file = Path(path)
    if file.is_dir():
        raise CliError(f"{_short(path)} is a directory, not a CSV file")
    if not file.is_file():
        raise CliError(f"data file not found: {_short(path)}")
    _check_header(file, path)
    try:
        frame = pd.read_csv(file)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise CliError(
            f"cannot read {_short(path)} as CSV: {_short(str(e).splitlines()[0])}"
        ) from e
    except MemoryError:
        raise CliError(
            f"{_short(path)} ({file.stat().st_size / 2**20:,.0f} MiB) does not fit in "
            "memory here: run on a sample of its rows (e.g. the first million)"
        ) from None
    if frame.empty:
        raise CliError(f"{_short(path)} has no data rows")
    return frame


def _check_header(file: Path, path: str) -> None:
    """Refuse repeated column names, which pandas would rename silently.

    pandas reads a second ``label`` column as ``label.1``: as a feature, it
    would hand the model the answer.
    """
    try:
        with file.open(newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle), [])
    except (UnicodeDecodeError, csv.Error):
        return  # pandas says what is wrong with the file
    seen: dict[str, int] = {}
    for name in header:
        seen[name] = seen.get(name, 0) + 1
    repeated = [name for name, count in seen.items() if count > 1]
    if repeated:
        names = ", ".join(repr(_short(n, 40)) for n in repeated[:5])
        raise CliError(
            f"column name(s) {names} appear more than once in {_short(path)}: give "
            "each column its own name"
        )


def _short(text: Any, limit: int = 200) -> str:
    """Text cut to ``limit`` characters, so that an error stays one short line."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _split_target(
    frame: pd.DataFrame, target: str, source: str
) -> tuple[pd.DataFrame, pd.Series]:
    _require_column(frame, target, source)
    y = frame[target]
    X = frame.drop(columns=target)
    if X.shape[1] == 0:
        raise CliError(f"{source} has no feature columns besides {target!r}")
    if y.isna().any():
        raise CliError(
            f"target column {target!r} has {int(y.isna().sum())} missing value(s); "
            "drop those rows first"
        )
    text = [c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c])]
    if text:
        raise CliError(
            f"non-numeric feature column(s) {', '.join(map(repr, text[:5]))} in "
            f"{source}: encode them as numbers (e.g. one-hot) or drop them"
        )
    missing = [c for c in X.columns if X[c].isna().any()]
    if missing:
        raise CliError(
            f"feature column(s) {', '.join(map(repr, missing[:5]))} in {source} have "
            "missing values: impute or drop them first"
        )
    return X, y


def _require_column(frame: pd.DataFrame, target: str, source: str) -> None:
    if target not in frame.columns:
        shown = ", ".join(_short(c, 40) for c in frame.columns[:8])
        more = ", ..." if len(frame.columns) > 8 else ""
        raise CliError(
            f"no column {_short(target, 60)!r} in {_short(source)}; columns are: "
            f"{shown}{more}"
        )


def _binary_target(y: pd.Series, target: str) -> tuple[np.ndarray, Any, float]:
    """0/1 labels with the minority class as positive; its label and rate."""
    counts = y.value_counts()
    if len(counts) < 2:
        raise CliError(
            f"target column {target!r} has a single class "
            f"({_jsonable(counts.index[0])!r}); comparing protocols needs two"
        )
    if len(counts) > 2:
        raise CliError(
            f"target column {target!r} has {len(counts)} classes; compare needs a "
            "binary target: map it to one class against the rest first"
        )
    positive = _jsonable(counts.index[-1])  # the minority class
    labels = (y == positive).to_numpy().astype(np.int64)
    return labels, positive, float(labels.mean())


def _progress(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


class _FoldProgress:
    """Fold-by-fold progress on stderr: a redrawn bar on a terminal, else lines."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.done = 0
        self.tty = sys.stderr.isatty()

    def __call__(self, protocol: str, fold: int, n_folds: int) -> None:
        if self.quiet:
            return
        self.done += 1
        total = 2 * n_folds
        if self.tty:
            filled = round(24 * self.done / total)
            bar = "#" * filled + "." * (24 - filled)
            end = "\n" if self.done == total else ""
            print(
                f"\r  [{bar}] {self.done}/{total} fits ({protocol} fold "
                f"{fold + 1}/{n_folds})",
                end=end,
                file=sys.stderr,
                flush=True,
            )
        else:
            print(
                f"  {protocol} protocol: fold {fold + 1}/{n_folds} done "
                f"({self.done}/{total} fits)",
                file=sys.stderr,
                flush=True,
            )


def _compare(args: argparse.Namespace) -> int:
    from sklearn.model_selection import StratifiedKFold

    from . import __version__
    from ._compare import _run, _scoring_dict

    if args.data is None:
        if args.target is not None:
            raise CliError("--target goes with --data")
        from .datasets import load_digits_eight

        frame = load_digits_eight(as_frame=True)
        source, target = "the embedded digits_eight data set", "is_eight"
    else:
        if args.target is None:
            raise CliError("--data needs --target COL, the column holding the class")
        frame, source, target = _read_csv(args.data), args.data, args.target
    X, y_raw = _split_target(frame, target, source)
    y, positive, rate = _binary_target(y_raw, target)
    n_pos = int(y.sum())
    if n_pos < args.cv:
        raise CliError(
            f"the positive class {positive!r} has {n_pos} row(s), fewer than "
            f"--cv {args.cv} folds: lower --cv"
        )

    if args.report is not None:
        _check_report_target(args.report)
    cv = StratifiedKFold(args.cv, shuffle=True, random_state=args.seed)
    _check_neighbours(args, y, cv)
    _progress(
        f"imbsafe compare: {source}, {len(y)} rows, positive class {positive!r} "
        f"({rate:.1%}); {args.sampler} + {args.model}, {args.cv} folds ...",
        args.json,
    )
    try:
        sampler = _sampler(args.sampler, args.seed, args.k_neighbors)
        result = _run(
            _model(args.model, args.seed, X.shape[1]),
            sampler,
            X.to_numpy(dtype=float),
            y,
            cv,
            _scoring_dict(METRICS),
            None,
            on_fold=_FoldProgress(args.json),
            safe_estimator=_safe_model(args.model, sampler, args.seed, X.shape[1]),
        )
    except ValueError as e:
        raise CliError(str(e).splitlines()[0]) from e

    stats = result.folds.groupby(["metric", "protocol"])["value"].agg(["mean", "std"])
    payload = {
        "data": source,
        "target": target,
        "positive_class": positive,
        "n_rows": len(y),
        "prevalence": rate,
        "sampler": args.sampler,
        "model": args.model,
        "cv": args.cv,
        "seed": args.seed,
        "metrics": {
            metric: {
                "naive": _side(stats, metric, "naive", result.folds),
                "safe": _side(stats, metric, "safe", result.folds),
                "inflation": float(result.summary.loc[metric, "inflation"]),
            }
            for metric in METRICS
        },
    }
    if result.logged is not None:
        payload["logged_valid_f1"] = _logged_gap(result)
    if args.report is not None:
        from ._report import render

        payload_html = {
            **payload,
            "meaning": _meaning(args.sampler, payload["metrics"]["f1"]),
            "version": __version__,
            "command": "imbsafe " + " ".join(args.argv),
        }
        _write_atomically(args.report, render(payload_html, result.predictions))
        payload["report"] = str(args.report)
        _progress(f"report written to {args.report}", args.json)
    if args.json:
        print(_dumps(payload))
    else:
        print(_table(payload))
    return 0


def _dumps(payload: Any) -> str:
    """JSON as RFC 8259 has it: an undefined metric (NaN) is null."""
    return json.dumps(_no_nan(payload), indent=2, allow_nan=False)


def _no_nan(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _no_nan(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_no_nan(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _write_atomically(path: str, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename it into place.

    A full disk or an interrupt never leaves a truncated report behind.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException as e:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise CliError(f"cannot write --report {_short(path)}: {e.strerror}") from e
        raise


def _logged_gap(result: Any) -> dict[str, Any]:
    """Compare skorch's logged valid F1 with the untouched test folds' F1."""
    logged = result.logged.query("metric == 'f1'").groupby("protocol")["value"].mean()
    untouched = float(result.summary.loc["f1", "safe"])
    return {
        "untouched_test_f1": untouched,
        **{
            protocol: {
                "logged": float(logged[protocol]),
                "gap": float(logged[protocol] - untouched),
            }
            for protocol in ("naive", "safe")
            if protocol in logged
        },
    }


def _check_report_target(path: str) -> None:
    """Fail before the fits, not after them, when the report cannot be written."""
    target = Path(path)
    if target.is_dir():
        raise CliError(f"--report {_short(path)} is a directory; give a file name")
    if not target.parent.is_dir():
        raise CliError(f"--report: directory {_short(target.parent)!r} does not exist")
    try:  # can a file be made there? (permissions, read-only mounts)
        handle, probe = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    except OSError as e:
        raise CliError(
            f"--report: cannot write in {_short(target.parent)!r}: {e.strerror}"
        ) from e
    os.close(handle)
    os.unlink(probe)
    try:
        import matplotlib  # noqa: F401
    except ImportError as e:
        raise CliError(
            "--report draws its curves with matplotlib, which is not installed: "
            "pip install 'imbsafe[plot]'"
        ) from e


def _audit(args: argparse.Namespace) -> int:
    from . import audit_split

    train = _read_csv(args.train)
    valid = _read_csv(args.valid)
    for frame, path in ((train, args.train), (valid, args.valid)):
        _require_column(frame, args.target, path)
        if frame[args.target].isna().any():
            raise CliError(
                f"target column {args.target!r} in {path} has missing values; "
                "drop those rows first"
            )
    missing = [c for c in train.columns if c not in valid.columns]
    extra = [c for c in valid.columns if c not in train.columns]
    problems = []
    if missing:
        problems.append(f"{args.valid} lacks {', '.join(map(repr, missing[:5]))}")
    if extra:
        problems.append(f"{args.valid} has extra {', '.join(map(repr, extra[:5]))}")
    if problems:
        raise CliError(
            f"{args.valid} and {args.train} must have the same columns: "
            + "; ".join(problems)
        )
    if train.shape[1] < 2:
        raise CliError(f"{args.train} has no feature columns besides {args.target!r}")
    classes = pd.concat([train[args.target], valid[args.target]]).nunique()
    if classes < 2:
        raise CliError(
            f"target column {args.target!r} has a single class in both files; the "
            "audit compares classes, so it needs at least two"
        )
    train_labels = set(train[args.target].map(_jsonable))
    valid_labels = set(valid[args.target].map(_jsonable))
    if not train_labels & valid_labels:
        raise CliError(
            f"the classes of {_short(args.train)} ({_labels(train_labels)}) and of "
            f"{_short(args.valid)} ({_labels(valid_labels)}) do not overlap: they "
            "cannot be two parts of one split (is --target the class column?)"
        )
    features = [c for c in train.columns if c != args.target]
    try:
        report = audit_split(
            train[features], train[args.target], valid[features], valid[args.target]
        )
    except ValueError as e:
        raise CliError(str(e).splitlines()[0]) from e
    if args.json:
        print(_dumps(report.to_dict()))
    else:
        print(f"imbsafe audit: train {args.train}, valid {args.valid}")
        print(report)
    return EXIT_LEAKY if report.leaky else 0


def _labels(labels: set) -> str:
    shown = sorted(map(str, labels))
    return ", ".join(_short(v, 20) for v in shown[:5]) + (
        ", ..." if len(shown) > 5 else ""
    )


def _side(stats: pd.DataFrame, metric: str, protocol: str, folds: pd.DataFrame):
    values = folds.query("metric == @metric and protocol == @protocol")["value"]
    return {
        "mean": float(stats.loc[(metric, protocol), "mean"]),
        "std": float(stats.loc[(metric, protocol), "std"]),
        "folds": [float(v) for v in values],
    }


def _jsonable(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _table(payload: dict) -> str:
    lines = [
        f"{payload['data']}: {payload['n_rows']} rows, positive class "
        f"{payload['positive_class']!r} ({payload['prevalence']:.1%}), sampler "
        f"{payload['sampler']}, model {payload['model']}, {payload['cv']}-fold CV, "
        f"seed {payload['seed']}",
        "",
        f"{'metric':<20}{'naive (resample, split)':>26}{'safe (split, resample)':>26}"
        f"{'inflation':>11}",
    ]
    for metric, row in payload["metrics"].items():
        naive, safe = row["naive"], row["safe"]
        lines.append(
            f"{metric:<20}"
            f"{naive['mean']:>18.3f} ± {naive['std']:<5.3f}"
            f"{safe['mean']:>18.3f} ± {safe['std']:<5.3f}"
            f"{row['inflation']:>+11.3f}"
        )
    f1 = payload["metrics"]["f1"]
    lines += ["", _meaning(payload["sampler"], f1)]
    gap = payload.get("logged_valid_f1")
    if gap is not None:
        lines += [
            "",
            "skorch's logged valid F1 (last epoch, mean over folds) against F1 on "
            f"the untouched test folds ({gap['untouched_test_f1']:.3f}):",
        ]
        names = {
            "naive": "naive: net's own ValidSplit on resampled data",
            "safe": "safe: ResampledValidSplit",
        }
        for protocol, name in names.items():
            if protocol in gap:
                row = gap[protocol]
                lines.append(
                    f"  {name:<48} logged {row['logged']:.3f}   gap {row['gap']:+.3f}"
                )
    return "\n".join(lines)


def _meaning(sampler: str, f1: dict) -> str:
    if sampler == "none":
        return (
            "No resampling: both protocols are the same, so there is no inflation "
            "to see. Try --sampler ros or smote."
        )
    return (
        f"Resampling before splitting overstates F1 by {f1['inflation']:+.3f} "
        f"({f1['naive']['mean']:.3f} vs {f1['safe']['mean']:.3f}): the safe column is "
        "what to expect on new data at the real class ratio."
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="imbsafe",
        description="Leakage-safe resampling for imbalanced classification.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    compare = commands.add_parser(
        "compare",
        help="naive (resample, then split) vs safe (split, then resample) scores",
        description=(
            "Cross-validate a model twice on the same folds: resampling the whole "
            "data set before splitting (naive) and resampling only each training "
            "fold (safe). Without --data, runs on an embedded data set."
        ),
    )
    compare.add_argument("--data", metavar="FILE.csv", help="a CSV file")
    compare.add_argument("--target", metavar="COL", help="the class column of --data")
    compare.add_argument("--sampler", choices=SAMPLERS, default="ros")
    compare.add_argument("--model", choices=MODELS, default="logreg")
    compare.add_argument("--cv", type=_folds, default=5, metavar="N", help="folds")
    compare.add_argument("--seed", type=int, default=0, metavar="N")
    compare.add_argument(
        "--k-neighbors",
        type=_positive,
        default=5,
        metavar="K",
        help="neighbours of --sampler smote / adasyn (default 5)",
    )
    compare.add_argument(
        "--report",
        metavar="FILE.html",
        help="also write a self-contained HTML report with per-fold curves",
    )
    compare.add_argument("--json", action="store_true", help="JSON only, no progress")
    compare.set_defaults(run=_compare)

    audit = commands.add_parser(
        "audit",
        help="check a train/valid pair of CSV files for resample-then-split leaks",
        description=(
            "Look for validation rows that are copies of training rows (random "
            "over-sampling before the split) or interpolations of them (SMOTE "
            "before the split). Exit status 0: no leak found; 1: leak found; "
            "2: bad input."
        ),
    )
    audit.add_argument("--train", required=True, metavar="A.csv")
    audit.add_argument("--valid", required=True, metavar="B.csv")
    audit.add_argument("--target", required=True, metavar="COL")
    audit.add_argument("--json", action="store_true", help="JSON only")
    audit.set_defaults(run=_audit)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"needs at least 1, got {value}")
    return value


def _folds(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 2:
        raise argparse.ArgumentTypeError(f"needs at least 2 folds, got {value}")
    return value


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``imbsafe`` command line; return its exit status.

    Errors are one line on stderr. Python warnings are not printed as they
    come (with source lines); each distinct one is summed up in one line at
    the end.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(argv)
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
        text = f"{item.category.__name__}: {_short(str(item.message).splitlines()[0])}"
        counts[text] = counts.get(text, 0) + 1
    return [
        text + (f" ({count} times)" if count > 1 else "")
        for text, count in counts.items()
    ]


def _entry_point() -> None:
    sys.exit(main())
