"""The remedies of :func:`~imbsafe.compare_remedies`: the line-up and its plans.

A remedy spec (None, a sampler, an estimator, ``"class_weight"``,
``"threshold"`` or ``(remedy, "threshold")``) becomes a :class:`Plan`: the
estimator fitted on each training fold, whether its threshold is tuned, and
the key of the fits it shares. A remedy and its ``"+threshold"`` variant share
their fits when their base is the same: both nothing, both
``"class_weight"``, or the same sampler or estimator object (the default
line-up passes one SMOTE to ``"smote"`` and ``"smote+threshold"``). Equal but
distinct objects are fitted apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sklearn.base import clone, is_classifier
from sklearn.calibration import CalibratedClassifierCV
from sklearn.model_selection import StratifiedKFold

from .._fit._boosting import balanced_description, stops_on_eval_set
from .._fit._weights import BalancedSampleWeight, BalancedSetting
from .._fit._wrapper import ResampledClassifier
from .._resample._sampling import is_sampler, named_sampler

__all__ = [
    "BASELINE",
    "CALIBRATION",
    "CLASS_WEIGHT",
    "PRIOR",
    "THRESHOLD",
    "Plan",
    "balanced_words",
    "default_remedies",
    "plans",
]

THRESHOLD = "threshold"
CALIBRATION = "calibration"
CLASS_WEIGHT = "class_weight"
BASELINE = "none"
# the suffix of a resampling remedy scored with its probabilities corrected
PRIOR = "+prior"


def default_remedies(random_state: Any = None) -> dict[str, Any]:
    """Return the default line-up: nothing, weights, samplers, a tuned threshold."""
    smote = named_sampler("smote", random_state)  # one object: fits are shared
    return {
        BASELINE: None,
        CLASS_WEIGHT: CLASS_WEIGHT,
        "ros": named_sampler("ros", random_state),
        "rus": named_sampler("rus", random_state),
        "smote": smote,
        THRESHOLD: THRESHOLD,
        "smote+threshold": (smote, THRESHOLD),
    }


def named_remedies(random_state: Any = None) -> dict[str, Any]:
    """Return every remedy known by name: the default line-up and the opt-ins.

    ``"smote+calibration"`` (SMOTE, then a sigmoid recalibration fitted on
    inner folds of each training fold, rows the model was not fitted on) is
    named, not run by default: it costs five fits per fold.
    """
    line_up = default_remedies(random_state)
    return {**line_up, "smote+calibration": (line_up["smote"], CALIBRATION)}


@dataclass(frozen=True)
class Plan:
    """How one remedy is fitted: its base estimator, tuned or not, and its key.

    Remedies with the same ``key`` share their fits (the first one named).
    ``setting`` names what ``"class_weight"`` set on this estimator (empty for
    the other remedies).
    """

    key: str
    base: Any
    tuned: bool
    setting: str = ""


def plans(estimator: Any, remedies: Any, random_state: Any) -> dict[str, Plan]:
    """Name -> plan for every remedy, ``"none"`` first when it was not named."""
    if not is_classifier(estimator):
        raise TypeError(
            f"compare_remedies needs a classifier, got {type(estimator).__name__}."
        )
    chosen = _chosen(remedies, random_state)
    if BASELINE not in chosen:
        chosen = {BASELINE: None, **chosen}
    out: dict[str, Plan] = {}
    owners: dict[Any, str] = {}
    for name, spec in chosen.items():
        tuned = calibrated = False
        if isinstance(spec, tuple):
            if len(spec) != 2 or spec[1] not in (THRESHOLD, CALIBRATION):
                raise ValueError(
                    f"remedy {name!r}: a tuple must be (remedy, 'threshold') or "
                    f"(remedy, 'calibration'), got {spec!r}."
                )
            spec, tuned = spec[0], spec[1] == THRESHOLD
            calibrated = not tuned
        elif isinstance(spec, str) and spec == THRESHOLD:
            spec, tuned = None, True
        base = _base(estimator, spec, name)
        # the same base, the same fits: nothing, a string, or one object
        same = spec if spec is None or isinstance(spec, str) else ("object", id(spec))
        if calibrated:
            # recalibrated on inner folds of the training fold: the model's
            # own rows never fit the calibration
            inner = StratifiedKFold(5, shuffle=True, random_state=random_state)
            base = CalibratedClassifierCV(base, method="sigmoid", cv=inner)
            same = (CALIBRATION, same)
        setting = balanced_words(estimator) if spec == CLASS_WEIGHT else ""
        out[name] = Plan(owners.setdefault(same, name), base, tuned, setting)
    return out


def _chosen(remedies: Any, random_state: Any) -> dict[str, Any]:
    """Name -> remedy from a dict, or from names of the default line-up."""
    if remedies is None:
        return default_remedies(random_state)
    defaults = named_remedies(random_state)
    if isinstance(remedies, Mapping):
        if not all(isinstance(k, str) for k in remedies):
            raise TypeError("remedies must map names (str) to remedies.")
        return dict(remedies)
    names = [remedies] if isinstance(remedies, str) else remedies
    try:
        names = list(names)
    except TypeError:
        names = None
    if names is None or not all(isinstance(n, str) for n in names):
        raise TypeError(
            "remedies must be a dict of name -> remedy, or a list of names from "
            f"{list(defaults)}; got {type(remedies).__name__}."
        )
    unknown = [n for n in names if n not in defaults]
    if unknown:
        raise ValueError(
            f"unknown remedy name(s) {unknown}; the names are {list(defaults)}, or "
            "pass a dict of name -> remedy (a sampler, an estimator, "
            "'class_weight', 'threshold', None, (remedy, 'threshold') or "
            "(remedy, 'calibration'))."
        )
    return {name: defaults[name] for name in names}


def _base(estimator: Any, spec: Any, name: str) -> Any:
    if spec is None:
        if stops_on_eval_set(estimator):
            # the untouched evaluation part every sampler remedy gets too
            return ResampledClassifier(estimator, None)
        return clone(estimator)
    if isinstance(spec, str):
        if spec != CLASS_WEIGHT:
            raise ValueError(
                f"remedy {name!r}: unknown string {spec!r}; use 'class_weight', "
                "'threshold', a sampler, an estimator, None or (remedy, 'threshold')."
            )
        return _balanced(estimator)
    if is_sampler(spec):
        return ResampledClassifier(estimator, spec)
    if hasattr(spec, "fit") and hasattr(spec, "predict"):
        if stops_on_eval_set(spec):
            return ResampledClassifier(spec, None)
        return clone(spec)
    raise TypeError(
        f"remedy {name!r}: {type(spec).__name__} is neither a sampler nor an "
        "estimator; use 'class_weight', 'threshold', a sampler, an estimator, None "
        "or (remedy, 'threshold')."
    )


def balanced_words(estimator: Any) -> str:
    """Words naming what the ``"class_weight"`` remedy sets on ``estimator``."""
    own = balanced_description(estimator)
    if own is not None:
        return own
    params = estimator.get_params()
    steps = getattr(estimator, "steps", None)
    if "class_weight" in params or (
        steps and f"{steps[-1][0]}__class_weight" in params
    ):
        return "class_weight='balanced'"
    return "balanced sample_weight"


def _balanced(estimator: Any) -> Any:
    """Give the estimator its library's own balanced setting, or the usual one.

    XGBoost, LightGBM and CatBoost their own (counted on each training fold);
    else ``class_weight="balanced"``, else balanced sample weights.
    """
    if balanced_description(estimator) is not None:
        # XGBoost, LightGBM, CatBoost: counted on each training fold
        return BalancedSetting(estimator)
    params = estimator.get_params()
    if "class_weight" in params:
        return clone(estimator).set_params(class_weight="balanced")
    steps = getattr(estimator, "steps", None)
    if steps:
        last = f"{steps[-1][0]}__class_weight"
        if last in params:
            return clone(estimator).set_params(**{last: "balanced"})
    return BalancedSampleWeight(estimator)
