"""``--model xgb``, ``lgbm`` and ``catboost``: the gradient-boosting libraries.

They come with the ``[boost]`` extra; without it the option is refused in one
line that names it. Each reads missing values itself and takes text columns as
categories of its own (XGBoost ``enable_categorical``, LightGBM's pandas
categories, CatBoost ``cat_features``): the categories are learnt inside each
training fold, as ``--model hgb``'s codes are, and a category a training fold
never saw is a missing value (CatBoost, which takes no missing category, reads
it as ``"(missing)"``). A sampler that creates rows (SMOTE) would interpolate
categories, so with it the table is one-hot encoded and imputed instead, as
for ``hgb``.

Each model runs on one thread: the command line fits the folds in parallel.
"""

from __future__ import annotations

import importlib
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ._errors import CliError
from ._tables import as_text

__all__ = ["BOOSTED", "Categories", "boosted"]

# --model name -> (package, library name)
BOOSTED = {
    "xgb": ("xgboost", "XGBoost"),
    "lgbm": ("lightgbm", "LightGBM"),
    "catboost": ("catboost", "CatBoost"),
}
_MISSING = "(missing)"


def boosted(name: str, seed: int, columns: Any, *, creates_rows: bool) -> Any:
    """Return ``--model name``'s classifier, with its in-fold preprocessing.

    ``columns`` is the table's :class:`~._tables.Columns`.
    """
    from sklearn.pipeline import make_pipeline

    from ._tables import preprocessed

    package, library = BOOSTED[name]
    try:
        importlib.import_module(package)
    except ImportError as e:
        raise CliError(
            f"--model {name} needs {library} ({package} is missing): "
            "pip install 'imbsafe[boost]'"
        ) from e
    categories = bool(columns.text) and not creates_rows
    if name == "xgb":
        from xgboost import XGBClassifier

        model = XGBClassifier(n_jobs=1, random_state=seed, enable_categorical=True)
    elif name == "lgbm":
        from lightgbm import LGBMClassifier

        model = LGBMClassifier(n_jobs=1, random_state=seed, verbose=-1)
    else:
        from catboost import CatBoostClassifier

        model = CatBoostClassifier(
            random_seed=seed,
            thread_count=1,
            verbose=0,
            allow_writing_files=False,  # it writes a catboost_info folder else
            # a tuple: CatBoost's get_params copies a list, which clone refuses
            cat_features=tuple(range(len(columns.text))) if categories else None,
        )
    if columns.plain:
        return model
    if not creates_rows:
        # categories and missing values are the model's own business
        missing = _MISSING if name == "catboost" else None
        return make_pipeline(Categories(list(columns.text), missing=missing), model)
    return preprocessed(model, columns, scale=False, codes=False)


class Categories(TransformerMixin, BaseEstimator):
    """Text columns as pandas categories learnt on the rows ``fit`` sees.

    A category not seen in ``fit`` becomes missing; ``missing`` (when given)
    is the category a missing cell becomes. Other columns pass unchanged.
    The text columns come first, and the columns are named by position
    (``x0``, ``x1``, ...): LightGBM refuses names with JSON characters, which
    CSV headers may hold.

    Parameters
    ----------
    columns : list of str
        The text, boolean and categorical columns.
    missing : str, default=None
        The category of a missing cell (CatBoost takes no missing category);
        None leaves it missing.

    Attributes
    ----------
    categories_ : dict
        Column -> the categories seen in ``fit``, sorted.
    order_ : list
        The table's columns, text columns first.
    """

    def __init__(self, columns: list[str], *, missing: str | None = None) -> None:
        self.columns = columns
        self.missing = missing

    def fit(self, X: pd.DataFrame, y: Any = None) -> Categories:
        """Learn each text column's categories."""
        text = list(self.columns)
        self.order_ = text + [c for c in X.columns if c not in text]
        self.categories_ = {}
        for column in self.columns:
            values = pd.Series(as_text(X[[column]])[:, 0])
            self.categories_[column] = sorted(values.dropna().unique())
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:
        """Return X with the text columns as categories (unseen: missing)."""
        check_is_fitted(self)
        out = X[self.order_].copy()
        for column, known in self.categories_.items():
            cells = as_text(X[[column]])[:, 0]
            cells[~pd.Series(cells).isin(known).to_numpy()] = np.nan  # unseen
            values = pd.Categorical(cells, categories=known)
            if self.missing is not None:
                if self.missing not in known:
                    values = values.add_categories([self.missing])
                values = values.fillna(self.missing)
            out[column] = values
        out.columns = self.get_feature_names_out()
        return out

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Return the names of the columns out: ``x0``, ``x1``, ..."""
        check_is_fitted(self)
        return np.asarray([f"x{i}" for i in range(len(self.order_))], dtype=object)
