"""What ``compare`` and ``remedies`` share: the models and the run options.

The options choose the data, the model, the folds and the output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._errors import CliError

__all__ = [
    "MODELS",
    "ModelChoice",
    "add_run_options",
    "add_sep",
    "mlp_module",
    "model",
    "whole",
]

MODELS = ("logreg", "rf", "hgb", "mlp", "xgb", "lgbm", "catboost")
# the models that read missing values and categories themselves
NATIVE = ("hgb", "xgb", "lgbm", "catboost")


def add_run_options(parser: Any, whole_number: Any, report: str) -> None:
    """Add the options both commands take (data, model, folds, output, jobs)."""
    parser.add_argument(
        "--data",
        metavar="FILE.csv",
        help="a CSV file (also compressed, or a Parquet file)",
    )
    parser.add_argument("--target", metavar="COL", help="the class column of --data")
    add_sep(parser)
    parser.add_argument(
        "--model",
        choices=MODELS,
        default="logreg",
        help="logreg (default), rf, hgb (HistGradientBoostingClassifier), mlp, "
        "or xgb, lgbm, catboost (XGBoost, LightGBM, CatBoost: the [boost] extra)",
    )
    parser.add_argument(
        "--cv",
        type=whole_number,
        default=5,
        metavar="N",
        help="folds of the stratified cross-validation (default 5)",
    )
    parser.add_argument(
        "--seed",
        type=seed,
        default=0,
        metavar="N",
        help="seed of the folds, the samplers and the models (default 0)",
    )
    parser.add_argument("--report", metavar="FILE.html", help=report)
    parser.add_argument("--json", action="store_true", help="JSON only, no progress")
    parser.add_argument(
        "--drop", nargs="+", default=[], metavar="COL", help="columns to leave out"
    )
    parser.add_argument(
        "--n-jobs",
        type=n_jobs,
        default=-1,
        metavar="N",
        help="folds fitted in parallel (default -1: all cores; 1: one at a time)",
    )


def add_sep(parser: Any) -> None:
    """Add ``--sep``, the column separator of the CSV files read."""
    parser.add_argument(
        "--sep",
        type=separator,
        default=None,
        metavar="C",
        help="column separator of the CSV file (default: read from the header "
        "line: , ; tab or |; beside ; a decimal comma, as in 1,5, is a number)",
    )


def separator(text: str) -> str:
    r"""Parse ``--sep``: one character; ``tab`` or ``\t`` is a tab."""
    import argparse

    text = "\t" if text in ("tab", "\\t") else text
    if len(text) != 1:
        raise argparse.ArgumentTypeError(
            f"a separator is one character (or tab), got {text!r}"
        )
    return text


def whole(text: str) -> int:
    """Parse a whole-number option, or refuse it as argparse reports errors."""
    import argparse

    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


def n_jobs(text: str) -> int:
    """Parse ``--n-jobs``: a whole number, not 0 (-1 is all cores, as joblib)."""
    import argparse

    value = whole(text)
    if value == 0:
        raise argparse.ArgumentTypeError("0 jobs run nothing: give 1 or more, or -1")
    return value


def seed(text: str) -> int:
    """Parse ``--seed``: a whole number numpy accepts as a seed (0 to 2**32 - 1)."""
    import argparse

    value = whole(text)
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError(
            f"a seed is a whole number from 0 to {2**32 - 1}, got {value}"
        )
    return value


@dataclass(frozen=True)
class ModelChoice:
    """``--model`` on one table: the model, its input, its preprocessing line.

    The table's columns are sorted by kind once, here; the model, the data
    it takes, the line that says what preprocessing is done and the net's
    head (``--model mlp``) all come from that one sort.
    """

    name: str
    estimator: Any  # the unfitted model (a pipeline on a mixed table)
    data: Any  # the table as the model takes it
    preprocessing: str  # one line on what is done in each fold ("" for none)
    head: Any  # the preprocessing in front of the net (mlp), else None

    @classmethod
    def of(
        cls, name: str, seed: int, X: Any, *, creates_rows: bool = False
    ) -> ModelChoice:
        """Choose ``--model name`` for the table X.

        ``creates_rows``: a sampler that creates rows (SMOTE) runs in front
        of the model, and needs missing values imputed even for ``hgb``.
        """
        columns = _columns(name, X, creates_rows)
        head = _head(columns) if name == "mlp" else None
        if columns.plain:
            data, line = X.to_numpy(dtype=float), ""
        else:
            data, line = X, columns.describe(name)
        estimator = _model(name, seed, columns, head, creates_rows)
        return cls(name, estimator, data, line, head)


def model(name: str, seed: int, X: Any, *, creates_rows: bool = False) -> Any:
    """Return the unfitted model ``--model name`` stands for, for the table X.

    On a table with text columns or missing values, the model is a pipeline
    whose preprocessing is fitted inside each training fold (see
    :mod:`._tables`).
    """
    return ModelChoice.of(name, seed, X, creates_rows=creates_rows).estimator


def _model(name: str, seed: int, columns: Any, head: Any, creates_rows: bool) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from ._tables import preprocessed

    if name in ("xgb", "lgbm", "catboost"):
        from ._boost import boosted

        return boosted(name, seed, columns, creates_rows=creates_rows)
    if name == "mlp":
        return mlp_module().make_mlp(seed, head=head)
    if name == "hgb":
        codes = not creates_rows  # SMOTE would interpolate category codes
        hgb = HistGradientBoostingClassifier(
            random_state=seed,
            categorical_features=(list(range(len(columns.text))) or None)
            if codes
            else None,
        )
        if columns.plain or not (columns.text or columns.impute):
            return hgb  # missing values are its own business
        return preprocessed(hgb, columns, scale=False, codes=codes)
    if name == "logreg":
        logreg = LogisticRegression(max_iter=2000)
        if columns.plain:
            return make_pipeline(StandardScaler(), logreg)
        return preprocessed(logreg, columns, scale=True, codes=False)
    forest = RandomForestClassifier(n_estimators=200, random_state=seed)
    if columns.plain:
        return forest
    return preprocessed(forest, columns, scale=False, codes=False)


def _head(columns: Any) -> Any:
    """Return the preprocessing in front of ``--model mlp`` (None: numbers).

    A table of numbers is scaled by the net's own module; any other is
    one-hot encoded, imputed and scaled inside each training fold, as for
    ``logreg``.
    """
    from ._tables import preprocessing

    if columns.plain:
        return None
    return preprocessing(columns, scale=True, codes=False)


def _columns(name: str, X: Any, creates_rows: bool) -> Any:
    """Sort the table's columns by kind, as ``--model name`` treats them.

    ``hgb`` and the boosting libraries read missing values themselves, unless
    a sampler that creates rows (SMOTE, which needs numbers everywhere) runs
    in front of them.
    """
    from ._tables import Columns

    return Columns.of(X, impute=name not in NATIVE or creates_rows)


def mlp_module() -> Any:
    """Import the skorch side of the command line, or say what to install."""
    try:
        from . import _mlp
    except ImportError as e:
        raise CliError(
            f"--model mlp needs torch and skorch ({e.name} is missing): "
            "pip install torch==2.13.0 'imbsafe[torch]'"
        ) from e
    return _mlp
