"""The undefined-metric policy.

Every metric of :mod:`imbsafe.metrics` follows one rule: when it is
mathematically undefined it returns ``undefined`` (NaN by default) with a
:class:`~sklearn.exceptions.UndefinedMetricWarning`, ``undefined="raise"``
raises :class:`ValueError`, and a number takes NaN's place. The metric names
live in :mod:`imbsafe._utils._names`.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.exceptions import UndefinedMetricWarning

from .._utils._names import METRIC_NAMES
from .._utils._stack import user_stacklevel

__all__ = [
    "check_metric_names",
    "check_undefined",
    "policy_value",
    "requested",
    "resolve",
    "warn_or_raise",
]


def check_metric_names(value: Any, owner: str, known: Any = None) -> list[str]:
    """Return the metric names ``value`` holds (a name or a sequence of them).

    ``owner`` names the parameter in errors ("EpochMetrics(metrics=...)");
    ``known`` defaults to every binary metric name. A callable or anything that is
    not names is a TypeError; an unknown or empty list of names, a ValueError.
    """
    known = METRIC_NAMES if known is None else known
    if callable(value) or not isinstance(value, str | Sequence):
        raise TypeError(
            f"{owner} takes metric names, a string or a list of them from "
            f"{list(known)}, not a {type(value).__name__}: every metric is "
            "computed from one set of predictions."
        )
    names = [value] if isinstance(value, str) else list(value)
    unknown = [m for m in names if m not in known]
    if not names or unknown:
        raise ValueError(
            f"{owner} got unknown metric(s) {unknown}; choose from {list(known)}."
        )
    return names


def check_undefined(undefined: Any, name: str = "undefined") -> None:
    """Refuse a value that is neither a number nor ``"raise"``.

    ``name`` is the parameter it was given as (``undefined``, ``error_score``).
    """
    number = isinstance(undefined, int | float | np.number) and not isinstance(
        undefined, bool
    )
    if not (number or (isinstance(undefined, str) and undefined == "raise")):
        raise ValueError(f"{name} must be a number or 'raise', got {undefined!r}.")


def warn_or_raise(reasons: dict, undefined: Any) -> None:
    """Apply the policy's voice to undefined metrics (name -> why): one warning."""
    if not reasons:
        return
    detail = "; ".join(f"{name}: {why}" for name, why in reasons.items())
    if undefined == "raise":
        raise ValueError(f"Undefined metric(s) — {detail}.")
    warnings.warn(
        f"Undefined metric(s) set to {undefined} — {detail}.",
        UndefinedMetricWarning,
        stacklevel=user_stacklevel(),
    )


def requested(reasons: dict, names: Any) -> dict:
    """Keep the reasons that concern ``names``: a metric, or one of its classes.

    A caller that reports some metrics applies the policy to those alone: a
    metric nobody asked for being undefined is not worth a warning.
    """
    return {
        name: why for name, why in reasons.items() if name.split("[", 1)[0] in names
    }


def resolve(values: dict, reasons: dict, undefined: Any) -> dict:
    """Warn or raise for the metrics named in ``reasons``, then substitute them.

    A reason may name a part of a metric (``"f1[2]"``, one class of a macro
    average): it is told, and ``values`` has nothing of that name to replace.
    """
    warn_or_raise(reasons, undefined)
    for name in reasons.keys() & values.keys():
        values[name] = float(undefined)
    return values


def policy_value(name: str, value: float, why: str, undefined: Any) -> float:
    """One metric's value under the policy: itself, or ``undefined`` if NaN."""
    reasons = {name: why} if math.isnan(value) else {}
    return resolve({name: value}, reasons, undefined)[name]
