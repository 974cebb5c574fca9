"""What imbsafe needs to know about XGBoost, LightGBM and CatBoost.

The three libraries early-stop on an evaluation set passed to ``fit``, and
each has its own class-imbalance setting. They are optional (the ``[boost]``
extra): everything here reads a model's class module and ``get_params()``,
and never imports a library unless a model of it is already in hand.

Which parameters each library reads (checked against XGBoost 3.2, LightGBM
4.7 and CatBoost 1.2):

* XGBoost: ``early_stopping_rounds`` (a constructor parameter since 1.6,
  the only place since 2.0) or an ``xgboost.callback.EarlyStopping`` in
  ``callbacks``; without an ``eval_set`` both raise "Must have at least 1
  validation dataset for early stopping".
* LightGBM: ``early_stopping_round`` and its aliases ``early_stopping_rounds``,
  ``early_stopping`` and ``n_iter_no_change`` (a whole number above 0), or an
  ``lightgbm.early_stopping()`` callback passed to ``fit(callbacks=...)``.
  A callback given to the constructor is silently ignored by LightGBM 4.7
  (it trains every round), so it is not early stopping. LightGBM 4.7
  deprecates ``fit(eval_set=...)`` for ``eval_X``/``eval_y``.
* CatBoost: ``early_stopping_rounds`` (constructor or ``fit``), ``od_wait``
  or ``od_type="Iter"`` (the Iter detector; 20 rounds when ``od_wait`` is not
  set), or ``od_pval`` above 0 (the IncToDec detector;
  ``od_type="IncToDec"`` without ``od_pval`` never stops). Without an
  evaluation set CatBoost trains every round without a word, unless
  ``eval_fraction`` makes it carve one from the rows ``fit`` receives.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._utils._meta import learner_path, model_of
from ._stopping import EarlyStopping

__all__ = [
    "EVAL_FRACTION",
    "BoostingEarlyStopping",
    "EvalSetStopping",
    "balanced_description",
    "balanced_setting",
    "best_rounds",
    "boosting_early_stopping",
    "eval_set_stopping",
    "library_of",
    "stops_on_eval_set",
]

# The share of the training rows ResampledClassifier splits off, untouched,
# as the evaluation set of a library that early-stops on one (its
# ``eval_fraction``; CatBoost's own ``eval_fraction`` is read where set).
EVAL_FRACTION = 0.1

_LIBRARIES = {"xgboost": "XGBoost", "lightgbm": "LightGBM", "catboost": "CatBoost"}
# LightGBM reads the first of these it finds, in this order (its
# _ConfigAliases.get_sorted): the main name first
_LGBM_ROUNDS = (
    "early_stopping_round",
    "early_stopping",
    "n_iter_no_change",
    "early_stopping_rounds",
)
# CatBoost's feature kinds: an evaluation Pool needs the same as the train Pool
_CATBOOST_KINDS = ("cat_features", "text_features", "embedding_features")


def library_of(model: Any) -> str | None:
    """Return "XGBoost", "LightGBM" or "CatBoost" for a model of theirs, else None.

    Read from the modules of the class and its bases, so the library is never
    imported here.
    """
    for klass in type(model).__mro__:  # a user's subclass is theirs too
        library = _LIBRARIES.get(klass.__module__.partition(".")[0])
        if library is not None:
            return library
    return None


@dataclass(frozen=True)
class BoostingEarlyStopping:
    """A boosting model's early stopping, and how to hand it an evaluation set.

    Attributes
    ----------
    library : str
        ``"XGBoost"``, ``"LightGBM"`` or ``"CatBoost"``.
    setting : str
        The setting as the user wrote it, e.g. ``"early_stopping_rounds=10"``.
    own_split : str or None
        A setting with which the library carves its evaluation set from the
        rows ``fit`` receives (CatBoost's ``eval_fraction``): behind a
        sampler those are resampled rows. :meth:`model_params` turns it off.
    features : dict
        CatBoost's ``cat_features``, ``text_features`` and
        ``embedding_features`` set on the model (an evaluation ``Pool`` must
        say the same).
    eval_xy : bool
        LightGBM's ``fit`` takes ``eval_X``/``eval_y`` (4.7 deprecates
        ``eval_set``).
    """

    library: str
    setting: str
    own_split: str | None = None
    features: dict = field(default_factory=dict)
    eval_xy: bool = False

    def eval_params(
        self,
        X_val: Any,
        y_val: Any,
        weight_val: Any = None,
        *,
        fit_params: Mapping[str, Any] | None = None,
        classes: Any = None,
    ) -> dict:
        """Return the fit keyword arguments that make (X_val, y_val) the eval set.

        Parameters
        ----------
        X_val, y_val : array-like
            The untouched rows, as the model itself receives them (through a
            pipeline's fitted steps when it is a pipeline's last step).
        weight_val : array-like, default=None
            Their sample weights: XGBoost ``sample_weight_eval_set``,
            LightGBM ``eval_sample_weight``, CatBoost a ``Pool`` with weights.
        fit_params : dict, default=None
            The other fit parameters of the model: CatBoost's
            ``cat_features`` given to ``fit`` go into its ``Pool`` too, and a
            ``verbose`` there is left to XGBoost.
        classes : array-like, default=None
            The sorted labels the model is fitted on. LightGBM's ``eval_y``
            gets their codes, as the model encodes its ``y``: LightGBM 4.7
            encodes ``eval_set`` but hands ``eval_y`` on as it is (string
            labels fail, other numbers score the wrong classes; LightGBM
            issue 7400).

        Returns
        -------
        params : dict
            XGBoost ``eval_set=[(X_val, y_val)]`` and ``verbose=False`` (it
            prints every round by default); LightGBM ``eval_X``, ``eval_y``
            (``eval_set`` before 4.7); CatBoost ``eval_set=(X_val, y_val)``
            or a ``Pool``.
        """
        if self.library == "XGBoost":
            params = {"eval_set": [(X_val, y_val)]}
            if weight_val is not None:
                params["sample_weight_eval_set"] = [weight_val]
            if "verbose" not in (fit_params or {}):
                # XGBoost prints every round of an eval set the user never passed
                params["verbose"] = False
            return params
        if self.library == "LightGBM":
            if self.eval_xy:
                if classes is not None:
                    y_val = np.searchsorted(np.asarray(classes), np.asarray(y_val))
                params = {"eval_X": (X_val,), "eval_y": (y_val,)}
            else:
                params = {"eval_set": [(X_val, y_val)]}
            if weight_val is not None:
                params["eval_sample_weight"] = [weight_val]
            return params
        if weight_val is None:
            return {"eval_set": (X_val, y_val)}
        from catboost import Pool  # a CatBoost model is in hand: it is installed

        kinds = dict(self.features)
        kinds.update(
            {k: v for k, v in (fit_params or {}).items() if k in _CATBOOST_KINDS}
        )
        kinds = {k: v for k, v in kinds.items() if v is not None}
        return {"eval_set": Pool(X_val, y_val, weight=weight_val, **kinds)}

    def model_params(self) -> dict:
        """Return what to set on the model so that it takes the given eval set.

        CatBoost refuses ``eval_set`` beside ``eval_fraction`` (and does not
        take None for it): ``eval_fraction=0.0`` turns its own split off.
        """
        return {"eval_fraction": 0.0} if self.own_split else {}


def boosting_early_stopping(
    model: Any, *, fit_params: Mapping[str, Any] | None = None
) -> BoostingEarlyStopping | None:
    """Return how an XGBoost, LightGBM or CatBoost model early-stops, or None.

    Parameters
    ----------
    model : estimator
        The model itself (a pipeline's last step).
    fit_params : dict, default=None
        The parameters ``fit`` will receive: LightGBM takes its
        ``early_stopping()`` callback there, CatBoost its
        ``early_stopping_rounds`` too. Unprefixed (the model's own).

    Returns
    -------
    early_stopping : BoostingEarlyStopping or None
        None for any other model, and for one that does not early-stop.
    """
    library = library_of(model)
    if library is None or not hasattr(model, "get_params"):
        return None
    params = model.get_params(deep=False)
    fit_params = dict(fit_params or {})
    if library == "XGBoost":
        setting = _xgboost(params)
    elif library == "LightGBM":
        setting = _lightgbm(params, fit_params)
    else:
        setting = _catboost(params, fit_params)
    if setting is None:
        return None
    own_split = None
    features: dict = {}
    if library == "CatBoost":
        fraction = params.get("eval_fraction")
        if fraction:
            own_split = f"eval_fraction={fraction!r}"
        features = {k: params[k] for k in _CATBOOST_KINDS if params.get(k) is not None}
    # the library's own fit (a user's subclass may take **kwargs)
    eval_xy = library == "LightGBM" and any(
        "eval_X" in inspect.signature(klass.fit).parameters
        for klass in type(model).__mro__
        if klass.__module__.startswith("lightgbm") and "fit" in vars(klass)
    )
    return BoostingEarlyStopping(library, setting, own_split, features, eval_xy)


def stops_on_eval_set(estimator: Any) -> bool:
    """Whether ``estimator`` (or a pipeline's last step) early-stops on an eval set.

    Such a fit needs an evaluation set; :class:`~imbsafe.ResampledClassifier`
    splits an untouched one off the rows it is given, with or without a
    sampler.
    """
    return boosting_early_stopping(model_of(estimator)) is not None


def _xgboost(params: dict) -> str | None:
    rounds = params.get("early_stopping_rounds")
    if rounds:
        return f"early_stopping_rounds={rounds!r}"
    for callback in params.get("callbacks") or ():
        if type(callback).__name__ == "EarlyStopping":
            return f"callbacks=[EarlyStopping(rounds={callback.rounds!r})]"
    return None


def _lightgbm(params: dict, fit_params: dict) -> str | None:
    for name in _LGBM_ROUNDS:
        if name in params:
            # the first one found is the one LightGBM reads (None, 0: no stop)
            rounds = params[name]
            if isinstance(rounds, (int, np.integer)) and rounds > 0:
                return f"{name}={rounds!r}"
            break
    for callback in fit_params.get("callbacks") or ():
        if type(callback).__name__ == "_EarlyStoppingCallback" and getattr(
            callback, "enabled", True
        ):
            rounds = getattr(callback, "stopping_rounds", "?")
            return f"callbacks=[early_stopping({rounds})]"
    return None


def _catboost(params: dict, fit_params: dict) -> str | None:
    for where in (fit_params, params):
        rounds = where.get("early_stopping_rounds")
        if rounds:
            return f"early_stopping_rounds={rounds!r}"
    if params.get("od_wait"):
        return f"od_wait={params['od_wait']!r}"
    if params.get("od_type") == "Iter":
        return "od_type='Iter'"
    if params.get("od_pval"):
        return f"od_pval={params['od_pval']!r}"
    return None


def balanced_setting(model: Any, y: Any) -> tuple[dict, str] | None:
    """Return the library's own balanced class setting for training labels y.

    XGBoost and LightGBM, binary: ``scale_pos_weight`` = negatives per
    positive (the positive class is the larger label, as both libraries
    encode them). LightGBM with more classes: ``class_weight="balanced"``.
    CatBoost: ``auto_class_weights="Balanced"``. A pipeline's last step is
    read, and the parameter names carry its prefix.

    Parameters
    ----------
    model : estimator
        An XGBoost, LightGBM or CatBoost classifier, or a pipeline ending
        in one.
    y : array-like
        The labels of the rows it is about to be fitted on (one training
        fold), never the whole data set.

    Returns
    -------
    setting : (dict, str) or None
        The parameters to set, and words naming what was set; None when the
        model is none of these (or XGBoost with more than two classes, where
        balanced sample weights are the equivalent).
    """
    prefix, last = learner_path(model), model_of(model)
    library = library_of(last)
    if library is None:
        return None
    params = last.get_params(deep=False)
    if library == "CatBoost":
        taken = [k for k in ("class_weights", "scale_pos_weight") if params.get(k)]
        if taken:
            raise ValueError(
                f"CatBoostClassifier({taken[0]}=...) already weighs the classes, and "
                "CatBoost refuses auto_class_weights beside it: leave "
                f"{taken[0]} out of the model to compare the balanced setting."
            )
        return {f"{prefix}auto_class_weights": "Balanced"}, (
            "auto_class_weights='Balanced'"
        )
    labels, counts = np.unique(np.asarray(y), return_counts=True)
    if labels.shape[0] > 2:
        if library == "XGBoost":
            return None
        return {f"{prefix}class_weight": "balanced"}, "class_weight='balanced'"
    if labels.shape[0] < 2:
        raise ValueError(
            f"the balanced setting needs both classes in the training rows, got "
            f"only {labels.tolist()}."
        )
    ratio = float(counts[0] / counts[1])
    out: dict[str, Any] = {f"{prefix}scale_pos_weight": ratio}
    if library == "LightGBM":
        # LightGBM refuses is_unbalance beside scale_pos_weight; class_weight
        # would weigh the classes a second time
        out[f"{prefix}class_weight"] = None
        if params.get("is_unbalance"):
            out[f"{prefix}is_unbalance"] = False
    return out, f"scale_pos_weight={ratio:.6g} (negatives per positive)"


def balanced_description(model: Any) -> str | None:
    """Words naming :func:`balanced_setting` before the labels are known."""
    model = model_of(model)
    library = library_of(model)
    if library is None:
        return None
    if library == "CatBoost":
        return "CatBoost's auto_class_weights='Balanced'"
    return (
        f"{library}'s scale_pos_weight = negatives per positive of each training fold"
    )


def best_rounds(model: Any) -> int | None:
    """Boosting rounds a fitted early-stopped model keeps (its best, counted from 1).

    XGBoost's ``best_iteration`` and CatBoost's ``get_best_iteration()`` count
    from 0, LightGBM's ``best_iteration_`` from 1 (0 when it did not early
    stop); None when the model has no best iteration.
    """
    library = library_of(model)
    if library == "XGBoost":
        try:
            return int(model.best_iteration) + 1
        except AttributeError:  # raised when early stopping was not used
            return None
    if library == "LightGBM":
        best = int(getattr(model, "best_iteration_", 0) or 0)
        return best or None
    if library == "CatBoost":
        best = model.get_best_iteration()
        return None if best is None else int(best) + 1
    return None


@dataclass(frozen=True)
class EvalSetStopping(EarlyStopping):
    """Early stopping on an evaluation set given to ``fit``, as the fit plan reads it.

    The record :class:`~imbsafe._fit._stopping.EarlyStopping` with the library's
    own way of taking the evaluation set (:class:`BoostingEarlyStopping`).
    """

    found: BoostingEarlyStopping | None = None

    def eval_params(
        self,
        X_val: Any,
        y_val: np.ndarray,
        weight_val: np.ndarray | None = None,
        *,
        fit_params: dict | None = None,
        classes: Any = None,
    ) -> dict:
        """Return the fit parameters that make the part the evaluation set."""
        return self.found.eval_params(
            X_val, y_val, weight_val, fit_params=fit_params, classes=classes
        )


def eval_set_stopping(
    model: Any, fit_params: Mapping[str, Any] | None, fraction: float
) -> EvalSetStopping | None:
    """Return how an XGBoost, LightGBM or CatBoost model early-stops, for the plan.

    ``fraction`` of the rows is split off for it (CatBoost's own
    ``eval_fraction`` where set, which is then turned off: the part is handed
    to it instead). Too few rows to split turn the setting off where it is a
    parameter of the model; a callback cannot be turned off, so it stays and
    the library says that it has no evaluation set.
    """
    found = boosting_early_stopping(model, fit_params=fit_params)
    if found is None:
        return None
    own = model.get_params(deep=False).get("eval_fraction") if found.own_split else None
    name, _, _ = found.setting.partition("=")
    off = () if name == "callbacks" else ((name, None),)
    return EvalSetStopping(
        outside=True,
        fraction=float(own) if own else fraction,
        setting=found.setting,
        off=off,
        settle=tuple(found.model_params().items()),
        fraction_name=(
            "CatBoost's eval_fraction" if own else "ResampledClassifier's eval_fraction"
        ),
        found=found,
    )
