"""Real tables for the built-in models: column kinds and in-fold preprocessing.

A CSV file comes with text, yes/no, categorical and numeric columns, and with
missing values. Encoding or imputing the whole table before cross-validation
fits that preprocessing on rows that later land in test folds, the habit this
project exists to stop; so the built-in models are pipelines whose
preprocessing is fitted inside each training fold:

* numeric columns with missing values: median imputation with a missing
  indicator (``SimpleImputer(add_indicator=True)``);
* text, boolean and categorical columns: a missing cell is a category of its
  own, ``"(missing)"``; then one-hot encoding that ignores categories a
  training fold never saw (at most 100 columns per text column, the rarest
  categories grouped), or, for ``hgb`` without a sampler that creates rows,
  ordinal codes that ``HistGradientBoostingClassifier`` reads as categories
  (at most 250 per column), with missing values left to it (SMOTE would
  interpolate codes into categories that do not exist, so with SMOTE ``hgb``
  gets one-hot columns and imputed values too);
* ``logreg`` and ``mlp`` scale the numeric columns.

A table of numbers without missing values keeps the models it always had, so
its results do not change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["Columns", "as_text", "index_columns", "preprocessed"]

# Columns one text column may become: one-hot columns, and the categories
# HistGradientBoostingClassifier takes (it allows 255 bins); rarer categories
# are grouped as one.
_MAX_ONE_HOT = 100
_MAX_CODES = 250


@dataclass(frozen=True)
class Columns:
    """The feature columns of a table, by what the models must do with them."""

    numeric: list[str]
    text: list[str]  # text, boolean and categorical columns
    missing: list[str]  # numeric columns with missing values
    impute: bool = True  # impute them (else the model reads missing values)

    @classmethod
    def of(cls, X: pd.DataFrame, *, impute: bool = True) -> Columns:
        """Sort the columns of ``X`` by kind."""
        numeric = [
            c
            for c in X.columns
            if pd.api.types.is_numeric_dtype(X[c])
            and not pd.api.types.is_bool_dtype(X[c])
        ]
        text = [c for c in X.columns if c not in numeric]
        missing = [c for c in numeric if X[c].isna().any()]
        return cls(numeric=numeric, text=text, missing=missing, impute=impute)

    @property
    def plain(self) -> bool:
        """Numbers only, none missing: the models need no preprocessing."""
        return not self.text and not self.missing

    def describe(self, model: str) -> str:
        """One line: what is done to which columns, inside each training fold."""
        if self.plain:
            return ""
        done = []
        if self.text:
            codes = model in ("hgb", "xgb", "lgbm", "catboost") and not self.impute
            how = "coded as categories" if codes else "one-hot encoded"
            how += " (a missing value is a category)" if self.impute else ""
            done.append(f"{_count(self.text, 'non-numeric column')} {how}")
        if self.missing:
            how = (
                "imputed (median, with a missing indicator)"
                if self.impute
                else f"left missing ({model} reads missing values itself)"
            )
            done.append(f"{_count(self.missing, 'numeric column')} {how}")
        return ", ".join(done) + ", inside each training fold"


def _count(names: list[str], what: str) -> str:
    shown = ", ".join(repr(n) for n in names[:3]) + (", ..." if len(names) > 3 else "")
    return f"{len(names)} {what}{'s' if len(names) != 1 else ''} ({shown})"


def preprocessed(model: Any, columns: Columns, *, scale: bool, codes: bool) -> Any:
    """Put the in-fold preprocessing of ``columns`` in front of ``model``."""
    from sklearn.pipeline import make_pipeline

    return make_pipeline(preprocessing(columns, scale=scale, codes=codes), model)


def preprocessing(columns: Columns, *, scale: bool, codes: bool) -> Any:
    """Return the preprocessing of ``columns``, fitted inside each training fold.

    ``codes``: categories as ordinal codes first (for ``hgb``, whose
    ``categorical_features`` then names them), else one-hot. ``scale``:
    standardize the numeric columns.
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder

    if codes:
        encoder = OrdinalEncoder(
            handle_unknown="use_encoded_value",
            unknown_value=np.nan,
            encoded_missing_value=np.nan,
            max_categories=_MAX_CODES,
        )
        text_steps = [_text(), encoder]
        if columns.impute:
            text_steps.insert(1, _missing_as_category())
        parts = [("text", make_pipeline(*text_steps), columns.text)]
        parts.append(("numeric", _numeric(columns, scale), columns.numeric))
    else:
        text = make_pipeline(
            _text(),
            _missing_as_category(),
            OneHotEncoder(
                handle_unknown="infrequent_if_exist",
                max_categories=_MAX_ONE_HOT,
                sparse_output=False,
            ),
        )
        parts = [
            ("numeric", _numeric(columns, scale), columns.numeric),
            ("text", text, columns.text),
        ]
    return ColumnTransformer(
        [part for part in parts if part[2]], verbose_feature_names_out=False
    )


def as_text(X: Any) -> np.ndarray:
    """Text cells as Python strings, missing cells as NaN (encoders need one type).

    A yes/no column read as booleans, or a column of mixed numbers and words,
    is compared as text.
    """
    values = pd.DataFrame(X).to_numpy(dtype=object)
    missing = pd.isna(values)
    out = values.astype(str).astype(object)
    out[missing] = np.nan
    return out


def _missing_as_category() -> Any:
    from sklearn.impute import SimpleImputer

    return SimpleImputer(strategy="constant", fill_value="(missing)")


def _numeric(columns: Columns, scale: bool) -> Any:
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    steps: list[Any] = []
    if columns.missing and columns.impute:
        steps.append(SimpleImputer(strategy="median", add_indicator=True))
    if scale:
        steps.append(StandardScaler())
    return make_pipeline(*steps) if steps else "passthrough"


def _text() -> Any:
    from sklearn.preprocessing import FunctionTransformer

    return FunctionTransformer(as_text, feature_names_out="one-to-one")


def index_columns(X: pd.DataFrame) -> list[str]:
    """Columns that are a row index: unique whole numbers in row order.

    ``DataFrame.to_csv`` writes one (``Unnamed: 0``) unless told not to. As a
    feature it tells the model where a row sat in the file, which is often
    sorted by class.
    """
    found = []
    for name in X.columns:
        column = X[name]
        if not pd.api.types.is_integer_dtype(column) or len(column) < 3:
            continue
        values = column.to_numpy()
        steps = np.diff(values)
        if np.all(steps == 1) or np.all(steps == -1):
            found.append(name)
    return found
