"""The estimator's own validation is a fold too.

Some estimators carve a validation part out of the rows ``fit`` receives:
early stopping (histogram and classic gradient boosting, MLP, SGD),
out-of-bag scores (forests, bagging) and internal cross-validation
(``LogisticRegressionCV``, ``CalibratedClassifierCV``, a search used as the
estimator). Behind a sampler those rows are resampled, so the validation
part holds copies or interpolations of training rows: #1072 inside one
estimator. This module finds that, and :class:`~imbsafe.ResampledClassifier`
acts on it:

* early stopping on outside data (``X_val``/``y_val``): the training rows
  are split first, only the fit part is resampled, and the untouched part
  is the validation data;
* early stopping that cannot take outside data: a one-line warning with
  the fix;
* out-of-bag scores: recomputed over the original rows, each scored only by
  the trees in which none of its copies was in the bag; NaN with a warning
  where no such estimate exists;
* internal cross-validation: a one-line warning with the fix.

:func:`imbsafe.audit_estimator` (in :mod:`imbsafe._audit`) reports the same
findings for an imbalanced-learn ``Pipeline``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.utils import _safe_indexing, check_random_state
from sklearn.utils.validation import has_fit_parameter

from .._resample._sampling import is_passthrough
from .._utils._meta import model_of
from .._utils._rows import plain
from .._utils._stack import user_stacklevel
from ..exceptions import LeakageWarning
from ._boosting import EVAL_FRACTION, EvalSetStopping, eval_set_stopping
from ._stopping import EarlyStopping

__all__ = [
    "AUTO_ROWS",
    "EarlyStopping",
    "Validation",
    "early_stopping",
    "findings",
    "given_validation",
    "honest_oob",
    "quiet_oob",
    "settled_auto",
    "take_rows",
    "validation_rows",
    "warn_unhandled",
]

# HistGradientBoosting's "auto" early stopping: on above this many rows.
AUTO_ROWS = 10_000
# Share of a class's rows an out-of-bag score may leave out (rows that every
# member had a copy of in its bag); above it the score is NaN.
_MAX_LEFT_OUT = 0.05


def early_stopping(
    model: Any,
    n_rows: int,
    fit_params: dict | None = None,
    eval_fraction: float = EVAL_FRACTION,
) -> EarlyStopping | None:
    """Describe the early stopping ``model`` does on its own validation part.

    ``"auto"`` is read on ``n_rows``, the rows given to the wrapper's ``fit``
    (not the resampled count, which over-sampling inflates). XGBoost,
    LightGBM and CatBoost stop early on an evaluation set given to ``fit``
    (``fit_params``, the model's own, unprefixed, say where it is set); the
    part split off for them is ``eval_fraction`` of the rows.
    """
    boosting = eval_set_stopping(model, fit_params, eval_fraction)
    if boosting is not None:
        return boosting
    params = _params(model)
    fraction = params.get("validation_fraction")
    if fraction is None:
        return None
    setting = params.get("early_stopping")
    if has_fit_parameter(model, "X_val"):
        # HistGradientBoosting (and any model taking X_val): "auto" is on
        # above 10,000 rows, as scikit-learn sets it
        on = setting is True or (setting == "auto" and n_rows > AUTO_ROWS)
        return (
            EarlyStopping(True, fraction, f"early_stopping={setting!r}") if on else None
        )
    if setting is True:
        return EarlyStopping(False, fraction, "early_stopping=True")
    if params.get("n_iter_no_change") is not None and "early_stopping" not in params:
        # GradientBoostingClassifier: n_iter_no_change turns it on
        return EarlyStopping(
            False, fraction, f"n_iter_no_change={params['n_iter_no_change']}"
        )
    return None


def settled_auto(model: Any, n_rows: int) -> dict:
    """Settle ``early_stopping="auto"`` on the rows given to ``fit``.

    HistGradientBoosting turns ``"auto"`` on above 10,000 rows; behind a
    sampler it would count the resampled rows, which over-sampling inflates.
    """
    if (
        has_fit_parameter(model, "X_val")
        and _params(model).get("early_stopping") == "auto"
    ):
        return {"early_stopping": early_stopping(model, n_rows) is not None}
    return {}


def validation_rows(
    model: Any, stopping: EarlyStopping, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """Split row numbers into a fit part and an untouched validation part.

    Stratified, with the model's ``validation_fraction`` and a seed drawn
    from its ``random_state`` as the model draws it; a class with a single
    row stays in the fit part. On rows too few to stratify (fewer validation
    rows than classes), the part is drawn at random and a class left without
    a fit row gets its rows back. None when there are not two rows to split.
    """
    params = _params(model)
    # CatBoost names its seed random_seed (random_state is its alias, None
    # when unset): an unseeded draw would split differently at every fit
    given = params.get("random_state")
    seed = check_random_state(
        params.get("random_seed") if given is None else given
    ).randint(np.iinfo(np.uint32).max, dtype="u8")
    labels, counts = np.unique(y, return_counts=True)
    single = np.isin(y, labels[counts < 2])
    rows = np.flatnonzero(~single)
    if rows.shape[0] < 2:
        return None
    n_classes = int((counts >= 2).sum())
    n_valid = max(1, stopping.rows(rows.shape[0]))
    if n_valid >= rows.shape[0]:
        raise ValueError(
            f"{stopping.fraction_name}={stopping.fraction!r} leaves no row of the "
            f"{rows.shape[0]} to fit {type(model).__name__} on: the validation part "
            f"would take {n_valid} of them. Lower {stopping.fraction_name} "
            "(0.1 to 0.2 is usual)."
        )
    stratify = n_classes <= n_valid <= rows.shape[0] - n_classes
    fit, valid = train_test_split(
        rows,
        test_size=n_valid,
        stratify=y[rows] if stratify else None,
        random_state=seed,
    )
    back = ~np.isin(y[valid], y[fit])
    fit, valid = np.concatenate([fit, valid[back]]), valid[~back]
    if valid.shape[0] == 0:
        return None
    return np.sort(np.concatenate([fit, np.flatnonzero(single)])), np.sort(valid)


def take_rows(X: Any, rows: np.ndarray) -> Any:
    """Rows of X, whatever its kind (array, DataFrame, any sparse format, list)."""
    if sparse.issparse(X):
        return X.tocsr()[rows]
    if not hasattr(X, "iloc") and not hasattr(X, "shape"):
        X = np.asarray(X)
    return _safe_indexing(X, rows)


def warn_unhandled(estimator: Any, sampler: Any, n_rows: int) -> None:
    """Warn, one line each, about own validation the wrapper cannot make clean."""
    if is_passthrough(sampler):
        return
    for finding in findings(estimator, n_rows, handled=True):
        warnings.warn(finding, LeakageWarning, stacklevel=user_stacklevel())


def findings(estimator: Any, n_rows: int, *, handled: bool) -> list[str]:
    """One line per own validation in ``estimator`` that sees resampled rows.

    ``handled``: inside ResampledClassifier, which gives outside early
    stopping untouched rows and recomputes out-of-bag scores.
    """
    found = []
    steps = (
        [s for _, s in estimator.steps]
        if isinstance(estimator, Pipeline)
        else [estimator]
    )
    model = model_of(estimator)
    for step in steps:
        if step in (None, "passthrough"):
            continue
        name = type(step).__name__
        if "cv" in _params(step):
            found.append(
                f"{name} runs its own cross-validation on the resampled rows: "
                "copies or interpolations of a row fall on both sides of its "
                "inner folds, so what it tunes or calibrates there is scored on "
                "inflated numbers. Do it outside the resampling instead, e.g. "
                "GridSearchCV(ResampledClassifier(LogisticRegression(), "
                "sampler), ...) rather than ResampledClassifier("
                "LogisticRegressionCV(), sampler)."
            )
    stopping = early_stopping(model, n_rows)
    name = type(model).__name__
    if isinstance(stopping, EvalSetStopping):
        if not handled:
            found.append(
                f"{name}({stopping.setting}) stops early on the evaluation set "
                "given to fit: behind a sampler that set is either carved from "
                "resampled rows (copies or interpolations of its training rows, "
                "at the resampled balance) or fixed outside the folds (the same "
                "rows in every fold of a cross-validation or search, often rows "
                "of its test folds), so it stops late on inflated scores; "
                "ResampledClassifier splits an untouched evaluation set off each "
                "training fold before resampling."
            )
    elif stopping is not None and not (handled and stopping.outside):
        fix = (
            "ResampledClassifier gives it untouched rows as X_val/y_val"
            if stopping.outside
            else "turn it off and choose the number of iterations by "
            "cross-validation, or use HistGradientBoostingClassifier, to which "
            "ResampledClassifier gives untouched rows"
        )
        found.append(
            f"{name}({stopping.setting}) stops early on a validation part "
            f"({stopping.part()}) carved from the resampled "
            "rows it is given: it watches copies or interpolations of its "
            f"training rows and stops late; {fix}."
        )
    if _params(model).get("oob_score") and not handled:
        found.append(
            f"{name}(oob_score=...) scores each row with the trees whose bag "
            "missed it, but a copy of the row was in the bag: the out-of-bag "
            "score is inflated. ResampledClassifier recomputes it over the "
            "original rows."
        )
    return found


def honest_oob(
    model: Any, X: Any, y: np.ndarray, origin: np.ndarray | None, sampler: Any
) -> None:
    """Recompute a fitted ensemble's out-of-bag score over the original rows.

    ``X`` and ``y`` are the original training rows as the model reads them;
    ``origin[i]`` is the original row the model's training row ``i`` copies
    (None when the sampler created rows). Each original row is scored with
    the members in whose bag none of its copies was; rows that no member
    left out get no score (NaN in ``oob_decision_function_``) and a warning.
    ``oob_score_`` is NaN, with a warning, where no honest estimate exists:
    created rows without recorded parents, or a class none of whose rows
    was ever out of the bag.
    """
    name = type(model).__name__
    alternative = (
        "resample inside each bootstrap instead, as imbalanced-learn's "
        "BalancedRandomForestClassifier and BalancedBaggingClassifier do"
    )
    if origin is None:
        _no_estimate(
            model,
            f"{name}'s out-of-bag score would score rows against trees trained on "
            f"{type(sampler).__name__}'s synthetic rows, whose parents are not "
            f"recorded: no honest estimate exists, so oob_score_ is NaN; "
            f"{alternative}.",
            y.shape[0],
        )
        return
    classes = model.classes_
    codes = np.searchsorted(classes, y)
    total = np.zeros((y.shape[0], classes.shape[0]))
    count = np.zeros(y.shape[0], dtype=np.int64)
    features = getattr(model, "estimators_features_", None)
    for i, (member, samples) in enumerate(
        zip(model.estimators_, model.estimators_samples_, strict=True)
    ):
        out = np.ones(y.shape[0], dtype=bool)
        out[origin[np.asarray(samples)]] = False
        at = np.flatnonzero(out)
        if at.shape[0] == 0:
            continue
        rows = _safe_indexing(X, at)
        if features is not None:
            rows = _safe_indexing(rows, features[i], axis=1)
        # members learn the class codes 0..k-1 (a member may miss a class)
        if hasattr(member, "predict_proba"):
            total[np.ix_(at, member.classes_.astype(int))] += member.predict_proba(rows)
        else:
            total[at, member.predict(rows).astype(int)] += 1
        count[at] += 1
    scored = count > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        decision = total / count[:, None]
    decision[~scored] = np.nan
    model.oob_decision_function_ = decision
    left = np.bincount(codes[~scored], minlength=classes.shape[0])
    per_class = dict(zip(classes.tolist(), left.tolist(), strict=True))
    copied = np.bincount(origin, minlength=y.shape[0]) > 1
    if not copied[~scored].any():
        if not scored.all():
            # no copies among them: drawn into every bag by chance, as in a
            # forest fitted without resampling; the rest stand for them
            warnings.warn(
                f"{name}'s out-of-bag score leaves out {int((~scored).sum())} "
                f"original rows (per class {per_class}) that were in the bag of "
                "every member, as happens with few members; it is computed over "
                "the others. Raise n_estimators to score every row.",
                UserWarning,
                stacklevel=user_stacklevel(),
            )
    else:
        # Rows that every member had a copy of in its bag get no score; where
        # a class loses more than a few of them, the rest do not stand for it.
        share = left / np.maximum(np.bincount(codes, minlength=classes.shape[0]), 1)
        if (share > _MAX_LEFT_OUT).any():
            worst = plain(classes[int(np.argmax(share))])
            _no_estimate(
                model,
                f"{name}'s out-of-bag score: {share.max():.0%} of the rows of "
                f"class {worst!r} were in the bag of every member through their "
                f"copies (rows left out per class: {per_class}), so no honest "
                f"estimate exists and oob_score_ is NaN; {alternative}.",
                None,
            )
            return
        if not scored.all():
            warnings.warn(
                f"{name}'s out-of-bag score leaves out {int((~scored).sum())} "
                f"original rows (per class {per_class}) that every member had a "
                "copy of in its bag; it is computed over the others.",
                LeakageWarning,
                stacklevel=user_stacklevel(),
            )
    scoring = model.oob_score if callable(model.oob_score) else accuracy_score
    model.oob_score_ = scoring(codes[scored], np.argmax(decision[scored], axis=1))


@contextmanager
def quiet_oob(model: Any) -> Iterator[None]:
    """Silence scikit-learn's own out-of-bag warning where it is recomputed.

    Its "Some inputs do not have OOB scores" counts resampled rows; what
    :func:`honest_oob` says about the original rows replaces it.
    """
    if not getattr(model, "oob_score", False):
        yield
        return
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="Some inputs do not have OOB scores", category=UserWarning
        )
        yield


def _no_estimate(model: Any, message: str, n_rows: int | None) -> None:
    model.oob_score_ = float("nan")
    if n_rows is not None:
        model.oob_decision_function_ = np.full((n_rows, len(model.classes_)), np.nan)
    warnings.warn(message, LeakageWarning, stacklevel=user_stacklevel())


def _params(estimator: Any) -> dict:
    try:
        return estimator.get_params(deep=False)
    except (AttributeError, TypeError):
        return {}


@dataclass(frozen=True)
class Validation:
    """The estimator's own validation part, split off before resampling."""

    X: Any
    y: np.ndarray
    weight: np.ndarray | None

    @classmethod
    def of(
        cls, X: Any, y: np.ndarray, weight: np.ndarray | None, rows: np.ndarray
    ) -> Validation:
        return cls(
            take_rows(X, rows), y[rows], None if weight is None else weight[rows]
        )

    def params(
        self,
        stopping: Any,
        transform: Any = None,
        fit_params: dict | None = None,
        classes: Any = None,
    ) -> dict:
        """Return the fit parameters that hand this part to the learning step.

        ``stopping`` (an :class:`EarlyStopping`) says how the model takes
        it; ``transform`` is the fitted pipeline head it goes through first;
        ``fit_params`` are the learning step's other fit parameters and
        ``classes`` the sorted labels it is fitted on.
        """
        X = self.X if transform is None else transform(self.X)
        return stopping.eval_params(
            X, self.y, self.weight, fit_params=fit_params, classes=classes
        )


# Fit parameters through which a user hands an estimator its validation data
# (scikit-learn; XGBoost, LightGBM and CatBoost; LightGBM 4.7).
_VALIDATION_PARAMS = ("X_val", "eval_set", "eval_X")


def given_validation(fit_params: dict) -> bool:
    """Whether the user passed validation data (it is never resampled).

    ``X_val`` (scikit-learn), ``eval_set`` (the three boosting libraries) or
    ``eval_X`` (LightGBM 4.7), also under a pipeline step's prefix
    (``"model__eval_set"``); a value of None is no validation data.
    """
    return any(
        value is not None and key.rpartition("__")[2] in _VALIDATION_PARAMS
        for key, value in fit_params.items()
    )
